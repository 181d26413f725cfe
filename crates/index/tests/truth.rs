//! The index over the sample web's answer key (`crates/sampleweb/data/truth.jsonl`).
//!
//! Expected results are computed here from the records' own fields with a plain stemmer,
//! never through the index, so the index's query semantics are checked, not echoed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use coursemap_index::filters::contract_name;
use coursemap_index::{CatalogueIndex, Filters, SearchRequest, SearchResults};
use coursemap_records::{Delivery, Kind, LengthCategory, Record, read_jsonl};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer,
};

fn truth() -> Option<Vec<Record>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sampleweb/data/truth.jsonl");
    if !path.exists() {
        println!("skipped: {} is absent", path.display());
        return None;
    }
    let (records, bad) = read_jsonl(&path).expect("truth reads");
    assert!(bad.is_empty(), "{bad:?}");
    Some(records)
}

fn build(records: &[Record]) -> (tempfile::TempDir, PathBuf, CatalogueIndex) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("tantivy");
    let index = CatalogueIndex::create_or_rebuild(&dir, records).expect("index builds");
    (tmp, dir, index)
}

fn search(index: &CatalogueIndex, query: &str, filters: Filters) -> SearchResults {
    let request =
        SearchRequest { query: query.to_owned(), filters, limit: 1000, offset: 0, literal: false };
    index.search(&request).unwrap_or_else(|err| panic!("{query:?}: {err}"))
}

fn hit_ids(results: &SearchResults) -> BTreeSet<String> {
    assert_eq!(results.total, results.hits.len(), "all hits fetched");
    results.hits.iter().map(|h| h.record.id.clone()).collect()
}

/// Stemmed tokens, as an English-language search engine would see them.
fn stems(text: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The searchable values of each field of a record.
fn field_values(record: &Record) -> Vec<(&'static str, String)> {
    let mut values = vec![("title", record.title.clone())];
    values.extend(record.provider.clone().map(|p| ("provider", p)));
    values.extend(record.provider_id.clone().map(|p| ("provider", p)));
    values.extend(record.description.clone().map(|d| ("description", d)));
    values.extend(record.topics.iter().map(|t| ("topics", t.clone())));
    values.extend(record.entry.text.clone().map(|e| ("entry", e)));
    // The report's terms the record matches are searched like topics.
    values.extend(record.matched_terms.iter().map(|t| ("topics", t.clone())));
    values
}

fn has_word(record: &Record, word: &str, field: Option<&str>) -> bool {
    let stem = &stems(word)[0];
    field_values(record)
        .iter()
        .filter(|(name, _)| field.is_none_or(|f| f == *name))
        .any(|(_, value)| stems(value).contains(stem))
}

fn has_phrase(record: &Record, phrase: &str) -> bool {
    let wanted = stems(phrase);
    field_values(record)
        .iter()
        .any(|(_, value)| stems(value).windows(wanted.len()).any(|w| w == wanted))
}

fn at_level(record: &Record, level: u8) -> bool {
    record.fheq_levels.as_ref().is_some_and(|levels| levels.contains(&level))
}

#[test]
fn improvement_science_at_level_7_is_exactly_the_expected_records() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let filters = Filters::from_pairs([("level", "7")]).expect("filters");
    let found = hit_ids(&search(&index, "improvement science", filters));
    let expected: BTreeSet<String> = records
        .iter()
        .filter(|r| at_level(r, 7))
        // The words AND-ed, or the vocabulary's other name for the subject.
        .filter(|r| {
            (has_word(r, "improvement", None) && has_word(r, "science", None))
                || has_phrase(r, "science of improvement")
        })
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(found, expected);
    let msc = records.iter().find(|r| r.title == "MSc Improvement Science").expect("in the key");
    assert!(found.contains(&msc.id), "{found:?}");
}

#[test]
fn delivery_facet_counts_equal_the_answer_key() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let distance = records.iter().filter(|r| r.delivery == Some(Delivery::Distance)).count() as u64;
    let everything = search(&index, "", Filters::default());
    assert_eq!(everything.total, records.len());
    assert_eq!(everything.facets.delivery.get("distance"), Some(&distance));
    let unknown = records.iter().filter(|r| r.delivery.is_none()).count() as u64;
    assert_eq!(everything.facets.delivery.get("not_known").copied().unwrap_or(0), unknown);
    // Filtering by distance: the total is the facet count, and the delivery facet still
    // shows the other modes (it ignores its own filter).
    let filters = Filters::from_pairs([("delivery", "distance")]).expect("filters");
    let only = search(&index, "", filters);
    assert_eq!(only.total as u64, distance);
    assert_eq!(only.facets.delivery, everything.facets.delivery);
    // Other dimensions are counted under the filter.
    let distance_programmes = records
        .iter()
        .filter(|r| r.delivery == Some(Delivery::Distance))
        .filter(|r| r.kind == coursemap_records::Kind::Programme)
        .count() as u64;
    assert_eq!(only.facets.kind.get("programme").copied().unwrap_or(0), distance_programmes);
}

