//! A crawl and build of the sample web, made once per test run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use coursemap_catalogue::{BuildOptions, BuildSummary, CatalogueDir};
use coursemap_crawl::{CrawlConfig, CrawlSummary};
use coursemap_records::Record;
use coursemap_sampleweb::{Edition, RunningSampleWeb, SampleWeb};
use coursemap_seeds::Seeds;

/// Requests per second per host in tests: fast, and still a real interval to check.
pub const TEST_RATE: f64 = 20.0;

/// The repository root (tests run with the package root as working directory).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Arguments for `coursemap crawl` of `web` into `catalogue` at the test rate, reaching only
/// the web's hosts on loopback; the web's CA certificate is written into `scratch` for it.
pub fn crawl_args(web: &RunningSampleWeb, catalogue: &Path, scratch: &Path) -> Vec<String> {
    let ca = scratch.join("ca.pem");
    std::fs::write(&ca, web.ca_cert_pem()).expect("write CA");
    let mut args: Vec<String> = vec![
        "crawl".into(),
        "--resolved-only".into(),
        // The sample web is the web before the closed providers closed, as in `crawl_into`.
        "--include-closed".into(),
        "--rate".into(),
        TEST_RATE.to_string(),
        "--catalogue".into(),
        catalogue.display().to_string(),
        "--ca-cert".into(),
        ca.display().to_string(),
    ];
    for (host, addr) in web.resolve_overrides() {
        args.extend(["--resolve".to_owned(), format!("{host}={addr}")]);
    }
    args
}

/// The `coursemap` binary, run from the repository root, logging warnings only.
pub fn coursemap() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_coursemap"));
    command.current_dir(repo_root()).env("RUST_LOG", "warn");
    command
}

pub fn seeds() -> Seeds {
    let root = repo_root();
    Seeds::load(&root.join("seeds/providers.toml"), &root.join("seeds/terms.txt"))
        .expect("the bundled seeds load")
}

/// One tokio runtime for every test that needs one, so the fixture's server outlives the
/// test that happened to start it.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
    })
}

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub catalogue: CatalogueDir,
    pub crawl: CrawlSummary,
    pub build: BuildSummary,
    pub records: Vec<Record>,
}

/// The shared crawl + build of the 2014 edition.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let catalogue = CatalogueDir::new(dir.path().join("catalogue"));
        let web = runtime().block_on(start_web(Edition::Report2014));
        let crawl = runtime().block_on(crawl_into(&catalogue, &web, false));
        runtime().block_on(web.shutdown());
        let build = build(&catalogue);
        let records = coursemap_records::read_jsonl(&catalogue.records()).expect("records.jsonl").0;
        Fixture { _dir: dir, catalogue, crawl, build, records }
    })
}

pub async fn start_web(edition: Edition) -> RunningSampleWeb {
    SampleWeb::builder().edition(edition).start().await.expect("sample web starts")
}

/// Crawls the seeds' providers on `web` into `catalogue`, loopback only.
pub async fn crawl_into(
    catalogue: &CatalogueDir,
    web: &RunningSampleWeb,
    resume: bool,
) -> CrawlSummary {
    let seeds = seeds();
    let mut config = CrawlConfig::builder(catalogue.root())
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .root_certificate_pem(web.ca_cert_pem())
        .rate(TEST_RATE)
        .resolved_only(true)
        // The sample web's editions are the web before the closed providers closed.
        .include_closed(true)
        .resume(resume)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let config = config.build().expect("crawl config");
    tokio::time::timeout(
        Duration::from_secs(300),
        coursemap_crawl::crawl(config, std::future::pending::<()>()),
    )
    .await
    .expect("the crawl finishes within 5 minutes")
    .expect("the crawl succeeds")
}

pub fn build(catalogue: &CatalogueDir) -> BuildSummary {
    coursemap_catalogue::build(catalogue, &seeds(), &BuildOptions::default())
        .expect("the build succeeds")
}

/// The URLs in a catalogue's page store that hold a page (not gone).
pub fn stored_urls(pages: &Path) -> BTreeSet<String> {
    let store = coursemap_pages::PageStore::open(pages).expect("page store opens");
    store
        .pages()
        .expect("page store lists")
        .into_iter()
        .filter(|page| !page.entry.gone)
        .map(|page| page.entry.url.clone())
        .collect()
}

/// `host` + path-and-query of a URL, as the access log records them.
pub fn host_and_path(url: &str) -> (String, String) {
    let url = url::Url::parse(url).expect("a valid URL");
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    (url.host_str().unwrap_or_default().to_owned(), path)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The fixture's catalogue copied to a new directory, so a test can crawl on top of it.
pub fn copy_of_fixture() -> (tempfile::TempDir, CatalogueDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(fixture().catalogue.root(), &dir.path().join("catalogue"));
    let catalogue = CatalogueDir::new(dir.path().join("catalogue"));
    (dir, catalogue)
}
