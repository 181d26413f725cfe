//! `coursemap demo`: the whole job on the bundled sample web, on loopback.
//!
//! Starts the sample web (the report's providers under their real hostnames, resolved to
//! 127.0.0.1), crawls it with the same code that crawls the real sites, builds the catalogue,
//! prints the report's tables beside the 2014 figures, and serves search until Ctrl-C.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use coursemap_catalogue::{BuildOptions, CatalogueDir};
use coursemap_crawl::CrawlConfig;
use coursemap_sampleweb::SampleWeb;
use coursemap_server::ServerConfig;
use coursemap_tables::{Format, ProviderDirectory, TableFilter};

use crate::cmd::seeds_args::SeedsArgs;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the demo's catalogue goes.
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// Crawl, build and print the tables, then exit instead of serving search.
    #[arg(long)]
    pub no_serve: bool,
    /// Where to serve search.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Requests per second per host. The sample web is ours and on loopback, so the demo
    /// crawls it faster than the 1 request/s default used for real sites.
    #[arg(long, default_value_t = 20.0)]
    pub rate: f64,
    #[command(flatten)]
    pub seeds: SeedsArgs,
}

pub async fn run(
    args: DemoArgs,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<ExitCode> {
    let seeds = args.seeds.load()?;
    let web = SampleWeb::builder().start().await.context("starting the sample web")?;
    println!("sample web on {} (every host below resolves there)", web.addr());
    for site in coursemap_sampleweb::sites(Default::default()) {
        println!("  {:<18} {}", site.provider_id, site.start_url);
    }

    let dir = CatalogueDir::new(&args.catalogue);
    std::fs::create_dir_all(dir.root())
        .with_context(|| format!("creating {}", dir.root().display()))?;
    let mut config = CrawlConfig::builder(dir.root())
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .root_certificate_pem(web.ca_cert_pem())
        .rate(args.rate)
        .resolved_only(true)
        // The sample web is the 2014 web, before BMJ Quality and King's Improvement Science
        // closed: their pages are there to crawl, and the 2014 tables count them.
        .include_closed(true);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let config = config.build().context("configuring the crawl")?;

    // What a researcher runs before a real crawl, here against the sample web.
    let checks = coursemap_crawl::check_seeds(&config).await.context("checking the seeds")?;
    let json = serde_json::to_vec_pretty(&checks).context("writing the seeds check")?;
    coursemap_files::write_atomically(&dir.seeds_check(), |out| {
        std::io::Write::write_all(out, &json)
    })
    .context("writing the seeds check")?;
    println!("\nseeds check ({}):", dir.seeds_check().display());
    print!("{}", super::seeds::table(&checks));

    println!("\ncrawling at {} requests/s per host ...", args.rate);
    let crawl = coursemap_crawl::crawl(config, std::future::pending()).await.context("crawling")?;
    println!("{crawl}");
    web.shutdown().await;

    let summary = coursemap_catalogue::build(&dir, &seeds, &BuildOptions::default().progress(true))
        .context("building the catalogue")?;
    super::build::print_summary(&summary);

    let tables = |format: Option<Format>, out: Option<PathBuf>| {
        super::tables::write_tables(super::tables::TablesJob {
            catalogue: dir.clone(),
            directory: ProviderDirectory::from_seeds(&seeds),
            filter: TableFilter::new(),
            format,
            out,
            compare_2014: true,
        })
    };
    println!();
    tables(Some(Format::Html), Some(dir.root().join("tables.html")))?;
    let code = tables(None, None)?;

    if args.no_serve {
        return Ok(code);
    }
    println!("\nthe tables as HTML: {}", dir.root().join("tables.html").display());
    let config = ServerConfig::new(&args.catalogue)
        .addr(args.addr)
        .providers(ProviderDirectory::from_seeds(&seeds));
    super::serve::serve(config, shutdown).await?;
    Ok(code)
}
