//! `coursemap import --verification DIR [--dry-run]`: apply returned verification sheets.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use coursemap_catalogue::CatalogueDir;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The catalogue directory (records.jsonl is updated, overrides.jsonl appended).
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// The directory of returned sheets (.xlsx or .csv, as exported).
    #[arg(long, value_name = "DIR")]
    pub verification: PathBuf,
    /// Validate and say what would change, without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let report = coursemap_verification::import(&args.catalogue, &args.verification, args.dry_run)
        .with_context(|| {
            format!("importing verification sheets from {}", args.verification.display())
        })?;
    print!("{report}");
    if !args.dry_run && !report.overrides.is_empty() {
        println!(
            "saved {} override(s) in {}; rebuild the search index (`coursemap build`) to search them",
            report.overrides.len(),
            CatalogueDir::new(&args.catalogue).overrides().display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
