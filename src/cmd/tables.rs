//! `coursemap tables`: the 2014 report's summary tables from the catalogue, optionally cut by
//! filters and compared with the report's own figures.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use coursemap_catalogue::CatalogueDir;
use coursemap_files::write_atomically;
use coursemap_records::{Focus, Kind, Nation, Place, read_jsonl};
use coursemap_tables::{
    Format, ProviderDirectory, ReportFigures, TableFilter, compare, render, summary_tables,
};

use crate::cmd::UsageError;
use crate::cmd::seeds_args::SeedsArgs;

#[derive(Debug, clap::Args)]
pub struct TablesArgs {
    /// The catalogue directory (its `records.jsonl` is counted).
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    #[command(flatten)]
    pub seeds: SeedsArgs,
    /// md, csv or html. Default: md; with --compare-2014 and no format, a side-by-side text.
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Set each table beside the 2014 report's figures; exit 1 when any table differs.
    #[arg(long = "compare-2014")]
    pub compare_2014: bool,
    /// programme, module, short_course or fellowship; repeatable.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Vec<Kind>,
    /// Provider id from the seeds (lsbu, ihi, ...) or provider name; repeatable.
    #[arg(long)]
    pub provider: Vec<String>,
    /// The report's regions (south, north_west, north_east_north_central, national, online)
    /// or the UK's (london, north_west_england, yorkshire_and_the_humber, scotland, ...);
    /// repeatable.
    #[arg(long, value_parser = |s: &str| s.parse::<Place>().map_err(|e| e.to_string()))]
    pub region: Vec<Place>,
    /// england, scotland, wales or northern_ireland; repeatable.
    #[arg(long, value_parser = |s: &str| s.parse::<Nation>().map_err(|e| e.to_string()))]
    pub nation: Vec<Nation>,
    /// main or related; repeatable.
    #[arg(long, value_parser = parse_focus)]
    pub focus: Vec<Focus>,
}

/// What `coursemap tables` makes, decided: `demo` asks for the same with its own values.
#[derive(Debug)]
pub struct TablesJob {
    pub catalogue: CatalogueDir,
    /// Provider names, regions and fellowship scopes the records do not carry.
    pub directory: ProviderDirectory,
    pub filter: TableFilter,
    /// `None`: Markdown, or with `compare_2014` a side-by-side text.
    pub format: Option<Format>,
    /// Write here instead of standard output.
    pub out: Option<PathBuf>,
    /// Set each table beside the 2014 report's figures; exit 1 when any differs.
    pub compare_2014: bool,
}

pub fn run(args: TablesArgs) -> anyhow::Result<ExitCode> {
    let format = match args.format.as_deref() {
        Some(text) => Some(text.parse::<Format>().map_err(|err| UsageError(err.to_string()))?),
        None => None,
    };
    let directory = if let Some(missing) = args.seeds.missing_providers_file() {
        tracing::warn!(seeds = %missing.display(), "no seeds file: regions and fellowship scope come from the records");
        ProviderDirectory::default()
    } else {
        ProviderDirectory::from_seeds(&args.seeds.load()?)
    };

    let mut filter = TableFilter::new();
    for kind in args.kind {
        filter = filter.kind(kind);
    }
    for provider in args.provider {
        filter = filter.provider(provider);
    }
    for region in args.region {
        filter = filter.region(region);
    }
    for nation in args.nation {
        filter = filter.nation(nation);
    }
    for focus in args.focus {
        filter = filter.focus(focus);
    }
    write_tables(TablesJob {
        catalogue: CatalogueDir::new(&args.catalogue),
        directory,
        filter,
        format,
        out: args.out,
        compare_2014: args.compare_2014,
    })
}

/// Counts the catalogue's records into the report's tables and writes them as `job` says.
pub fn write_tables(job: TablesJob) -> anyhow::Result<ExitCode> {
    let TablesJob { catalogue, directory, filter, format, out, compare_2014 } = job;
    let records_path = catalogue.records();
    let (records, bad) =
        read_jsonl(&records_path).context("reading the records (run `coursemap build` first)")?;
    for line in &bad {
        tracing::warn!(%line, "unreadable record skipped");
    }
    if compare_2014 && !filter.is_empty() {
        eprintln!(
            "note: the 2014 report's figures cover every record; a filtered table will differ"
        );
    }

    let tables = summary_tables(&records, &directory, &filter);
    let comparison =
        if compare_2014 { Some(compare(&tables, &ReportFigures::report_2014()?)) } else { None };
    let text = match (format, &comparison) {
        (None, Some(comparison)) => comparison.to_string(),
        (format, comparison) => render(&tables, comparison.as_ref(), format.unwrap_or_default())?,
    };
    match &out {
        Some(path) => {
            write_atomically(path, |out| out.write_all(text.as_bytes()))?;
            eprintln!("wrote {}", path.display());
        }
        None => write_stdout(&text)?,
    }
    match comparison {
        Some(comparison) if !comparison.all_equal() => {
            if format.is_some() || out.is_some() {
                for table in comparison
                    .tables
                    .iter()
                    .filter(|t| t.verdict == coursemap_tables::Verdict::Differs)
                {
                    eprintln!("differs from the 2014 report: {}", table.title);
                }
            }
            Ok(ExitCode::from(1))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Prints `text`; a closed pipe (`coursemap tables | head`) is not an error.
pub(crate) fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| format!("unknown kind {text:?} (programme, module, short_course, fellowship)"))
}

fn parse_focus(text: &str) -> Result<Focus, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| format!("unknown focus {text:?} (main, related)"))
}
