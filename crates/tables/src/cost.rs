//! The cost table: fee ranges by FHEQ level and kind, stipends and free courses.

use std::collections::BTreeMap;

use coursemap_records::{Fee, FeePer, Kind, Record, Student, StudyMode};

use crate::labels::{self, KIND_LABELS};
use crate::table::{Row, Table};

/// A fee range's grouping: what is being compared with what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct FeeGroup {
    kind: Kind,
    level: String,
    currency: String,
    basis: String,
}

#[derive(Debug)]
struct FeeRange {
    lowest: f64,
    highest: f64,
    courses: u64,
}

/// Counts courses with fees, stipends and free courses, and lists fee ranges per level, kind
/// and fee basis ("per year, home, full-time").
pub(crate) fn cost_table(admitted: &[&Record]) -> Table {
    let mut table = Table::new("cost", "Cost: fees, stipends and free courses", "Cost");
    let is_hei = |r: &&&Record| matches!(r.kind, Kind::Programme | Kind::Module);
    let count = |pred: &dyn Fn(&Record) -> bool| admitted.iter().filter(|r| pred(r)).count() as u64;
    let hei_with_fee = admitted.iter().filter(is_hei).filter(|r| !r.cost.fees.is_empty()).count();
    let hei_stipend = admitted.iter().filter(is_hei).filter(|r| r.cost.stipend).count();
    table.rows = vec![
        row("hei_fee", "HEI courses with a stated fee", hei_with_fee as u64),
        row("hei_stipend", "HEI courses with a stipend", hei_stipend as u64),
        row(
            "fellowship_stipend",
            "Fellowships with a stipend or salary",
            count(&|r| r.kind == Kind::Fellowship && r.cost.stipend),
        ),
        row("free", "Free courses", count(&|r| r.cost.free)),
    ];

    let mut ranges: BTreeMap<FeeGroup, FeeRange> = BTreeMap::new();
    for record in admitted {
        let level =
            labels::fheq_label(record.fheq_levels.as_deref(), record.postgraduate_unspecified);
        // One course counts once per group even when it states several fees in it.
        let mut seen_groups = Vec::new();
        for fee in &record.cost.fees {
            let group = FeeGroup {
                kind: record.kind,
                level: level.clone(),
                currency: fee.currency.clone(),
                basis: fee_basis(fee),
            };
            let range = ranges.entry(group.clone()).or_insert(FeeRange {
                lowest: fee.amount,
                highest: fee.amount,
                courses: 0,
            });
            range.lowest = range.lowest.min(fee.amount);
            range.highest = range.highest.max(fee.amount);
            if !seen_groups.contains(&group) {
                range.courses += 1;
                seen_groups.push(group);
            }
        }
    }
    table.listing_header = ["Kind", "FHEQ level", "Fee basis", "Lowest", "Highest", "Courses"]
        .map(String::from)
        .to_vec();
    table.listing = ranges
        .into_iter()
        .map(|(group, range)| {
            vec![
                labels::label_of(&KIND_LABELS, group.kind).to_owned(),
                group.level,
                group.basis,
                labels::money(range.lowest, &group.currency),
                labels::money(range.highest, &group.currency),
                range.courses.to_string(),
            ]
        })
        .collect();
    table.notes.push(
        "Fees are those of any course at that level in that HEI (the report's observation)."
            .to_owned(),
    );
    table
}

/// "per year, home, full-time".
pub(crate) fn fee_basis(fee: &Fee) -> String {
    let mut words =
        vec![format!("per {}", per_word(fee.per)), student_word(fee.student).to_owned()];
    if let Some(mode) = fee.mode {
        words.push(mode_word(mode).to_owned());
    }
    words.join(", ")
}

/// Plain word for what a fee is charged per.
pub fn per_word(per: FeePer) -> &'static str {
    match per {
        FeePer::Year => "year",
        FeePer::Course => "course",
        FeePer::Module => "module",
        FeePer::Credit => "credit",
        FeePer::Session => "session",
    }
}

/// Plain word for who a fee applies to.
pub fn student_word(student: Student) -> &'static str {
    match student {
        Student::Home => "home",
        Student::International => "international",
        Student::Any => "any",
    }
}

/// Plain word for a study mode.
pub fn mode_word(mode: StudyMode) -> &'static str {
    match mode {
        StudyMode::FullTime => "full-time",
        StudyMode::PartTime => "part-time",
    }
}

fn row(key: &str, label: &str, count: u64) -> Row {
    Row { key: key.to_owned(), label: label.to_owned(), count }
}
