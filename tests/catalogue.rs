//! The catalogue built from the crawl: the answer key, the report's tables, search.

use std::collections::{BTreeMap, BTreeSet};

use coursemap_crawl::Encounter;
use coursemap_records::{Focus, Record};

use crate::fixture::{fixture, seeds};

fn by_id(records: &[Record]) -> BTreeMap<&str, &Record> {
    records.iter().map(|record| (record.id.as_str(), record)).collect()
}

/// Every record of the answer key is in the catalogue under its id, with the facts the
/// report's tables are made of.
#[test]
fn the_catalogue_holds_the_answer_key() {
    let fixture = fixture();
    let truth = coursemap_sampleweb::truth().expect("answer key");
    let built = by_id(&fixture.records);
    let missing: Vec<&str> = truth
        .iter()
        .filter(|t| !built.contains_key(t.id.as_str()))
        .map(|t| t.url.as_str())
        .collect();
    assert!(missing.is_empty(), "missing from the catalogue: {missing:#?}");

    let mut wrong = Vec::new();
    for want in truth.iter().filter(|t| t.focus.is_some()) {
        let got = built[want.id.as_str()];
        let fields = [
            ("kind", got.kind == want.kind),
            ("fheq_levels", got.fheq_levels == want.fheq_levels),
            (
                "postgraduate_unspecified",
                got.postgraduate_unspecified == want.postgraduate_unspecified,
            ),
            ("entry.requires", got.entry.requires == want.entry.requires),
            ("entry.academic", got.entry.academic == want.entry.academic),
            ("length.category", got.length.category == want.length.category),
            ("delivery", got.delivery == want.delivery),
            ("focus", got.focus == want.focus),
            ("stipend", got.cost.stipend == want.cost.stipend),
            ("provider_id", got.provider_id == want.provider_id),
        ];
        for (field, ok) in fields {
            if !ok {
                wrong.push(format!("{} ({}): {field}", want.title, want.url));
            }
        }
    }
    assert!(wrong.is_empty(), "fields that differ from the answer key: {wrong:#?}");

    // Irrelevant courses are kept, but not as relevant ones.
    let relevant: BTreeSet<&str> =
        fixture.records.iter().filter(|r| r.focus.is_some()).map(|r| r.id.as_str()).collect();
    let want: BTreeSet<&str> =
        truth.iter().filter(|r| r.focus.is_some()).map(|r| r.id.as_str()).collect();
    assert_eq!(relevant, want);
    let main = |records: &[Record]| records.iter().filter(|r| r.focus == Some(Focus::Main)).count();
    assert_eq!(main(&fixture.records), main(&truth));
}

/// `tables --compare-2014` on the crawled catalogue: every table equals the report, the
/// documented deviations aside.
#[test]
fn the_crawled_catalogue_reproduces_the_report() {
    let fixture = fixture();
    let directory = coursemap_tables::ProviderDirectory::from_seeds(&seeds());
    let tables = coursemap_tables::summary_tables(
        &fixture.records,
        &directory,
        &coursemap_tables::TableFilter::new(),
    );
    let report = coursemap_tables::ReportFigures::report_2014().expect("report figures");
    let comparison = coursemap_tables::compare(&tables, &report);
    assert!(comparison.all_equal(), "tables differ from the report:\n{comparison}");
}

/// The index built with the catalogue answers a filtered query with exactly the records whose
/// fields say they should match.
#[test]
fn search_finds_improvement_science_at_level_7() {
    let fixture = fixture();
    let index = coursemap_index::CatalogueIndex::open(&fixture.catalogue.search_index())
        .expect("index opens");
    let request = coursemap_index::SearchRequest {
        query: "improvement science".to_owned(),
        filters: coursemap_index::Filters {
            levels: vec!["7".parse().expect("level 7")],
            ..Default::default()
        },
        limit: 100,
        offset: 0,
        literal: false,
    };
    let results = index.search(&request).expect("search");
    let got: BTreeSet<&str> = results.hits.iter().map(|hit| hit.record.id.as_str()).collect();
    assert!(!got.is_empty());
    for hit in &results.hits {
        let levels = hit.record.fheq_levels.as_deref().unwrap_or_default();
        assert!(levels.contains(&7), "{} is not at level 7", hit.record.title);
    }
    let title_match = fixture
        .records
        .iter()
        .find(|r| r.title == "MSc Improvement Science")
        .expect("the UWL MSc is in the catalogue");
    assert!(got.contains(title_match.id.as_str()), "the MSc Improvement Science is found");
}

/// The crawl finished and the build accounts for every stored page: the discontinued course is
/// skipped as gone, and every record is written.
#[test]
fn the_build_summary_accounts_for_the_crawl() {
    let fixture = fixture();
    assert!(fixture.crawl.complete, "the crawl finished");
    assert_eq!(fixture.build.records, fixture.records.len());
    assert!(fixture.build.pages_read >= fixture.crawl.pages(), "{:?}", fixture.build);
    let gone = fixture.build.pages_skipped.get("gone (404/410)").copied().unwrap_or(0);
    assert!(gone >= 1, "the discontinued course is skipped as gone: {:?}", fixture.build);
    assert!(fixture.build.corrupt.is_empty(), "{:?}", fixture.build.corrupt);
}

/// The corrected seeds reach the real-web structures the sample web grew: City's courses on
/// its new host, LSBU's CPD modules on the shared portal (found through LSBU's JSON search
/// API), and each structure reported in the crawl summary at the right URL.
#[test]
fn the_catalogue_reaches_moved_and_third_party_hosts() {
    let fixture = fixture();
    let on = |prefix: &str, provider: &str| {
        fixture
            .records
            .iter()
            .filter(|r| r.url.starts_with(prefix) && r.provider_id.as_deref() == Some(provider))
            .count()
    };
    assert!(on("https://www.citystgeorges.ac.uk/", "city") >= 8);
    assert_eq!(on("https://applycpd.com/LSBU/", "lsbu"), 2);
    assert!(!fixture.records.iter().any(|r| r.url.starts_with("https://www.city.ac.uk/")));

    let crawl = &fixture.crawl;
    for kind in
        [Encounter::Moved, Encounter::Challenge, Encounter::Soft404, Encounter::RobotsBlocked]
    {
        assert!(crawl.encounters(kind) >= 1, "no {kind} in the crawl summary");
    }
    let json = serde_json::to_value(crawl).expect("summary as JSON");
    let sgul = &json["hosts"]["www.sgul.ac.uk"];
    assert_eq!(sgul["encounters"]["moved"], 1, "{sgul}");
    assert_eq!(sgul["encountered"][0]["url"], "https://www.sgul.ac.uk/study/courses");
    assert_eq!(json["hosts"]["www.mdx.ac.uk"]["encounters"]["soft_404"], 1);
    assert_eq!(json["hosts"]["www.kcl.ac.uk"]["encounters"]["robots_blocked"], 1);
    assert!(json["hosts"]["www.ucl.ac.uk"]["encounters"]["challenge"].as_u64() >= Some(1));
}
