//! The `coursemap` binary: exit codes, crawl flags, and a crawl killed with SIGKILL and
//! resumed.

use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

use coursemap_sampleweb::Edition;

use crate::fixture::{
    coursemap, crawl_args, fixture, host_and_path, runtime, start_web, stored_urls,
};

#[test]
fn bad_search_input_is_a_one_line_error_with_status_2() {
    let catalogue = fixture().catalogue.root().to_owned();
    for args in [
        vec!["search", "improvement", "--level", "eleven"],
        vec!["search", "improvement", "--delivery", "by-carrier-pigeon"],
        vec!["search", "\"unclosed phrase"],
        vec!["search", "--provider", "lbsu"],
    ] {
        let output =
            coursemap().args(&args).arg("--catalogue").arg(&catalogue).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    }
    let output = coursemap()
        .args(["search", "improvement science", "--level", "7", "--json", "--catalogue"])
        .arg(&catalogue)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert!(json["hits"].as_array().is_some_and(|hits| !hits.is_empty()), "{json}");
    // The sample web's course taking its last intake, found by its year and status.
    let output = coursemap()
        .args(["search", "--entry-year", "2025/26", "--status", "discontinued", "--json"])
        .arg("--catalogue")
        .arg(&catalogue)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(json["total"], 1, "{json}");
    assert_eq!(json["hits"][0]["record"]["title"], "MRes Diabetes and Obesity", "{json}");
    assert_eq!(json["hits"][0]["record"]["status"], "discontinued", "{json}");
    let output = coursemap()
        .args(["search", "--entry-year", "2025/27"])
        .arg("--catalogue")
        .arg(&catalogue)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    // TIDIRC is in the seeds with no course in the sample web: nothing found, not a mistake.
    let output = coursemap()
        .args(["search", "--provider", "tidirc", "--json", "--catalogue"])
        .arg(&catalogue)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(json["total"], 0, "{json}");
}

