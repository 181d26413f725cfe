//! Runs the browser tests (`tests/browser/` at the repository root, Node with playwright-core
//! driving Debian's Chromium) against the sample catalogue served on 127.0.0.1:0.
//!
//! Without Chromium, Node or `npm ci` in `tests/browser` the test prints why and passes, unless
//! `COURSEMAP_REQUIRE_BROWSER=1` (CI sets it after `.ci/install-browser.sh`) makes that a
//! failure.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::TestServer;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What is missing to run the browser tests, if anything.
fn missing_prerequisite(browser_dir: &Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        return Some(format!("no Chromium at {chromium}"));
    }
    if !browser_dir.join("node_modules/playwright-core").exists() {
        return Some(format!(
            "playwright-core is not installed (npm ci in {})",
            browser_dir.display()
        ));
    }
    match std::process::Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some("no node on PATH".to_owned()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_page_in_headless_chromium() {
    let browser_dir = repo_root().join("tests/browser");
    if let Some(missing) = missing_prerequisite(&browser_dir) {
        let required = std::env::var("COURSEMAP_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(!required, "browser tests required but {missing}; run .ci/install-browser.sh");
        println!("skipping the browser tests: {missing} (run .ci/install-browser.sh)");
        return;
    }
    let server = TestServer::start().await;
    let artifacts = repo_root().join("target/browser-artifacts");
    let output = tokio::process::Command::new("node")
        .args(["--test", "--test-reporter=spec", "search.test.mjs"])
        .current_dir(&browser_dir)
        .env("COURSEMAP_URL", server.url(""))
        .env("COURSEMAP_ARTIFACTS", &artifacts)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .expect("running node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "browser tests failed:\n{stdout}\n{stderr}");
    println!("{stdout}");
    for artifact in ["search.png", "search-phone.png", "details.png", "search.csv"] {
        let path = artifacts.join(artifact);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        assert!(size > 0, "{} was not written", path.display());
    }
}
