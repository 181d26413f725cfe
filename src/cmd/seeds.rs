//! `coursemap seeds check`: before a real crawl, ask each provider's site whether the seeds
//! still hold (robots.txt, start URLs, sitemaps, site search), politely and without crawling.
//! `coursemap seeds national`: generate the national providers file from Discover Uni.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use coursemap_crawl::{CheckStatus, CrawlConfig, ProviderCheck};
use coursemap_seeds::Seeds;

use crate::cmd::seeds_args::{PROVIDERS_FILE, SeedsArgs};
use crate::usage_bail;

#[derive(Debug, Args)]
pub struct SeedsCommandArgs {
    #[command(subcommand)]
    pub command: SeedsCommand,
}

#[derive(Debug, Subcommand)]
pub enum SeedsCommand {
    /// Fetch each provider's robots.txt, start URLs, sitemaps and site search (one term), and
    /// say per provider: ok, moved, not_found, robots_blocked, challenge, unreachable or
    /// closed. Exits 1 when any provider is neither ok nor closed.
    Check(SeedsCheckArgs),
    /// Write the national providers file: every provider with a website in the Discover Uni
    /// institution table, placed by nation and region, joined with the project's own
    /// providers file (whose entries win). Run again on a newer table to regenerate.
    National(SeedsNationalArgs),
}

#[derive(Debug, Args)]
pub struct SeedsNationalArgs {
    /// The Discover Uni INSTITUTION table (CSV).
    #[arg(long, value_name = "CSV")]
    pub csv: PathBuf,
    /// The project's own providers file, kept whole [default: seeds/providers.toml in the
    /// working directory, else the copy built into coursemap]
    #[arg(long)]
    pub seeds: Option<PathBuf>,
    /// Where to write the national providers file.
    #[arg(long, value_name = "TOML", default_value = "seeds/uk-providers.toml")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SeedsCheckArgs {
    #[command(flatten)]
    pub seeds: SeedsArgs,
    /// Print a JSON list of {provider, status, detail, urls} instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Only validate the seeds file; contact nobody.
    #[arg(long)]
    pub offline: bool,
    /// Send requests for HOST to ADDR (IP:PORT) without looking it up; repeatable.
    #[arg(long, value_name = "HOST=ADDR")]
    pub resolve: Vec<String>,
    /// Skip hosts without a --resolve address, never looking them up.
    #[arg(long)]
    pub resolved_only: bool,
    /// Trust this PEM root certificate (only it) for TLS, e.g. the sample web's CA.
    #[arg(long, value_name = "PEMFILE")]
    pub ca_cert: Option<PathBuf>,
    /// Requests per second per host, overriding the seeds (default: the provider's rate, else 1).
    #[arg(long, value_name = "PER_SECOND")]
    pub rate: Option<f64>,
}

pub async fn run(args: SeedsCommandArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        SeedsCommand::Check(args) => check(args).await,
        SeedsCommand::National(args) => national(args),
    }
}

fn national(args: SeedsNationalArgs) -> anyhow::Result<ExitCode> {
    let csv = match std::fs::read_to_string(&args.csv) {
        Ok(text) => text,
        Err(err) => usage_bail!("--csv {}: {err}", args.csv.display()),
    };
    let (own_text, own_path) = match &args.seeds {
        Some(path) => (
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
            path.clone(),
        ),
        None if Path::new(PROVIDERS_FILE).is_file() => (
            std::fs::read_to_string(PROVIDERS_FILE)
                .with_context(|| format!("reading {PROVIDERS_FILE}"))?,
            PathBuf::from(PROVIDERS_FILE),
        ),
        None => (
            coursemap_seeds::BUILT_IN_PROVIDERS.to_owned(),
            PathBuf::from("seeds/providers.toml (built in)"),
        ),
    };
    let own = coursemap_seeds::parse_providers(&own_text, &own_path)?;
    let national = coursemap_seeds::national_seeds(&csv, &args.csv, &own_text, &own)?;
    // The file must load as it will be read: a generated entry the loader refuses is a bug
    // here, not something to find at crawl time.
    let providers = coursemap_seeds::parse_providers(&national.toml, &args.out)
        .context("the generated file does not load")?;
    coursemap_files::write_atomically(&args.out, |out| out.write_all(national.toml.as_bytes()))
        .with_context(|| format!("writing {}", args.out.display()))?;
    let s = &national.summary;
    println!(
        "{}: {} providers ({} generated from {} table providers, {} without a website left out; \
         {} of the project's own, {} of them also in the table)",
        args.out.display(),
        providers.len(),
        s.generated,
        s.providers,
        s.without_website,
        s.own,
        s.joined.len(),
    );
    if !s.unplaced.is_empty() {
        println!("no region for (postcode not placed): {}", s.unplaced.join("; "));
    }
    if !s.shared_host.is_empty() {
        println!("left out, website is another provider's: {}", s.shared_host.join("; "));
    }
    Ok(ExitCode::SUCCESS)
}

async fn check(args: SeedsCheckArgs) -> anyhow::Result<ExitCode> {
    if let Some(missing) = args.seeds.missing_providers_file() {
        usage_bail!("--seeds {}: no such file", missing.display());
    }
    let seeds = args.seeds.load()?;
    if args.offline {
        print_valid(&seeds, args.json);
        return Ok(ExitCode::SUCCESS);
    }
    let config = CrawlConfig::builder(std::env::temp_dir())
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .resolved_only(args.resolved_only)
        .progress(false);
    let config =
        super::crawl::network_options(config, &args.resolve, args.ca_cert.as_deref(), args.rate)?;
    let config = match config.build() {
        Ok(config) => config,
        Err(err) => usage_bail!("{err}"),
    };
    let checks = coursemap_crawl::check_seeds(&config).await.context("checking the seeds")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&checks).context("writing JSON")?);
    } else {
        print!("{}", table(&checks));
    }
    let attention = checks.iter().any(|c| c.status.needs_attention());
    Ok(if attention { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `--offline`: the file loaded and validated; say what it holds.
fn print_valid(seeds: &Seeds, json: bool) {
    let closed: Vec<String> = seeds
        .providers
        .iter()
        .filter_map(|p| p.closed.map(|month| format!("{} ({month})", p.id)))
        .collect();
    if json {
        let value = serde_json::json!({
            "valid": true,
            "providers": seeds.providers.len(),
            "terms": seeds.terms.len(),
            "closed": closed,
        });
        println!("{value}");
    } else {
        println!(
            "seeds valid: {} providers, {} terms; closed: {}",
            seeds.providers.len(),
            seeds.terms.len(),
            if closed.is_empty() { "none".to_owned() } else { closed.join(", ") }
        );
    }
}

/// The checks as a table a researcher reads: one line per provider, then a count by status.
pub fn table(checks: &[ProviderCheck]) -> String {
    let mut out = format!("{:<24} {:<15} detail\n", "provider", "status");
    for check in checks {
        out.push_str(&format!(
            "{:<24} {:<15} {}\n",
            check.provider,
            check.status.as_str(),
            check.detail
        ));
    }
    let mut counts: Vec<(CheckStatus, usize)> = Vec::new();
    for check in checks {
        match counts.iter_mut().find(|(status, _)| *status == check.status) {
            Some((_, n)) => *n += 1,
            None => counts.push((check.status, 1)),
        }
    }
    counts.sort();
    let counts: Vec<String> = counts.iter().map(|(s, n)| format!("{} {n}", s.as_str())).collect();
    out.push_str(&format!("{} providers: {}\n", checks.len(), counts.join(", ")));
    out
}
