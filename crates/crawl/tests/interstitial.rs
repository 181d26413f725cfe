//! Real bot-challenge, soft-404 and course pages (`tests/data/interstitial/`, sources in its
//! README) judged by `recognise`: each directory is a label.

use std::path::Path;

use coursemap_crawl::{Interstitial, recognise};

/// Every file of one label, with its bytes.
fn pages(label: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/interstitial").join(label);
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let bytes = std::fs::read(&path).expect("test page readable");
            (path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), bytes)
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no {label} pages");
    pages
}

#[test]
fn challenge_pages_are_challenges_as_served_and_with_a_200() {
    for (name, body) in pages("challenge") {
        for status in [403, 503, 200] {
            let found = recognise(status, &[], Some("text/html; charset=UTF-8"), &body);
            if status == 200 && name.starts_with("akamai") {
                // Akamai's block page only ever comes as a 403; its markers are entity-encoded.
                continue;
            }
            assert!(
                matches!(found, Some(Interstitial::Challenge { .. })),
                "{name} with {status}: {found:?}"
            );
        }
    }
}

#[test]
fn soft_404_pages_are_not_found() {
    for (name, body) in pages("soft_404") {
        let found = recognise(200, &[], Some("text/html"), &body);
        assert!(matches!(found, Some(Interstitial::SoftNotFound { .. })), "{name}: {found:?}");
    }
}

#[test]
fn course_pages_with_tempting_words_are_pages() {
    for (name, body) in pages("page") {
        assert_eq!(recognise(200, &[], Some("text/html"), &body), None, "{name}");
    }
}
