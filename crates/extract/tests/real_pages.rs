//! Extraction measured on real pages nobody on this project wrote: `../shared/real-pages`
//! (read in place; a notice when absent, a failure when `COURSEMAP_REQUIRE_SHARED=1`) and the
//! project's own held-out page texts in `tests/data/realtext-holdout/`.

use std::path::{Path, PathBuf};

use coursemap_extract::eval::realtext::{self, NonCourse};
use coursemap_extract::eval::{Report, parse_labels};
use coursemap_records::Kind;

fn real_pages() -> Option<PathBuf> {
    coursemap_shared_material::dir("real-pages", "real-page tests")
}

/// Extracts every labelled page text of `files` as `coursemap eval` does.
fn text_report(files: &[PathBuf], non_course: NonCourse) -> Report {
    let mut report = Report::default();
    for file in files {
        let text = std::fs::read_to_string(file).expect("labelled texts readable");
        for page in realtext::parse_pages(&text).expect("labelled texts parse") {
            let html = realtext::as_html(page.label.title.as_deref(), &page.text);
            let (records, _) = coursemap_extract::extract(&page.url, &html, None);
            report.add_text(&page, &records, non_course);
        }
    }
    report
}

/// The goal on the development set, now met (95.2% overall, every field at 90% or
/// more): a change that loses ground on real text fails here, and `coursemap eval` lists the
/// pages it got wrong.
const REALTEXT_FLOOR: f64 = 0.95;
const REALTEXT_FIELD_FLOOR: f64 = 0.90;

#[test]
fn real_text_from_many_providers_meets_the_floor() {
    let Some(dir) = real_pages() else { return };
    let report = text_report(&[dir.join("realtext/dev.jsonl")], NonCourse::ScoreFields);
    println!("{report}");
    assert_eq!(report.pages.len(), 100);
    assert!(report.overall() >= REALTEXT_FLOOR, "overall {:.3}\n{report}", report.overall());
    let below = report.fields_below(REALTEXT_FIELD_FLOOR);
    assert!(below.is_empty(), "fields below the floor: {below:?}\n{report}");
    // Every page that describes a course gives a record (the one page labelled `other`, a
    // fee policy for a whole catalogue, owes none).
    assert_eq!(report.course_pages_without_record(), 0, "\n{report}");
}

/// Each held-out file with the floor under its last measured accuracy (the README beside them
/// says when each was labelled and which extraction was later tuned against).
const HOLDOUT_FLOORS: &[(&str, f64)] = &[
    ("blind.jsonl", 0.76),
    ("blind2.jsonl", 0.80),
    ("entry-delivery.jsonl", 0.79),
    ("fresh.jsonl", 0.86),
    ("nhs-cpd-fellowships.jsonl", 0.87),
    ("universities.jsonl", 0.89),
];

#[test]
fn held_out_real_texts_meet_the_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/realtext-holdout");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("held-out texts are in the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let listed: Vec<&str> = HOLDOUT_FLOORS.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, listed, "every held-out file has a floor");
    let (mut pages, mut non_course, mut gave_none) = (0, 0, 0);
    for (name, floor) in HOLDOUT_FLOORS {
        let report = text_report(&[dir.join(name)], NonCourse::ExpectNoRecord);
        println!("{name}\n{report}");
        assert!(report.overall() >= *floor, "{name}: overall {:.3}\n{report}", report.overall());
        pages += report.pages.len();
        gave_none += report.non_course.0;
        non_course += report.non_course.1;
    }
    assert!(pages >= 120, "course pages: {pages}");
    // Pages describing no course (news about several courses, a fee table, an FAQ) give none:
    // at least half of them do today (11 of 20); a course-like news post is the usual miss.
    assert!(non_course >= 20);
    assert!(gave_none * 2 >= non_course, "{gave_none} of {non_course} gave none");
}

/// Real UK module-catalogue pages saved as UTF-16 with a byte-order mark while declaring
/// UTF-8 or ISO-8859-1 inside: the mark wins, module pages are modules, listings are none.
#[test]
fn utf16_pages_decode_by_their_byte_order_mark() {
    let Some(dir) = real_pages() else { return };
    let dir = dir.join("utf16");
    let mut modules = 0;
    for name in [
        "ucl-test.html",
        "udurham-testD.html",
        "uglasgow-t.html",
        "uglasgow-t2.html",
        "ushef-test.html",
        "uyork-res.html",
    ] {
        let bytes = std::fs::read(dir.join(name)).expect("page readable");
        assert!(bytes.starts_with(&[0xFF, 0xFE]), "{name} is UTF-16LE with a BOM");
        let body = coursemap_pages::decode_body(&bytes, Some("text/html; charset=utf-8"));
        assert!(!body.contains('\u{FFFD}'), "{name}: replacement characters");
        assert!(
            body.contains("<html") || body.contains("<HTML") || body.contains("<head"),
            "{name}"
        );
        let (records, _) =
            coursemap_extract::extract(&format!("https://example.ac.uk/{name}"), &body, None);
        match name {
            "uglasgow-t.html" => {
                let r = records.first().expect("Glasgow's course page is a record");
                assert_eq!(r.kind, Kind::Module, "{r:?}");
                assert_eq!(r.fheq_levels, Some(vec![6]), "SCQF 10 is FHEQ 6");
                modules += 1;
            }
            "udurham-testD.html" => {
                let r = records.first().expect("Durham's module page is a record");
                assert_eq!(r.kind, Kind::Module, "{r:?}");
                // A "Postgraduate Module Handbook" numbers its own levels: its "Level 4" is
                // postgraduate, FHEQ 7.
                assert_eq!(r.fheq_levels, Some(vec![7]), "{r:?}");
                modules += 1;
            }
            listing => assert!(records.is_empty(), "{listing} is a listing: {records:?}"),
        }
    }
    assert_eq!(modules, 2);
}

