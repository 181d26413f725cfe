//! The verification-sheet importer on any CSV bytes: a sheet comes back from people and
//! spreadsheets, so reading it and planning its corrections against a real catalogue must
//! give overrides or named bad cells, never a panic.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use coursemap_records::Record;
use coursemap_verification::{Sheet, plan_import};
use libfuzzer_sys::fuzz_target;

/// The verification crate's own test catalogue, so sheets can name real record ids.
fn records() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        include_str!("../../crates/verification/tests/data/catalogue.jsonl")
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    })
}

/// `Sheet::read` takes a path (the importer reads files), so each input is written to one
/// scratch file per process.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("coursemap-fuzz-sheet-{}.csv", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    if std::fs::write(path, data).is_err() {
        return;
    }
    if let Ok(sheet) = Sheet::read(path) {
        let _ = plan_import(records(), &[sheet], &[]);
    }
});
