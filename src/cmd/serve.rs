//! `coursemap serve`: the search page and JSON API over a built catalogue.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use coursemap_server::{Server, ServerConfig};
use coursemap_tables::ProviderDirectory;

use crate::cmd::seeds_args::SeedsArgs;
use crate::usage_bail;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The catalogue directory (`coursemap build` writes it).
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub seeds: SeedsArgs,
    /// Requests handled at once; more wait in line.
    #[arg(long, default_value_t = coursemap_server::DEFAULT_CONCURRENCY_LIMIT)]
    pub max_concurrent: usize,
    /// Seconds between looks for a catalogue rebuilt on disk (`coursemap build` while
    /// serving), which is then served from the next request on; 0 never looks.
    #[arg(long, value_name = "SECONDS", default_value_t = coursemap_server::DEFAULT_RELOAD_INTERVAL.as_secs_f64())]
    pub reload_interval: f64,
}

pub async fn run(
    args: ServeArgs,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let Ok(reload_interval) = Duration::try_from_secs_f64(args.reload_interval) else {
        usage_bail!("--reload-interval {}: must be a number of seconds", args.reload_interval);
    };
    let mut config = ServerConfig::new(&args.catalogue)
        .addr(args.addr)
        .concurrency_limit(args.max_concurrent)
        .reload_interval(Some(reload_interval));
    // The seeds only add region and fellowship scope to the tables; serving without them
    // still works (names and regions come from the records).
    match args.seeds.load() {
        Ok(seeds) => config = config.providers(ProviderDirectory::from_seeds(&seeds)),
        Err(err) => {
            tracing::warn!(
                error = format!("{err:#}"),
                "seeds not loaded; tables use the records' own provider facts"
            )
        }
    }
    serve(config, shutdown).await
}

/// Serves search as `config` says until `shutdown`: `demo` serves its catalogue this way.
pub async fn serve(
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let catalogue = config.catalogue_dir().display().to_string();
    let server = Server::bind(config)
        .await
        .with_context(|| format!("starting the server for {catalogue}"))?;
    println!("coursemap: serving http://{}/ (Ctrl-C stops)", server.local_addr());
    server.run(shutdown).await?;
    Ok(())
}
