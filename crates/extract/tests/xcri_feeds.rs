//! XCRI-CAP feeds as institutions publish them: both versions of the format, HTML in text
//! elements, UTF-16, and every common kind of damage, each of which must cost at most the
//! courses it touches, with a warning naming its line.
//!
//! Synthetic feeds (realistic in shape) are in `tests/data/xcri/`; the real feeds in
//! `../shared/real-pages/xcri-cap/` are damaged at run time.

use std::path::{Path, PathBuf};

use coursemap_extract::{Warning, extract};
use coursemap_records::{Delivery, FeePer, Record, record_id};

const FEED: &str = "https://www.northfield.ac.uk/xcri/courses.xml";

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/xcri").join(name);
    std::fs::read_to_string(&path).expect("test feed readable")
}

fn read(name: &str) -> (Vec<Record>, Vec<Warning>) {
    extract(FEED, &data(name), Some("application/xml"))
}

fn titles(records: &[Record]) -> Vec<&str> {
    records.iter().map(|r| r.title.as_str()).collect()
}

fn messages(warnings: &[Warning]) -> Vec<&str> {
    warnings.iter().map(|w| w.message.as_str()).collect()
}

const V12_TITLES: [&str; 4] = [
    "MSc Quality Improvement in Healthcare",
    "PGCert Implementation Science",
    "Leading Change in Primary Care",
    "Patient Safety Fundamentals",
];

#[test]
fn xcri_cap_1_2_feed() {
    let (records, warnings) = read("v12.xml");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(titles(&records), V12_TITLES);
    let urls: Vec<&str> = records.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            // mlo:url, canonical (the tracking parameter dropped, as the crawler drops it).
            "http://www.northfield.ac.uk/courses/msc-quality-improvement",
            // No mlo:url: the dc:identifier that is a web address.
            "https://www.northfield.ac.uk/courses/pgcert-implementation-science",
            // Neither: the feed.
            FEED,
            "https://www.northfield.ac.uk/short-courses/patient-safety-fundamentals",
        ]
    );
    // A course with a page is named after it, as the page's own record would be.
    assert_eq!(records[0].id, record_id(&records[0].url, None));
    assert_eq!(records[1].id, record_id(&records[1].url, None));
    assert_eq!(records[2].id, record_id(FEED, Some("LCPC1")));
    assert_eq!(records[3].id, record_id(&records[3].url, None));
    // The feed stays as the evidence where the record is named after another page.
    for r in &records {
        assert_eq!(r.provider.as_deref(), Some("Northfield University"));
        assert!(!r.evidence.is_empty());
        let want = (r.url != FEED).then_some(FEED);
        assert!(r.evidence.values().all(|e| e.url.as_deref() == want), "{:?}", r.evidence);
    }

    let msc = &records[0];
    assert_eq!(
        msc.description.as_deref(),
        Some(
            "This programme teaches improvement science to health professionals who lead change in their own services."
        ),
        "the career-outcome description is not the course's description"
    );
    assert_eq!(msc.fheq_levels, Some(vec![7]));
    assert_eq!(msc.delivery, Some(Delivery::Campus));
    assert_eq!(msc.length.text.as_deref(), Some("1 year Full time, 2 years Part time"));
    assert_eq!(msc.length.part_time_months.map(|m| m.max), Some(24), "PT from the code alone");
    assert_eq!(msc.cost.fees[0].amount, 7500.0);
    // `identifier="DS"` alone still says distance; `ON` with words says online.
    assert_eq!(records[1].delivery, Some(Delivery::Distance));
    assert_eq!(records[1].cost.fees[0].per, FeePer::Course);
    assert_eq!(records[3].delivery, Some(Delivery::ELearning));
}

