//! `coursemap build`: page store -> records.jsonl -> index.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use coursemap_catalogue::{BuildOptions, BuildSummary, CatalogueDir};

use crate::cmd::seeds_args::SeedsArgs;

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The catalogue directory.
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    #[command(flatten)]
    pub seeds: SeedsArgs,
    /// Print the summary as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let seeds = args.seeds.load()?;
    let dir = CatalogueDir::new(&args.catalogue);
    let summary = coursemap_catalogue::build(&dir, &seeds, &BuildOptions::default().progress(true))
        .with_context(|| format!("building the catalogue in {}", args.catalogue.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary);
    }
    Ok(())
}

pub fn print_summary(summary: &BuildSummary) {
    println!(
        "built {} records ({} relevant) from {} pages",
        summary.records, summary.relevant_records, summary.pages_read
    );
    let kinds: Vec<String> =
        summary.records_by_kind.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    println!("  by kind: {}", kinds.join(", "));
    if summary.duplicates_merged > 0 {
        println!("  duplicates merged: {}", summary.duplicates_merged);
    }
    if summary.overrides_applied > 0 {
        println!("  verification overrides applied: {}", summary.overrides_applied);
    }
    for (reason, n) in &summary.pages_skipped {
        println!("  pages skipped ({reason}): {n}");
    }
    for (kind, n) in &summary.warnings_by_kind {
        println!("  warnings ({kind}): {n}");
    }
    for line in &summary.corrupt {
        println!("  corrupt: {line}");
    }
    if let Some(snapshot) = &summary.snapshot {
        println!("  previous records kept in {snapshot}");
    }
}
