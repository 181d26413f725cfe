//! The crawl's WARC archive: `warcio check` accepts every file, every page entry's and every
//! record's `archived` pointer opens the capture of its own page, and `export --cdxj` indexes
//! the captures at their real offsets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use coursemap_catalogue::CatalogueDir;
use coursemap_pages::PageStore;
use coursemap_records::{Archived, Source};
use coursemap_warc::{WarcRecord, read_record_at, read_records, warc_files};

use crate::fixture::{coursemap, fixture};

/// Runs `warcio check` on `files` and asserts it accepts them. Where warcio is not installed
/// the check is skipped with the reason printed, except in CI (`CI` set), which installs it
/// and so must not pass without it. Returns whether warcio ran.
pub fn assert_warcio_accepts(files: &[PathBuf]) -> bool {
    assert!(!files.is_empty(), "no WARC files to check");
    let output = match Command::new("warcio").arg("check").arg("-v").args(files).output() {
        Ok(output) => output,
        Err(err) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "warcio is not installed ({err}); CI installs it (pip install warcio)"
            );
            println!("SKIPPED warcio check: warcio is not installed ({err}); pip install warcio");
            return false;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "warcio check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // warcio prints a line per record with -v: it read them all, and no digest failed.
    assert!(stdout.contains("digest pass"), "{stdout}");
    assert!(!stdout.contains("digest failed"), "{stdout}");
    true
}

/// The record a pointer names, read from the catalogue's archive.
pub fn open_capture(catalogue: &CatalogueDir, archived: &Archived) -> WarcRecord {
    let path = catalogue.warc().join(&archived.warc_file);
    let record = read_record_at(&path, archived.warc_offset)
        .unwrap_or_else(|err| panic!("{archived:?} does not open: {err}"));
    assert_eq!(record.record_id(), archived.warc_record_id, "{archived:?}");
    record
}

/// Every page entry with a pointer opens a `response` whose target is the entry's final URL
/// (a 304's entry keeps the capture it revalidated). Returns the entries' pointers by the
/// final URL, and how many entries had one.
pub fn assert_entries_point_at_their_captures(catalogue: &CatalogueDir) -> usize {
    let scan = PageStore::scan_dir(catalogue.pages()).expect("page store scans");
    let mut pointed = 0;
    for page in &scan.pages {
        let Some(archived) = &page.entry.archived else { continue };
        let record = open_capture(catalogue, archived);
        assert_eq!(record.kind(), "response", "{}", page.entry.url);
        assert_eq!(record.target_uri(), Some(page.entry.final_url.as_str()));
        let http = record.http_response().expect("an HTTP response");
        assert_eq!(http.status, page.entry.status, "{}", page.entry.url);
        if let Some(hash) = &page.entry.body_sha256 {
            assert_eq!(&coursemap_files::sha256_hex(http.payload), hash, "{}", page.entry.url);
        }
        pointed += 1;
    }
    pointed
}

fn canonical(url: &str) -> String {
    url::Url::parse(url)
        .map(|url| coursemap_urlcanon::canonicalize(&url).to_string())
        .unwrap_or_else(|_| url.to_owned())
}

#[test]
fn every_capture_passes_warcio_and_every_pointer_opens_its_page() {
    let fixture = fixture();
    let catalogue = &fixture.catalogue;
    let files = warc_files(&catalogue.warc()).expect("WARC files listed");
    assert_warcio_accepts(&files);

    // Every response the crawler received is there with its request.
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for file in &files {
        for record in read_records(file).expect("whole records") {
            *kinds.entry(record.kind().to_owned()).or_default() += 1;
        }
    }
    assert_eq!(kinds.get("warcinfo"), Some(&files.len()), "{kinds:?}");
    assert_eq!(kinds.get("request"), kinds.get("response"), "{kinds:?}");
    let entries = assert_entries_point_at_their_captures(catalogue);
    let requests: usize = fixture.crawl.hosts.values().map(|host| host.requests).sum();
    assert!(entries > 100, "{entries} entries with a capture");
    // Robots, sitemaps, redirects and refused requests are archived too; failed connections
    // (no response) are not.
    assert!(kinds["response"] > entries && kinds["response"] <= requests, "{kinds:?} {requests}");

    // Every record points at the capture of its own URL; a feed's courses at the feed.
    let mut from_feeds = 0;
    for record in &fixture.records {
        let archived =
            record.archived.as_ref().unwrap_or_else(|| panic!("{} unarchived", record.id));
        let capture = open_capture(catalogue, archived);
        assert_eq!(capture.kind(), "response", "{}", record.id);
        let target = capture.target_uri().expect("a target");
        if canonical(target) != canonical(&record.url) {
            let from_feed = record.evidence.values().any(|e| e.source == Source::XcriCap);
            assert!(from_feed, "{} ({}) points at {target}", record.id, record.url);
            let http = capture.http_response().expect("HTTP");
            let mime = http.header("content-type").unwrap_or_default();
            assert!(mime.contains("xml"), "{} points at {target} ({mime})", record.id);
            from_feeds += 1;
        }
    }
    println!("{} records, {from_feeds} of them a feed's courses", fixture.records.len());
}

#[test]
fn cdxj_export_indexes_every_capture_at_its_offset() {
    let catalogue = &fixture().catalogue;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("captures.cdxj");
    let output = coursemap()
        .args(["export", "--catalogue"])
        .arg(catalogue.root())
        .arg("--cdxj")
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(&path).expect("written");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "sorted for binary search");
    let mut responses = 0;
    for line in &lines {
        let mut parts = line.splitn(3, ' ');
        let (surt, stamp, json) = (parts.next(), parts.next(), parts.next());
        let json: serde_json::Value =
            serde_json::from_str(json.expect("a JSON block")).expect("JSON parses");
        let stamp = stamp.expect("a timestamp");
        assert!(stamp.len() == 14 && stamp.bytes().all(|b| b.is_ascii_digit()), "{line}");
        let file = json["filename"].as_str().expect("filename");
        let offset: u64 = json["offset"].as_str().and_then(|o| o.parse().ok()).expect("offset");
        let record = read_record_at(&catalogue.warc().join(file), offset).expect("opens");
        assert_eq!(record.target_uri(), json["url"].as_str(), "{line}");
        assert_eq!(json["length"], record.member_len.to_string(), "{line}");
        assert_eq!(surt, Some(coursemap_warc::surt(record.target_uri().unwrap_or("")).as_str()));
        responses += usize::from(record.kind() == "response");
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("wrote {} captures", lines.len())), "{stdout}");
    assert_eq!(responses, lines.len(), "a first crawl has no revisits");
    // A page's line points at the capture its entry names.
    let scan = PageStore::scan_dir(catalogue.pages()).expect("scans");
    let archived = scan.pages.iter().find_map(|p| p.entry.archived.clone()).expect("a pointer");
    let needle = format!("\"offset\":\"{}\"", archived.warc_offset);
    assert!(
        lines.iter().any(|l| l.contains(&needle) && l.contains(&archived.warc_file)),
        "{archived:?}"
    );
}

/// The WARC files of `dir`, each read whole: what a finished (or resumed) crawl leaves.
pub fn whole_warc_files(dir: &Path) -> Vec<PathBuf> {
    let files = warc_files(dir).expect("listed");
    for file in &files {
        read_records(file).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
    }
    files
}
