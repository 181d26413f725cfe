//! `coursemap`: crawl, extract, index and report on courses in implementation and
//! improvement science. Each subcommand lives in `cmd/`; this file only parses the command
//! line, sets up logging and a shutdown signal, and turns errors into exit codes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// mimalloc, not the system allocator: on a national crawl glibc's malloc, with an arena per
/// thread, held two to three times the memory in use (BENCHMARKS.md, "National scale").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "coursemap", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the bundled sample web on loopback, crawl it, build the catalogue, print the
    /// report's tables and serve search.
    #[cfg(feature = "demo")]
    Demo(cmd::demo::DemoArgs),
    /// Fetch every page that may describe a relevant course, politely and resumably.
    Crawl(cmd::crawl::CrawlArgs),
    /// Check the seeds against the providers' sites before a real crawl.
    Seeds(cmd::seeds::SeedsCommandArgs),
    /// Extract records from saved pages or feeds and print them as JSON lines.
    Extract(cmd::extract::ExtractArgs),
    /// Measure extraction against the hand-labelled real pages.
    Eval(cmd::eval::EvalArgs),
    /// Turn the page store into records and the search index.
    Build(cmd::build::BuildArgs),
    /// Search the catalogue.
    Search(cmd::search::SearchArgs),
    /// Serve the search page and the JSON API.
    Serve(cmd::serve::ServeArgs),
    /// Print the report's summary tables from the catalogue.
    Tables(cmd::tables::TablesArgs),
    /// Export verification sheets or search documents.
    Export(cmd::export::ExportArgs),
    /// Import returned verification sheets.
    Import(cmd::import::ImportArgs),
    /// Show what changed between two builds.
    Diff(cmd::diff::DiffArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    init_logging();
    let success = |result: anyhow::Result<()>| result.map(|()| ExitCode::SUCCESS);
    let result = match cli.command {
        #[cfg(feature = "demo")]
        Command::Demo(args) => {
            runtime().and_then(|rt| rt.block_on(cmd::demo::run(args, shutdown())))
        }
        Command::Crawl(args) => {
            success(runtime().and_then(|rt| rt.block_on(cmd::crawl::run(args, shutdown()))))
        }
        Command::Seeds(args) => runtime().and_then(|rt| rt.block_on(cmd::seeds::run(args))),
        Command::Extract(args) => success(cmd::extract::run(args)),
        Command::Eval(args) => success(cmd::eval::run(args)),
        Command::Build(args) => success(cmd::build::run(args)),
        Command::Search(args) => success(cmd::search::run(args)),
        Command::Serve(args) => {
            success(runtime().and_then(|rt| rt.block_on(cmd::serve::run(args, shutdown()))))
        }
        Command::Tables(args) => cmd::tables::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Diff(args) => cmd::diff::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("coursemap: {err:#}");
            if err.downcast_ref::<cmd::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// A bad value (`--level eleven`) is one line and status 2, like every other bad input;
/// help, version and other usage errors are printed as clap prints them.
fn usage_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let text = err.to_string();
            let first = text.lines().next().unwrap_or_default();
            eprintln!("coursemap: {}", first.trim_start_matches("error: "));
            ExitCode::from(2)
        }
        _ => err.exit(),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

/// Completes on Ctrl-C (or SIGTERM), so long jobs can save their state and stop cleanly.
async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Logs go to standard error; `RUST_LOG` overrides the default (warnings, and coursemap's
/// own progress at info). Colours only on a terminal: a log redirected to a file stays
/// plain text.
fn init_logging() {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,coursemap=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
