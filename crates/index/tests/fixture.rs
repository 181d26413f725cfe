//! The index over a small hand-made catalogue (`tests/data/fixture.jsonl`): query semantics,
//! filters, facets, upsert, schema versions.

use std::path::{Path, PathBuf};

use coursemap_index::{CatalogueIndex, Error, Filters, SearchRequest, SearchResults};
use coursemap_records::{Delivery, Record, read_jsonl};

fn fixture() -> Vec<Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixture.jsonl");
    let (records, bad) = read_jsonl(&path).expect("fixture reads");
    assert!(bad.is_empty(), "{bad:?}");
    records
}

fn build() -> (tempfile::TempDir, PathBuf, CatalogueIndex) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("tantivy");
    let index = CatalogueIndex::create_or_rebuild(&dir, &fixture()).expect("index builds");
    (tmp, dir, index)
}

fn search(index: &CatalogueIndex, query: &str, filters: Filters) -> SearchResults {
    let request =
        SearchRequest { query: query.to_owned(), filters, limit: 50, offset: 0, literal: false };
    index.search(&request).unwrap_or_else(|err| panic!("{query:?}: {err}"))
}

fn ids(results: &SearchResults) -> Vec<&str> {
    let mut ids: Vec<&str> = results.hits.iter().map(|h| h.record.id.as_str()).collect();
    ids.sort();
    ids
}

fn filters(pairs: &[(&str, &str)]) -> Filters {
    Filters::from_pairs(pairs.iter().copied()).expect("filters parse")
}

#[test]
fn words_are_anded_and_ranked_with_title_first() {
    let (_tmp, _dir, index) = build();
    let results = search(&index, "improvement science ", Filters::default());
    assert_eq!(results.hits[0].record.id, "uwl-msc-improvement-science");
    // Every hit has both stems somewhere.
    for hit in &results.hits {
        let text = serde_json::to_string(&hit.record).expect("json").to_lowercase();
        assert!(text.contains("improv") && text.contains("scien"), "{}", hit.record.id);
    }
    assert_eq!(results.total, results.hits.len());
    assert!(
        results.hits[0].snippet_html.contains("<b>Improvement</b> <b>Science</b>"),
        "{}",
        results.hits[0].snippet_html
    );
}

