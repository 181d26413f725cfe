//! The verification round trip on a small catalogue (tests/data/catalogue.jsonl: King's
//! College London's three courses and St George's one): export, edit the returned sheets
//! programmatically, import, and check the catalogue shows exactly those edits, also after a
//! fresh build; an invalid sheet changes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use coursemap_records::{Fee, FeePer, Field, Kind, Record, Source, Student, StudyMode, read_jsonl};
use coursemap_tables::{ProviderDirectory, TableFilter, summary_tables};
use coursemap_verification::{Error, Sheet, apply_overrides, export, import, read_overrides};

struct Catalogue {
    _dir: tempfile::TempDir,
    index: PathBuf,
    sheets: PathBuf,
    original: Vec<Record>,
}

fn catalogue() -> Catalogue {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = dir.path().join("index");
    let sheets = dir.path().join("verification");
    fs::create_dir_all(&index).expect("index dir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/catalogue.jsonl");
    fs::copy(&data, index.join("records.jsonl")).expect("copy catalogue");
    let (original, bad) = read_jsonl(&data).expect("fixture reads");
    assert!(bad.is_empty());
    export(&original, &sheets).expect("export");
    Catalogue { _dir: dir, index, sheets, original }
}

fn row_titled(sheet: &Sheet, title: &str) -> usize {
    (0..sheet.rows.len()).find(|&r| sheet.cell(r, "Title") == title).expect(title)
}

fn by_title<'a>(records: &'a [Record], title: &str) -> &'a Record {
    records.iter().find(|r| r.title == title).expect(title)
}

fn current(catalogue: &Catalogue) -> Vec<Record> {
    read_jsonl(&catalogue.index.join("records.jsonl")).expect("records read").0
}

const ADDED_URL: &str = "https://www.kcl.ac.uk/short-courses/qi-basics";

/// The edits of the issue: confirm one, correct a fee, mark one discontinued, add one.
fn edit(sheet: &mut Sheet) {
    let masters = row_titled(sheet, "Masters in Clinical Research");
    sheet.set(masters, "Status", "confirm").expect("set");
    let ebdm = row_titled(sheet, "Evidence Based Decision Making in Healthcare");
    sheet.set(ebdm, "Status", "correct").expect("set");
    sheet.set(ebdm, "Fees (correction)", "£60 per credit (home, part-time)").expect("set");
    let measurement = row_titled(sheet, "Measurement and Evaluation of Healthcare Practice");
    sheet.set(measurement, "Status", "discontinued").expect("set");
    let added = sheet.push_row();
    for (column, value) in [
        ("Status", "add"),
        ("Source URL", ADDED_URL),
        ("Title", "Quality Improvement Basics"),
        ("Kind", "Module"),
        ("FHEQ level", "7"),
        ("Delivery", "Blended (campus and online)"),
        ("Fees", "£900 per module (any)"),
        ("Focus", "Main"),
    ] {
        sheet.set(added, column, value).expect("set");
    }
}

fn check_edits_applied(catalogue: &Catalogue, after: &[Record]) {
    let original = &catalogue.original;
    assert_eq!(after.len(), original.len(), "one removed, one added");

    let mut masters = by_title(original, "Masters in Clinical Research").clone();
    masters.verified = true;
    assert_eq!(by_title(after, "Masters in Clinical Research"), &masters);

    let corrected = by_title(after, "Evidence Based Decision Making in Healthcare");
    let mut expected = by_title(original, "Evidence Based Decision Making in Healthcare").clone();
    expected.cost.fees =
        vec![Fee::gbp(60.0, FeePer::Credit, Student::Home, Some(StudyMode::PartTime))];
    expected.verified = true;
    expected.evidence = corrected.evidence.clone();
    assert_eq!(corrected, &expected);
    assert_eq!(corrected.evidence[&Field::Cost].source, Source::Manual);
    assert_eq!(corrected.evidence.len(), 1, "only the corrected field gains evidence");

    assert!(!after.iter().any(|r| r.title == "Measurement and Evaluation of Healthcare Practice"));
    // St George's sheet was not touched.
    assert_eq!(
        by_title(after, "MRes Clinical Practice"),
        by_title(original, "MRes Clinical Practice")
    );

    let added = by_title(after, "Quality Improvement Basics");
    assert_eq!(added.url, ADDED_URL);
    assert_eq!(added.id, coursemap_records::record_id(ADDED_URL, None));
    assert_eq!(added.kind, Kind::Module);
    assert_eq!(added.fheq_levels, Some(vec![7]));
    assert_eq!(added.provider_id.as_deref(), Some("kcl"), "provider taken from the sheet");
    assert_eq!(added.cost.fees[0].amount, 900.0);
    assert!(added.verified);
    assert!(added.evidence.values().all(|e| e.source == Source::Manual));
    assert!(added.evidence.contains_key(&Field::Delivery));
}

