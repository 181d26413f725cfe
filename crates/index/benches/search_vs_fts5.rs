//! Index build time and query latency (p50/p99) of the catalogue index on a generated
//! catalogue of 100,000 records, side by side with SQLite FTS5 (Python's `sqlite3`) on the
//! same records and the same queries.
//!
//! `cargo bench -p coursemap-index --bench search_vs_fts5`. Environment:
//! `COURSEMAP_BENCH_RECORDS` (default 100000), `COURSEMAP_BENCH_REPEATS` (default 8),
//! `COURSEMAP_BENCH_SKIP_FTS5=1` to time the index alone.
//!
//! Records are generated from the sample web's answer key (`crates/sampleweb/data/truth.jsonl`,
//! else this crate's test fixture): each one copies the structured fields of a random key
//! record (so kinds, levels, delivery, fees, lengths and providers keep their joint
//! distribution) and gets a title varied with the key's title words, a description of sentences
//! drawn from the key's descriptions, and topics drawn from the key's topics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use coursemap_index::export::write_ndjson;
use coursemap_index::{CatalogueIndex, Filters, SearchRequest};
use coursemap_records::{Record, read_jsonl};
use serde::Serialize;

/// A deterministic xorshift generator: the same catalogue in every run, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn source_records() -> (Vec<Record>, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let truth = dir.join("../sampleweb/data/truth.jsonl");
    let path = if truth.exists() { truth } else { dir.join("tests/data/fixture.jsonl") };
    let (records, _) = read_jsonl(&path).expect("source records read");
    assert!(!records.is_empty(), "no source records in {}", path.display());
    (records, path)
}

fn generate(source: &[Record], count: usize) -> Vec<Record> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let title_words: Vec<&str> =
        source.iter().flat_map(|r| r.title.split_whitespace()).filter(|w| w.len() > 3).collect();
    let sentences: Vec<String> = source
        .iter()
        .filter_map(|r| r.description.as_deref())
        .flat_map(|d| d.split(". "))
        .map(|s| s.trim_end_matches('.').to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let topics: Vec<&String> = source.iter().flat_map(|r| &r.topics).collect();
    (0..count)
        .map(|i| {
            let mut record = rng.pick(source).clone();
            record.id = format!("gen-{i:06}");
            record.url = format!("https://bench.invalid/{i}");
            if rng.below(2) == 0 {
                let mut words: Vec<&str> = record.title.split_whitespace().collect();
                let at = rng.below(words.len());
                if let Some(word) = words.get_mut(at) {
                    *word = *rng.pick(&title_words);
                }
                record.title = words.join(" ");
            }
            if !sentences.is_empty() {
                let n = 2 + rng.below(4);
                let text: Vec<&str> = (0..n).map(|_| rng.pick(&sentences).as_str()).collect();
                record.description = Some(format!("{}.", text.join(". ")));
            }
            if !topics.is_empty() {
                record.topics = (0..rng.below(4)).map(|_| rng.pick(&topics).to_string()).collect();
            }
            for fee in &mut record.cost.fees {
                // +-20%, so fee filters cut through a spread rather than a few spikes.
                fee.amount = (fee.amount * (0.8 + 0.4 * (rng.below(1000) as f64 / 1000.0))).round();
            }
            record
        })
        .collect()
}

#[derive(Serialize)]
struct BenchQuery {
    label: String,
    /// Our query language.
    query: String,
    /// The same words as an FTS5 MATCH expression (implicit AND); empty for none.
    fts5: String,
    filters: Filters,
}

fn query(label: &str, query: &str, filters: &[(&str, &str)]) -> BenchQuery {
    let fts5 = query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.trim_matches('"')))
        .collect::<Vec<_>>()
        .join(" ");
    BenchQuery {
        label: label.to_owned(),
        query: query.to_owned(),
        fts5,
        filters: Filters::from_pairs(filters.iter().copied()).expect("bench filters parse"),
    }
}

