//! `--seeds` and `--terms`, the two files every seeds-reading command takes.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use coursemap_seeds::{Seeds, SeedsFile};

/// Where the providers file is looked for when `--seeds` is not given.
pub const PROVIDERS_FILE: &str = "seeds/providers.toml";
/// Where the terms file is looked for when `--terms` is not given.
const TERMS_FILE: &str = "seeds/terms.txt";

#[derive(Debug, Clone, Args)]
pub struct SeedsArgs {
    /// The providers file: hosts, start URLs, regions and fellowship scope [default:
    /// seeds/providers.toml in the working directory, else the copy built into coursemap]
    #[arg(long)]
    pub seeds: Option<PathBuf>,
    /// The search terms file [default: seeds/terms.txt in the working directory, else the
    /// copy built into coursemap]
    #[arg(long)]
    pub terms: Option<PathBuf>,
}

/// The file given, else the default file when the working directory has it, else the copy
/// built into the binary (so `coursemap` works outside the checkout).
fn source<'a>(given: Option<&'a Path>, default: &'a str) -> SeedsFile<'a> {
    match given {
        Some(path) => SeedsFile::Path(path),
        None if Path::new(default).is_file() => SeedsFile::Path(Path::new(default)),
        None => SeedsFile::BuiltIn,
    }
}

impl SeedsArgs {
    /// Loads and validates both files; an error names the file and line.
    pub fn load(&self) -> anyhow::Result<Seeds> {
        let providers = source(self.seeds.as_deref(), PROVIDERS_FILE);
        let terms = source(self.terms.as_deref(), TERMS_FILE);
        tracing::debug!(?providers, ?terms, "seeds");
        Seeds::from_files(providers, terms).context("loading the seeds")
    }

    /// A providers file named with `--seeds` that does not exist.
    pub fn missing_providers_file(&self) -> Option<&Path> {
        self.seeds.as_deref().filter(|path| !path.is_file())
    }
}
