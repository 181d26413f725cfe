//! Computes every summary table from the records.
//!
//! Tables 3-7, delivery and the quoted counts are about HEI courses: programmes and modules
//! with a focus (a record with no focus matched no search term and is kept for completeness,
//! never counted).

use std::collections::{BTreeMap, BTreeSet};

use coursemap_records::{Focus, Kind, Nation, Record, Region, Requirement, StudyMode, UkRegion};

use crate::directory::ProviderDirectory;
use crate::filter::TableFilter;
use crate::labels::{self, NOT_KNOWN};
use crate::table::{Row, Table, Tally};

/// Table 5's rows, in the report's order.
const FHEQ_ROWS: [&str; 9] = [
    "4, 5, 6 or 7",
    "5",
    "6",
    "6 or 7",
    "7",
    "7 or 8",
    "8",
    labels::POSTGRADUATE_UNSPECIFIED,
    NOT_KNOWN,
];

/// Region rows of the HEIs-by-region table, in the report's order: London's three, then
/// national providers.
const HEI_REGIONS: [Region; 4] =
    [Region::South, Region::NorthWest, Region::NorthEastNorthCentral, Region::National];

/// Every table, in the report's order, over the records `filter` admits.
pub fn summary_tables(
    records: &[Record],
    directory: &ProviderDirectory,
    filter: &TableFilter,
) -> Vec<Table> {
    let admitted: Vec<&Record> =
        records.iter().filter(|r| r.focus.is_some() && filter.admits(r, directory)).collect();
    let hei: Vec<&Record> = admitted
        .iter()
        .copied()
        .filter(|r| matches!(r.kind, Kind::Programme | Kind::Module))
        .collect();
    let mut tables = vec![
        focus_table(&hei, directory, Focus::Main),
        focus_table(&hei, directory, Focus::Related),
        fheq_table(&hei),
        entry_type_table(&hei),
        academic_table(&hei),
        length_table(&hei),
        delivery_table(&hei),
        crate::cost::cost_table(&admitted),
        short_course_table(&admitted, directory),
        fellowship_table(&admitted, directory),
        hei_region_table(&hei, directory),
        quoted_counts_table(&hei),
        uk_region_table(&admitted, directory),
    ];
    // Each table says which years its records cover: the records it counts.
    for table in &mut tables {
        let counted: Vec<&Record> = match table.key {
            "table3" => hei.iter().copied().filter(|r| r.focus == Some(Focus::Main)).collect(),
            "table4" => hei.iter().copied().filter(|r| r.focus == Some(Focus::Related)).collect(),
            "table8" => admitted.iter().copied().filter(|r| r.kind == Kind::ShortCourse).collect(),
            "fellowships" => {
                admitted.iter().copied().filter(|r| r.kind == Kind::Fellowship).collect()
            }
            "cost" | "uk_regions" => admitted.clone(),
            _ => hei.clone(),
        };
        table.notes.push(crate::entry_years::coverage_note(&counted));
    }
    tables
}

fn focus_table(hei: &[&Record], directory: &ProviderDirectory, focus: Focus) -> Table {
    let (key, title) = match focus {
        Focus::Main => {
            ("table3", "Table 3: courses with improvement or implementation as their main focus")
        }
        Focus::Related => {
            ("table4", "Table 4: courses with improvement or implementation as a related topic")
        }
    };
    let mut table = Table::new(key, title, "HEI");
    let mut tally = Tally::default();
    for record in hei.iter().filter(|r| r.focus == Some(focus)) {
        let name = directory.name_of(record);
        tally.add(&directory.key_of(record), &name);
        let verified = if record.verified { "yes" } else { "no *" };
        table.listing.push(vec![record.title.clone(), name, verified.to_owned()]);
    }
    table.rows = tally.into_rows();
    table.listing_header = vec!["Course".into(), "HEI".into(), "Verified".into()];
    table.notes.push("* not verified by the provider".to_owned());
    table
}

fn fheq_table(hei: &[&Record]) -> Table {
    let mut table = Table::new("table5", "Table 5: FHEQ level", "FHEQ level");
    let mut tally = Tally::with_rows(FHEQ_ROWS);
    for record in hei {
        tally.add_label(&labels::fheq_label(
            record.fheq_levels.as_deref(),
            record.postgraduate_unspecified,
        ));
    }
    table.rows = tally.into_rows();
    table
}

