//! The fuzz targets' inputs as tests, as rust-lang/regex keeps its `tests/fuzz`: every seed
//! input (`fuzz/seeds/<target>/`) and every crash input (`fuzz/regressions/<target>/`) runs
//! through what its target runs, so the code the fuzzers explore is exercised by `cargo test`
//! and a crash once found stays fixed.
//!
//! A crash input is kept as `fuzz/regressions/<target>/<what-it-broke>` and gets a named test
//! below that runs it, with a comment on its cause; the fuzz README says how. None has been
//! found so far, so there is no named test yet. Each `run_*` mirrors `fuzz/fuzz_targets/<target>.rs`; keep them in step.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use coursemap_extract::normalise::classify::{TermMatcher, focus, kind};
use coursemap_index::Vocabulary;
use coursemap_index::query::ParsedQuery;
use coursemap_index::reading::{expand_synonyms, read_facet_words};
use coursemap_records::{Record, StudyMode};
use coursemap_verification::{Sheet, plan_import};

/// What a target runs on one input.
type Run = fn(&[u8]);

/// Every target and what it runs on one input.
const TARGETS: &[(&str, Run)] = &[
    ("awards", run_awards),
    ("classify", run_classify),
    ("cost", run_cost),
    ("decoded", run_decoded),
    ("delivery", run_delivery),
    ("entry", run_entry),
    ("extract", run_extract),
    ("index_query", run_index_query),
    ("length", run_length),
    ("realtext", run_realtext),
    ("seeds_providers", run_seeds_providers),
    ("verification_sheet", run_verification_sheet),
    ("xcri", run_xcri),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the directory does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

#[test]
fn every_target_has_a_source_and_seeds() {
    for (target, _) in TARGETS {
        let source = fuzz_dir().join("fuzz_targets").join(format!("{target}.rs"));
        assert!(source.is_file(), "{} missing", source.display());
        // realtext is seeded from the held-out texts by fuzz/seed-corpus.sh.
        if *target != "realtext" {
            assert!(!inputs("seeds", target).is_empty(), "no seeds for {target}");
        }
    }
    let declared = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    assert_eq!(declared.matches("[[bin]]").count(), TARGETS.len(), "a target without a test here");
}

#[test]
fn every_seed_and_crash_input_runs_clean() {
    let mut ran = 0;
    for (target, run) in TARGETS {
        let mut paths = inputs("seeds", target);
        paths.extend(inputs("regressions", target));
        if *target == "extract" {
            // The extractor's test pages seed `extract` where they are kept (seed-corpus.sh).
            let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/extract/tests/data");
            let html = std::fs::read_dir(&pages).expect("crates/extract/tests/data");
            paths.extend(
                html.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "html")),
            );
        }
        for path in paths {
            let data = std::fs::read(&path).expect("input readable");
            run(&data);
            ran += 1;
        }
    }
    assert!(ran >= 100, "only {ran} inputs");
}

fn run_awards(data: &[u8]) {
    let _ = coursemap_extract::normalise::awards::parse(&String::from_utf8_lossy(data));
}

fn run_classify(data: &[u8]) {
    static MATCHER: LazyLock<TermMatcher> = LazyLock::new(|| {
        let terms: Vec<String> =
            coursemap_extract::DEFAULT_TERMS.iter().map(|t| t.to_string()).collect();
        TermMatcher::new(&terms)
    });
    let text = String::from_utf8_lossy(data);
    let matched = MATCHER.matches(&text);
    let _ = focus(&text, &text, &matched);
    let _ = kind(&text, text.len().is_multiple_of(2), &text);
}

fn run_cost(data: &[u8]) {
    let _ = coursemap_extract::normalise::cost::parse(&String::from_utf8_lossy(data));
}

fn run_decoded(data: &[u8]) {
    let body = coursemap_pages::decode_body(data, None);
    let _ = coursemap_extract::extract("https://fuzz.example/course", &body, Some("text/html"));
    let _ =
        coursemap_extract::extract("https://fuzz.example/feed.xml", &body, Some("application/xml"));
}

fn run_delivery(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = coursemap_extract::normalise::delivery::parse(&text);
    let _ = coursemap_extract::normalise::delivery::from_prose(&text);
}

fn run_entry(data: &[u8]) {
    let _ = coursemap_extract::normalise::entry::parse(&String::from_utf8_lossy(data));
}

fn run_extract(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let _ = coursemap_extract::extract("https://fuzz.example/course", &body, Some("text/html"));
}

fn run_index_query(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = ParsedQuery::parse(text) {
        assert_eq!(ParsedQuery::parse(text).ok(), Some(parsed.clone()), "parsing is deterministic");
        if let Ok(vocabulary) = Vocabulary::built_in() {
            let typed = parsed.clauses.len();
            let (read, _filters) = read_facet_words(parsed, vocabulary);
            let expanded = expand_synonyms(read, vocabulary);
            assert!(expanded.clauses.len() <= typed, "reading invented clauses for {text:?}");
        }
    }
}

fn run_length(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for mode in [None, Some(StudyMode::FullTime), Some(StudyMode::PartTime)] {
        if let Some(l) = coursemap_extract::normalise::length::parse(&text, mode) {
            for r in [l.full_time_months, l.part_time_months].into_iter().flatten() {
                assert!(r.min.is_none_or(|m| m <= r.max), "{r:?} from {text:?}");
            }
        }
    }
}

fn run_realtext(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let html = coursemap_extract::eval::realtext::as_html(text.lines().next(), &text);
    let _ = coursemap_extract::extract("https://fuzz.example/course", &html, Some("text/html"));
}

fn run_seeds_providers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(providers) = coursemap_seeds::parse_providers(text, Path::new("fuzz/providers.toml"))
    {
        for provider in &providers {
            for url in &provider.start_urls {
                assert!(provider.in_scope(url), "{url} accepted off its hosts");
            }
        }
    }
    let _ = coursemap_seeds::parse_terms(text, Path::new("fuzz/terms.txt"));
}

fn run_verification_sheet(data: &[u8]) {
    static RECORDS: LazyLock<Vec<Record>> = LazyLock::new(|| {
        include_str!("../crates/verification/tests/data/catalogue.jsonl")
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sheet.csv");
    std::fs::write(&path, data).expect("write the sheet");
    if let Ok(sheet) = Sheet::read(&path) {
        let _ = plan_import(&RECORDS, &[sheet], &[]);
    }
}

fn run_xcri(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let _ =
        coursemap_extract::extract("https://fuzz.example/feed.xml", &body, Some("application/xml"));
}