#[test]
fn xlsx_round_trip_applies_exactly_the_edits_and_survives_a_rebuild() {
    let catalogue = catalogue();
    let names: Vec<String> = {
        let mut names: Vec<String> = fs::read_dir(&catalogue.sheets)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names, ["kcl.csv", "kcl.xlsx", "sgul.csv", "sgul.xlsx"]);

    let path = catalogue.sheets.join("kcl.xlsx");
    let mut sheet = Sheet::read(&path).expect("xlsx reads");
    let masters = row_titled(&sheet, "Masters in Clinical Research");
    assert_eq!(
        sheet.cell(masters, "Fees"),
        "£9,900 per year (home, full-time); £4,950 per year (home, part-time); £21,000 per year (international, full-time)"
    );
    assert_eq!(sheet.cell(masters, "Kind"), "Programme");
    assert_eq!(sheet.cell(masters, "Fees (correction)"), "");
    edit(&mut sheet);
    sheet.write_xlsx(&path).expect("xlsx writes");

    let before = fs::read(catalogue.index.join("records.jsonl")).expect("records");
    let dry = import(&catalogue.index, &catalogue.sheets, true).expect("dry run");
    assert_eq!(fs::read(catalogue.index.join("records.jsonl")).expect("records"), before);
    assert!(!catalogue.index.join("overrides.jsonl").exists());
    assert_eq!(dry.skipped_files.len(), 2, "CSVs beside the XLSX files are skipped");

    let report = import(&catalogue.index, &catalogue.sheets, false).expect("import");
    assert_eq!(report.overrides, dry.overrides);
    let titles = |refs: &[coursemap_verification::RecordRef]| -> Vec<String> {
        refs.iter().map(|r| r.title.clone()).collect()
    };
    assert_eq!(
        titles(&report.confirmed),
        ["Masters in Clinical Research", "Evidence Based Decision Making in Healthcare"]
    );
    assert_eq!(titles(&report.removed), ["Measurement and Evaluation of Healthcare Practice"]);
    assert_eq!(titles(&report.added), ["Quality Improvement Basics"]);
    assert_eq!(report.corrected.len(), 1);
    assert_eq!(report.corrected[0].field, "Fees");
    assert_eq!(report.corrected[0].old, "£55 per credit (home, part-time)");
    assert_eq!(report.corrected[0].new, "£60 per credit (home, part-time)");
    assert!(report.to_string().contains("1 record(s) were removed as discontinued"), "{report}");

    let after = current(&catalogue);
    check_edits_applied(&catalogue, &after);

    // Importing the same sheets again changes nothing.
    let again = import(&catalogue.index, &catalogue.sheets, false).expect("re-import");
    assert!(again.overrides.is_empty(), "{again}");
    assert_eq!(current(&catalogue), after);

    // A fresh crawl and build extracts the original records again; the overrides restore
    // the verification results.
    let overrides = read_overrides(&catalogue.index.join("overrides.jsonl")).expect("overrides");
    assert_eq!(overrides.len(), 5);
    let (rebuilt, skipped) = apply_overrides(catalogue.original.clone(), &overrides);
    assert_eq!(skipped, vec![], "every override applies to the build it came from");
    assert_eq!(rebuilt, after);

    // The tables see the edits: the discontinued module is gone, the added one listed, the
    // confirmed course no longer marked unverified.
    let tables = summary_tables(&after, &ProviderDirectory::default(), &TableFilter::new());
    let listing = |key: &str| tables.iter().find(|t| t.key == key).expect(key).listing.clone();
    assert!(listing("table3").iter().any(|l| l[0] == "Quality Improvement Basics"));
    assert!(!listing("table4").iter().any(|l| l[0].starts_with("Measurement")));
    let masters_row =
        listing("table4").into_iter().find(|l| l[0] == "Masters in Clinical Research");
    assert_eq!(masters_row.expect("listed")[2], "yes");
}

#[test]
fn csv_round_trip_gives_the_same_result() {
    let catalogue = catalogue();
    fs::remove_file(catalogue.sheets.join("kcl.xlsx")).expect("rm xlsx");
    let path = catalogue.sheets.join("kcl.csv");
    let mut sheet = Sheet::read(&path).expect("csv reads");
    edit(&mut sheet);
    sheet.write_csv(&path).expect("csv writes");
    let report = import(&catalogue.index, &catalogue.sheets, false).expect("import");
    // St George's returned both forms; its XLSX is read, its CSV passed over.
    assert_eq!(report.skipped_files, [catalogue.sheets.join("sgul.csv")]);
    check_edits_applied(&catalogue, &current(&catalogue));
}

