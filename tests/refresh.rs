//! A second crawl of a changed web, and what the catalogue says changed.

use std::path::Path;

use coursemap_catalogue::CatalogueDir;
use coursemap_sampleweb::Edition;

use crate::fixture::{build, crawl_into, fixture, runtime, start_web};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The fixture's catalogue copied to a new directory, so a test can crawl on top of it.
fn copy_of_fixture() -> (tempfile::TempDir, CatalogueDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(fixture().catalogue.root(), &dir.path().join("catalogue"));
    let catalogue = CatalogueDir::new(dir.path().join("catalogue"));
    (dir, catalogue)
}

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
