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

    // The refresh's 304s are revisits naming the capture they revalidated, and every page
    // still points at a response that holds its body.
    let files = crate::warc::whole_warc_files(&catalogue.warc());
    crate::warc::assert_warcio_accepts(&files);
    let records: Vec<_> =
        files.iter().flat_map(|f| coursemap_warc::read_records(f).expect("whole")).collect();
    let responses: std::collections::HashMap<&str, &coursemap_warc::WarcRecord> =
        records.iter().filter(|r| r.kind() == "response").map(|r| (r.record_id(), r)).collect();
    let revisits: Vec<_> = records.iter().filter(|r| r.kind() == "revisit").collect();
    assert!(revisits.len() > 100, "{} revisits", revisits.len());
    for revisit in &revisits {
        assert_eq!(revisit.http_response().map(|h| h.status), Some(304));
        let original = revisit.header("WARC-Refers-To").expect("names its capture");
        let original = responses.get(original).expect("the capture is in the archive");
        assert_eq!(revisit.header("WARC-Refers-To-Target-URI"), original.target_uri());
        assert_eq!(revisit.header("WARC-Payload-Digest"), original.header("WARC-Payload-Digest"));
    }
    assert!(crate::warc::assert_entries_point_at_their_captures(&catalogue) > 100);
}
