//! Damaged state: a corrupt crawl state, page store entry or records line is named with its
//! file and position and the rest stays usable; a full disk fails a build or a crawl cleanly,
//! leaving what was there intact.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use coursemap_catalogue::CatalogueDir;
use coursemap_sampleweb::Edition;

use crate::fixture::{copy_of_fixture, coursemap, crawl_args, runtime, start_web};

fn run(args: &[&str], catalogue: &CatalogueDir) -> Output {
    coursemap().args(args).arg("--catalogue").arg(catalogue.root()).output().expect("runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn record_ids(catalogue: &CatalogueDir) -> BTreeSet<String> {
    let (records, bad) =
        coursemap_records::read_jsonl(&catalogue.records()).expect("records file reads");
    assert!(bad.is_empty(), "{bad:?}");
    records.into_iter().map(|record| record.id).collect()
}

/// Replaces line `number` (1-based) of `path` with `with`.
fn replace_line(path: &Path, number: usize, with: &str) -> String {
    let text = std::fs::read_to_string(path).expect("read");
    let mut lines: Vec<&str> = text.lines().collect();
    let old = lines[number - 1].to_owned();
    lines[number - 1] = with;
    std::fs::write(path, lines.join("\n") + "\n").expect("write");
    old
}

#[test]
fn a_truncated_crawl_state_is_named_and_the_pages_stay_usable() {
    let (_dir, catalogue) = copy_of_fixture();
    let state = catalogue.crawl_state().join("state.json");
    let bytes = std::fs::read(&state).expect("the fixture's crawl saved its state");
    std::fs::write(&state, &bytes[..bytes.len() / 2]).expect("truncate");

    // No --resolve and --resolved-only: even a crawl that got going would send nothing.
    let output = run(&["crawl", "--resume", "--resolved-only"], &catalogue);
    let message = text(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("state.json") && message.contains("at line 1 column"), "{message}");

    let before = record_ids(&catalogue);
    let output = run(&["build"], &catalogue);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(record_ids(&catalogue), before, "the pages build the same catalogue");
}

#[test]
fn a_corrupt_page_store_entry_is_named_and_every_other_page_is_built() {
    let (_dir, catalogue) = copy_of_fixture();
    let (records, _) = coursemap_records::read_jsonl(&catalogue.records()).expect("records");
    let before = record_ids(&catalogue);
    // A mid-file entry whose page gave exactly one record.
    let index = catalogue.pages().join("index.jsonl");
    let lines: Vec<String> =
        std::fs::read_to_string(&index).expect("index").lines().map(str::to_owned).collect();
    let (number, lost) = lines
        .iter()
        .enumerate()
        .skip(lines.len() / 3)
        .find_map(|(i, line)| {
            let entry: serde_json::Value = serde_json::from_str(line).ok()?;
            let url = entry["final_url"].as_str()?;
            let mut from_page = records.iter().filter(|r| r.url == url);
            let record = from_page.next()?;
            from_page.next().is_none().then(|| (i + 1, record.id.clone()))
        })
        .expect("a page with one record");
    replace_line(&index, number, r#"{"url": "https://www.uwl.ac.uk/courses/tr"#);

    let output = run(&["build"], &catalogue);
    let message = text(&output);
    assert!(output.status.success(), "{message}");
    assert!(message.contains(&format!("index.jsonl:{number}")), "{message}");
    let mut want = before;
    want.remove(&lost);
    assert_eq!(record_ids(&catalogue), want);
}

#[test]
fn a_corrupt_records_line_is_named_and_the_rest_is_exported() {
    let (dir, catalogue) = copy_of_fixture();
    let mut want = record_ids(&catalogue);
    let old = replace_line(&catalogue.records(), 3, r#"{"id": "half a rec"#);
    let lost: serde_json::Value = serde_json::from_str(&old).expect("the old line was JSON");
    want.remove(lost["id"].as_str().expect("an id"));

    let out = dir.path().join("search.ndjson");
    let output = coursemap()
        .args(["export", "--ndjson"])
        .arg(&out)
        .arg("--catalogue")
        .arg(catalogue.root())
        .output()
        .expect("runs");
    let message = text(&output);
    assert!(output.status.success(), "{message}");
    assert!(message.contains("records.jsonl:3"), "{message}");
    let exported: BTreeSet<String> = std::fs::read_to_string(&out)
        .expect("export written")
        .lines()
        .map(|line| {
            let doc: serde_json::Value = serde_json::from_str(line).expect("a JSON document");
            doc["id"].as_str().expect("an id").to_owned()
        })
        .collect();
    assert_eq!(exported, want);
}

/// The one error line of a failed command, checked to name each cause once: the error and
/// its causes are joined by ": ", and none of those parts is printed twice (the binary prints
/// anyhow's `{:#}`; a library error that also returned the cause it prints would repeat it).
fn error_line(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("coursemap: ")).collect();
    assert_eq!(lines.len(), 1, "one error line: {stderr}");
    let line = lines[0].to_owned();
    let parts: Vec<&str> = line.split(": ").collect();
    for (i, part) in parts.iter().enumerate() {
        assert!(!parts[..i].contains(part), "`{part}` printed twice: {line}");
    }
    line
}

fn assert_once(line: &str, causes: &[&str]) {
    for cause in causes {
        assert_eq!(line.matches(cause).count(), 1, "`{cause}` once: {line}");
    }
}

/// Three layers: the command's context, the server's error, the index's error.
#[test]
fn a_catalogue_without_an_index_is_one_line_naming_each_cause_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = CatalogueDir::new(dir.path());
    let output = coursemap()
        .args(["serve", "--addr", "127.0.0.1:0", "--catalogue"])
        .arg(catalogue.root())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let line = error_line(&output);
    assert_once(
        &line,
        &["starting the server for", "opening the catalogue index in", "no search index in"],
    );
    assert!(line.ends_with("run `coursemap build` to create it"), "{line}");
}

/// The command says what it was reading and what to do; the records file's error names it.
#[test]
fn a_catalogue_without_records_names_the_file_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.ndjson");
    for args in [vec!["tables"], vec!["export", "--ndjson", out.to_str().expect("UTF-8")]] {
        let output =
            coursemap().args(&args).arg("--catalogue").arg(dir.path()).output().expect("runs");
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", text(&output));
        let line = error_line(&output);
        assert_once(&line, &["records.jsonl", "run `coursemap build` first", "(os error 2)"]);
    }
}

