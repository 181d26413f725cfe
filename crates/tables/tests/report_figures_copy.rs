//! The project's copy of the 2014 report's figures (`data/report-2014.toml`) must say what
//! the transcription in `../shared/report-2014/` says. Skipped, with a notice, when that
//! directory is not present (it is outside the repository).

use std::collections::BTreeMap;
use std::path::PathBuf;

use coursemap_tables::{ReportFigures, ReportTable};

fn shared() -> Option<PathBuf> {
    coursemap_shared_material::dir("report-2014/tables.md", "the report figures copy check")
        .and_then(|tables| tables.parent().map(PathBuf::from))
}

/// The two-column Markdown tables of tables.md, in order, each as (label, count) rows.
fn markdown_tables(text: &str) -> Vec<Vec<(String, u64)>> {
    let mut tables = Vec::new();
    let mut current: Vec<(String, u64)> = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        let counted = line.starts_with('|') && cells.len() == 2;
        match cells.get(1).and_then(|n| n.parse::<u64>().ok()) {
            Some(count) if counted => current.push((cells[0].to_owned(), count)),
            _ if counted => {} // header or rule
            _ => {
                if !current.is_empty() {
                    tables.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

fn rows(table: &ReportTable) -> Vec<(String, u64)> {
    table.rows.iter().map(|r| (r.key.clone(), r.count)).collect()
}

fn tsv(path: PathBuf) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(&path).expect("tsv reads");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            header.iter().map(|h| h.to_string()).zip(l.split('\t').map(String::from)).collect()
        })
        .collect()
}

#[test]
fn counted_tables_match_tables_md() {
    let Some(dir) = shared() else { return };
    let text = std::fs::read_to_string(dir.join("tables.md")).expect("tables.md");
    let figures = ReportFigures::report_2014().expect("figures parse");
    let md = markdown_tables(&text);
    let keys = ["table5", "table6", "table6_academic", "table7", "delivery"];
    assert_eq!(md.len(), keys.len(), "{md:?}");
    for (key, want) in keys.iter().zip(&md) {
        assert_eq!(&rows(figures.table(key).expect(key)), want, "{key}");
    }
}

#[test]
fn quoted_figures_match_tables_md() {
    let Some(dir) = shared() else { return };
    let text = std::fs::read_to_string(dir.join("tables.md")).expect("tables.md");
    let figures = ReportFigures::report_2014().expect("figures parse");
    let quoted = figures.table("quoted_counts").expect("quoted");
    assert!(text.contains("49 HEI courses"));
    assert_eq!(quoted.count("hei_courses"), 49);
    assert!(text.contains("15 courses required registration"));
    assert_eq!(quoted.count("registration"), 15);
    assert!(text.contains("All bar one course is available part-time"));
    assert_eq!(quoted.count("part_time"), 49 - 1);
    assert!(text.contains("One course pays a stipend"));
    assert_eq!(figures.table("cost").expect("cost").count("hei_stipend"), 1);
    assert!(text.contains("south 4, north-west 3, north east/north central 3, national 1"));
    assert_eq!(
        rows(figures.table("hei_regions").expect("regions")),
        [
            ("south".to_owned(), 4),
            ("north_west".to_owned(), 3),
            ("north_east_north_central".to_owned(), 3),
            ("national".to_owned(), 1),
        ]
    );
    // The deviations' own numbers follow from the report: 50 in the academic column for 49
    // courses; 13 HEIs named in hei_courses.tsv.
    let academic_sum: u64 =
        figures.table("table6_academic").expect("academic").rows.iter().map(|r| r.count).sum();
    assert_eq!(academic_sum, 50);
    assert_eq!(figures.deviation("table6_academic").and_then(|d| d.catalogue_total), Some(49));
    let heis: std::collections::BTreeSet<String> =
        tsv(dir.join("hei_courses.tsv")).into_iter().map(|row| row["provider"].clone()).collect();
    let expected: u64 =
        figures.deviation("hei_regions").expect("deviation").expected.iter().map(|e| e.count).sum();
    assert_eq!(expected, heis.len() as u64);
}

#[test]
fn listings_match_the_tsvs() {
    let Some(dir) = shared() else { return };
    let figures = ReportFigures::report_2014().expect("figures parse");
    // Tables 3 and 4: courses per HEI by focus; the copy labels rows with the TSV's names.
    for (key, focus) in [("table3", "main"), ("table4", "related")] {
        let mut want: BTreeMap<String, u64> = BTreeMap::new();
        for row in tsv(dir.join("hei_courses.tsv")).iter().filter(|r| r["focus"] == focus) {
            *want.entry(row["provider"].clone()).or_default() += 1;
        }
        let got: BTreeMap<String, u64> = figures
            .table(key)
            .expect(key)
            .rows
            .iter()
            .map(|r| (r.label.clone().expect("labelled"), r.count))
            .collect();
        assert_eq!(got, want, "{key}");
    }
    // Table 8: the copy's labels are the TSV's provider names without their asides.
    let short = tsv(dir.join("short_courses.tsv"));
    let table8 = figures.table("table8").expect("table8");
    for row in &table8.rows {
        let label = row.label.as_deref().expect("labelled");
        let n = short.iter().filter(|r| r["provider"].starts_with(label)).count() as u64;
        assert_eq!(n, row.count, "{label}");
    }
    assert_eq!(table8.rows.iter().map(|r| r.count).sum::<u64>(), short.len() as u64);
    // Fellowships by scope.
    let fellowships = tsv(dir.join("fellowships.tsv"));
    let table = figures.table("fellowships").expect("fellowships");
    for scope in ["national", "local"] {
        let n = fellowships.iter().filter(|r| r["scope"] == scope).count() as u64;
        let key = if scope == "national" { "National" } else { "Local" };
        assert_eq!(table.count(key), n, "{scope}");
    }
}
