//! The page store against a real directory: append, read back, survive a torn write.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use coursemap_pages::{PageEntry, PageStore, Validators};

fn entry(url: &str, second: u32) -> PageEntry {
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, second).single().expect("valid time");
    let mut entry = PageEntry::new(url, 200, at);
    entry.content_type = Some("text/html; charset=utf-8".to_owned());
    entry.headers = vec![
        ("content-type".to_owned(), "text/html; charset=utf-8".to_owned()),
        ("etag".to_owned(), format!("\"v{second}\"")),
    ];
    entry
}

#[test]
fn latest_entry_per_url_wins_and_bodies_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = PageStore::open(dir.path()).expect("open");
    store.append(entry("https://www.uwl.ac.uk/a", 1), b"<p>first</p>").expect("append");
    store.append(entry("https://www.uwl.ac.uk/b", 2), "<p>Zürich</p>".as_bytes()).expect("append");
    store.append(entry("https://www.uwl.ac.uk/a", 3), b"<p>second</p>").expect("append");
    drop(store);

    let store = PageStore::open(dir.path()).expect("reopen");
    let pages = store.pages().expect("pages");
    let urls: Vec<_> = pages.iter().map(|p| p.entry.url.as_str()).collect();
    assert_eq!(urls, ["https://www.uwl.ac.uk/a", "https://www.uwl.ac.uk/b"]);
    assert_eq!(pages[0].body().expect("body"), b"<p>second</p>");
    assert_eq!(pages[0].entry.fetched_at.to_rfc3339(), "2026-11-22T10:00:03+00:00");
    assert_eq!(pages[1].text().expect("text"), "<p>Zürich</p>");
    assert_eq!(
        pages[1].entry.body_sha256.as_deref(),
        Some(coursemap_files::sha256_hex("<p>Zürich</p>".as_bytes()).as_str())
    );
    assert_eq!(
        store.validators("https://www.uwl.ac.uk/a").expect("readable"),
        Some(Validators { etag: Some("\"v3\"".to_owned()), last_modified: None })
    );
    assert_eq!(store.validators("https://www.uwl.ac.uk/never").expect("readable"), None);
}

/// A store in `dir` holding one page, `/a`, with `tail` written after it in the index, as a
/// killed or broken writer leaves it; returns the index's path.
fn store_with_index_tail(dir: &Path, tail: &[u8]) -> PathBuf {
    let mut store = PageStore::open(dir).expect("open");
    store.append(entry("https://www.uwl.ac.uk/a", 1), b"a").expect("append");
    drop(store);
    let index = dir.join("index.jsonl");
    let mut file = OpenOptions::new().append(true).open(&index).expect("open index");
    file.write_all(tail).expect("write");
    index
}

#[test]
fn torn_last_line_is_reported_then_cut_on_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    // What a kill -9 in the middle of an append leaves behind.
    let index =
        store_with_index_tail(dir.path(), br#"{"url":"https://www.uwl.ac.uk/b","final_url":"#);

    // A reader that does not write (extract) sees it reported, naming file and line.
    let scan = PageStore::scan_dir(dir.path()).expect("read-only scan");
    assert_eq!(scan.pages.len(), 1);
    assert_eq!(scan.corrupt.len(), 1, "{:?}", scan.corrupt);
    assert_eq!(scan.corrupt[0].line, 2);
    assert!(scan.corrupt[0].reason.contains("torn last line"), "{}", scan.corrupt[0]);
    let store = PageStore::open(dir.path()).expect("reopen");
    // Opening for writing cut the torn line off, so appends continue cleanly.
    assert!(fs::read_to_string(&index).expect("read").ends_with('\n'));
    let scan = store.scan().expect("scan");
    assert_eq!(scan.pages.len(), 1);
    assert!(scan.corrupt.is_empty(), "{:?}", scan.corrupt);
}

