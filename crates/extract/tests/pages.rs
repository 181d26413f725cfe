//! End-to-end extraction of small pages in `tests/data/` that exercise each source and the
//! boilerplate rules.

use coursemap_extract::extract;
use coursemap_records::{
    Academic, Delivery, FeePer, Field, Focus, Kind, LengthCategory, MonthRange, Requirement,
    Source, Student,
};

fn data(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn json_ld_course() {
    let url = "https://www.example.ac.uk/courses/msc-healthcare-improvement";
    let (records, warnings) = extract(url, &data("jsonld_course.html"), Some("text/html"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.id, coursemap_records::record_id(url, None));
    assert_eq!(r.title, "MSc Healthcare Improvement");
    assert_eq!(r.provider.as_deref(), Some("Example University"));
    assert_eq!(r.kind, Kind::Programme);
    assert_eq!(r.awards, Some(vec!["MSc".to_string(), "PGDip".to_string()]));
    assert_eq!(r.fheq_levels, Some(vec![7]));
    assert_eq!(r.length.full_time_months, Some(MonthRange::exactly(12)));
    assert_eq!(r.length.part_time_months, Some(MonthRange::exactly(24)));
    assert_eq!(r.length.category, Some(LengthCategory::OneYearFullTimeOrTwoToFourPartTime));
    assert_eq!(r.delivery, Some(Delivery::Blended));
    assert_eq!(r.cost.fees.len(), 2);
    assert_eq!((r.cost.fees[0].amount, r.cost.fees[0].student), (9250.0, Student::Home));
    assert_eq!(r.cost.fees[1].student, Student::International);
    assert_eq!(r.entry.academic, Some(Academic::Degree21));
    assert_eq!(
        r.entry.requires,
        Some(vec![Requirement::Academic, Requirement::ProfessionalRegistration])
    );
    assert_eq!(r.evidence[&Field::Length].source, Source::JsonLd);
    assert_eq!(r.evidence[&Field::Cost].source, Source::JsonLd);
    // Navigation and footer words never count: only the course's own text matched.
    assert_eq!(r.matched_terms, vec!["Improvement Science".to_string()]);
    assert_eq!(r.focus, Some(Focus::Main));
}

#[test]
fn key_facts_course_with_boilerplate_decoys() {
    let url = "https://www.example.ac.uk/nursing";
    let (records, _) = extract(url, &data("keyfacts_course.html"), None);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.title, "Advanced Nursing Practice MSc");
    assert_eq!(r.awards, Some(vec!["MSc".into(), "PGDip".into(), "PGCert".into()]));
    assert_eq!(r.length.full_time_months, Some(MonthRange::exactly(12)));
    assert_eq!(r.length.part_time_months, Some(MonthRange::between(24, 48)));
    assert_eq!(r.delivery, Some(Delivery::CampusAndWorkBased));
    let home = &r.cost.fees[0];
    assert_eq!((home.amount, home.per, home.student), (9250.0, FeePer::Year, Student::Home));
    assert_eq!(r.cost.fees[1].amount, 16500.0);
    assert_eq!(r.entry.academic, Some(Academic::Degree22));
    assert_eq!(
        r.entry.requires,
        Some(vec![
            Requirement::Academic,
            Requirement::WorkExperience,
            Requirement::ProfessionalRegistration
        ])
    );
    assert_eq!(
        r.description.as_deref(),
        Some(
            "Develop your advanced practice with evidence-based teaching and a research project in your own workplace."
        )
    );
    // Header, cookie banner, aside, related-courses box and footer leak nothing.
    assert_eq!(r.matched_terms, vec!["Evidence-based practice".to_string()]);
    assert_eq!(r.focus, Some(Focus::Related));
    assert_eq!(r.evidence[&Field::Length].source, Source::KeyFacts);
    assert!(
        r.evidence[&Field::Length].text.contains("1 year full-time"),
        "{:?}",
        r.evidence[&Field::Length]
    );
}

#[test]
fn microdata_short_course() {
    let (records, _) =
        extract("https://academy.example.org/is101", &data("microdata_course.html"), None);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.title, "Introduction to Improvement Science");
    assert_eq!(r.provider.as_deref(), Some("Example Academy"));
    assert_eq!(r.kind, Kind::ShortCourse);
    assert!(r.length.short);
    assert_eq!(r.length.category, Some(LengthCategory::Short));
    assert_eq!(r.delivery, Some(Delivery::ELearning));
    assert!(r.cost.free);
    assert_eq!(r.evidence[&Field::Title].source, Source::Microdata);
    assert_eq!(r.focus, Some(Focus::Main));
}

#[test]
fn pages_without_a_course_give_a_warning_not_a_record() {
    let (records, warnings) =
        extract("https://www.example.ac.uk/news", &data("not_a_course.html"), None);
    assert!(records.is_empty());
    assert_eq!(warnings.len(), 1);
}

#[test]
fn garbage_does_not_panic() {
    for body in [
        "",
        "<",
        "<?xml",
        "<?xml version=\"1.0\"?><catalog><course>",
        "\u{feff}<catalog",
        "<script type=application/ld+json>{{{</script>",
    ] {
        let _ = extract("https://x.example/", body, None);
        let _ = extract("https://x.example/", body, Some("application/xml"));
    }
}

/// Option cards flattened into parallel lists pair each duration with its study option; the
/// awards after the course leader's name are the leader's, not the course's.
#[test]
fn option_cards_and_a_course_leader() {
    let url = "https://www.example.ac.uk/course/applied-health-research-professional-doctorate";
    let (records, _) = extract(url, &data("option_cards_course.html"), None);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert!(r.awards.as_ref().is_none_or(Vec::is_empty), "{:?}", r.awards);
    assert_eq!(r.fheq_levels, None);
    assert_eq!(r.length.full_time_months, Some(MonthRange::exactly(36)));
    assert_eq!(r.length.part_time_months, Some(MonthRange::exactly(60)));
    // Applying through an employer makes employment a condition of entry.
    assert_eq!(r.entry.requires, Some(vec![Requirement::WorkExperience]));
}

/// Training run by the day is a course, whatever the page's title; a syllabus's levels in its
/// title are not FHEQ levels.
#[test]
fn training_by_the_day_and_syllabus_levels() {
    let html = "<html><head><title>Coaching Ladder for Trainers</title></head><body><main>\
                <h1>Coaching Ladder for Trainers</h1><p>Level 2 includes three separate \
                educational events, culminating in 2.5 days' attendance.</p><p>These \
                two-day educational events are for trainers who must complete the introductory \
                day first.</p></main></body></html>";
    let (records, warnings) = extract("https://deanery.example.nhs.uk/about/ladder", html, None);
    assert_eq!(records.len(), 1, "{warnings:?}");
    let html = "<html><head><title>Patient Safety Syllabus (Level 3 &amp; 4) Training</title>\
                </head><body><main><h1>Patient Safety Syllabus (Level 3 &amp; 4) Training</h1>\
                <p>This blended learning programme covers levels 3 and 4 of the syllabus in five \
                courses. The programme costs £2,000 per person.</p></main></body></html>";
    let url = "https://www.example.ac.uk/study/short-courses/patient-safety-syllabus-training";
    let (records, _) = extract(url, html, None);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].fheq_levels, None);
}
