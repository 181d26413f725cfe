//! `coursemap serve`: the search page and JSON API over a built catalogue.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use coursemap_server::{Server, ServerConfig};
use coursemap_tables::ProviderDirectory;

use crate::cmd::seeds_args::SeedsArgs;

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
}

pub async fn run(
    args: ServeArgs,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let mut config =
        ServerConfig::new(&args.catalogue).addr(args.addr).concurrency_limit(args.max_concurrent);
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
    let server = Server::bind(config)
        .await
        .with_context(|| format!("starting the server for {}", args.catalogue.display()))?;
    println!("coursemap: serving http://{}/ (Ctrl-C stops)", server.local_addr());
    server.run(shutdown).await?;
    Ok(())
}
