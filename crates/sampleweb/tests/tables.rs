//! The answer key reproduces the report's tables 5, 6 and 7, its delivery counts and the
//! counts it quotes, computed here from `data/truth.jsonl` and compared with the figures in
//! `../shared/report-2014/tables.md` (skipped with a notice when that folder is absent).

use std::collections::BTreeMap;

use coursemap_records::{Academic, Delivery, Focus, Kind, LengthCategory, Record, Requirement};
use coursemap_sampleweb::truth;

/// The report's academic column sums to 50 for 49 courses; the sample web holds one value per
/// course, so exactly this row is one short (see `data/README.md`).
const ONE_SHORT_ROW: &str = "Undergraduate degree, grade unspecified";

fn tables_md() -> Option<String> {
    let path = coursemap_shared_material::dir(
        "report-2014/tables.md",
        "the comparison with the report's tables",
    )?;
    Some(std::fs::read_to_string(&path).expect("tables.md readable"))
}

/// The rows (label -> count) of the markdown table whose header's first cell is `header`.
fn report_table(md: &str, header: &str) -> BTreeMap<String, usize> {
    let mut lines = md.lines().skip_while(|l| !l.starts_with(&format!("| {header} |")));
    assert!(lines.next().is_some(), "table {header:?} in tables.md");
    lines
        .skip(1) // the | --- | line
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), cells[1].parse().expect("a count"))
        })
        .collect()
}

fn count<F: Fn(&Record) -> String>(records: &[&Record], label: F) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in records {
        *out.entry(label(r)).or_insert(0) += 1;
    }
    out
}

fn level_label(r: &Record) -> String {
    match &r.fheq_levels {
        Some(levels) if !levels.is_empty() => {
            let words: Vec<String> = levels.iter().map(u8::to_string).collect();
            match words.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => unreachable!("levels is not empty"),
            }
        }
        _ if r.postgraduate_unspecified => "Postgraduate unspecified".into(),
        _ => "Not known".into(),
    }
}

fn entry_type_label(r: &Record) -> String {
    use Requirement::*;
    let Some(requires) = &r.entry.requires else { return "Not known".into() };
    let has = |x| requires.contains(&x);
    match (has(Academic), has(WorkExperience), has(ProfessionalRegistration)) {
        (false, false, false) => "None",
        (true, false, false) => "Academic only",
        (true, true, false) => "Academic and work experience",
        (true, false, true) => "Academic and health professional registration",
        (true, true, true) => "Academic, work experience and health professional registration",
        (false, true, true) => "Work experience and health professional registration",
        (false, true, false) => "Work experience only",
        (false, false, true) => "Health professional registration only",
    }
    .into()
}

fn academic_label(r: &Record) -> String {
    match r.entry.academic {
        Some(Academic::None) => "No academic entrance criteria",
        Some(Academic::Level3Study) => {
            "Evidence of study at level 3 (A levels, UCAS points, Access)"
        }
        Some(Academic::Level5Study) => "Evidence of study at level 5",
        Some(Academic::Degree) => "Undergraduate degree, grade unspecified",
        Some(Academic::Degree21) => "Undergraduate degree at 2:1 or above",
        Some(Academic::Degree22) => "Undergraduate degree at 2:2 or above",
        Some(Academic::Masters) => "Master's degree",
        Some(Academic::DependsOnLevel) => "Dependent on level of study taken on within a course",
        None => "Not known",
    }
    .into()
}

fn length_label(r: &Record) -> String {
    use LengthCategory as C;
    assert_eq!(
        r.length.category,
        r.length.derive_category(),
        "{}: stored category is derived",
        r.title
    );
    match r.length.category {
        Some(C::Short) => "Short course/standalone module",
        Some(C::OneYearFullTimeOnly) => "One year full time only",
        Some(C::OneYearFullTimeOrTwoToFourPartTime) => "One year full time/2-4 years part-time",
        Some(C::UpToThreeYearsPartTimeOnly) => "Up to three years part time only",
        Some(C::ThreeToNineYearsPartTimeOnly) => "Three to nine years part time only",
        Some(C::ThreeYearsPlusFullTimeOrFourPlusPartTime) => {
            "Three years or more full time/ four years or more part time"
        }
        Some(C::NoTimeLimit) => "No time limit (OU)",
        Some(C::Other) => "Other",
        None => "Not known",
    }
    .into()
}

fn delivery_label(r: &Record) -> String {
    match r.delivery {
        Some(Delivery::CampusAndWorkBased) => {
            "Taught on campus plus research or other work-based learning"
        }
        Some(Delivery::Campus) => "Taught on campus only",
        Some(Delivery::Distance) => "Distance learning",
        Some(Delivery::ELearning) => "E-learning",
        Some(Delivery::Blended) => "Blended (campus and online)",
        None => "Not known (unverified)",
    }
    .into()
}

/// Part-time is open when a part-time length is stated, the course is a standalone module or
/// self-paced, or a part-time fee is quoted ("Part-time study is also available").
fn available_part_time(r: &Record) -> bool {
    r.length.part_time_months.is_some()
        || r.length.short
        || r.length.no_time_limit
        || r.cost.fees.iter().any(|f| f.mode == Some(coursemap_records::StudyMode::PartTime))
}

#[test]
fn answer_key_reproduces_the_report() {
    let all = truth().expect("truth loads");
    let hei: Vec<&Record> = all
        .iter()
        .filter(|r| matches!(r.kind, Kind::Programme | Kind::Module) && r.focus.is_some())
        .collect();
    assert_eq!(hei.len(), 49);
    assert_eq!(hei.iter().filter(|r| r.focus == Some(Focus::Main)).count(), 11);
    assert_eq!(all.iter().filter(|r| r.kind == Kind::ShortCourse && r.focus.is_some()).count(), 19);
    assert_eq!(all.iter().filter(|r| r.kind == Kind::Fellowship && r.focus.is_some()).count(), 11);
    let registration = hei
        .iter()
        .filter(|r| {
            r.entry
                .requires
                .as_ref()
                .is_some_and(|q| q.contains(&Requirement::ProfessionalRegistration))
        })
        .count();
    assert_eq!(registration, 15);
    let full_time_only: Vec<&str> =
        hei.iter().filter(|r| !available_part_time(r)).map(|r| r.title.as_str()).collect();
    assert_eq!(full_time_only, ["MRes Clinical Practice"]);
    let stipends: Vec<(&str, Option<&str>)> = hei
        .iter()
        .filter(|r| r.cost.stipend)
        .map(|r| (r.title.as_str(), r.provider_id.as_deref()))
        .collect();
    assert_eq!(stipends, [("MRes Clinical Practice", Some("sgul"))]);

    let computed = [
        ("FHEQ level", count(&hei, level_label)),
        ("Type of entrance criteria", count(&hei, entry_type_label)),
        ("Academic entrance criteria", count(&hei, academic_label)),
        ("Length of course", count(&hei, length_label)),
        ("Delivery", count(&hei, delivery_label)),
    ];
    for (_, table) in &computed {
        assert_eq!(table.values().sum::<usize>(), 49);
    }
    let Some(md) = tables_md() else { return };
    assert!(md.contains("15 courses required registration"));
    assert!(md.contains("All bar one course is available part-time."));
    for (header, ours) in computed {
        let mut report = report_table(&md, header);
        if header == "Academic entrance criteria" {
            assert_eq!(report.values().sum::<usize>(), 50, "the report's column sums to 50");
            *report.get_mut(ONE_SHORT_ROW).expect("the row exists") -= 1;
        }
        assert_eq!(ours, report, "{header}");
    }
}