fn length_name(record: &Record) -> String {
    record.length.category.as_ref().map(contract_name).unwrap_or_else(|| "not_known".to_owned())
}

#[test]
fn length_filter_is_or_within_and_across_dimensions() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let wanted = [LengthCategory::OneYearFullTimeOnly, LengthCategory::UpToThreeYearsPartTimeOnly];
    let in_wanted = |r: &Record| r.length.category.is_some_and(|c| wanted.contains(&c));
    let filters = Filters::from_pairs([
        ("length", "1y_ft_only"),
        ("length", "up_to_3y_pt_only"),
        ("kind", "fellowship"),
    ])
    .expect("filters");
    let results = search(&index, "", filters);
    let expected: BTreeSet<String> = records
        .iter()
        .filter(|r| in_wanted(r) && r.kind == Kind::Fellowship)
        .map(|r| r.id.clone())
        .collect();
    assert!(expected.len() >= 2, "the key has fellowships of both lengths");
    assert_eq!(hit_ids(&results), expected);

    // The length facet is counted under the kind filter only, the kind facet under the
    // length filter only.
    let mut lengths = std::collections::BTreeMap::new();
    for record in records.iter().filter(|r| r.kind == Kind::Fellowship) {
        *lengths.entry(length_name(record)).or_insert(0_u64) += 1;
    }
    assert_eq!(results.facets.length, lengths);
    let mut kinds = std::collections::BTreeMap::new();
    for record in records.iter().filter(|r| in_wanted(r)) {
        *kinds.entry(contract_name(&record.kind)).or_insert(0_u64) += 1;
    }
    assert_eq!(results.facets.kind, kinds);
    assert!(kinds.len() >= 2, "both fellowships and programmes have these lengths");
}

#[test]
fn misspelt_improvement_science_finds_the_msc() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let results = search(&index, "improvment sciense", Filters::default());
    let titles: Vec<&str> = results.hits.iter().map(|h| h.record.title.as_str()).take(3).collect();
    assert!(titles.contains(&"MSc Improvement Science"), "{titles:?}");
    let msc =
        results.hits.iter().find(|h| h.record.title == "MSc Improvement Science").expect("found");
    assert!(msc.snippet_html.contains("<b>"), "{}", msc.snippet_html);
}

#[test]
fn phrase_exclusion_and_field_query_behave() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let expect = |keep: &dyn Fn(&Record) -> bool| -> BTreeSet<String> {
        records.iter().filter(|r| keep(r)).map(|r| r.id.clone()).collect()
    };

    let phrase = hit_ids(&search(&index, "\"quality improvement\"", Filters::default()));
    assert_eq!(phrase, expect(&|r| has_phrase(r, "quality improvement")));
    let words = hit_ids(&search(&index, "quality improvement ", Filters::default()));
    assert!(words.is_superset(&phrase) && words.len() > phrase.len(), "a phrase narrows");

    let excluded = hit_ids(&search(&index, "improvement -quality", Filters::default()));
    assert_eq!(
        excluded,
        expect(&|r| has_word(r, "improvement", None) && !has_word(r, "quality", None))
    );
    assert!(!excluded.is_empty());

    let in_title = hit_ids(&search(&index, "title:leadership ", Filters::default()));
    assert_eq!(in_title, expect(&|r| has_word(r, "leadership", Some("title"))));
    let anywhere = hit_ids(&search(&index, "leadership ", Filters::default()));
    assert!(anywhere.len() > in_title.len());
}

#[test]
fn upsert_after_rebuild_leaves_one_document_per_id() {
    let Some(records) = truth() else { return };
    let (_tmp, dir, index) = build(&records);
    drop(index);
    let mut index = CatalogueIndex::create_or_rebuild(&dir, &records).expect("rebuild");
    let mut edited = records[0].clone();
    edited.title.push_str(" (updated)");
    index.upsert(&records).expect("upsert all");
    index.upsert(std::slice::from_ref(&edited)).expect("upsert one");
    let all = index.all().expect("all");
    assert_eq!(all.len(), records.len());
    let ids: BTreeSet<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), records.len());
    assert_eq!(index.get(&edited.id).expect("get"), Some(edited));
}

