//! Serves the fault web until interrupted, to point a crawler at by hand.
//!
//! `cargo run -p coursemap-faultweb --example fault_web -- [--seeds-out FILE]`
//!
//! Prints the `--resolve HOST=ADDR` arguments for `coursemap crawl --resolved-only`, then the
//! good and bad URLs, and runs until SIGINT.

use std::path::PathBuf;

use coursemap_faultweb::FaultWeb;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let seeds_out = match (args.next().as_deref(), args.next()) {
        (Some("--seeds-out"), Some(path)) => Some(PathBuf::from(path)),
        (None, _) => None,
        _ => return Err("usage: fault_web [--seeds-out FILE]".into()),
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let web = FaultWeb::builder().start().await?;
        if let Some(path) = seeds_out {
            std::fs::write(path, web.providers_toml())?;
        }
        let resolve: Vec<String> =
            web.resolve_overrides().iter().map(|(h, a)| format!("--resolve {h}={a}")).collect();
        println!("{}", resolve.join(" "));
        for url in web.good_urls() {
            println!("good\t{url}");
        }
        for (url, kind) in web.bad_urls() {
            println!("bad\t{url}\t{kind}");
        }
        tokio::signal::ctrl_c().await?;
        web.shutdown().await;
        Ok::<_, Box<dyn std::error::Error>>(())
    })
}