fn entry_type_table(hei: &[&Record]) -> Table {
    let mut table =
        Table::new("table6", "Table 6: type of entrance criteria", "Type of entrance criteria");
    let report_rows = labels::ENTRY_TYPE_LABELS[..6].iter().map(|(_, label)| *label);
    let mut tally = Tally::with_rows(report_rows.chain([NOT_KNOWN]));
    for record in hei {
        tally.add_label(labels::entry_type_label(record.entry.requires.as_deref()));
    }
    table.rows = tally.into_rows();
    table
}

fn academic_table(hei: &[&Record]) -> Table {
    let mut table = Table::new(
        "table6_academic",
        "Table 6: academic entrance criteria",
        "Academic entrance criteria",
    );
    let report_rows = labels::ACADEMIC_LABELS.iter().map(|(_, label)| *label);
    let mut tally = Tally::with_rows(report_rows.chain([NOT_KNOWN]));
    for record in hei {
        tally.add_label(labels::academic_label(record.entry.academic));
    }
    table.rows = tally.into_rows();
    table
}

fn length_table(hei: &[&Record]) -> Table {
    let mut table =
        Table::new("table7", "Table 7: length and full/part-time options", "Length of course");
    // "Other length" and "Not known" are not report rows: shown only when counted.
    let report_rows = labels::LENGTH_LABELS[..7].iter().map(|(_, label)| *label);
    let mut tally = Tally::with_rows(report_rows);
    for record in hei {
        let category = record.length.category.or_else(|| record.length.derive_category());
        tally.add_label(labels::length_label(category));
    }
    table.rows = tally.into_rows();
    table
}

fn delivery_table(hei: &[&Record]) -> Table {
    let mut table = Table::new("delivery", "Delivery mode", "Delivery");
    let report_rows = labels::DELIVERY_LABELS.iter().map(|(_, label)| *label);
    let mut tally = Tally::with_rows(report_rows.chain([labels::DELIVERY_NOT_KNOWN]));
    for record in hei {
        tally.add_label(labels::delivery_label(record.delivery));
    }
    table.rows = tally.into_rows();
    table
}

fn short_course_table(admitted: &[&Record], directory: &ProviderDirectory) -> Table {
    let mut table = Table::new("table8", "Table 8: short courses by provider", "Provider");
    let mut tally = Tally::default();
    for record in admitted.iter().filter(|r| r.kind == Kind::ShortCourse) {
        let name = directory.name_of(record);
        tally.add(&directory.key_of(record), &name);
        table.listing.push(vec![record.title.clone(), name]);
    }
    table.rows = tally.into_rows();
    table.listing_header = vec!["Short course".into(), "Provider".into()];
    table
}

fn fellowship_table(admitted: &[&Record], directory: &ProviderDirectory) -> Table {
    let mut table = Table::new("fellowships", "Fellowships: national and local", "Scope");
    table.count_header = "fellowships".to_owned();
    let mut tally = Tally::with_rows(["National", "Local"]);
    for record in admitted.iter().filter(|r| r.kind == Kind::Fellowship) {
        let scope = directory.scope_of(record).map_or(NOT_KNOWN, |s| s.label());
        tally.add_label(scope);
        table.listing.push(vec![record.title.clone(), directory.name_of(record), scope.to_owned()]);
    }
    table.rows = tally.into_rows();
    table.listing_header = vec!["Fellowship".into(), "Provider".into(), "Scope".into()];
    table
}