#[test]
fn corrupt_lines_name_file_and_line_and_the_rest_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = PageStore::open(dir.path()).expect("open");
    store.append(entry("https://www.uwl.ac.uk/a", 1), b"a").expect("append");
    let index = dir.path().join("index.jsonl");
    let mut file = OpenOptions::new().append(true).open(&index).expect("open index");
    file.write_all(b"{not json}\n").expect("write");
    file.write_all(br#"{"url":"https://www.uwl.ac.uk/c""#).expect("write torn tail");
    drop(file);
    store.append_metadata(PageEntry::new("https://www.uwl.ac.uk/x.pdf", 200, Utc::now())).ok();

    let scan = store.scan().expect("scan");
    let lines: Vec<_> = scan.corrupt.iter().map(|c| c.line).collect();
    // Line 2 is not JSON; line 3 is the torn fragment our append ran into.
    assert_eq!(lines, [2, 3], "{:?}", scan.corrupt);
    assert!(scan.corrupt[0].to_string().contains("index.jsonl:2:"), "{}", scan.corrupt[0]);
    assert_eq!(scan.pages.len(), 1);
}

#[test]
fn not_modified_reuses_the_body_and_gone_pages_have_no_validators() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = PageStore::open(dir.path()).expect("open");
    store.append(entry("https://www.uwl.ac.uk/a", 1), b"<p>same</p>").expect("append");
    let mut again = store.latest("https://www.uwl.ac.uk/a").expect("readable").expect("stored");
    again.fetched_at = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).single().expect("valid time");
    store.append_metadata(again).expect("revalidated");
    let page = store.page("https://www.uwl.ac.uk/a").expect("readable").expect("page");
    assert_eq!(page.body().expect("body"), b"<p>same</p>");
    assert_eq!(page.entry.fetched_at.to_rfc3339(), "2026-12-01T00:00:00+00:00");

    let mut gone = PageEntry::new("https://www.uwl.ac.uk/a", 410, Utc::now());
    gone.gone = true;
    store.append_metadata(gone).expect("gone");
    assert_eq!(store.validators("https://www.uwl.ac.uk/a").expect("readable"), None);
    assert!(
        store.page("https://www.uwl.ac.uk/a").expect("readable").expect("page").body().is_err()
    );

    let mut dangling = PageEntry::new("https://www.uwl.ac.uk/z", 200, Utc::now());
    dangling.body_sha256 = Some("00".repeat(32));
    assert!(store.append_metadata(dangling).is_err());
}

#[test]
fn damaged_body_file_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = PageStore::open(dir.path()).expect("open");
    store.append(entry("https://www.uwl.ac.uk/a", 1), b"<p>original</p>").expect("append");
    let hash =
        store.latest("https://www.uwl.ac.uk/a").expect("readable").and_then(|e| e.body_sha256);
    let hash = hash.expect("hash");
    fs::write(dir.path().join("bodies").join(&hash[..2]).join(&hash), b"tampered").expect("write");
    let page = store.page("https://www.uwl.ac.uk/a").expect("readable").expect("page");
    let err = page.body().expect_err("mismatch");
    assert!(err.to_string().contains("does not match its hash"), "{err}");
}

/// Entries are read back from the index by where their line is: after a reopen, past blank
/// and unreadable lines, and for lines appended since.
#[test]
fn entries_read_back_from_the_index_after_reopen_and_appends() {
    let dir = tempfile::tempdir().expect("tempdir");
    store_with_index_tail(dir.path(), b"\n{not json}\n\n");
    let mut store = PageStore::open(dir.path()).expect("reopen");
    store.append(entry("https://www.uwl.ac.uk/b", 2), b"b").expect("append");
    let mut gone = PageEntry::new("https://www.uwl.ac.uk/c", 410, Utc::now());
    gone.gone = true;
    gone.crawl_run = Some("run-2".to_owned());
    store.append_metadata(gone).expect("gone");
    for (url, second) in [("https://www.uwl.ac.uk/a", 1), ("https://www.uwl.ac.uk/b", 2)] {
        let read = store.latest(url).expect("readable").expect("stored");
        assert_eq!(read.fetched_at.timestamp() % 60, second, "{url}");
        assert_eq!(read.validators().etag, Some(format!("\"v{second}\"")), "{url}");
    }
    let fetch = store.latest_fetch("https://www.uwl.ac.uk/c").expect("known");
    assert_eq!((fetch.crawl_run, fetch.gone, fetch.body_kept), (Some("run-2"), true, false));
    let fetch = store.latest_fetch("https://www.uwl.ac.uk/b").expect("known");
    assert_eq!((fetch.crawl_run, fetch.gone, fetch.body_kept), (None, false, true));
    assert!(store.latest_fetch("https://www.uwl.ac.uk/never").is_none());
}