#[test]
fn an_invalid_sheet_changes_nothing_and_names_every_bad_cell() {
    let catalogue = catalogue();
    let path = catalogue.sheets.join("kcl.xlsx");
    let mut sheet = Sheet::read(&path).expect("xlsx reads");
    edit(&mut sheet);
    let ebdm = row_titled(&sheet, "Evidence Based Decision Making in Healthcare");
    sheet.set(ebdm, "Fees (correction)", "about sixty pounds").expect("set");
    let masters = row_titled(&sheet, "Masters in Clinical Research");
    sheet.set(masters, "Status", "looks fine").expect("set");
    sheet.write_xlsx(&path).expect("xlsx writes");
    // The other provider's sheet is valid on its own.
    let sgul = catalogue.sheets.join("sgul.xlsx");
    let mut other = Sheet::read(&sgul).expect("reads");
    other.set(0, "Status", "confirm").expect("set");
    other.write_xlsx(&sgul).expect("writes");

    let before = fs::read(catalogue.index.join("records.jsonl")).expect("records");
    let err = import(&catalogue.index, &catalogue.sheets, false).expect_err("invalid");
    let Error::Invalid(invalid) = &err else { panic!("expected Invalid, got {err}") };
    assert_eq!(invalid.0.len(), 2, "{err}");
    let fee = invalid.0.iter().find(|e| e.column == "Fees (correction)").expect("fee error");
    assert_eq!(fee.row, ebdm + 2);
    assert!(fee.file.ends_with("kcl.xlsx"));
    assert!(fee.message.contains("about sixty pounds"), "{}", fee.message);
    let status = invalid.0.iter().find(|e| e.column == "Status").expect("status error");
    assert_eq!(status.row, masters + 2);
    assert!(
        err.to_string().contains(&format!("kcl.xlsx row {}, column \"Status\"", masters + 2)),
        "{err}"
    );

    assert_eq!(fs::read(catalogue.index.join("records.jsonl")).expect("records"), before);
    assert!(!catalogue.index.join("overrides.jsonl").exists());
}

#[test]
fn unknown_ids_and_headers_are_rejected() {
    let catalogue = catalogue();
    let path = catalogue.sheets.join("sgul.csv");
    fs::remove_file(catalogue.sheets.join("sgul.xlsx")).expect("rm");
    let mut sheet = Sheet::read(&path).expect("reads");
    sheet.set(0, "Status", "confirm").expect("set");
    sheet.set(0, "Record id", "no-such-id").expect("set");
    sheet.header.push("Fee (corection)".to_owned());
    sheet.write_csv(&path).expect("writes");
    let err = import(&catalogue.index, &catalogue.sheets, true).expect_err("invalid");
    let text = err.to_string();
    assert!(text.contains("\"Fee (corection)\": unknown column"), "{text}");
    // A sheet with a bad header is not read further, so its rows add no errors.
    assert!(!text.contains("no-such-id"), "{text}");

    // With the header put right, the unknown id is the error.
    sheet.header.pop();
    sheet.write_csv(&path).expect("writes");
    let err = import(&catalogue.index, &catalogue.sheets, true).expect_err("invalid");
    let text = err.to_string();
    assert!(
        text.contains(
            "sgul.csv row 2, column \"Record id\": \"no-such-id\" is not in the catalogue"
        ),
        "{text}"
    );
}

/// The XLSX opens in a real spreadsheet reader: Python's openpyxl, when it is installed.
#[test]
fn xlsx_opens_in_openpyxl() {
    let catalogue = catalogue();
    let path = catalogue.sheets.join("kcl.xlsx");
    let script = "import json, sys, openpyxl\n\
                  wb = openpyxl.load_workbook(sys.argv[1])\n\
                  ws = wb.worksheets[0]\n\
                  rows = [[c if c is not None else '' for c in r] for r in ws.iter_rows(values_only=True)]\n\
                  print(json.dumps({'sheets': wb.sheetnames, 'rows': rows}))\n";
    let output = match Command::new("python3").arg("-c").arg(script).arg(&path).output() {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            println!(
                "notice: openpyxl not usable, XLSX reader check skipped: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            return;
        }
        Err(err) => {
            println!("notice: python3 not found, XLSX reader check skipped: {err}");
            return;
        }
    };
    let parsed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(parsed["sheets"], serde_json::json!(["Courses", "How to fill in"]));
    let ours = Sheet::read(&path).expect("reads");
    let rows = parsed["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), ours.rows.len() + 1);
    let header: Vec<&str> =
        rows[0].as_array().expect("header").iter().map(|c| c.as_str().unwrap_or("")).collect();
    assert_eq!(header, ours.header);
    for (index, row) in ours.rows.iter().enumerate() {
        let theirs: Vec<&str> = rows[index + 1]
            .as_array()
            .expect("row")
            .iter()
            .map(|c| c.as_str().unwrap_or(""))
            .collect();
        assert_eq!(&theirs[..row.len()], row.as_slice(), "row {index}");
    }
}
