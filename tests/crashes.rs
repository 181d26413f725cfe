//! `coursemap crawl` and `coursemap build` killed with SIGKILL again and again, each time
//! followed by a resume: the end state equals an uninterrupted run's, no file is ever left
//! half written (the WARC archive at most torn at its end, and cut on resume), and no page
//! stored before a kill is requested again.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use coursemap_catalogue::CatalogueDir;
use coursemap_index::CatalogueIndex;
use coursemap_pages::PageStore;
use coursemap_sampleweb::Edition;

use crate::fixture::{
    coursemap, crawl_args, fixture, host_and_path, runtime, start_web, stored_urls,
};

/// Kills aimed at the crawl; it may finish before all of them land.
const CRAWL_KILLS: usize = 12;
/// Kills in all: the builds make up whatever the crawl did not take.
const KILLS: usize = 22;

/// A small xorshift generator: the kill points vary from run to run, and the printed seed
/// replays a failure.
struct KillPoints(u64);

impl KillPoints {
    fn from_clock() -> Self {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        println!("kill points seed: {nanos}");
        KillPoints(nanos | 1)
    }

    /// A wait in `[low, high)` milliseconds.
    fn between(&mut self, low: u64, high: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(low + self.0 % (high - low))
    }
}

/// Runs `command` for `wait`, then SIGKILLs it. False when it had already finished.
fn kill_after(mut command: Command, wait: Duration) -> bool {
    let mut child: Child =
        command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("starts");
    std::thread::sleep(wait);
    let finished = child.try_wait().expect("status").is_some();
    if !finished {
        child.kill().expect("SIGKILL");
    }
    child.wait().expect("reaped");
    !finished
}

#[test]
fn crawl_and_build_killed_again_and_again_end_as_an_uninterrupted_run() {
    let reference = &fixture().catalogue;
    let web = runtime().block_on(start_web(Edition::Report2014));
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = CatalogueDir::new(dir.path().join("catalogue"));
    let args = crawl_args(&web, catalogue.root(), dir.path());
    let crawl = |resume: bool| {
        let mut command = coursemap();
        command.args(&args);
        if resume {
            command.arg("--resume");
        }
        command
    };
    let build = || {
        let mut command = coursemap();
        command.arg("build").arg("--catalogue").arg(catalogue.root());
        command
    };
    let mut points = KillPoints::from_clock();

    // The crawl: killed, resumed and killed again, then left to finish.
    let mut kills: Vec<(Instant, BTreeSet<(String, String)>)> = Vec::new();
    for _ in 0..CRAWL_KILLS {
        if !kill_after(crawl(!kills.is_empty()), points.between(300, 1_500)) {
            break;
        }
        let stored = stored_urls(&catalogue.pages()).iter().map(|u| host_and_path(u)).collect();
        kills.push((Instant::now(), stored));
        assert_nothing_half_written(&catalogue);
    }
    assert!(kills.len() >= CRAWL_KILLS / 2, "only {} crawl kills landed", kills.len());
    let status = crawl(true).stdout(Stdio::null()).stderr(Stdio::null()).status().expect("runs");
    assert!(status.success(), "the last resume finishes");
    let log = web.access_log();
    runtime().block_on(web.shutdown());

    assert_eq!(stored_bodies(&catalogue.pages()), stored_bodies(&reference.pages()));
    // The archive came through whole: every file reads to its end (a torn tail was cut on
    // resume), warcio accepts it, and every stored page's pointer opens its capture.
    let files = crate::warc::whole_warc_files(&catalogue.warc());
    crate::warc::assert_warcio_accepts(&files);
    let pages = PageStore::scan_dir(catalogue.pages()).expect("scans").pages;
    let archived = crate::warc::assert_entries_point_at_their_captures(&catalogue);
    assert_eq!(archived, pages.iter().filter(|p| p.entry.archived.is_some()).count());
    assert_eq!(archived, pages.len(), "every page crawled by the killed runs has a capture");
    for (killed_at, stored) in &kills {
        for entry in log.iter().filter(|e| e.instant > *killed_at && e.method == "GET") {
            let page = (entry.host.clone(), entry.path.clone());
            assert!(!stored.contains(&page), "{}{} stored, then fetched again", page.0, page.1);
        }
    }

    // The build: the first one killed at random points, over and over, then left to finish.
    let mut build_kills = 0;
    for attempt in 0.. {
        if kills.len() + build_kills >= KILLS {
            break;
        }
        assert!(attempt < 200, "builds kept finishing before the kill: {build_kills} kills");
        if kill_after(build(), points.between(20, 700)) {
            build_kills += 1;
            assert_nothing_half_written(&catalogue);
        }
    }
    let status = build().stdout(Stdio::null()).stderr(Stdio::null()).status().expect("runs");
    assert!(status.success(), "the last build finishes");
    assert_nothing_half_written(&catalogue);
    println!("{} crawl kills and {build_kills} build kills", kills.len());

    assert_eq!(records_without_fetch_times(&catalogue), records_without_fetch_times(reference));
    let index = CatalogueIndex::open(&catalogue.search_index()).expect("index opens");
    let reference_index = CatalogueIndex::open(&reference.search_index()).expect("index opens");
    let ids = |index: &CatalogueIndex| -> Vec<String> {
        index.all().expect("all records").into_iter().map(|r| r.id).collect()
    };
    assert_eq!(ids(&index), ids(&reference_index));
    assert_no_leftovers(catalogue.root());
}

