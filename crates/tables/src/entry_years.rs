//! Which academic years of entry a table's records cover, and how many of them are no longer
//! recruiting: a note under each table, since a catalogue crawled across a year's turn counts
//! courses as their pages described them, not as of one date.

use std::collections::BTreeMap;

use coursemap_records::{Record, Status};

/// "Entry years: 2025/26 (120), not stated (40). Closed this year: 2; discontinued: 1."
pub(crate) fn coverage_note(records: &[&Record]) -> String {
    let mut years: BTreeMap<String, u64> = BTreeMap::new();
    let mut not_stated = 0u64;
    for record in records {
        match record.entry_year {
            Some(year) => *years.entry(year.to_string()).or_default() += 1,
            None => not_stated += 1,
        }
    }
    let mut parts: Vec<String> = years.iter().map(|(y, n)| format!("{y} ({n})")).collect();
    if not_stated > 0 {
        parts.push(format!("not stated ({not_stated})"));
    }
    let covered = if parts.is_empty() { "none (no courses)".to_owned() } else { parts.join(", ") };
    let count = |status| records.iter().filter(|r| r.status == Some(status)).count();
    format!(
        "Entry years: {covered}. Closed this year: {}; discontinued: {}.",
        count(Status::Closed),
        count(Status::Discontinued)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use coursemap_records::Kind;

    #[test]
    fn counts_each_year_then_the_unstated_and_the_statuses() {
        let mut records: Vec<Record> = (0..5)
            .map(|i| Record::new(format!("r{i}"), format!("https://x.test/{i}"), "T", Kind::Module))
            .collect();
        records[0].entry_year = "2026/27".parse().ok();
        records[1].entry_year = "2025/26".parse().ok();
        records[2].entry_year = "2025/26".parse().ok();
        records[2].status = Some(Status::Closed);
        records[3].status = Some(Status::Discontinued);
        records[4].status = Some(Status::Recruiting);
        let refs: Vec<&Record> = records.iter().collect();
        assert_eq!(
            coverage_note(&refs),
            "Entry years: 2025/26 (2), 2026/27 (1), not stated (2). Closed this year: 1; discontinued: 1."
        );
        assert_eq!(
            coverage_note(&[]),
            "Entry years: none (no courses). Closed this year: 0; discontinued: 0."
        );
    }
}
