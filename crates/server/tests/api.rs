//! The HTTP API over the sample catalogue, on 127.0.0.1:0. Expected results are computed from
//! the sample records' fields, so the tests follow the data file rather than repeating it.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{TestServer, client};
use coursemap_index::filters::contract_name;
use coursemap_records::{Delivery, Field, LengthCategory, Record};
use reqwest::StatusCode;
use serde_json::Value;

async fn get_json(server: &TestServer, path: &str) -> (StatusCode, Value) {
    let response = client().get(server.url(path)).send().await.expect("request");
    let status = response.status();
    let body = response.json::<Value>().await.expect("a JSON body");
    (status, body)
}

fn hit_ids(body: &Value) -> BTreeSet<String> {
    body["hits"]
        .as_array()
        .expect("hits array")
        .iter()
        .map(|hit| hit["id"].as_str().expect("hit id").to_owned())
        .collect()
}

fn at_level(record: &Record, level: u8) -> bool {
    record.fheq_levels.as_ref().is_some_and(|levels| levels.contains(&level))
}

fn counts(values: impl Iterator<Item = String>) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_insert(0) += 1;
    }
    counts
}

fn facet(body: &Value, dimension: &str) -> BTreeMap<String, u64> {
    serde_json::from_value(body["facets"][dimension].clone()).expect("facet counts")
}

#[tokio::test]
async fn filters_return_exactly_the_matching_records_with_facet_counts() {
    let server = TestServer::start().await;
    let (status, body) = get_json(&server, "/api/search?level=7&delivery=distance&limit=100").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let expected: BTreeSet<String> = server
        .records
        .iter()
        .filter(|r| at_level(r, 7) && r.delivery == Some(Delivery::Distance))
        .map(|r| r.id.clone())
        .collect();
    assert!(expected.len() >= 2, "the sample should have several level-7 distance courses");
    assert_eq!(hit_ids(&body), expected);
    assert_eq!(body["total"].as_u64(), Some(expected.len() as u64));

    // Each dimension is counted under the other filters only.
    let level_seven: Vec<&Record> = server.records.iter().filter(|r| at_level(r, 7)).collect();
    let expected_delivery =
        counts(level_seven.iter().map(|r| {
            r.delivery.as_ref().map(contract_name).unwrap_or_else(|| "not_known".to_owned())
        }));
    assert_eq!(facet(&body, "delivery"), expected_delivery);

    let distance: Vec<&Record> =
        server.records.iter().filter(|r| r.delivery == Some(Delivery::Distance)).collect();
    let expected_levels = counts(distance.iter().flat_map(|r| match &r.fheq_levels {
        Some(levels) if !levels.is_empty() => levels.iter().map(u8::to_string).collect(),
        _ => vec!["not_known".to_owned()],
    }));
    assert_eq!(facet(&body, "level"), expected_levels);

    // Provider names label the provider facet.
    for id in facet(&body, "provider").keys() {
        let name = server
            .records
            .iter()
            .find(|r| r.provider_id.as_deref() == Some(id))
            .and_then(|r| r.provider.clone());
        assert_eq!(body["provider_names"][id].as_str(), name.as_deref(), "provider {id}");
    }
}

