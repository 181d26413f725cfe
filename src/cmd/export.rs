//! `coursemap export`: verification spreadsheets (and, from the lead, search documents).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use coursemap_records::read_jsonl;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The catalogue directory (its `records.jsonl` is exported).
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// Write one verification spreadsheet per provider (XLSX and CSV) into this directory.
    #[arg(long, value_name = "DIR")]
    pub verification: Option<PathBuf>,
    // ---- LEAD: `--ndjson PATH` and `--es-bulk PATH` (search-engine documents) go here. ----
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let records_path = args.catalogue.join("records.jsonl");
    let Some(dir) = args.verification else {
        crate::usage_bail!("nothing to export: give --verification DIR");
    };
    let (records, bad) = read_jsonl(&records_path).with_context(|| {
        format!("reading {} (run `coursemap build` first)", records_path.display())
    })?;
    for line in &bad {
        tracing::warn!(%line, "unreadable record not exported");
    }
    let summary = coursemap_verification::export(&records, &dir)
        .with_context(|| format!("writing verification sheets to {}", dir.display()))?;
    println!(
        "wrote {} verification sheets ({} providers, {} records) to {}",
        summary.files.len(),
        summary.providers,
        summary.records,
        dir.display()
    );
    // ---- LEAD: the --ndjson / --es-bulk exports run here. ----
    Ok(ExitCode::SUCCESS)
}