/// A corrupt line in the overrides: the build, the catalogue and verification each add their
/// part, and the JSON parser's own message comes last, once.
#[test]
fn a_corrupt_overrides_line_is_one_line_naming_each_cause_once() {
    let (_dir, catalogue) = copy_of_fixture();
    std::fs::write(catalogue.overrides(), "{\"action\": \"verify\", \"id\n").expect("write");
    let output = run(&["build"], &catalogue);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let line = error_line(&output);
    assert_once(
        &line,
        &[
            "building the catalogue in",
            "verification overrides",
            "overrides.jsonl:1: not an override",
        ],
    );
    assert!(line.contains("EOF while parsing") || line.contains("at line 1 column"), "{line}");
}

/// `coursemap` with `args`, files limited to `kib` KiB, as a full disk would stop it.
/// SIGXFSZ is ignored (as a shell `trap` passes on through exec), so the write fails with
/// EFBIG instead of the signal killing the process.
fn on_a_full_disk(args: &[String], kib: u64) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"", kib * 2))
        .arg(env!("CARGO_BIN_EXE_coursemap"))
        .args(args)
        .current_dir(crate::fixture::repo_root())
        .env("RUST_LOG", "warn")
        .output()
        .expect("runs")
}

fn build_on_a_full_disk(catalogue: &CatalogueDir, kib: u64) -> Output {
    let root = catalogue.root().display().to_string();
    on_a_full_disk(&["build".to_owned(), "--catalogue".to_owned(), root], kib)
}

/// Each stored URL with its body hash and fetch time: everything a refresh may not lose.
fn page_store(catalogue: &CatalogueDir) -> Vec<(String, Option<String>, String)> {
    let scan = coursemap_pages::PageStore::scan_dir(catalogue.pages()).expect("store scans");
    assert!(scan.corrupt.is_empty(), "{:?}", scan.corrupt);
    scan.pages
        .into_iter()
        .map(|p| (p.entry.url, p.entry.body_sha256, p.entry.fetched_at.to_rfc3339()))
        .collect()
}

#[test]
fn a_build_on_a_full_disk_fails_cleanly_and_keeps_the_catalogue() {
    let (_dir, catalogue) = copy_of_fixture();
    let records_before = std::fs::read(catalogue.records()).expect("records");
    let ids_before = record_ids(&catalogue);
    // Smaller than the records file, so the build cannot write it.
    let limit_kib = records_before.len() as u64 / 1024 / 2;

    let output = build_on_a_full_disk(&catalogue, limit_kib);
    let message = text(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("File too large") || message.contains("No space"), "{message}");
    assert_once(&error_line(&output), &["building the catalogue in", "(os error"]);

    assert_eq!(std::fs::read(catalogue.records()).expect("records"), records_before);
    let index = coursemap_index::CatalogueIndex::open(&catalogue.search_index()).expect("opens");
    assert_eq!(index.len(), ids_before.len() as u64);
    // With room again, the same build succeeds.
    let output = run(&["build"], &catalogue);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(record_ids(&catalogue), ids_before);
}

#[test]
fn a_crawl_on_a_full_disk_fails_cleanly_and_keeps_every_page() {
    let (dir, catalogue) = copy_of_fixture();
    let before = page_store(&catalogue);
    let index_len = std::fs::metadata(catalogue.pages().join("index.jsonl")).expect("index").len();
    let web = runtime().block_on(start_web(Edition::Report2014));
    let args = crawl_args(&web, catalogue.root(), dir.path());

    // Smaller than the page index: the refresh cannot append a line to it.
    let output = on_a_full_disk(&args, index_len / 1024 / 2);
    runtime().block_on(web.shutdown());
    let message = text(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("File too large") || message.contains("No space"), "{message}");
    assert_eq!(page_store(&catalogue), before, "every page as it was");
    let output = run(&["build"], &catalogue);
    assert!(output.status.success(), "{}", text(&output));
}