/// A page saved as UTF-16 with a byte-order mark while its `<meta>` still says ISO-8859-1 (as
/// real pages saved by some tools do): `coursemap extract` reads it by its mark, as a build does.
#[test]
fn extract_reads_a_utf16_page_by_its_byte_order_mark() {
    let html = "<html><head><meta charset=\"iso-8859-1\"><title>MSc Improvement Science – Leeds</title>\
                </head><body><main><h1>MSc Improvement Science – Leeds</h1>\
                <p>Duration: 1 year full-time</p><p>Fees: £9,250 per year (UK)</p></main></body></html>";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in html.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("utf16.html");
    std::fs::write(&path, &bytes).expect("page written");
    let output = coursemap()
        .args(["extract", "--url", "https://www.example.ac.uk/msc-improvement-science"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one record");
    assert_eq!(record["title"], "MSc Improvement Science – Leeds");
    assert_eq!(record["cost"]["fees"][0]["amount"], 9250);
}

/// `coursemap eval` prints every real set nobody on the project wrote: FindAMasters, the
/// real-text set, the held-out texts, the feeds and the UTF-16 pages.
#[test]
fn eval_prints_every_real_set() {
    let Some(real_pages) = coursemap_shared_material::dir("real-pages", "coursemap eval") else {
        return;
    };
    let holdout = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/extract/tests/data/realtext-holdout");
    let output = coursemap()
        .arg("eval")
        .arg("--real-pages")
        .arg(&real_pages)
        .arg("--holdout")
        .arg(&holdout)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    for section in [
        "== findamasters: 20 labelled pages",
        "== realtext",
        "== held-out real texts",
        "== xcri-cap oxford-conted.xml\ncourse elements 8, records 8, warnings 0",
        "== xcri-cap ou-example.xml\ncourse elements 2, records 2, warnings 0",
        "own page url       8/8",
        "utf16 uglasgow-t.html: 0 replacement characters; Module",
    ] {
        assert!(stdout.contains(section), "{section} missing from:\n{stdout}");
    }
    // FindAMasters stays perfect, and every goal is met (the command exits 0).
    assert!(stdout.contains("overall          160/160    100.0%"), "{stdout}");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Outside the checkout, with no seeds files in the working directory, the binary uses the
/// seeds built into it.
#[test]
fn seeds_are_built_in_for_a_binary_run_anywhere() {
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let catalogue = fixture().catalogue.root().to_owned();
    let output = coursemap()
        .current_dir(elsewhere.path())
        .args(["tables", "--compare-2014", "--catalogue"])
        .arg(&catalogue)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("no seeds file"), "{stderr}");
}

#[test]
fn tables_compare_2014_exits_0_on_the_demo_catalogue() {
    let catalogue = fixture().catalogue.root().to_owned();
    let output = coursemap()
        .args(["tables", "--compare-2014", "--catalogue"])
        .arg(&catalogue)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("FHEQ"), "{stdout}");
}

/// `coursemap crawl` killed with SIGKILL at a random point and resumed ends with the same
/// pages as an uninterrupted crawl, and no page stored before the kill is downloaded again.
#[test]
fn a_crawl_killed_and_resumed_collects_the_same_pages() {
    let want = stored_urls(&fixture().catalogue.pages());
    let web = runtime().block_on(start_web(Edition::Report2014));
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = dir.path().join("catalogue");
    let args = crawl_args(&web, &catalogue, dir.path());
    let crawl = |resume: bool| {
        let mut command = coursemap();
        command.args(&args).stdout(Stdio::null()).stderr(Stdio::null());
        if resume {
            command.arg("--resume");
        }
        command
    };

    // A random point between 1 and 4 seconds in; the seed is printed to replay a failure.
    let nanos =
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let wait = Duration::from_millis(1_000 + u64::from(nanos % 3_000));
    println!("killing the crawl after {wait:?}");
    let mut child = crawl(false).spawn().expect("crawl starts");
    std::thread::sleep(wait);
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let killed_at = Instant::now();
    let before_kill = stored_urls(&catalogue.join("pages"));

    let status = crawl(true).status().expect("resume runs");
    assert!(status.success(), "the resumed crawl succeeds");
    let log = web.access_log();
    runtime().block_on(web.shutdown());

    let got = stored_urls(&catalogue.join("pages"));
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not the pages of an uninterrupted crawl: missing {missing:?}, extra {extra:?}"
    );
    let stored_before: std::collections::BTreeSet<(String, String)> =
        before_kill.iter().map(|url| host_and_path(url)).collect();
    for entry in log.iter().filter(|entry| entry.instant > killed_at) {
        // Not even a conditional request: the resumed run reuses what it stored.
        if entry.method == "GET" {
            assert!(
                !stored_before.contains(&(entry.host.clone(), entry.path.clone())),
                "{}{} was stored before the kill and fetched again",
                entry.host,
                entry.path
            );
        }
    }
}

/// `--user-agent` is what every request carries and what robots.txt groups are matched
/// against: the sample web's robots.txt shuts `BadBot` out of every site.
#[test]
fn crawl_user_agent_is_sent_and_matched_against_robots_groups() {
    let web = runtime().block_on(start_web(Edition::Report2014));
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = dir.path().join("catalogue");
    let agent = "BadBot/2.0 (+mailto:crawl-test@example.org)";
    let status = coursemap()
        .args(crawl_args(&web, &catalogue, dir.path()))
        .args(["--user-agent", agent])
        .stdout(Stdio::null())
        .status()
        .expect("crawl runs");
    assert!(status.success());
    let log = web.access_log();
    runtime().block_on(web.shutdown());

    assert!(log.len() >= 39, "robots.txt asked of every host: {} requests", log.len());
    for entry in &log {
        assert_eq!(entry.user_agent.as_deref(), Some(agent), "{}{}", entry.host, entry.path);
        assert_eq!(entry.path, "/robots.txt", "{} fetched under a Disallow: /", entry.host);
    }
    assert!(stored_urls(&catalogue.join("pages")).is_empty());
}

