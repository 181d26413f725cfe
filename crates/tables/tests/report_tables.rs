//! The tables over a catalogue that reproduces the 2014 report (tests/data), compared with the
//! report's figures; filters; and the three output formats.

use std::path::{Path, PathBuf};

use coursemap_records::{Delivery, Focus, Record, Region, read_jsonl};
use coursemap_tables::{
    FellowshipScope, Format, ProviderDirectory, ProviderInfo, ReportFigures, TableFilter, Verdict,
    compare, render, summary_tables,
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn fixture() -> Vec<Record> {
    let (records, bad) = read_jsonl(&data("report_2014_catalogue.jsonl")).expect("fixture reads");
    assert!(bad.is_empty(), "{bad:?}");
    records
}

/// The providers' names, regions and scopes as the seeds give them (tests/data/providers.tsv).
fn directory() -> ProviderDirectory {
    let text = std::fs::read_to_string(data("providers.tsv")).expect("providers.tsv");
    let mut directory = ProviderDirectory::default();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let scope = match cells.get(3).copied() {
            Some("national") => Some(FellowshipScope::National),
            Some("local") => Some(FellowshipScope::Local),
            _ => None,
        };
        let region = cells[2].parse::<Region>().expect("a region in providers.tsv");
        directory.insert(
            cells[0],
            ProviderInfo {
                name: cells[1].to_owned(),
                region: Some(region),
                uk_region: region.uk_region(),
                scope,
            },
        );
    }
    directory
}

#[test]
fn report_catalogue_equals_the_report_deviations_aside() {
    let tables = summary_tables(&fixture(), &directory(), &TableFilter::new());
    let figures = ReportFigures::report_2014().expect("figures parse");
    let comparison = compare(&tables, &figures);
    assert!(comparison.all_equal(), "{comparison}");

    let verdict = |key: &str| comparison.table(key).expect(key).verdict;
    for key in [
        "table3",
        "table4",
        "table5",
        "table6",
        "table7",
        "delivery",
        "cost",
        "table8",
        "fellowships",
        "quoted_counts",
    ] {
        assert_eq!(verdict(key), Verdict::Equal, "{key}\n{comparison}");
    }
    for key in ["table6_academic", "hei_regions"] {
        assert_eq!(verdict(key), Verdict::DocumentedDeviation, "{key}\n{comparison}");
    }
    let table = |key: &str| tables.iter().find(|t| t.key == key).expect(key);
    assert_eq!(table("table5").count("7"), 32);
    assert_eq!(table("table5").total(), 49);
    assert_eq!(table("table8").count("ihi"), 6);
    assert_eq!(table("hei_regions").count("south"), 5);
    assert_eq!(table("quoted_counts").count("registration"), 15);
    // The irrelevant QMUL course (focus null) is in the catalogue but in no table.
    assert!(!table("table4").rows.iter().any(|row| row.key == "qmul"));
    // Table 3 lists each course with its HEI and marks unverified ones.
    let listing = &table("table3").listing;
    assert_eq!(listing.len(), 11);
    let middlesex = listing.iter().find(|l| l[0].starts_with("Service Delivery")).expect("listed");
    assert_eq!(middlesex[1..], ["Middlesex University".to_owned(), "no *".to_owned()]);
}

#[test]
fn one_changed_record_makes_its_table_differ() {
    let mut records = fixture();
    let campus =
        records.iter_mut().find(|r| r.delivery == Some(Delivery::Campus)).expect("a campus course");
    campus.delivery = Some(Delivery::Blended);
    let tables = summary_tables(&records, &directory(), &TableFilter::new());
    let comparison = compare(&tables, &ReportFigures::report_2014().expect("figures"));
    assert!(!comparison.all_equal());
    let delivery = comparison.table("delivery").expect("delivery");
    assert_eq!(delivery.verdict, Verdict::Differs);
    let blended =
        delivery.rows.iter().find(|r| r.key == "Blended (campus and online)").expect("row");
    assert_eq!((blended.ours, blended.report), (3, Some(2)));
    assert!(comparison.to_string().contains("1 of 12 tables differ"), "{comparison}");
}

#[test]
fn filters_cut_every_table() {
    let records = fixture();
    let directory = directory();
    let main_only = summary_tables(&records, &directory, &TableFilter::new().focus(Focus::Main));
    let table = |tables: &[coursemap_tables::Table], key: &str| {
        tables.iter().find(|t| t.key == key).expect(key).total()
    };
    assert_eq!(table(&main_only, "table3"), 11);
    assert_eq!(table(&main_only, "table4"), 0);
    assert_eq!(table(&main_only, "table5"), 11);

    let south = summary_tables(&records, &directory, &TableFilter::new().region(Region::South));
    // lsbu 12, greenwich 3, kcl 3, sgul 1, kingston 3 HEI courses.
    assert_eq!(table(&south, "table5"), 22);
    assert_eq!(table(&south, "hei_regions"), 5);
    // Short courses: only NIHR CLAHRC South London's masterclass is in the south.
    assert_eq!(table(&south, "table8"), 1);

    let lsbu_fellowships = summary_tables(
        &records,
        &directory,
        &TableFilter::new().provider("lsbu").kind(coursemap_records::Kind::Fellowship),
    );
    assert_eq!(table(&lsbu_fellowships, "fellowships"), 0);
    assert_eq!(table(&lsbu_fellowships, "table5"), 0);
}