fn expected(records: &[Record], keep: impl Fn(&Record) -> bool) -> BTreeSet<String> {
    records.iter().filter(|r| keep(r)).map(|r| r.id.clone()).collect()
}

#[test]
fn qi_finds_the_quality_improvement_courses() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let found = hit_ids(&search(&index, "QI", Filters::default()));
    let quality_improvement = expected(&records, |r| {
        has_word(r, "qi", None)
            || has_phrase(r, "quality improvement")
            || has_phrase(r, "service improvement")
    });
    assert!(quality_improvement.len() >= 10, "{quality_improvement:?}");
    assert_eq!(found, quality_improvement);
    let spelt_out = hit_ids(&search(&index, "quality improvement", Filters::default()));
    assert!(spelt_out.is_superset(&found), "the long form finds at least what QI finds");
}

#[test]
fn the_spellings_of_a_postgraduate_certificate_find_the_same_courses() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let pgcerts = expected(&records, |r| {
        r.awards.as_ref().is_some_and(|awards| awards.iter().any(|a| a == "PGCert"))
    });
    assert!(pgcerts.len() >= 5, "{pgcerts:?}");
    for query in ["postgraduate certificate", "PG Cert", "pgcert"] {
        let results = search(&index, query, Filters::default());
        assert_eq!(hit_ids(&results), pgcerts, "{query}");
        let asked: Vec<(&str, &str)> =
            results.query_filters.iter().map(|f| (f.filter.as_str(), f.value.as_str())).collect();
        assert_eq!(asked, vec![("award", "PGCert")], "{query}");
    }
}

#[test]
fn online_finds_every_distance_and_e_learning_course() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let online = expected(&records, |r| {
        matches!(r.delivery, Some(Delivery::Distance | Delivery::ELearning))
    });
    assert!(online.len() >= 30, "{}", online.len());
    let results = search(&index, "online", Filters::default());
    assert_eq!(hit_ids(&results), online);
    // A record that says "online" ranks above one that only is online.
    let says_online = |id: &str| records.iter().any(|r| r.id == id && has_word(r, "online", None));
    let first = &results.hits[0].record.id;
    assert!(says_online(first), "{first}");
    // Taken literally, "online" is only the word (and the records indexed as online).
    let literal = index
        .search(&SearchRequest {
            query: "\"online\"".to_owned(),
            filters: Filters::default(),
            limit: 1000,
            offset: 0,
            literal: false,
        })
        .expect("search");
    assert!(literal.query_filters.is_empty());
    assert!(hit_ids(&literal).is_superset(&online), "aliases index every online course");
}

#[test]
fn part_time_msc_applies_both_filters_and_says_so() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let results = search(&index, "part time msc", Filters::default());
    let asked: Vec<(&str, &str, &str)> = results
        .query_filters
        .iter()
        .map(|f| (f.words.as_str(), f.filter.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(asked, vec![("part time", "part_time", "true"), ("msc", "award", "MSc")]);
    let wanted = expected(&records, |r| {
        r.length.part_time_months.is_some()
            && r.awards.as_ref().is_some_and(|awards| awards.iter().any(|a| a == "MSc"))
    });
    assert!(wanted.len() >= 10, "{}", wanted.len());
    assert_eq!(hit_ids(&results), wanted);
    // `literal` keeps every word as text: no filter, and records merely saying the words.
    let literal = index
        .search(&SearchRequest {
            query: "part time msc".to_owned(),
            filters: Filters::default(),
            limit: 1000,
            offset: 0,
            literal: true,
        })
        .expect("search");
    assert!(literal.query_filters.is_empty());
}

#[test]
fn words_that_find_nothing_together_fall_back_to_any_of_them() {
    let Some(records) = truth() else { return };
    let (_tmp, _dir, index) = build(&records);
    let results = search(&index, "clinician scientist fellow", Filters::default());
    assert!(results.any_word, "no record says all three words");
    assert!(results.total > 0);
    // "fellow" is a facet word: every hit is a fellowship, and one that says a word leads.
    assert!(results.hits.iter().all(|h| h.record.kind == Kind::Fellowship));
    let first = &results.hits[0].record;
    assert!(
        has_word(first, "clinician", None) || has_word(first, "scientist", None),
        "{}",
        first.title
    );
    let exact = search(&index, "improvement science", Filters::default());
    assert!(!exact.any_word && !exact.fuzzy_retry);
}