/// `--max-body-bytes` skips longer pages with the reason `body_too_large`, stores none of
/// them, and `--max-pages-per-host` bounds each host; `--no-warc` keeps no WARC archive.
#[test]
fn crawl_body_cap_and_page_budget_flags_bound_what_is_stored() {
    let web = runtime().block_on(start_web(Edition::Report2014));
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = dir.path().join("catalogue");
    let cap = 6_000;
    let status = coursemap()
        .args(crawl_args(&web, &catalogue, dir.path()))
        .args(["--max-body-bytes", &cap.to_string(), "--max-pages-per-host", "4"])
        .args(["--concurrency", "4", "--no-warc"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("crawl runs");
    assert!(status.success());
    runtime().block_on(web.shutdown());
    // --no-warc: no archive, and no entry points at one.
    assert!(!catalogue.join("warc").exists(), "--no-warc wrote an archive");

    let summary: serde_json::Value = serde_json::from_slice(
        &std::fs::read(catalogue.join("crawl-summary.json")).expect("summary written"),
    )
    .expect("summary parses");
    let hosts = summary["hosts"].as_object().expect("hosts");
    let too_large: usize =
        hosts.values().filter_map(|host| host["errors"]["body_too_large"].as_u64()).sum::<u64>()
            as usize;
    assert!(too_large > 0, "some sample-web pages are over {cap} bytes");
    let store = coursemap_pages::PageStore::open(catalogue.join("pages")).expect("store opens");
    let pages = store.pages().expect("pages list");
    assert!(!pages.is_empty());
    let mut per_host = std::collections::BTreeMap::<String, usize>::new();
    assert!(pages.iter().all(|page| page.entry.archived.is_none()));
    for page in pages {
        // Sitemaps are stored too, on a budget of their own.
        if !page.entry.url.contains("/sitemap") {
            *per_host.entry(host_and_path(&page.entry.url).0).or_default() += 1;
        }
        if page.entry.body_sha256.is_some() {
            let body = page.body().expect("body reads");
            assert!(body.len() <= cap, "{} stored with {} bytes", page.entry.url, body.len());
        }
    }
    for (host, pages) in per_host {
        assert!(pages <= 4, "{host}: {pages} pages stored on a budget of 4");
    }
}

/// A log written to a file (stderr not a terminal) is plain text, without colour codes.
#[test]
fn logs_redirected_from_a_terminal_carry_no_colour_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<html><head><title>x</title></head><body><p>x</p></body></html>")
        .expect("write page");
    let output = coursemap()
        .args(["extract", "--url", "https://www.example.ac.uk/x"])
        .arg(&page)
        .env("RUST_LOG", "info")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.trim().is_empty(), "the extract command logs what it did");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

/// `seeds check --offline` validates the file and contacts nobody; a broken file is named with
/// its line.
#[test]
fn seeds_check_offline_validates_the_file() {
    let output =
        coursemap().args(["seeds", "check", "--offline", "--json"]).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["valid"], true);
    assert_eq!(json["providers"], 46);
    assert_eq!(json["closed"], serde_json::json!(["bmj_quality (2017-12)", "kis (2025-09)"]));

    let broken = tempfile::tempdir().expect("tempdir");
    let file = broken.path().join("providers.toml");
    std::fs::write(&file, "[[provider]]\nid = \"x\"\nclosed = \"soon\"\n").expect("write");
    let output = coursemap()
        .args(["seeds", "check", "--offline", "--seeds"])
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("providers.toml:"), "{stderr}");
}

