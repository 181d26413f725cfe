//! Extraction measured on real pages nobody on this project wrote
//! (`../shared/real-pages`, read in place; skipped with a notice when absent).

use std::path::{Path, PathBuf};

use coursemap_extract::eval::{Report, parse_labels};

fn real_pages() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-pages");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("notice: {} absent; real-page tests skipped", dir.display());
        None
    }
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
