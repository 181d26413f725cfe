//! The judged query set (`judged.jsonl`) and the measures of a ranking against it; shared by
//! the relevance bench and the index's relevance test.
//!
//! Each line is `{"group", "query", "subject", "constraints"}`. Judgments are derived from the
//! sample web's answer key (`crates/sampleweb/data/truth.jsonl`), never from the index: a
//! record is graded 2 when one of the query's `subject` terms (the report's search terms, as
//! the key's `matched_terms` spell them) is its main focus, 1 when it is related, 0
//! otherwise; and 0 whenever it fails a constraint, the query's facet words read as hard
//! requirements (`part_time`, `full_time`, `delivery`, `award`, `kind`, `level`, `free`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use coursemap_index::{CatalogueIndex, Filters, SearchRequest};
use coursemap_records::{Focus, Record, read_jsonl};
use serde::Deserialize;

/// Hard requirements a judged query's facet words stand for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    #[serde(default)]
    pub part_time: bool,
    #[serde(default)]
    pub full_time: bool,
    #[serde(default)]
    pub free: bool,
    /// Delivery modes as the contract spells them; any of them.
    pub delivery: Option<Vec<String>>,
    /// Awards as the records spell them; any of them.
    pub award: Option<Vec<String>>,
    /// Kinds as the contract spells them; any of them.
    pub kind: Option<Vec<String>>,
    pub level: Option<u8>,
}

/// One judged query.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedQuery {
    pub group: String,
    pub query: String,
    pub subject: Vec<String>,
    pub constraints: Constraints,
}

fn contract(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => format!("{other:?}"),
    }
}

impl Constraints {
    pub fn admit(&self, record: &Record) -> bool {
        let awards = record.awards.as_deref().unwrap_or_default();
        (!self.part_time || record.length.part_time_months.is_some())
            && (!self.full_time || record.length.full_time_months.is_some())
            && (!self.free || record.cost.free || record.cost.stipend)
            && self.delivery.as_ref().is_none_or(|wanted| {
                record.delivery.is_some_and(|d| wanted.contains(&contract(&d)))
            })
            && self.award.as_ref().is_none_or(|wanted| awards.iter().any(|a| wanted.contains(a)))
            && self.kind.as_ref().is_none_or(|wanted| wanted.contains(&contract(&record.kind)))
            && self.level.is_none_or(|level| {
                record.fheq_levels.as_ref().is_some_and(|levels| levels.contains(&level))
            })
    }
}

impl JudgedQuery {
    /// The grade of `record` for this query (0, 1 or 2).
    pub fn grade(&self, record: &Record) -> u8 {
        if !self.constraints.admit(record)
            || !record.matched_terms.iter().any(|term| self.subject.contains(term))
        {
            return 0;
        }
        match record.focus {
            Some(Focus::Main) => 2,
            Some(Focus::Related) => 1,
            None => 0,
        }
    }
}

pub fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/relevance")
}

/// The answer key, whose records are the judged catalogue.
pub fn answer_key() -> Vec<Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sampleweb/data/truth.jsonl");
    let (records, bad) = read_jsonl(&path).unwrap_or_else(|err| {
        panic!("{}: {err} (the answer key is part of the repo)", path.display())
    });
    assert!(bad.is_empty(), "{bad:?}");
    records
}

pub fn judged_queries() -> Vec<JudgedQuery> {
    let path = bench_dir().join("judged.jsonl");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(at, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|err| panic!("{} line {}: {err}", path.display(), at + 1))
        })
        .collect()
}

/// Every record's grade for `query`, by id (grade 0 left out).
pub fn judgments(query: &JudgedQuery, records: &[Record]) -> BTreeMap<String, u8> {
    records
        .iter()
        .map(|record| (record.id.clone(), query.grade(record)))
        .filter(|&(_, grade)| grade > 0)
        .collect()
}

/// nDCG at `k` of `ranked` ids against `grades` (gain 2^g - 1, log2 discount).
pub fn ndcg_at(k: usize, ranked: &[String], grades: &BTreeMap<String, u8>) -> f64 {
    let gain = |grade: u8| f64::from((1_u32 << grade) - 1);
    let discount = |at: usize| (at as f64 + 2.0).log2();
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(at, id)| gain(grades.get(id).copied().unwrap_or(0)) / discount(at))
        .sum();
    let mut ideal: Vec<u8> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 =
        ideal.iter().take(k).enumerate().map(|(at, &grade)| gain(grade) / discount(at)).sum();
    if idcg == 0.0 { 0.0 } else { dcg / idcg }
}

/// Share of the relevant records (grade > 0) among the first `k` of `ranked`.
pub fn recall_at(k: usize, ranked: &[String], grades: &BTreeMap<String, u8>) -> f64 {
    if grades.is_empty() {
        return 0.0;
    }
    let found = ranked.iter().take(k).filter(|id| grades.contains_key(*id)).count();
    found as f64 / grades.len() as f64
}

/// The ids coursemap ranks first for `query` (facet words read, as a user's search does).
pub fn ranked_ids(index: &CatalogueIndex, query: &str, limit: usize) -> Vec<String> {
    let request = SearchRequest {
        query: query.to_owned(),
        filters: Filters::default(),
        limit,
        offset: 0,
        literal: false,
    };
    let results = index.search(&request).unwrap_or_else(|err| panic!("{query}: {err}"));
    results.hits.into_iter().map(|hit| hit.record.id).collect()
}