#[test]
fn levels_filter_matches_any_listed_level_and_facets_ignore_their_own_filter() {
    let (_tmp, _dir, index) = build();
    let at_7 = search(&index, "", filters(&[("level", "7")]));
    assert!(ids(&at_7).contains(&"gre-applied-professional-studies")); // [5, 6, 7]
    assert!(ids(&at_7).contains(&"ucl-mres-mphil-phd-msi")); // [7, 8]
    assert!(!ids(&at_7).contains(&"lsbu-bsc-adult-nursing")); // [6]
    let at_6 = search(&index, "", filters(&[("level", "6")]));
    assert!(ids(&at_6).contains(&"gre-applied-professional-studies"));
    let expected_7 =
        fixture().iter().filter(|r| r.fheq_levels.as_ref().is_some_and(|l| l.contains(&7))).count();
    assert_eq!(at_7.total, expected_7);
    // The level facet is counted without the level filter: level 6 still shows.
    let level_6 =
        fixture().iter().filter(|r| r.fheq_levels.as_ref().is_some_and(|l| l.contains(&6))).count()
            as u64;
    assert_eq!(at_7.facets.level.get("6"), Some(&level_6));
    // Other facets are counted under the level filter.
    let distance_at_7 = fixture()
        .iter()
        .filter(|r| r.fheq_levels.as_ref().is_some_and(|l| l.contains(&7)))
        .filter(|r| r.delivery == Some(Delivery::Distance))
        .count() as u64;
    assert_eq!(at_7.facets.delivery.get("distance"), Some(&distance_at_7));
    // Browse results (no words) are listed by title.
    let titles: Vec<String> = at_7.hits.iter().map(|h| h.record.title.to_lowercase()).collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[test]
fn phrase_exclusion_and_field_queries() {
    let (_tmp, _dir, index) = build();
    // "quality improvement" as a phrase: the words next to each other, in that order.
    let phrase = search(&index, "\"quality improvement\" ", Filters::default());
    for record in fixture() {
        let text = [
            record.title.clone(),
            record.description.clone().unwrap_or_default(),
            record.topics.join(" | "),
        ]
        .join(" | ")
        .to_lowercase();
        let has_phrase = text.contains("quality improvement");
        assert_eq!(ids(&phrase).contains(&record.id.as_str()), has_phrase, "{}", record.id);
    }
    // Without quotes "problem solving and improvement: quality ..." also matches.
    let words = search(&index, "quality improvement ", Filters::default());
    assert!(ids(&words).contains(&"ou-problem-solving-improvement"));

    let excluded = search(&index, "improvement -distance ", Filters::default());
    assert!(!ids(&excluded).is_empty());
    assert!(!ids(&excluded).contains(&"lsbu-leadership-service-improvement"));
    assert!(!ids(&excluded).contains(&"ou-problem-solving-improvement"));
    let unexcluded = search(&index, "improvement ", Filters::default());
    assert!(ids(&unexcluded).contains(&"lsbu-leadership-service-improvement"));

    let in_title = search(&index, "title:leadership ", Filters::default());
    assert_eq!(ids(&in_title), vec!["lsbu-leadership-service-improvement"]);
    let anywhere = search(&index, "leadership ", Filters::default());
    assert!(anywhere.total > in_title.total, "topics and descriptions mention leadership too");
}

#[test]
fn typos_and_prefixes() {
    let (_tmp, _dir, index) = build();
    let typo = search(&index, "improvment sciense", Filters::default());
    assert_eq!(typo.hits[0].record.title, "MSc Improvement Science");
    let as_you_type = search(&index, "implementation sci", Filters::default());
    assert_eq!(ids(&as_you_type), vec!["kcl-msc-implementation-science"]);
    // A finished word is not a prefix: nothing has both words, so what comes back is the
    // any-word fallback.
    let finished = search(&index, "implementation sci ", Filters::default());
    assert!(finished.any_word, "{:?}", ids(&finished));
}

#[test]
fn numeric_filters() {
    let (_tmp, _dir, index) = build();
    let cheap = search(&index, "", filters(&[("max_fee", "5000")]));
    for hit in &cheap.hits {
        let fee = coursemap_index::home_fee_gbp(&hit.record).expect("fee known");
        assert!(fee <= 5000.0, "{} {fee}", hit.record.id);
    }
    // Free and funded count as 0; the OU's £3,300 course has no time limit so counts whole.
    for id in ["ihi-fundamentals-of-improvement", "hf-quality-improvement-fellowship"] {
        assert!(ids(&cheap).contains(&id), "{id}");
    }
    let part_time_2y = search(&index, "", filters(&[("max_months", "24"), ("part_time", "true")]));
    let expected: Vec<String> = fixture()
        .into_iter()
        .filter(|r| r.length.short || r.length.part_time_months.is_some_and(|pt| pt.max <= 24))
        .map(|r| r.id)
        .collect();
    let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(ids(&part_time_2y), expected);
}

#[test]
fn bad_input_is_a_typed_error() {
    let (_tmp, _dir, index) = build();
    let request = |query: &str, filters: Filters| SearchRequest {
        query: query.to_owned(),
        filters,
        limit: 10,
        offset: 0,
        literal: false,
    };
    let err = index.search(&request("\"open", Filters::default())).expect_err("unterminated");
    assert!(err.is_user_error() && matches!(err, Error::Query(_)), "{err}");
    let err = index.search(&request("colour:red", Filters::default())).expect_err("field");
    assert!(err.to_string().contains("unknown field `colour:`"), "{err}");
    let err = index
        .search(&request("x", filters(&[("provider", "lbsu")])))
        .expect_err("unknown provider");
    assert!(err.is_user_error());
    assert_eq!(err.to_string(), "bad filter: no provider `lbsu` in the catalogue");
}

#[test]
fn upsert_after_rebuild_keeps_one_document_per_id_and_get_reads_back() {
    let (_tmp, dir, mut index) = build();
    let count = fixture().len();
    let mut changed = index.get("kcl-msc-implementation-science").expect("get").expect("exists");
    changed.title = "MSc Implementation and Improvement Science".to_owned();
    index.upsert(&[changed.clone(), changed.clone()]).expect("upsert");
    assert_eq!(index.len() as usize, count);
    assert_eq!(index.all().expect("all").len(), count);
    assert_eq!(index.get(&changed.id).expect("get"), Some(changed.clone()));
    let found = search(&index, "title:implementation title:improvement", Filters::default());
    assert_eq!(ids(&found), vec!["kcl-msc-implementation-science"]);
    // The change survives reopening; deleting removes it.
    drop(index);
    let mut index = CatalogueIndex::open(&dir).expect("reopens");
    assert_eq!(index.get(&changed.id).expect("get"), Some(changed.clone()));
    index.delete(&[changed.id.as_str()]).expect("delete");
    assert_eq!(index.get(&changed.id).expect("get"), None);
    assert_eq!(index.len() as usize, count - 1);
    // A rebuild replaces everything.
    let index = CatalogueIndex::create_or_rebuild(&dir, &fixture()).expect("rebuild");
    assert_eq!(index.all().expect("all"), {
        let mut all = fixture();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all
    });
}

#[test]
fn schema_version_mismatch_is_a_clear_error_and_rebuild_recovers() {
    let (_tmp, dir, index) = build();
    drop(index);
    std::fs::write(dir.join(coursemap_index::SCHEMA_VERSION_FILE), "0\n").expect("write");
    let err = CatalogueIndex::open(&dir).expect_err("mismatch");
    assert!(matches!(err, Error::SchemaMismatch { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("schema version 0"), "{message}");
    assert!(message.contains("run `coursemap build`"), "{message}");
    let index = CatalogueIndex::rebuild(&dir).expect("rebuild from stored records");
    assert_eq!(index.len() as usize, fixture().len());
    assert!(CatalogueIndex::open(&dir).is_ok());
    let missing = CatalogueIndex::open(&dir.join("nope")).expect_err("missing");
    assert!(matches!(missing, Error::Missing { .. }), "{missing}");
}

#[test]
fn paging_walks_the_same_ranking() {
    let (_tmp, _dir, index) = build();
    let all = search(&index, "improvement ", Filters::default());
    let mut paged = Vec::new();
    for offset in (0..all.total).step_by(3) {
        let request = SearchRequest {
            query: "improvement ".to_owned(),
            filters: Filters::default(),
            limit: 3,
            offset,
            literal: false,
        };
        let page = index.search(&request).expect("page");
        assert_eq!(page.total, all.total);
        paged.extend(page.hits.into_iter().map(|h| h.record.id));
    }
    let whole: Vec<String> = all.hits.into_iter().map(|h| h.record.id).collect();
    assert_eq!(paged, whole);
    let none = index
        .search(&SearchRequest {
            query: "improvement".into(),
            filters: Filters::default(),
            limit: 0,
            offset: 0,
            literal: false,
        })
        .expect("limit 0");
    assert!(none.hits.is_empty());
    assert_eq!(none.total, whole.len());
    let past_the_end = index
        .search(&SearchRequest {
            query: "improvement".into(),
            filters: Filters::default(),
            limit: usize::MAX,
            offset: usize::MAX,
            literal: false,
        })
        .expect("huge offset and limit");
    assert!(past_the_end.hits.is_empty());
    assert_eq!(past_the_end.total, whole.len());
}

#[test]
fn a_search_without_words_lists_by_title_across_segments_and_pages() {
    let (_tmp, _dir, mut index) = build();
    // An upsert writes a second segment and deletes the documents it replaces in the first:
    // the listing must merge both segments in title order and skip the deleted.
    let mut records = fixture();
    let mut renamed = records[0].clone();
    renamed.title = "Aaa renamed first".to_owned();
    let mut untouched = records[1].clone();
    untouched.title = format!("{} (updated)", untouched.title);
    index.upsert(&[renamed.clone(), untouched.clone()]).expect("upsert");
    records[0] = renamed;
    records[1] = untouched;
    let mut expected: Vec<String> = records.iter().map(|r| r.title.to_lowercase()).collect();
    expected.sort();

    let listing = |offset, limit| {
        let request = SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            limit,
            offset,
            literal: false,
        };
        index.search(&request).expect("listing")
    };
    let whole = listing(0, 1000);
    assert_eq!(whole.total, records.len());
    let titles: Vec<String> = whole.hits.iter().map(|h| h.record.title.to_lowercase()).collect();
    assert_eq!(titles, expected);
    let mut paged = Vec::new();
    for offset in (0..whole.total).step_by(4) {
        paged.extend(listing(offset, 4).hits.into_iter().map(|h| h.record.id));
    }
    let whole_ids: Vec<String> = whole.hits.iter().map(|h| h.record.id.clone()).collect();
    assert_eq!(paged, whole_ids);
    assert!(listing(0, 0).hits.is_empty());
    assert!(listing(whole.total, 5).hits.is_empty());
}

#[test]
fn a_provider_of_the_catalogue_without_records_filters_to_nothing_not_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("tantivy");
    let records = fixture();
    assert!(records.iter().all(|r| r.provider_id.as_deref() != Some("qmul")));
    let providers = ["qmul".to_owned(), "lsbu".to_owned()].into_iter().collect();
    let index = CatalogueIndex::create_or_rebuild_for(&dir, &records, &providers).expect("builds");
    let request = |provider: &str| SearchRequest {
        query: String::new(),
        filters: filters(&[("provider", provider)]),
        limit: 10,
        offset: 0,
        literal: false,
    };
    let found = index.search(&request("qmul")).expect("a known provider is a valid filter");
    assert_eq!((found.total, found.hits.len()), (0, 0));
    let lsbu = records.iter().filter(|r| r.provider_id.as_deref() == Some("lsbu")).count();
    assert_eq!(index.search(&request("lsbu")).expect("lsbu").total, lsbu);
    let err = index.search(&request("lbsu")).expect_err("a typo is still an error");
    assert_eq!(err.to_string(), "bad filter: no provider `lbsu` in the catalogue");
    // Reopening and rebuilding from the stored records keep the list.
    drop(index);
    assert!(CatalogueIndex::open(&dir).expect("reopens").search(&request("qmul")).is_ok());
    let rebuilt = CatalogueIndex::rebuild(&dir).expect("rebuilds");
    assert_eq!(rebuilt.search(&request("qmul")).expect("still known").total, 0);
}

/// Facet counts are kept per index segment between searches: a write adds a segment and
/// deletes from old ones, and the counts that follow it are the catalogue's new ones.
#[test]
fn facet_counts_follow_upserts_and_deletes_on_an_open_index() {
    let (_tmp, _dir, mut index) = build();
    let delivery = |index: &CatalogueIndex| search(index, "", Filters::default()).facets.delivery;
    let before = delivery(&index);
    let mut changed = index.get("kcl-msc-implementation-science").expect("get").expect("exists");
    let old = changed.delivery.map(|d| coursemap_index::filters::contract_name(&d));
    let old = old.unwrap_or_else(|| coursemap_index::facets::NOT_KNOWN.to_owned());
    let new = if changed.delivery == Some(Delivery::Distance) {
        Delivery::Campus
    } else {
        Delivery::Distance
    };
    changed.delivery = Some(new);
    index.upsert(std::slice::from_ref(&changed)).expect("upsert");
    let after = delivery(&index);
    let name = coursemap_index::filters::contract_name(&new);
    assert_eq!(after.get(&old).copied().unwrap_or(0) + 1, before.get(&old).copied().unwrap_or(0));
    assert_eq!(after.get(&name).copied().unwrap_or(0), before.get(&name).copied().unwrap_or(0) + 1);
    index.delete(&[changed.id.as_str()]).expect("delete");
    let deleted = delivery(&index);
    assert_eq!(deleted.get(&name).copied().unwrap_or(0), before.get(&name).copied().unwrap_or(0));
    assert_eq!(deleted.values().sum::<u64>() + 1, before.values().sum::<u64>());
}

/// A national catalogue: `region` takes the report's regions and the UK's, `nation` the
/// nations; both are facets, and the index agrees with `Filters::admits` on every record.
#[test]
fn region_takes_either_vocabulary_and_nation_cuts_by_nation() {
    use coursemap_records::{Nation, Region, UkRegion};
    let mut records = fixture();
    // Spread the fixture over the UK: London's providers as the seeds place them, two moved.
    for record in &mut records {
        record.uk_region = record.region.and_then(Region::uk_region);
        match record.provider_id.as_deref() {
            Some("lsbu") => {
                record.region = None;
                record.uk_region = Some(UkRegion::Scotland);
            }
            Some("uwl") => {
                record.region = None;
                record.uk_region = Some(UkRegion::Wales);
            }
            _ => {}
        }
        record.nation = record.uk_region.map(UkRegion::nation);
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = CatalogueIndex::create_or_rebuild(&tmp.path().join("tantivy"), &records)
        .expect("index builds");
    let expect = |pairs: &[(&str, &str)]| admitted(&records, pairs);
    for pairs in [
        vec![("region", "scotland")],
        vec![("region", "london")],
        vec![("region", "south")],
        vec![("region", "south"), ("region", "wales")],
        vec![("nation", "england")],
        vec![("nation", "scotland"), ("nation", "wales")],
        vec![("nation", "england"), ("region", "scotland")],
    ] {
        let results = search(&index, "", filters(&pairs));
        assert_eq!(ids(&results), expect(&pairs), "{pairs:?}");
    }
    let scotland = records.iter().filter(|r| r.provider_id.as_deref() == Some("lsbu")).count();
    assert!(scotland > 0);
    assert_eq!(expect(&[("region", "scotland")]).len(), scotland);
    assert!(expect(&[("nation", "england"), ("region", "scotland")]).is_empty());

    // Facets: a record counts under its report region and its UK region, and its nation.
    let all = search(&index, "", Filters::default());
    assert_eq!(all.facets.region.get("scotland"), Some(&(scotland as u64)));
    let london = records.iter().filter(|r| r.uk_region == Some(UkRegion::London)).count();
    assert_eq!(all.facets.region.get("london"), Some(&(london as u64)));
    let england = records.iter().filter(|r| r.nation == Some(Nation::England)).count();
    assert_eq!(all.facets.nation.get("england"), Some(&(england as u64)));
    // Unknown names are user errors naming both vocabularies.
    let err = Filters::from_pairs([("region", "mars")]).expect_err("no such region");
    assert!(err.to_string().contains("north_west_england"), "{err}");
}

/// Years of entry and statuses: filters by either (an academic year in any of its spellings),
/// facets counting each with "not known" for pages that do not say, and the index agreeing with
/// `Filters::admits` on every record.
#[test]
fn entry_year_and_status_filter_and_count() {
    use coursemap_records::Status;
    let mut records = fixture();
    assert!(records.len() >= 6, "{}", records.len());
    // Most this year, two next year, one not stated; one closed, one discontinued.
    for (i, record) in records.iter_mut().enumerate() {
        record.entry_year = match i {
            0 => None,
            1 | 2 => "2026/27".parse().ok(),
            _ => "2025/26".parse().ok(),
        };
        record.status = match i {
            2 => Some(Status::Closed),
            3 => Some(Status::Discontinued),
            4 => None,
            _ => Some(Status::Recruiting),
        };
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = CatalogueIndex::create_or_rebuild(&tmp.path().join("tantivy"), &records)
        .expect("index builds");
    let expect = |pairs: &[(&str, &str)]| admitted(&records, pairs);
    for pairs in [
        vec![("entry_year", "2025/26")],
        vec![("entry_year", "2026-27")],
        vec![("entry_year", "2025/26"), ("entry_year", "2026/2027")],
        vec![("status", "closed")],
        vec![("status", "recruiting"), ("entry_year", "2025/26")],
        vec![("status", "closed"), ("status", "discontinued")],
    ] {
        let results = search(&index, "", filters(&pairs));
        assert_eq!(ids(&results), expect(&pairs), "{pairs:?}");
    }
    let next_year = vec![records[1].id.as_str(), records[2].id.as_str()];
    let mut next_year_sorted = next_year.clone();
    next_year_sorted.sort();
    assert_eq!(expect(&[("entry_year", "2026/27")]), next_year_sorted);
    assert_eq!(expect(&[("status", "discontinued")]), vec![records[3].id.as_str()]);
    assert_eq!(
        expect(&[("entry_year", "2026/27"), ("status", "closed")]),
        vec![records[2].id.as_str()]
    );

    let all = search(&index, "", Filters::default());
    let this_year = (records.len() - 3) as u64;
    assert_eq!(all.facets.entry_year.get("2025/26"), Some(&this_year));
    assert_eq!(all.facets.entry_year.get("2026/27"), Some(&2));
    assert_eq!(all.facets.entry_year.get("not_known"), Some(&1));
    assert_eq!(all.facets.status.get("closed"), Some(&1));
    assert_eq!(all.facets.status.get("discontinued"), Some(&1));
    assert_eq!(all.facets.status.get("not_known"), Some(&1));
    // A facet ignores its own filter: with 2026/27 chosen, 2025/26 is still counted.
    let chosen = search(&index, "", filters(&[("entry_year", "2026/27")]));
    assert_eq!(chosen.total, 2);
    assert_eq!(chosen.facets.entry_year.get("2025/26"), Some(&this_year));

    // Bad values are user errors that say what would do.
    let err = Filters::from_pairs([("entry_year", "2025/27")]).expect_err("not a year");
    assert!(err.to_string().contains("2025/26"), "{err}");
    let err = Filters::from_pairs([("status", "open")]).expect_err("no such status");
    assert!(err.to_string().contains("discontinued"), "{err}");
}

/// The ids of `records` that `Filters::admits` lets through for `pairs`, sorted: what the
/// index must answer for the same filters.
fn admitted<'r>(records: &'r [Record], pairs: &[(&str, &str)]) -> Vec<&'r str> {
    let wanted = filters(pairs);
    let mut ids: Vec<&str> =
        records.iter().filter(|r| wanted.admits(r)).map(|r| r.id.as_str()).collect();
    ids.sort();
    ids
}

/// Facets with several dimensions filtered, counted in one pass over the query's matches
/// (`sideways`), and with one, counted a pass per dimension: each dimension under the query
/// and every filter but its own, as `Filters::admits` and `Dimension::values` say, and the
/// hits the records every filter admits.
#[test]
fn each_dimension_is_counted_under_every_filter_but_its_own() {
    use coursemap_index::facets::Dimension;
    use std::collections::BTreeMap;
    let records = fixture();
    let (_tmp, _dir, index) = build();
    let filter_sets: [&[(&str, &str)]; 6] = [
        &[("level", "7")],
        &[("level", "7"), ("delivery", "distance")],
        &[("kind", "programme"), ("level", "7"), ("max_fee", "10000")],
        &[("region", "south"), ("focus", "main"), ("max_months", "12")],
        &[("level", "7"), ("level", "6"), ("kind", "module"), ("delivery", "distance")],
        &[("kind", "programme"), ("region", "london"), ("focus", "main"), ("level", "7")],
    ];
    // That the cases are not empty: hits, and records a dimension's own filter refused
    // counted in it.
    let (mut hits, mut counted_past_own_filter) = (0, 0);
    for query in ["", "improvement", "science"] {
        let text_ids = ids(&search(&index, query, Filters::default())).join(" ");
        let in_text = |record: &&Record| text_ids.split(' ').any(|id| id == record.id);
        for pairs in filter_sets {
            let results = search(&index, query, filters(pairs));
            let context = format!("{query:?} {pairs:?}");
            let expected: Vec<&str> = admitted(&records, pairs)
                .into_iter()
                .filter(|id| text_ids.split(' ').any(|t| t == *id))
                .collect();
            assert_eq!(ids(&results), expected, "{context}");
            assert_eq!(results.total, expected.len(), "{context}");
            hits += results.total;
            for dimension in Dimension::ALL {
                let others: Vec<(&str, &str)> = pairs
                    .iter()
                    .copied()
                    .filter(|(name, _)| Dimension::from_name(name) != Some(dimension))
                    .collect();
                let others = filters(&others);
                let mut counts: BTreeMap<String, u64> = BTreeMap::new();
                for record in records.iter().filter(in_text).filter(|r| others.admits(r)) {
                    for value in dimension.values(record) {
                        *counts.entry(value).or_default() += 1;
                    }
                }
                let own_filter =
                    pairs.iter().any(|(name, _)| Dimension::from_name(name) == Some(dimension));
                if own_filter && counts.values().sum::<u64>() > results.total as u64 {
                    counted_past_own_filter += 1;
                }
                assert_eq!(results.facets.dimension(dimension), &counts, "{context} {dimension:?}");
            }
        }
    }
    assert!(hits > 0 && counted_past_own_filter > 0, "{hits} hits, {counted_past_own_filter}");
}