/// Every file a reader opens is whole: the records file and the crawl state parse, the page
/// index has at most a torn last line (cut on the next open) and every body matches its
/// hash, and the search index, when there is one, opens.
fn assert_nothing_half_written(catalogue: &CatalogueDir) {
    if catalogue.records().exists() {
        let (_, bad) = coursemap_records::read_jsonl(&catalogue.records()).expect("records read");
        assert!(bad.is_empty(), "records file half written: {bad:?}");
    }
    for json in [catalogue.crawl_state().join("state.json"), catalogue.crawl_summary()] {
        if let Ok(bytes) = std::fs::read(&json) {
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
            assert!(parsed.is_ok(), "{} half written", json.display());
        }
    }
    if catalogue.pages().exists() {
        let scan = PageStore::scan_dir(catalogue.pages()).expect("page store scans");
        assert!(scan.corrupt.len() <= 1, "page index: {:?}", scan.corrupt);
        for page in &scan.pages {
            if let Some(hash) = &page.entry.body_sha256 {
                let body = page.body().expect("body readable");
                assert_eq!(&coursemap_files::sha256_hex(&body), hash, "{}", page.entry.url);
            }
        }
    }
    if catalogue.search_index().exists() {
        CatalogueIndex::open(&catalogue.search_index()).expect("the index opens");
    }
    // Every WARC file but the last is whole; the last may end in one torn member, which the
    // next open cuts. Every entry written points at a whole capture: it was archived first.
    let files = coursemap_warc::warc_files(&catalogue.warc()).expect("listed");
    if let Some((_, whole)) = files.split_last() {
        for file in whole {
            coursemap_warc::read_records(file).expect("an earlier WARC file is whole");
        }
    }
    crate::warc::assert_entries_point_at_their_captures(catalogue);
}

/// Each stored URL with the hash of its body: the page store's content, fetch times aside.
fn stored_bodies(pages: &Path) -> std::collections::BTreeMap<String, Option<String>> {
    let scan = PageStore::scan_dir(pages).expect("page store scans");
    assert!(scan.corrupt.is_empty(), "{:?}", scan.corrupt);
    scan.pages.into_iter().map(|page| (page.entry.url, page.entry.body_sha256)).collect()
}

/// The records as JSON values in file order, without `fetched_at` and `archived` (the two
/// crawls fetched at different times, into different archives).
fn records_without_fetch_times(catalogue: &CatalogueDir) -> Vec<serde_json::Value> {
    let (records, bad) = coursemap_records::read_jsonl(&catalogue.records()).expect("records");
    assert!(bad.is_empty(), "{bad:?}");
    records
        .into_iter()
        .map(|record| {
            let mut value = serde_json::to_value(record).expect("record serialises");
            if let Some(object) = value.as_object_mut() {
                object.remove("fetched_at");
                object.remove("archived");
            }
            value
        })
        .collect()
}

/// No temporary file or directory of a killed writer is left anywhere in the catalogue.
fn assert_no_leftovers(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("list").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            !(name.ends_with(".tmp") || name.contains(".building-") || name.contains(".old-")),
            "left over: {}",
            entry.path().display()
        );
        if entry.path().is_dir() {
            assert_no_leftovers(&entry.path());
        }
    }
}
