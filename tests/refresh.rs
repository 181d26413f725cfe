//! A second crawl of a changed web, and what the catalogue says changed.

use coursemap_sampleweb::Edition;

use crate::fixture::{build, copy_of_fixture, crawl_into, runtime, start_web};

/// After the web changes (one course removed, one fee changed, one course added), a crawl and
/// build show exactly those three changes.
#[test]
fn diff_shows_what_changed_on_the_web() {
    let (_dir, catalogue) = copy_of_fixture();
    let web = runtime().block_on(start_web(Edition::Changed));
    runtime().block_on(crawl_into(&catalogue, &web, false));
    runtime().block_on(web.shutdown());
    build(&catalogue);

    let old_path = catalogue.latest_snapshot().expect("the previous build is a snapshot");
    let old = coursemap_records::read_jsonl(&old_path).expect("snapshot").0;
    let new = coursemap_records::read_jsonl(&catalogue.records()).expect("records").0;
    let diff = coursemap_records::diff(&old, &new);
    assert_eq!(diff.added.len(), 1, "{diff}");
    assert_eq!(diff.removed.len(), 1, "{diff}");
    assert_eq!(diff.changed.len(), 1, "{diff}");
    let changed = &diff.changed[0];
    assert!(
        changed.fields.iter().all(|field| field.field.starts_with("cost")),
        "only the fee changed: {diff}"
    );

    // The answer key of the changed edition agrees on which courses those are.
    let truth_old = coursemap_sampleweb::truth_for(Edition::Report2014).expect("truth");
    let truth_new = coursemap_sampleweb::truth_for(Edition::Changed).expect("truth");
    let want = coursemap_records::diff(&truth_old, &truth_new);
    assert_eq!(diff.added[0].id, want.added[0].id);
    assert_eq!(diff.removed[0].id, want.removed[0].id);
    assert_eq!(changed.id, want.changed[0].id);
}
