//! Relevance of the catalogue search, measured: nDCG@10 and recall@50 of coursemap and of
//! SQLite FTS5 (bm25, Python's `sqlite3`) on the same records and queries, in one run.
//!
//! `cargo bench -p coursemap-index --bench relevance`. The records are the sample web's
//! answer key (the demo catalogue); the queries and how they are judged are
//! `benches/relevance/judged.jsonl` and `benches/relevance/judging.rs`. Figures per query
//! group (the report's 13 terms, abbreviations, staff-style queries with facet words) and
//! overall; `COURSEMAP_RELEVANCE_VERBOSE=1` adds every query's figures.

#[path = "relevance/judging.rs"]
mod judging;

use std::collections::BTreeMap;
use std::process::Command;

use coursemap_index::CatalogueIndex;
use coursemap_index::export::write_ndjson;

use judging::{answer_key, bench_dir, judged_queries, judgments, ndcg_at, ranked_ids, recall_at};

fn main() {
    let records = answer_key();
    let queries = judged_queries();
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = CatalogueIndex::create_or_rebuild(&tmp.path().join("tantivy"), &records)
        .expect("index builds");

    let docs = tmp.path().join("docs.ndjson");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&docs).expect("docs file"));
    write_ndjson(&mut out, &records).expect("docs written");
    drop(out);
    let query_file = tmp.path().join("queries.json");
    let texts: Vec<&str> = queries.iter().map(|q| q.query.as_str()).collect();
    std::fs::write(&query_file, serde_json::to_string(&texts).expect("json")).expect("queries");
    let output = Command::new("python3")
        .arg(bench_dir().join("fts5_relevance.py"))
        .arg(&docs)
        .arg(&query_file)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let fts5: BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&output.stdout).expect("FTS5 answers");

    let verbose = std::env::var_os("COURSEMAP_RELEVANCE_VERBOSE").is_some();
    // group -> (count, coursemap nDCG, FTS5 nDCG, coursemap recall, FTS5 recall)
    let mut groups: BTreeMap<String, [f64; 5]> = BTreeMap::new();
    for query in &queries {
        let grades = judgments(query, &records);
        let ranked = ranked_ids(&index, &query.query, 50);
        let peer = fts5.get(&query.query).cloned().unwrap_or_default();
        let figures = [
            1.0,
            ndcg_at(10, &ranked, &grades),
            ndcg_at(10, &peer, &grades),
            recall_at(50, &ranked, &grades),
            recall_at(50, &peer, &grades),
        ];
        if verbose {
            println!(
                "{:<55} coursemap nDCG {:.2} recall {:.2} | FTS5 nDCG {:.2} recall {:.2}",
                query.query, figures[1], figures[3], figures[2], figures[4]
            );
        }
        for key in [query.group.clone(), "all".to_owned()] {
            let sums = groups.entry(key).or_default();
            for (sum, figure) in sums.iter_mut().zip(figures) {
                *sum += figure;
            }
        }
    }
    println!(
        "| queries | n | coursemap nDCG@10 | FTS5 nDCG@10 | coursemap recall@50 | FTS5 recall@50 |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for (group, sums) in &groups {
        let n = sums[0];
        println!(
            "| {group} | {n} | {:.3} | {:.3} | {:.3} | {:.3} |",
            sums[1] / n,
            sums[2] / n,
            sums[3] / n,
            sums[4] / n
        );
    }
}