#[test]
fn html_is_self_contained_escaped_and_charted() {
    let mut records = fixture();
    records[0].title = "Health <Improvement> & \"Project\"".to_owned();
    let tables = summary_tables(&records, &directory(), &TableFilter::new());
    let comparison = compare(&tables, &ReportFigures::report_2014().expect("figures"));
    let html = render(&tables, Some(&comparison), Format::Html).expect("renders");
    assert_eq!(html.matches("<svg ").count(), tables.len());
    assert!(html.contains("Health &lt;Improvement&gt; &amp; &quot;Project&quot;"));
    assert!(!html.contains("<Improvement>"));
    // No external assets: the only URL is the SVG namespace.
    assert_eq!(html.matches("http").count(), html.matches("http://www.w3.org/2000/svg").count());
    assert!(!html.contains("<script"));
    assert!(html.contains("<th>2014 report</th>"));
    // Totals beside totals: the report's academic-criteria column sums to 50, ours to 49.
    let academic = &html[html.find("academic entrance criteria").expect("table 6b")..];
    let total = &academic[academic.find("<th>Total</th>").expect("total row")..];
    assert!(total.starts_with("<th>Total</th><th class=\"n\">49</th><th class=\"n\">50</th>"));
    let markdown = render(&tables, Some(&comparison), Format::Markdown).expect("markdown");
    assert!(markdown.contains("| **Total** | **49** | **50** |"), "{markdown}");
}

#[test]
fn markdown_and_csv_carry_the_same_numbers() {
    let tables = summary_tables(&fixture(), &directory(), &TableFilter::new());
    let markdown = render(&tables, None, Format::Markdown).expect("markdown");
    assert!(markdown.contains("| 6 or 7 | 3 |"), "{markdown}");
    assert!(
        markdown.contains("| Taught on campus plus research or other work-based learning | 25 |")
    );

    let comparison = compare(&tables, &ReportFigures::report_2014().expect("figures"));
    let csv = render(&tables, Some(&comparison), Format::Csv).expect("csv");
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv row")).collect();
    let short = rows
        .iter()
        .find(|r| {
            &r[0] == "table7" && &r[1] == "count" && &r[2] == "Short course/standalone module"
        })
        .expect("table 7 short row");
    assert_eq!((&short[3], &short[4]), ("18", "18"));
    assert!(rows.iter().any(|r| &r[0] == "cost" && &r[1] == "listing"));
    assert_eq!("html".parse::<Format>().expect("format"), Format::Html);
    assert!("pdf".parse::<Format>().is_err());
}

/// The national view: the same catalogue with providers spread over the UK is tabled by
/// England's regions and the other nations, and cut by a UK region or a nation.
#[test]
fn courses_are_tabled_and_cut_by_nation_and_region() {
    use coursemap_records::{Nation, UkRegion};
    let records = fixture();
    let mut directory = directory();
    // Move three London providers elsewhere, as a national catalogue would place them.
    for (id, uk_region) in [
        ("lsbu", UkRegion::Scotland),
        ("greenwich", UkRegion::Wales),
        ("kingston", UkRegion::YorkshireAndTheHumber),
    ] {
        let mut info = directory.get(id).expect(id).clone();
        info.region = None;
        info.uk_region = Some(uk_region);
        directory.insert(id, info);
    }
    let count_of = |records: &[Record], provider: &str| {
        records
            .iter()
            .filter(|r| r.focus.is_some() && r.provider_id.as_deref() == Some(provider))
            .count() as u64
    };
    let tables = summary_tables(&records, &directory, &TableFilter::new());
    let national = tables.iter().find(|t| t.key == "uk_regions").expect("the national table");
    assert_eq!(national.count("scotland"), count_of(&records, "lsbu"));
    assert_eq!(national.count("wales"), count_of(&records, "greenwich"));
    assert_eq!(national.count("yorkshire_and_the_humber"), count_of(&records, "kingston"));
    assert_eq!(national.count("northern_ireland"), 0);
    let admitted = records.iter().filter(|r| r.focus.is_some()).count() as u64;
    assert_eq!(national.total(), admitted, "every course in exactly one row");
    assert!(national.count("london") > 0 && national.count("uk_wide_or_online") > 0);
    assert!(
        national
            .listing
            .iter()
            .any(|row| row[0] == "London South Bank University" && row[1] == "Scotland")
    );

    let total = |filter: TableFilter| {
        let tables = summary_tables(&records, &directory, &filter);
        tables.iter().find(|t| t.key == "uk_regions").expect("table").total()
    };
    assert_eq!(total(TableFilter::new().region(UkRegion::Scotland)), count_of(&records, "lsbu"));
    assert_eq!(total(TableFilter::new().nation(Nation::Wales)), count_of(&records, "greenwich"));
    let england = total(TableFilter::new().nation(Nation::England));
    assert_eq!(england, national.count("london") + national.count("yorkshire_and_the_humber"));
    // The report's regions still cut as before, beside the UK's.
    let south_or_wales = total(TableFilter::new().region(Region::South).region(UkRegion::Wales));
    assert!(south_or_wales > count_of(&records, "greenwich"));
}