/// The answer key's courses: most 2025/26 entry, one closed and one discontinued.
#[tokio::test]
async fn entry_year_and_status_filter_and_count() {
    use coursemap_records::Status;
    let server = TestServer::start().await;
    let (status, body) = get_json(
        &server,
        "/api/search?entry_year=2025-26&status=closed&status=discontinued&limit=100",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let this_year = "2025/26".parse().ok();
    let expected: BTreeSet<String> = server
        .records
        .iter()
        .filter(|r| r.entry_year == this_year)
        .filter(|r| matches!(r.status, Some(Status::Closed | Status::Discontinued)))
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(hit_ids(&body), expected);
    assert!(!expected.is_empty(), "the sample web's last intake is 2025/26");
    let hit = &body["hits"][0];
    assert_eq!(
        (hit["entry_year"].as_str(), hit["status"].as_str()),
        (Some("2025/26"), Some("discontinued")),
        "{hit}"
    );

    // Years are counted under the status filter only; statuses under the year filter only.
    let not_recruiting: Vec<&Record> = server
        .records
        .iter()
        .filter(|r| matches!(r.status, Some(Status::Closed | Status::Discontinued)))
        .collect();
    let years =
        counts(not_recruiting.iter().map(|r| {
            r.entry_year.map(|y| y.to_string()).unwrap_or_else(|| "not_known".to_owned())
        }));
    assert_eq!(facet(&body, "entry_year"), years);
    assert!(facet(&body, "entry_year").contains_key("2026/27"), "{body}");
    let statuses = counts(
        server
            .records
            .iter()
            .filter(|r| r.entry_year == this_year)
            .map(|r| r.status.map(|s| s.to_string()).unwrap_or_else(|| "not_known".to_owned())),
    );
    assert_eq!(facet(&body, "status"), statuses);
}

#[tokio::test]
async fn length_categories_are_alternatives_and_anded_with_other_filters() {
    let server = TestServer::start().await;
    let query = "level=7&length=1y_ft_only&length=3_9y_pt_only";
    let wanted =
        [LengthCategory::OneYearFullTimeOnly, LengthCategory::ThreeToNineYearsPartTimeOnly];
    let expected: BTreeSet<String> = server
        .records
        .iter()
        .filter(|r| at_level(r, 7))
        .filter(|r| r.length.category.is_some_and(|c| wanted.contains(&c)))
        .map(|r| r.id.clone())
        .collect();
    let categories: BTreeSet<Option<LengthCategory>> = server
        .records
        .iter()
        .filter(|r| expected.contains(&r.id))
        .map(|r| r.length.category)
        .collect();
    assert_eq!(categories.len(), 2, "the sample has level-7 courses of both lengths");

    let (status, body) = get_json(&server, &format!("/api/search?{query}&limit=100")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(hit_ids(&body), expected);
    assert_eq!(body["total"].as_u64(), Some(expected.len() as u64));
    // The length facet ignores its own filter: every level-7 course, by length.
    let expected_lengths = counts(server.records.iter().filter(|r| at_level(r, 7)).map(|r| {
        r.length.category.as_ref().map(contract_name).unwrap_or_else(|| "not_known".to_owned())
    }));
    assert_eq!(facet(&body, "length"), expected_lengths);

    let csv = client()
        .get(server.url(&format!("/api/search.csv?{query}")))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("CSV body");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let id_column =
        reader.headers().expect("header row").iter().position(|h| h == "id").expect("id column");
    let csv_ids: BTreeSet<String> =
        reader.records().map(|row| row.expect("CSV row")[id_column].to_owned()).collect();
    assert_eq!(csv_ids, expected);
}

#[tokio::test]
async fn text_search_with_filters_finds_titles_and_marks_snippets() {
    let server = TestServer::start().await;
    let (status, body) =
        get_json(&server, "/api/search?q=improvement&level=7&delivery=distance&limit=100").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let ids = hit_ids(&body);
    let titled: BTreeSet<String> = server
        .records
        .iter()
        .filter(|r| at_level(r, 7) && r.delivery == Some(Delivery::Distance))
        .filter(|r| r.title.to_lowercase().split_whitespace().any(|w| w == "improvement"))
        .map(|r| r.id.clone())
        .collect();
    assert!(!titled.is_empty());
    assert!(titled.is_subset(&ids), "titles with the word must be found: {titled:?} in {ids:?}");
    for hit in body["hits"].as_array().expect("hits") {
        let record =
            server.records.iter().find(|r| r.id == hit["id"]).expect("hit is a sample record");
        assert!(
            at_level(record, 7) && record.delivery == Some(Delivery::Distance),
            "{}",
            record.id
        );
        assert_eq!(hit["title"].as_str(), Some(record.title.as_str()));
        assert_eq!(hit["url"].as_str(), Some(record.url.as_str()));
    }
    let marked = body["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter(|hit| {
            hit["snippet_html"]
                .as_str()
                .is_some_and(|s| s.to_lowercase().contains("<b>improvement</b>"))
        })
        .count();
    assert!(marked > 0, "matched words are marked in snippets: {body}");
}

#[tokio::test]
async fn words_read_as_filters_are_echoed_and_literal_turns_them_off() {
    let server = TestServer::start().await;
    let (status, body) = get_json(&server, "/api/search?q=part+time+msc&limit=100").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let asked: Vec<(String, String)> = body["query_filters"]
        .as_array()
        .expect("query_filters")
        .iter()
        .map(|f| (f["filter"].as_str().unwrap_or("").to_owned(), f["value"].to_string()))
        .collect();
    assert_eq!(
        asked,
        vec![
            ("part_time".to_owned(), "\"true\"".to_owned()),
            ("award".to_owned(), "\"MSc\"".to_owned())
        ]
    );
    let expected: BTreeSet<String> = server
        .records
        .iter()
        .filter(|r| r.length.part_time_months.is_some())
        .filter(|r| r.awards.as_ref().is_some_and(|a| a.iter().any(|a| a == "MSc")))
        .map(|r| r.id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(hit_ids(&body), expected);

    let (status, literal) =
        get_json(&server, "/api/search?q=part+time+msc&literal=true&limit=100").await;
    assert_eq!(status, StatusCode::OK, "{literal}");
    assert_eq!(literal["query_filters"].as_array().map(Vec::len), Some(0));
    let (status, bad) = get_json(&server, "/api/search?q=msc&literal=maybe").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
}

#[tokio::test]
async fn paging_walks_the_whole_result_list_once() {
    let server = TestServer::start().await;
    let (_, all) = get_json(&server, "/api/search?limit=100").await;
    let total = all["total"].as_u64().expect("total") as usize;
    assert_eq!(total, server.records.len());
    let mut seen = Vec::new();
    for offset in (0..total).step_by(5) {
        let (status, page) =
            get_json(&server, &format!("/api/search?limit=5&offset={offset}")).await;
        assert_eq!(status, StatusCode::OK);
        seen.extend(hit_ids(&page));
    }
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (total, total));
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let server = TestServer::start().await;
    let long_query = format!("q={}", "a".repeat(257));
    let cases: [(&str, &str); 18] = [
        ("level=9", "level"),
        ("level=seven", "level"),
        ("delivery=pigeon", "delivery"),
        ("kind=degree", "kind"),
        ("focus=some", "focus"),
        ("region=mars", "region"),
        ("length=2y", "length"),
        ("entry_year=2025/27", "entry_year"),
        ("status=open", "status"),
        ("provider=no_such_provider", "provider"),
        ("limit=1001", "limit"),
        ("offset=10001", "offset"),
        ("limit=1&limit=2", "limit"),
        ("max_fee=cheap", "max_fee"),
        ("colour=blue", "colour"),
        ("q=%22unclosed+phrase", "q"),
        ("q=nosuchfield:word", "q"),
        (&long_query, "q"),
    ];
    for (query, parameter) in cases {
        for endpoint in ["/api/search", "/api/search.csv"] {
            let (status, body) = get_json(&server, &format!("{endpoint}?{query}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{endpoint}?{query}: {body}");
            assert_eq!(body["parameter"].as_str(), Some(parameter), "{endpoint}?{query}: {body}");
            assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{body}");
        }
    }
    // JSON pages are smaller than CSV exports.
    let (status, body) = get_json(&server, "/api/search?limit=101").await;
    assert_eq!((status, body["parameter"].as_str()), (StatusCode::BAD_REQUEST, Some("limit")));
    let response =
        client().get(server.url("/api/search.csv?limit=101")).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn courses_by_id_with_evidence_in_words() {
    let server = TestServer::start().await;
    let record = server
        .records
        .iter()
        .find(|r| r.evidence.contains_key(&Field::Cost))
        .expect("a sample record with fee evidence");
    let (status, body) = get_json(&server, &format!("/api/courses/{}", record.id)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let returned: Record =
        serde_json::from_value(body["record"].clone()).expect("the whole record");
    assert_eq!(&returned, record);
    let cost = body["evidence"]
        .as_array()
        .expect("evidence list")
        .iter()
        .find(|e| e["field"] == "cost")
        .expect("fee evidence");
    let evidence = &record.evidence[&Field::Cost];
    assert_eq!(cost["label"], "Fees");
    assert_eq!(cost["source_description"].as_str(), Some(evidence.source.describe()));
    assert_eq!(cost["text"].as_str(), Some(evidence.text.as_str()));

    let (status, body) = get_json(&server, "/api/courses/no-such-course").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("no-such-course")));

    let (status, body) = get_json(&server, "/api/courses/bad%20id%3Cscript%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["parameter"], "id");
}

#[tokio::test]
async fn csv_export_reflects_the_search_and_defuses_formulas() {
    let server = TestServer::start().await;
    let response = client()
        .get(server.url("/api/search.csv?level=7&delivery=campus_and_work_based"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/csv"));
    let body = response.text().await.expect("CSV body");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().expect("header row").clone();
    let id_column = header.iter().position(|h| h == "id").expect("id column");
    let entry_column = header.iter().position(|h| h == "entry_requirements").expect("entry column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("CSV row")).collect();
    let ids: BTreeSet<String> = rows.iter().map(|row| row[id_column].to_owned()).collect();
    let expected: BTreeSet<String> = server
        .records
        .iter()
        .filter(|r| at_level(r, 7) && r.delivery == Some(Delivery::CampusAndWorkBased))
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids, expected);
    for row in &rows {
        let cell = &row[entry_column];
        assert!(!cell.starts_with('='), "formula not defused: {cell}");
    }
    assert!(
        rows.iter().any(|row| row[entry_column].starts_with("'=")),
        "the sample has a formula to defuse"
    );
}

#[tokio::test]
async fn security_headers_on_page_and_api() {
    let server = TestServer::start().await;
    for path in ["/", "/app.js", "/api/search?q=improvement", "/api/courses/missing", "/nowhere"] {
        let response = client().get(server.url(path)).send().await.expect("request");
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().expect("CSP");
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("http"), "no external sources: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
    }
    let page = client().get(server.url("/")).send().await.expect("page");
    assert!(page.headers()["content-type"].to_str().expect("type").starts_with("text/html"));
    let html = page.text().await.expect("page body");
    assert!(html.contains("<script src=\"/app.js\""), "the page loads its own script");
    assert!(!html.contains("https://") && !html.contains("http://"), "no external resources");
}

#[tokio::test]
async fn read_only_and_no_escape_from_the_assets() {
    let server = TestServer::start().await;
    let http = client();
    for (method, path) in [
        (reqwest::Method::POST, "/api/search"),
        (reqwest::Method::PUT, "/api/courses/uwl-msc-improvement-science"),
        (reqwest::Method::DELETE, "/api/courses/uwl-msc-improvement-science"),
        (reqwest::Method::PATCH, "/"),
        (reqwest::Method::POST, "/tables"),
    ] {
        let response =
            http.request(method.clone(), server.url(path)).send().await.expect("request");
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
    }
    for path in [
        "/../Cargo.toml",
        "/app.js/../../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/app.js",
        "/src/lib.rs",
    ] {
        let response = http.get(server.url(path)).send().await.expect("request");
        let status = response.status();
        let body = response.text().await.expect("body");
        assert!(
            status == StatusCode::NOT_FOUND
                || (status == StatusCode::OK && body.contains("coursemap")),
            "{path}: {status}"
        );
        assert!(!body.contains("[package]") && !body.contains("root:"), "{path} leaked a file");
    }
    let head = http.head(server.url("/")).send().await.expect("HEAD");
    assert_eq!(head.status(), StatusCode::OK);
}

#[tokio::test]
async fn health_and_tables() {
    let server = TestServer::start().await;
    let (status, body) = get_json(&server, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["records"].as_u64(), Some(server.records.len() as u64));

    let (status, tables) = get_json(&server, "/api/tables").await;
    assert_eq!(status, StatusCode::OK);
    let tables = tables.as_array().expect("a list of tables");
    let table5 = tables.iter().find(|t| t["key"] == "table5").expect("table 5 (FHEQ level)");
    // Table 5 counts the relevant HEI courses (programmes and modules with a focus).
    let relevant_hei = server
        .records
        .iter()
        .filter(|r| {
            r.focus.is_some()
                && matches!(
                    r.kind,
                    coursemap_records::Kind::Programme | coursemap_records::Kind::Module
                )
        })
        .count() as u64;
    assert_eq!(table5["total"].as_u64(), Some(relevant_hei), "{table5}");

    let response = client().get(server.url("/tables")).send().await.expect("tables page");
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()["content-security-policy"].to_str().expect("CSP").to_owned();
    assert!(!csp.contains("script-src"), "the tables page runs no script: {csp}");
    let html = response.text().await.expect("HTML");
    assert!(html.contains("<svg"), "charts are inline SVG");
}
