//! Extraction time on the real pages, against the floor of parsing the same pages with
//! scraper alone. Goal: extraction ≤ 2.0× the parse (the page is parsed once and the DOM is
//! shared by every source). Prints the measured ratio before criterion's own figures.
//! Skips with a notice when `../shared/real-pages` is absent.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

fn pages() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-pages/findamasters");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("notice: {} absent; extraction bench skipped", dir.display());
        return Vec::new();
    };
    let mut pages: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let url = format!("https://www.findamasters.com/{}", p.file_name()?.to_string_lossy());
            Some((url, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    pages.sort();
    pages
}

fn parse_all(pages: &[(String, String)]) {
    for (_, body) in pages {
        black_box(scraper::Html::parse_document(black_box(body)));
    }
}

fn extract_all(pages: &[(String, String)]) {
    for (url, body) in pages {
        black_box(coursemap_extract::extract(url, black_box(body), Some("text/html")));
    }
}

/// A plain interleaved timing of both, so the ratio is printed as one figure.
fn print_ratio(pages: &[(String, String)]) {
    let rounds = 5;
    let mut parse = Duration::ZERO;
    let mut extract = Duration::ZERO;
    parse_all(pages);
    extract_all(pages);
    for _ in 0..rounds {
        let t = Instant::now();
        parse_all(pages);
        parse += t.elapsed();
        let t = Instant::now();
        extract_all(pages);
        extract += t.elapsed();
    }
    let n = (rounds * pages.len()) as f64;
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} real pages ({} KB): scraper parse {:.2} ms/page, extract {:.2} ms/page, ratio {:.2}x (goal <= 2.0x)",
        pages.len(),
        bytes / 1024,
        parse.as_secs_f64() * 1000.0 / n,
        extract.as_secs_f64() * 1000.0 / n,
        extract.as_secs_f64() / parse.as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    if pages.is_empty() {
        return;
    }
    print_ratio(&pages);
    let mut group = c.benchmark_group("real_pages");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    group.bench_function("scraper_parse_only", |b| b.iter(|| parse_all(&pages)));
    group.bench_function("extract", |b| b.iter(|| extract_all(&pages)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
