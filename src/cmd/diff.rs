//! `coursemap diff [OLD NEW] [--json]`: what changed between two builds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use coursemap_catalogue::CatalogueDir;
use coursemap_records::{Record, diff, read_jsonl};

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older records file. Default: the newest snapshot under the catalogue's snapshots/.
    pub old: Option<PathBuf>,
    /// The newer records file. Default: the catalogue's records.jsonl.
    pub new: Option<PathBuf>,
    /// The catalogue directory.
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let (old, new) = match (args.old, args.new) {
        (Some(old), Some(new)) => (old, new),
        (None, None) => {
            // The layout's own rule, which skips a snapshot still being written.
            let dir = CatalogueDir::new(&args.catalogue);
            let Some(snapshot) = dir.latest_snapshot() else {
                crate::usage_bail!(
                    "no previous build under {}: give OLD and NEW records files",
                    dir.snapshots().display()
                );
            };
            (snapshot, dir.records())
        }
        _ => crate::usage_bail!("give both OLD and NEW, or neither (previous build vs current)"),
    };
    let changes = diff(&load(&old)?, &load(&new)?);
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&changes)?)
    } else {
        format!("{} -> {}\n{changes}", old.display(), new.display())
    };
    crate::cmd::tables::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn load(path: &Path) -> anyhow::Result<Vec<Record>> {
    let (records, bad) = read_jsonl(path).context("reading the records to compare")?;
    for line in &bad {
        tracing::warn!(%line, "unreadable record left out of the comparison");
    }
    Ok(records)
}
