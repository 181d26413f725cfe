//! `--seeds` and `--terms`, the two files every seeds-reading command takes.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use coursemap_seeds::Seeds;

#[derive(Debug, Clone, Args)]
pub struct SeedsArgs {
    /// The providers file: hosts, start URLs, regions and fellowship scope.
    #[arg(long, default_value = "seeds/providers.toml")]
    pub seeds: PathBuf,
    /// The search terms file.
    #[arg(long, default_value = "seeds/terms.txt")]
    pub terms: PathBuf,
}

impl SeedsArgs {
    /// Loads and validates both files; an error names the file and line.
    pub fn load(&self) -> anyhow::Result<Seeds> {
        Seeds::load(&self.seeds, &self.terms).context("loading the seeds")
    }
}