fn plan() -> BTreeMap<&'static str, Vec<BenchQuery>> {
    let words = [
        "improvement science",
        "quality improvement",
        "leadership",
        "clinical research",
        "evidence based practice",
        "health care",
    ];
    let filter_sets: [&[(&str, &str)]; 6] = [
        &[("level", "7")],
        &[("delivery", "distance")],
        &[("kind", "programme"), ("level", "7")],
        &[("max_fee", "10000")],
        &[("region", "south")],
        &[("focus", "main"), ("max_months", "12")],
    ];
    let mut plan = BTreeMap::new();
    plan.insert("1 text", words.iter().map(|w| query(w, w, &[])).collect());
    plan.insert(
        "2 text+filter",
        words.iter().zip(filter_sets).map(|(w, f)| query(&format!("{w} {f:?}"), w, f)).collect(),
    );
    plan.insert(
        "3 facet-only",
        filter_sets
            .iter()
            .map(|f| query(&format!("{f:?}"), "", f))
            .chain(std::iter::once(query("everything", "", &[])))
            .collect(),
    );
    plan
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let at = ((p / 100.0) * (samples.len() - 1) as f64).round() as usize;
    samples[at.min(samples.len() - 1)].as_secs_f64() * 1000.0
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let count = env_usize("COURSEMAP_BENCH_RECORDS", 100_000);
    let repeats = env_usize("COURSEMAP_BENCH_REPEATS", 8);
    // One warm-up run per query: page cache and lazily opened structures, on both sides.
    let warmup = 1;
    let (source, source_path) = source_records();
    println!(
        "generating {count} records from {} ({} records)",
        source_path.display(),
        source.len()
    );
    let records = generate(&source, count);
    let tmp = tempfile::tempdir().expect("tempdir");
    let docs_path = tmp.path().join("docs.ndjson");
    write_ndjson(
        std::io::BufWriter::new(std::fs::File::create(&docs_path).expect("create docs")),
        &records,
    )
    .expect("write docs");

    let started = Instant::now();
    let index =
        CatalogueIndex::create_or_rebuild(&tmp.path().join("tantivy"), &records).expect("build");
    let build_s = started.elapsed().as_secs_f64();
    drop(records);
    let index_bytes = dir_bytes(&tmp.path().join("tantivy"));

    let plan = plan();
    let mut ours: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for (class, queries) in &plan {
        let mut samples = Vec::new();
        for q in queries {
            let request = SearchRequest {
                query: q.query.clone(),
                filters: q.filters.clone(),
                limit: 10,
                offset: 0,
                literal: false,
            };
            for _ in 0..warmup {
                index.search(&request).expect("search");
            }
            for _ in 0..repeats {
                let started = Instant::now();
                let results = index.search(&request).expect("search");
                samples.push(started.elapsed());
                totals.insert(format!("{class}:{}", q.label), results.total);
            }
        }
        ours.insert(class, (percentile(&mut samples, 50.0), percentile(&mut samples, 99.0)));
    }

    let fts5 = if std::env::var("COURSEMAP_BENCH_SKIP_FTS5").is_ok() {
        None
    } else {
        run_fts5(tmp.path(), &docs_path, &plan, warmup, repeats)
    };

    println!("\n{count} records, {repeats} runs per query (after {warmup} warm-up run(s))");
    println!("{:<16} {:>12} {:>12} {:>8}", "", "tantivy", "FTS5", "ratio");
    let fts5_build = fts5.as_ref().and_then(|v| v["build_s"].as_f64());
    print_row("build (s)", build_s, fts5_build);
    println!(
        "index on disk: {:.1} MiB (FTS5 is built in memory here; benches/wrk/run.sh compares sizes)",
        index_bytes as f64 / (1024.0 * 1024.0)
    );
    for (class, (p50, p99)) in &ours {
        let theirs = |p: &str| fts5.as_ref().and_then(|v| v["classes"][class][p].as_f64());
        print_row(&format!("{} p50 ms", &class[2..]), *p50, theirs("p50_ms"));
        print_row(&format!("{} p99 ms", &class[2..]), *p99, theirs("p99_ms"));
    }
    println!("(ratio = FTS5 time / tantivy time; above 1 means tantivy is faster)");
    println!("\nmatching records per query (tantivy / FTS5):");
    for (label, total) in &totals {
        let theirs = fts5.as_ref().and_then(|v| v["totals"][label].as_u64());
        println!("  {label}: {total} / {}", theirs.map_or("-".to_owned(), |t| t.to_string()));
    }
}

/// Bytes of the files under `dir`, recursively.
fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => dir_bytes(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

fn print_row(name: &str, ours: f64, theirs: Option<f64>) {
    match theirs {
        Some(theirs) => {
            println!("{name:<16} {ours:>12.3} {theirs:>12.3} {:>7.1}x", theirs / ours.max(1e-9))
        }
        None => println!("{name:<16} {ours:>12.3} {:>12} {:>8}", "-", "-"),
    }
}

fn run_fts5(
    dir: &Path,
    docs: &Path,
    plan: &BTreeMap<&str, Vec<BenchQuery>>,
    warmup: usize,
    repeats: usize,
) -> Option<serde_json::Value> {
    let plan_path = dir.join("queries.json");
    let body = serde_json::json!({ "classes": plan, "warmup": warmup, "repeats": repeats });
    std::fs::write(&plan_path, body.to_string()).expect("write queries");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fts5_bench.py");
    println!("running {} ...", script.display());
    let output = match Command::new("python3").arg(&script).arg(docs).arg(&plan_path).output() {
        Ok(output) => output,
        Err(err) => {
            println!("FTS5 side skipped: cannot run python3: {err}");
            return None;
        }
    };
    if !output.status.success() {
        println!("FTS5 side failed: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    serde_json::from_slice(&output.stdout).ok()
}