fn hei_region_table(hei: &[&Record], directory: &ProviderDirectory) -> Table {
    let mut table = Table::new("hei_regions", "HEIs with courses by region", "Region");
    table.count_header = "HEIs".to_owned();
    let mut heis: BTreeMap<String, (String, Option<Region>)> = BTreeMap::new();
    for record in hei {
        heis.entry(directory.key_of(record))
            .or_insert_with(|| (directory.name_of(record), directory.region_of(record)));
    }
    // Regions are counted per HEI, not per course; the report's four rows come first.
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut extra: Vec<(String, String)> = Vec::new();
    for (name, region) in heis.values() {
        let key = region.map_or(NOT_KNOWN, Region::as_str).to_owned();
        *counts.entry(key.clone()).or_default() += 1;
        let fixed = region.is_some_and(|r| HEI_REGIONS.contains(&r));
        if !fixed && !extra.iter().any(|(k, _)| *k == key) {
            extra.push((key, labels::region_label(*region)));
        }
        table.listing.push(vec![name.clone(), labels::region_label(*region)]);
    }
    let fixed = HEI_REGIONS.iter().map(|r| (r.as_str().to_owned(), labels::region_label(Some(*r))));
    table.rows = fixed
        .chain(extra)
        .map(|(key, label)| Row { count: counts.get(&key).copied().unwrap_or(0), key, label })
        .collect();
    table.listing_header = vec!["HEI".into(), "Region".into()];
    table
}

/// Beside the report's London regions, the country's: courses of every kind by England's
/// regions and the other nations, each nation's total after its regions, and the providers
/// behind them. The 2014 report has no such table; a national catalogue is read by it.
fn uk_region_table(admitted: &[&Record], directory: &ProviderDirectory) -> Table {
    let mut table = Table::new("uk_regions", "Courses by nation and region", "Region");
    let mut courses: BTreeMap<Option<UkRegion>, u64> = BTreeMap::new();
    let mut providers: BTreeMap<String, (String, Option<UkRegion>, u64)> = BTreeMap::new();
    for record in admitted {
        let uk_region = directory.uk_region_of(record);
        *courses.entry(uk_region).or_default() += 1;
        providers
            .entry(directory.key_of(record))
            .or_insert_with(|| (directory.name_of(record), uk_region, 0))
            .2 += 1;
    }
    let count = |region: UkRegion| courses.get(&Some(region)).copied().unwrap_or(0);
    for region in UkRegion::ALL {
        table.rows.push(Row {
            key: region.as_str().to_owned(),
            label: region.label().to_owned(),
            count: count(*region),
        });
    }
    let england: u64 =
        UkRegion::ALL.iter().filter(|r| r.nation() == Nation::England).map(|r| count(*r)).sum();
    table.rows.push(Row {
        key: "uk_wide_or_online".to_owned(),
        label: "UK-wide or online".to_owned(),
        count: courses.get(&None).copied().unwrap_or(0),
    });
    let mut listing: Vec<(String, Option<UkRegion>, u64)> = providers.into_values().collect();
    listing.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    table.listing = listing
        .into_iter()
        .map(|(name, region, n)| {
            let region = region.map_or("UK-wide or online", UkRegion::label);
            vec![name, region.to_owned(), n.to_string()]
        })
        .collect();
    table.listing_header = vec!["Provider".into(), "Region".into(), "Courses".into()];
    table.notes.push(format!(
        "England's nine regions, then the other three nations; England in all: {england}. \
         Courses of every kind (programmes, modules, short courses, fellowships)."
    ));
    table
}

fn quoted_counts_table(hei: &[&Record]) -> Table {
    let mut table = Table::new("quoted_counts", "Counts the report quotes", "Count");
    let registration = hei
        .iter()
        .filter(|r| {
            r.entry
                .requires
                .as_ref()
                .is_some_and(|req| req.contains(&Requirement::ProfessionalRegistration))
        })
        .count();
    let part_time = hei.iter().filter(|r| available_part_time(r)).count();
    let providers: BTreeSet<&str> =
        hei.iter().filter_map(|r| r.provider_id.as_deref().or(r.provider.as_deref())).collect();
    table.rows = vec![
        row("hei_courses", "HEI courses (programmes and modules)", hei.len()),
        row("heis", "HEIs with courses", providers.len()),
        row("registration", "Courses requiring health professional registration", registration),
        row("part_time", "Courses available part-time", part_time),
    ];
    table
}

/// A course can be studied part-time when it has a part-time route or fee, is a standalone
/// module or short course (taken alongside work), or has no time limit.
fn available_part_time(record: &Record) -> bool {
    record.length.part_time_months.is_some()
        || record.length.short
        || record.length.no_time_limit
        || record.cost.fees.iter().any(|fee| fee.mode == Some(StudyMode::PartTime))
}

fn row(key: &str, label: &str, count: usize) -> Row {
    Row { key: key.to_owned(), label: label.to_owned(), count: count as u64 }
}
