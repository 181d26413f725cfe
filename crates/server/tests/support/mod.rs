//! A served sample catalogue for the integration tests, indexed in a temporary directory and
//! served on 127.0.0.1:0: the sample web's answer key (`crates/sampleweb/data/truth.jsonl`)
//! plus `tests/data/extra_records.jsonl`, two records with what the answer key leaves to a
//! crawl (evidence per field) and hostile text (markup and a spreadsheet formula).

#![allow(dead_code)] // each test binary uses a different part of the harness

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use coursemap_index::CatalogueIndex;
use coursemap_records::Record;
use coursemap_server::{AppState, router};
use tokio::sync::oneshot;

/// The record files of the sample catalogue.
pub fn record_files() -> [PathBuf; 2] {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        crate_dir.join("../sampleweb/data/truth.jsonl"),
        crate_dir.join("tests/data/extra_records.jsonl"),
    ]
}

pub fn sample_records() -> Vec<Record> {
    let mut records = Vec::new();
    for path in record_files() {
        let (mut read, bad) = coursemap_records::read_jsonl(&path)
            .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
        assert!(bad.is_empty(), "{} does not parse: {bad:?}", path.display());
        records.append(&mut read);
    }
    records
}

/// A running server over the sample catalogue; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    pub records: Vec<Record>,
    stop: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let records = sample_records();
        let dir = tempfile::tempdir().expect("temporary directory");
        let index = CatalogueIndex::create_or_rebuild(&dir.path().join("tantivy"), &records)
            .expect("indexing the sample records");
        let state = AppState::from_index(index, None).expect("opening the sample catalogue");
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding loopback");
        let addr = listener.local_addr().expect("bound address");
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, router(state))
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .expect("serving");
        });
        TestServer { addr, records, stop: Some(stop), _dir: dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A client that never uses a proxy (the tests talk to loopback only).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("HTTP client")
}