#[test]
fn xcri_cap_1_1_feed() {
    let feed = "https://www.kelpie.ac.uk/xcri.xml";
    let (records, warnings) = extract(feed, &data("v11.xml"), None);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        titles(&records),
        [
            "MSc Advanced Practice (Service Improvement)",
            "HNC Care and Administrative Practice",
            "Introduction to Improvement Science",
        ]
    );
    let urls: Vec<&str> = records.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "http://www.kelpie.ac.uk/courses/msc-advanced-practice",
            feed,
            "http://www.kelpie.ac.uk/courses/ISC1",
        ]
    );
    assert_eq!(records[0].id, record_id(urls[0], None));
    assert_eq!(records[1].id, record_id(feed, Some("HNCCAP")));
    assert_eq!(records[2].id, record_id(urls[2], None));
    assert!(records.iter().all(|r| r.provider.as_deref() == Some("Kelpie College")));

    let msc = &records[0];
    assert_eq!(
        msc.description.as_deref(),
        Some(
            "Develop the advanced clinical and leadership skills to improve the services you work in.\nIncludes a work-based improvement project."
        )
    );
    assert_eq!(
        msc.entry.text.as_deref(),
        Some("A first degree in a health discipline and two years of professional experience."),
        "a prerequisites description is the entry wording"
    );
    assert_eq!(msc.awards, Some(vec!["MSc".to_owned()]));
    assert_eq!(msc.topics, ["Nursing", "Service improvement"], "every subject is a topic");
    assert_eq!(msc.fheq_levels, Some(vec![7]));
    assert_eq!(msc.delivery, Some(Delivery::Campus));
    assert_eq!(msc.length.full_time_months.map(|m| m.max), Some(12));
    assert_eq!(msc.length.part_time_months.map(|m| m.max), Some(36), "PT from the code alone");
    assert_eq!(msc.cost.fees[0].amount, 5400.0);
    // "HNC" with a bare level 7 is SCQF 7: the award says FHEQ 4.
    assert_eq!(records[1].fheq_levels, Some(vec![4]));
    assert_eq!(
        records[1].entry.text.as_deref(),
        Some("Two Highers, or relevant work experience in care.")
    );
    assert_eq!(
        records[2].description.as_deref(),
        Some("The model for improvement\nMeasurement for improvement")
    );
    assert_eq!(records[2].delivery, Some(Delivery::Blended), "attendanceMode identifier DA");
    assert_eq!(records[2].cost.fees[0].amount, 150.0);
}

#[test]
fn html_in_text_elements_becomes_plain_text() {
    let (records, warnings) = read("html-text.xml");
    assert!(warnings.is_empty(), "{warnings:?}");
    let got: Vec<(&str, Option<&str>)> =
        records.iter().map(|r| (r.title.as_str(), r.description.as_deref())).collect();
    assert_eq!(
        got,
        [
            (
                "Measurement for Improvement",
                Some(
                    "Learn how to measure improvement over time.\nRead more\nabout the course fee: £500."
                )
            ),
            (
                "Testing Changes",
                Some("Run small tests of change & study what happens.\nPDSA cycles\nRun charts")
            ),
            (
                "Co-production",
                Some("Work with patients as partners in improvement.\nTaught one day\neach month.")
            ),
            (
                "Leading Improvement",
                Some(
                    "Overview\nLead improvement work across teams and organisations.\nLeadership for change\nBuilding will"
                )
            ),
            ("Spread and Scale", Some("Spread and scale up proven improvements & sustain them.")),
        ]
    );
}

/// Every record of a damaged feed is the undamaged feed's record for that course.
fn assert_untouched(records: &[Record]) {
    let (clean, _) = read("v12.xml");
    for r in records {
        let want = clean.iter().find(|c| c.title == r.title).expect("a course of the feed");
        assert_eq!(r, want);
    }
}

#[test]
fn stray_quote_in_a_tag_costs_that_course_only() {
    let (records, warnings) = read("damage-stray-quote.xml");
    assert_eq!(titles(&records), [V12_TITLES[0], V12_TITLES[2], V12_TITLES[3]]);
    assert_untouched(&records);
    assert_eq!(
        messages(&warnings),
        [
            "XCRI-CAP feed not well-formed: line 49: expected a whitespace not '\"'; courses read one by one",
            "XCRI-CAP course skipped: line 49: expected a whitespace not '\"'",
        ]
    );
}

#[test]
fn mismatched_tag_costs_that_course_only() {
    let (records, warnings) = read("damage-mismatched-tag.xml");
    assert_eq!(titles(&records), [V12_TITLES[0], V12_TITLES[1], V12_TITLES[3]]);
    assert_untouched(&records);
    assert_eq!(
        messages(&warnings),
        [
            "XCRI-CAP feed not well-formed: line 65: expected 'dc:title' tag, not 'dc:titel'; courses read one by one",
            "XCRI-CAP course skipped: line 65: expected 'dc:title' tag, not 'dc:titel'",
        ]
    );
}

#[test]
fn truncated_feed_keeps_the_courses_before_the_cut() {
    let (records, warnings) = read("damage-truncated.xml");
    assert_eq!(titles(&records), &V12_TITLES[..3]);
    assert_untouched(&records);
    let messages = messages(&warnings);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(
        messages[0],
        "XCRI-CAP feed not well-formed: line 80: the root node was opened but never closed; courses read one by one"
    );
    assert!(messages[1].starts_with("XCRI-CAP course skipped: line 80: "), "{messages:?}");
}

