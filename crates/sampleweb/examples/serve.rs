//! Serves the sample web until Ctrl-C and prints how to reach it with curl.
//!
//! `cargo run -p coursemap-sampleweb --example serve [changed]`

use coursemap_sampleweb::{Edition, SampleWeb};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let edition = if std::env::args().nth(1).as_deref() == Some("changed") {
        Edition::Changed
    } else {
        Edition::Report2014
    };
    let web = SampleWeb::builder().edition(edition).start().await?;
    let ca = std::env::temp_dir().join("coursemap-sampleweb-ca.pem");
    std::fs::write(&ca, web.ca_cert_pem())?;
    let port = web.addr().port();
    println!("sample web ({edition:?}) on {}", web.addr());
    println!(
        "try: curl --cacert {} --resolve www.lsbu.ac.uk:443:127.0.0.1 https://www.lsbu.ac.uk:443/ --connect-to ::127.0.0.1:{port}",
        ca.display()
    );
    for site in coursemap_sampleweb::sites(edition) {
        println!("  {:<18} {:<40} {:>4} pages", site.provider_id, site.start_url, site.page_count);
    }
    tokio::signal::ctrl_c().await?;
    web.shutdown().await;
    Ok(())
}
