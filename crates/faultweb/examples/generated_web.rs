//! Serves a generated web until interrupted, for `benches/scrapy/run.sh`.
//!
//! `cargo run --release -p coursemap-faultweb --example generated_web -- [--hosts N]
//! [--pages M | --national] [--port P] [--access-log FILE] [--seeds-out FILE]
//! [--needles-out FILE]`
//!
//! Prints `addr=127.0.0.1:PORT` and `hosts=N` on stdout once serving, then runs until SIGINT
//! or SIGTERM. The access log file is what the benchmark measures politeness from; the needles
//! file (the national web's on-term course pages, a URL a line) is what it measures
//! discovery against.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use coursemap_faultweb::GeneratedWeb;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = GeneratedWeb::builder();
    let mut seeds_out: Option<PathBuf> = None;
    let mut needles_out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        builder = match flag.as_str() {
            "--hosts" => builder.hosts(value()?.parse()?),
            "--pages" => builder.pages_per_host(value()?.parse()?),
            "--national" => builder.national(),
            "--port" => {
                builder.addr(SocketAddr::from((Ipv4Addr::LOCALHOST, value()?.parse::<u16>()?)))
            }
            "--access-log" => builder.access_log_file(PathBuf::from(value()?)),
            "--seeds-out" => {
                seeds_out = Some(PathBuf::from(value()?));
                builder
            }
            "--needles-out" => {
                needles_out = Some(PathBuf::from(value()?));
                builder
            }
            other => return Err(format!("unknown argument {other}").into()),
        };
    }
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let web = builder.start().await?;
        if let Some(path) = seeds_out {
            std::fs::write(path, web.providers_toml())?;
        }
        if let Some(path) = needles_out {
            let needles: String = web.needle_urls().iter().map(|url| format!("{url}\n")).collect();
            std::fs::write(path, needles)?;
        }
        println!("addr={}", web.addr());
        println!("hosts={}", web.hosts().len());
        println!("pages_per_host={}", web.pages_per_host());
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        web.shutdown().await;
        Ok(())
    })
}
