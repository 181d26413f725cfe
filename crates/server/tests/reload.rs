//! A catalogue rebuilt while the server runs is served from then on; one that is missing or
//! broken leaves the last good one in service.

use std::time::{Duration, Instant};

use crate::support::{client, sample_records};
use coursemap_index::CatalogueIndex;
use coursemap_server::{Server, ServerConfig};
use tokio::sync::oneshot;

const RELOAD: Duration = Duration::from_millis(50);

async fn get_json(client: &reqwest::Client, url: &str) -> serde_json::Value {
    let response = client.get(url).send().await.unwrap_or_else(|err| panic!("{url}: {err}"));
    response.json().await.unwrap_or_else(|err| panic!("{url}: not JSON: {err}"))
}

async fn healthz_records(client: &reqwest::Client, base: &str) -> u64 {
    let body = get_json(client, &format!("{base}/healthz")).await;
    body["records"].as_u64().expect("a record count")
}

/// Polls `/healthz` until it reports `want` records, for at most 5 s.
async fn wait_for_records(client: &reqwest::Client, base: &str, want: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let got = healthz_records(client, base).await;
        if got == want || Instant::now() > deadline {
            return got;
        }
        tokio::time::sleep(RELOAD).await;
    }
}

#[tokio::test]
async fn a_rebuilt_catalogue_is_served_without_a_restart() {
    let records = sample_records();
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("tantivy");
    let first: Vec<_> = records[..100].to_vec();
    CatalogueIndex::create_or_rebuild(&index_dir, &first).expect("first build");

    let config = ServerConfig::new(dir.path())
        .addr("127.0.0.1:0".parse().expect("address"))
        .reload_interval(Some(RELOAD));
    let server = Server::bind(config).await.expect("server binds");
    let base = format!("http://{}", server.local_addr());
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let client = client();
    assert_eq!(healthz_records(&client, &base).await, 100);
    // A relevant course, so the summary tables change with it too.
    let added = records[100..].iter().find(|r| r.focus.is_some()).expect("a relevant record");
    let tables_before = get_json(&client, &format!("{base}/api/tables")).await;
    let course = format!("{base}/api/courses/{}", added.id);
    assert_eq!(client.get(&course).send().await.expect("lookup").status(), 404);

    // `coursemap build` replaces the index directory: the new one is served.
    let mut second = first.clone();
    second.push(added.clone());
    CatalogueIndex::create_or_rebuild(&index_dir, &second).expect("rebuild");
    assert_eq!(wait_for_records(&client, &base, 101).await, 101);
    assert_eq!(client.get(&course).send().await.expect("lookup").status(), 200);
    let tables_after = get_json(&client, &format!("{base}/api/tables")).await;
    assert_ne!(tables_after, tables_before, "the tables are computed from the new catalogue");

    // A catalogue that does not open (built by another schema version) or disappears leaves
    // the last good one in service.
    let mut third = second.clone();
    third.push(records[100..].iter().find(|r| !second.contains(r)).expect("another").clone());
    let elsewhere = dir.path().join("elsewhere");
    CatalogueIndex::create_or_rebuild(&elsewhere, &third).expect("build elsewhere");
    std::fs::write(elsewhere.join(coursemap_index::SCHEMA_VERSION_FILE), "0\n").expect("write");
    std::fs::rename(&index_dir, dir.path().join("retired")).expect("retire the index");
    std::fs::rename(&elsewhere, &index_dir).expect("swap the broken one in");
    tokio::time::sleep(RELOAD * 4).await;
    assert_eq!(healthz_records(&client, &base).await, 101);
    std::fs::remove_dir_all(&index_dir).expect("remove the index");
    tokio::time::sleep(RELOAD * 4).await;
    assert_eq!(healthz_records(&client, &base).await, 101);
    assert_eq!(client.get(&course).send().await.expect("lookup").status(), 200);

    // And the next good build is picked up again.
    CatalogueIndex::create_or_rebuild(&index_dir, &third).expect("rebuild");
    assert_eq!(wait_for_records(&client, &base, 102).await, 102);

    let _ = stop.send(());
    running.await.expect("server task").expect("server stops cleanly");
}