#[test]
fn findamasters_accuracy_meets_the_goals() {
    let Some(dir) = real_pages() else { return };
    let fam = dir.join("findamasters");
    let labels =
        parse_labels(&std::fs::read_to_string(fam.join("labels.jsonl")).expect("labels readable"))
            .expect("labels parse");
    assert_eq!(labels.len(), 20);
    let mut report = Report::default();
    for label in &labels {
        let bytes = std::fs::read(fam.join(&label.file)).expect("page readable");
        let body = String::from_utf8_lossy(&bytes);
        let (records, _warnings) = coursemap_extract::extract(&label.url, &body, Some("text/html"));
        report.add(label, &records);
    }
    println!("{report}");
    // The goal: still every field of every page right.
    assert_eq!(report.overall(), 1.0, "\n{report}");
}

/// Counts `course` elements by scanning the raw XML, independently of the extractor's parser.
fn count_course_elements(xml: &str) -> usize {
    let mut count = 0;
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String =
            rest.chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
        let local = name.rsplit(':').next().unwrap_or(&name);
        if local == "course" {
            count += 1;
        }
    }
    count
}

#[test]
fn every_xcri_feed_course_becomes_one_record() {
    let Some(dir) = real_pages() else { return };
    let mut feeds = 0;
    for entry in std::fs::read_dir(dir.join("xcri-cap")).expect("xcri-cap dir") {
        let path = entry.expect("dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("xml") {
            continue;
        }
        let xml = std::fs::read_to_string(&path).expect("feed readable");
        let expected = count_course_elements(&xml);
        let url = format!(
            "https://feeds.example/{}",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("feed")
        );
        let (records, warnings) = coursemap_extract::extract(&url, &xml, Some("application/xml"));
        println!("{}: {} courses in the XML, {} records", path.display(), expected, records.len());
        assert!(expected > 0, "{}", path.display());
        assert_eq!(records.len(), expected, "{}: {warnings:?}", path.display());
        let mut ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), records.len(), "ids are distinct");
        assert!(records.iter().all(|r| !r.title.is_empty()));
        feeds += 1;
    }
    assert_eq!(feeds, 2);
}

#[test]
fn xcri_feeds_fill_the_report_fields() {
    let Some(dir) = real_pages() else { return };
    let xml = std::fs::read_to_string(dir.join("xcri-cap/ou-example.xml")).expect("feed");
    let (records, _) = coursemap_extract::extract("https://www.open.ac.uk/feed.xml", &xml, None);
    let fiction = records.iter().find(|r| r.title == "Start writing fiction").expect("a174");
    assert_eq!(fiction.fheq_levels, Some(vec![4]), "SCQF 7 is FHEQ 4");
    assert_eq!(fiction.delivery, Some(coursemap_records::Delivery::Distance));
    assert_eq!(fiction.entry.requires, Some(vec![]));
    assert_eq!(fiction.cost.fees[0].amount, 155.0);
    assert_eq!(fiction.provider.as_deref(), Some("The Open University"));
    let history = records.iter().find(|r| r.title == "BA (Honours) History").expect("B01");
    assert_eq!(history.awards, Some(vec!["BA".to_string()]));
    assert_eq!(history.fheq_levels, Some(vec![6]));

    let xml = std::fs::read_to_string(dir.join("xcri-cap/oxford-conted.xml")).expect("feed");
    let (records, _) =
        coursemap_extract::extract("https://www.conted.ox.ac.uk/feed.xml", &xml, None);
    let field = records.iter().find(|r| r.title.starts_with("Field Techniques")).expect("F850-1");
    assert_eq!(field.delivery, Some(coursemap_records::Delivery::ELearning));
    let day =
        records.iter().find(|r| r.title == "Riverine Ecology and Management").expect("D447-48");
    assert!(day.length.short, "a one-day school is short: {:?}", day.length);
}
