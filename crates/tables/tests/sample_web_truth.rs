//! The sample web's answer key (`crates/sampleweb/data/truth.jsonl`, the catalogue a perfect
//! crawl and extraction of the sample web would build) reproduces the 2014 report: compared
//! with the report's figures, every table is equal, documented deviations aside. Provider
//! regions and scopes come from the real seeds.

use std::path::PathBuf;

use coursemap_records::read_jsonl;
use coursemap_seeds::Seeds;
use coursemap_tables::{
    ProviderDirectory, ReportFigures, TableFilter, Verdict, compare, summary_tables,
};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn truth_equals_the_report_deviations_aside() {
    let truth = repo().join("crates/sampleweb/data/truth.jsonl");
    if !truth.is_file() {
        println!("notice: {} not present; skipped", truth.display());
        return;
    }
    let (records, bad) = read_jsonl(&truth).expect("truth reads");
    assert!(bad.is_empty(), "{bad:?}");
    let seeds = Seeds::load(&repo().join("seeds/providers.toml"), &repo().join("seeds/terms.txt"))
        .expect("seeds load");
    let directory = ProviderDirectory::from_seeds(&seeds);
    let tables = summary_tables(&records, &directory, &TableFilter::new());
    let comparison = compare(&tables, &ReportFigures::report_2014().expect("figures"));
    println!("{comparison}");
    assert!(comparison.all_equal(), "{comparison}");
    assert_eq!(comparison.table("table5").expect("table5").verdict, Verdict::Equal);
    assert_eq!(comparison.table("delivery").expect("delivery").verdict, Verdict::Equal);
}