#[test]
fn junk_before_the_declaration_is_removed() {
    for name in ["damage-leading-blank-line.xml", "damage-leading-garbage.xml"] {
        let (records, warnings) = read(name);
        assert_eq!(titles(&records), V12_TITLES, "{name}");
        assert_untouched(&records);
        assert_eq!(
            messages(&warnings),
            ["XCRI-CAP feed repaired: line 1: text before the XML declaration removed"],
            "{name}"
        );
    }
}

#[test]
fn undeclared_html_entities_are_read() {
    let (records, warnings) = read("damage-entities.xml");
    assert_eq!(titles(&records), V12_TITLES);
    // `&nbsp;` is a space and `&pound;` a pound sign: the records are the clean feed's.
    assert_untouched(&records);
    assert_eq!(
        messages(&warnings),
        [
            "XCRI-CAP feed repaired: line 24: undeclared entity &nbsp; read as HTML",
            "XCRI-CAP feed repaired: line 37: undeclared entity &pound; read as HTML (2 times)",
        ]
    );
}

#[test]
fn damage_outside_the_courses_costs_no_course() {
    let (clean, _) = read("v12.xml");
    // A stray quote in the root's start tag: its namespaces are still found.
    let xml = data("v12.xml").replacen("generated=", "generated=\"", 1);
    let (records, warnings) = extract(FEED, &xml, None);
    assert_eq!(records, clean);
    assert_eq!(messages(&warnings).len(), 1, "{warnings:?}");
    assert!(warnings[0].message.starts_with("XCRI-CAP feed not well-formed: line 11: "));
    // A damaged provider title: its words are still the courses' provider.
    let xml = data("v12.xml").replacen(
        "<dc:title>Northfield University</dc:title>",
        "<dc:title>Northfield University</dc:titl>",
        1,
    );
    let (records, warnings) = extract(FEED, &xml, None);
    assert_eq!(records, clean);
    assert!(warnings[0].message.starts_with("XCRI-CAP feed not well-formed: line 16: "));
}

/// `text` as UTF-16LE with a byte-order mark, as some feed generators write it.
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn utf16_feed_declaring_utf16_is_read() {
    let xml = data("v12.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"));
    let text = coursemap_pages::decode_body(&utf16le_with_bom(&xml), Some("application/xml"));
    let (clean, _) = read("v12.xml");
    let (records, warnings) = extract(FEED, &text, Some("application/xml"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(records, clean);
    // A decoder that keeps the byte-order mark gives the same feed.
    let (records, warnings) = extract(FEED, &format!("\u{feff}{text}"), None);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(records, clean);
}

/// A small deterministic generator (xorshift64), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % (n.max(1) as u64)).unwrap_or(0)
    }
}