/// `seeds national` writes a providers file that `seeds check --offline` accepts: the
/// project's own providers and one per provider of the table with a website.
#[test]
fn seeds_national_writes_a_file_seeds_check_accepts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("institution.csv");
    std::fs::write(
        &csv,
        "LEGAL_NAME,FIRST_TRADING_NAME,PROVADDRESS,PROVURL,PUBUKPRN,UKPRN,COUNTRY\n\
         University of Aberdeen,,\"King's College, Aberdeen, AB24 3FX\",www.abdn.ac.uk,10007783,10007783,XH\n\
         University of Oxford,,\"Wellington Square, Oxford, OX1 2JD\",www.ox.ac.uk,10007774,10007774,XF\n\
         No Site College,,\"Leeds, LS1 1AA\",,10009999,10009999,XF\n",
    )
    .expect("write");
    let out = dir.path().join("uk-providers.toml");
    let output = coursemap()
        .args(["seeds", "national", "--csv"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.contains("48 providers (2 generated from 3 table providers, 1 without"),
        "{stdout}"
    );
    let output = coursemap()
        .args(["seeds", "check", "--offline", "--json", "--seeds"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["providers"], 48);
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("uk_region = \"scotland\""), "{text}");
    assert!(text.contains("uk_region = \"south_east_england\""), "{text}");
}

/// `demo --no-serve` writes what `seeds check` found on the sample web beside the catalogue,
/// every status but `unreachable` among them (nothing on the sample web is down), and a WARC
/// archive `warcio check` accepts.
#[test]
fn demo_writes_the_seeds_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = coursemap()
        .args(["demo", "--no-serve", "--rate", "50", "--catalogue"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let text =
        std::fs::read_to_string(dir.path().join("seeds-check.json")).expect("seeds-check.json");
    let checks: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON list");
    assert_eq!(checks.len(), 46);
    let status = |id: &str| {
        checks
            .iter()
            .find(|c| c["provider"] == id)
            .map(|c| c["status"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(status("lsbu").as_deref(), Some("ok"));
    assert_eq!(status("sgul").as_deref(), Some("moved"));
    assert_eq!(status("kcl").as_deref(), Some("robots_blocked"));
    assert_eq!(status("ucl").as_deref(), Some("challenge"));
    assert_eq!(status("bmj_quality").as_deref(), Some("closed"));
    assert!(stdout.contains("seeds check ("), "{stdout}");
    let summary = std::fs::read_to_string(dir.path().join("crawl-summary.json")).expect("summary");
    for kind in ["\"moved\"", "\"challenge\"", "\"soft_404\"", "\"robots_blocked\""] {
        assert!(summary.contains(kind), "{kind} not in crawl-summary.json");
    }
    // The demo's crawl leaves a WARC archive that warcio accepts, every record pointing in.
    let catalogue = coursemap_catalogue::CatalogueDir::new(dir.path());
    let files = crate::warc::whole_warc_files(&catalogue.warc());
    crate::warc::assert_warcio_accepts(&files);
    let (records, _) = coursemap_records::read_jsonl(&catalogue.records()).expect("records");
    assert!(!records.is_empty());
    for record in &records {
        let archived = record.archived.as_ref().expect("every record has its capture");
        assert_eq!(crate::warc::open_capture(&catalogue, archived).kind(), "response");
    }
}

/// `diff` with no files compares with the newest finished snapshot: a snapshot directory still
/// being written (a dot-name, left by a kill) is not a previous build.
#[test]
fn diff_skips_a_snapshot_still_being_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = coursemap_catalogue::CatalogueDir::new(dir.path());
    std::fs::write(catalogue.records(), "").expect("records");
    let diff = || coursemap().args(["diff", "--catalogue"]).arg(dir.path()).output().expect("runs");
    let unfinished = catalogue.snapshots().join(".building-20270101T000000.000Z");
    std::fs::create_dir_all(&unfinished).expect("snapshot dir");
    std::fs::write(unfinished.join("records.jsonl"), "").expect("records");
    let output = diff();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "only an unfinished snapshot: {stderr}");
    assert!(stderr.contains("no previous build"), "{stderr}");

    let finished = catalogue.snapshots().join("20260101T000000.000Z");
    std::fs::create_dir_all(&finished).expect("snapshot dir");
    std::fs::write(finished.join("records.jsonl"), "").expect("records");
    let output = diff();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.contains("20260101T000000.000Z") && !first.contains(".building-"), "{stdout}");
}