#[test]
fn damage_anywhere_never_panics() {
    const PIECES: [&str; 11] =
        ["\"", "<", ">", "&", "&nbsp;", "<course>", "</course>", "<![CDATA[", "]]>", "\u{1}", "é"];
    let xml = data("v12.xml");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..400 {
        let mut text = xml.clone();
        for _ in 0..=rng.below(3) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(3) {
                0 => text.insert_str(at, PIECES[rng.below(PIECES.len())]),
                1 => {
                    let mut end = (at + rng.below(40)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => text.truncate(at),
            }
        }
        let (records, _) = extract(FEED, &text, Some("application/xml"));
        assert!(records.iter().all(|r| !r.id.is_empty() && !r.title.is_empty()), "{text}");
    }
}

// --- The real feeds, damaged at run time ---

/// The shared real feeds: a notice and `None` when the folder is absent, unless
/// `COURSEMAP_REQUIRE_SHARED=1` says it must be there (CI), when its absence fails the test.
fn shared_feeds() -> Option<Vec<(PathBuf, String)>> {
    let dir = coursemap_shared_material::dir("real-pages/xcri-cap", "damaged real feed tests")?;
    let mut feeds: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .expect("xcri-cap dir readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("xml"))
        .map(|p| {
            let xml = std::fs::read_to_string(&p).expect("feed readable");
            (p, xml)
        })
        .collect();
    feeds.sort();
    assert!(!feeds.is_empty(), "no feeds in {}", dir.display());
    Some(feeds)
}

/// Byte offsets of each `<course>` start tag and just past its `</course>`.
fn course_spans(xml: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(start) = xml[from..].find("<course>").map(|s| from + s) {
        let end = xml[start..].find("</course>").map_or(xml.len(), |e| start + e + 9);
        spans.push((start, end));
        from = end;
    }
    spans
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Records of `damaged` must be exactly the clean records listed by `kept` (indexes).
fn assert_kept(name: &str, clean: &[Record], damaged: &[Record], kept: &[usize]) {
    let want: Vec<&Record> = kept.iter().map(|&i| &clean[i]).collect();
    let got: Vec<&Record> = damaged.iter().collect();
    assert_eq!(got, want, "{name}");
}

#[test]
fn real_feeds_survive_damage() {
    let Some(feeds) = shared_feeds() else { return };
    for (path, xml) in feeds {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feed").to_owned();
        let url = format!("https://feeds.example/{name}");
        let run = |text: &str| extract(&url, text, Some("application/xml"));
        let (clean, warnings) = run(&xml);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        let spans = course_spans(&xml);
        assert_eq!(clean.len(), spans.len(), "{name}");
        let all: Vec<usize> = (0..spans.len()).collect();
        let middle = spans.len() / 2;
        let (m_start, m_end) = spans[middle];
        let title_at =
            m_start + xml[m_start..m_end].find("<dc:title>").expect("every course has a title");

        // A stray quote inside one course's tag.
        let damaged = format!("{}<dc:title\"{}", &xml[..title_at], &xml[title_at + 9..]);
        let (records, warnings) = run(&damaged);
        let others: Vec<usize> = all.iter().copied().filter(|&i| i != middle).collect();
        assert_kept(&format!("{name} stray quote"), &clean, &records, &others);
        let line = line_of(&xml, title_at);
        assert!(
            messages(&warnings).contains(
                &format!("XCRI-CAP course skipped: line {line}: expected a whitespace not '\"'")
                    .as_str()
            ),
            "{name}: {warnings:?}"
        );
        println!("{name}: stray quote: {}/{} courses", records.len(), clean.len());

        // A mismatched end tag inside one course.
        let close_at = title_at + xml[title_at..].find("</dc:title>").expect("title closes");
        let damaged = format!("{}</dc:titel>{}", &xml[..close_at], &xml[close_at + 11..]);
        let (records, warnings) = run(&damaged);
        assert_kept(&format!("{name} mismatched tag"), &clean, &records, &others);
        let line = line_of(&xml, close_at);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.starts_with(&format!("XCRI-CAP course skipped: line {line}: "))),
            "{name}: {warnings:?}"
        );
        println!("{name}: mismatched tag: {}/{} courses", records.len(), clean.len());

        // The last 30% cut off: every course that ended before the cut survives.
        let mut cut = xml.len() * 7 / 10;
        while !xml.is_char_boundary(cut) {
            cut -= 1;
        }
        let before: Vec<usize> = all.iter().copied().filter(|&i| spans[i].1 <= cut).collect();
        let (records, warnings) = run(&xml[..cut]);
        assert_kept(&format!("{name} truncated"), &clean, &records, &before);
        let last_line = line_of(&xml, xml[..cut].trim_end().len());
        assert!(
            warnings.iter().any(|w| w
                .message
                .starts_with(&format!("XCRI-CAP feed not well-formed: line {last_line}: "))),
            "{name}: {warnings:?}"
        );
        println!("{name}: truncated at 70%: {}/{} courses", records.len(), clean.len());

        // An undeclared `&nbsp;` in a title: every course, the title read with a space.
        let text_at = title_at + "<dc:title>".len();
        let damaged = format!("{}&nbsp;{}", &xml[..text_at], &xml[text_at..]);
        let (records, warnings) = run(&damaged);
        assert_kept(&format!("{name} &nbsp;"), &clean, &records, &all);
        let line = line_of(&xml, text_at);
        assert_eq!(
            messages(&warnings),
            [format!("XCRI-CAP feed repaired: line {line}: undeclared entity &nbsp; read as HTML")],
            "{name}"
        );
        println!("{name}: &nbsp;: {}/{} courses", records.len(), clean.len());

        // A blank line before the XML declaration.
        let (records, warnings) = run(&format!("\n{xml}"));
        assert_kept(&format!("{name} blank line"), &clean, &records, &all);
        assert_eq!(
            messages(&warnings),
            ["XCRI-CAP feed repaired: line 1: text before the XML declaration removed"],
            "{name}"
        );
        println!("{name}: leading blank line: {}/{} courses", records.len(), clean.len());

        // UTF-16 with a byte-order mark, decoded as a build decodes stored bodies.
        let text = coursemap_pages::decode_body(&utf16le_with_bom(&xml), None);
        let (records, warnings) = run(&text);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_kept(&format!("{name} UTF-16"), &clean, &records, &all);
    }
}
