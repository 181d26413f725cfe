//! Builds a generated catalogue for the load test (`benches/wrk/run.sh`) and, with `--serve`,
//! serves it through the same `coursemap_server::serve` that `coursemap serve` calls.
//!
//! ```text
//! load_test_catalogue --catalogue DIR [--records 100000] [--ndjson PATH]
//!                     [--serve --addr 127.0.0.1:0]
//! ```
//!
//! The records follow the sample web's shapes: HEI programmes and modules at levels 6-8, short
//! courses and fellowships, the 39 seed providers, the report's delivery modes, fees and
//! lengths, and titles and descriptions built from the field's vocabulary, so text, filter
//! and facet queries all have realistic selectivity. The generator is deterministic.
//!
//! `--ndjson PATH` also writes the same records as the flat search documents of
//! `coursemap_index::export::write_ndjson`, which the load test's SQLite FTS5 peer
//! (`benches/wrk/fts5_server.py`) indexes, so both servers answer from the same catalogue.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use coursemap_index::CatalogueIndex;
use coursemap_records::{
    Cost, Delivery, Entry, EntryYear, Evidence, Fee, FeePer, Field, Focus, Kind, Length,
    MonthRange, Record, Region, Source, Status, Student, StudyMode, UkRegion,
};

const PROVIDERS: [(&str, &str, Region); 12] = [
    ("uwl", "University of West London", Region::NorthWest),
    ("lsbu", "London South Bank University", Region::South),
    ("kcl", "King's College London", Region::South),
    ("ucl", "UCL (University College London)", Region::NorthEastNorthCentral),
    ("open", "The Open University", Region::National),
    ("greenwich", "University of Greenwich", Region::South),
    ("imperial", "Imperial College London", Region::NorthWest),
    ("city", "City, University of London", Region::NorthEastNorthCentral),
    ("ihi", "Institute for Healthcare Improvement", Region::Online),
    ("bmj_learning", "BMJ Learning", Region::Online),
    ("health_foundation", "The Health Foundation", Region::National),
    ("nihr", "National Institute for Health and Care Research (NIHR)", Region::National),
];
const SUBJECTS: [&str; 16] = [
    "Improvement Science",
    "Quality Improvement",
    "Implementation Science",
    "Health Services Management",
    "Nursing Practice",
    "Public Health",
    "Leadership for Quality",
    "Patient Safety",
    "Evidence-based Practice",
    "Clinical Research",
    "Healthcare Innovation",
    "Knowledge Mobilisation",
    "Translational Medicine",
    "Social Work Practice",
    "Advanced Clinical Practice",
    "Health Economics",
];
const WORDS: [&str; 24] = [
    "measurement",
    "leadership",
    "change",
    "systems",
    "safety",
    "evaluation",
    "evidence",
    "practice",
    "teams",
    "patients",
    "data",
    "methods",
    "pdsa",
    "variation",
    "culture",
    "commissioning",
    "mental",
    "community",
    "primary",
    "care",
    "workforce",
    "digital",
    "research",
    "policy",
];
const DELIVERIES: [Delivery; 5] = [
    Delivery::Campus,
    Delivery::CampusAndWorkBased,
    Delivery::Distance,
    Delivery::ELearning,
    Delivery::Blended,
];

/// A small deterministic generator (SplitMix64): the load test must see the same catalogue
/// on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn generate(n: usize) -> Vec<Record> {
    let mut rng = SplitMix(2014);
    (0..n).map(|i| record(i, &mut rng)).collect()
}

fn record(i: usize, rng: &mut SplitMix) -> Record {
    let (provider_id, provider, region) = *rng.pick(&PROVIDERS);
    let kind = match rng.below(10) {
        0..=5 => Kind::Programme,
        6 => Kind::Module,
        7 | 8 => Kind::ShortCourse,
        _ => Kind::Fellowship,
    };
    let subject = *rng.pick(&SUBJECTS);
    let (award, levels): (&str, Option<Vec<u8>>) = match (kind, rng.below(6)) {
        (Kind::ShortCourse, _) => ("Short course in", None),
        (Kind::Fellowship, _) => ("Fellowship in", Some(vec![7])),
        (_, 0) => ("BSc", Some(vec![6])),
        (_, 1) => ("MRes", Some(vec![7, 8])),
        (_, 2) => ("PGCert", Some(vec![7])),
        (_, 3) => ("BSc/MSc", Some(vec![6, 7])),
        _ => ("MSc", Some(vec![7])),
    };
    let short = matches!(kind, Kind::ShortCourse | Kind::Module);
    let (ft, pt) = if short {
        (None, None)
    } else {
        match rng.below(4) {
            0 => (Some(MonthRange::exactly(12)), None),
            1 => (None, Some(MonthRange::between(24, 36))),
            2 => (Some(MonthRange::exactly(36)), Some(MonthRange::between(48, 72))),
            _ => (Some(MonthRange::exactly(12)), Some(MonthRange::between(24, 48))),
        }
    };
    let mut length =
        Length { full_time_months: ft, part_time_months: pt, short, ..Length::default() };
    length.category = length.derive_category();
    let delivery =
        if kind == Kind::ShortCourse { Delivery::ELearning } else { *rng.pick(&DELIVERIES) };
    let amount = match kind {
        Kind::ShortCourse if rng.below(3) == 0 => None,
        Kind::Fellowship => None,
        _ => Some(500.0 + (rng.below(300) as f64) * 50.0),
    };
    let cost = Cost {
        fees: amount
            .map(|amount| Fee {
                amount,
                currency: "GBP".to_owned(),
                per: if kind == Kind::Programme { FeePer::Year } else { FeePer::Course },
                student: Student::Home,
                mode: Some(StudyMode::FullTime),
            })
            .into_iter()
            .collect(),
        free: amount.is_none() && kind == Kind::ShortCourse,
        stipend: kind == Kind::Fellowship,
        text: amount.map(|a| format!("£{a:.0} (UK students)")),
        stipend_amount: None,
    };
    let words: Vec<&str> = (0..40).map(|_| *rng.pick(&WORDS)).collect();
    let focus = match rng.below(5) {
        0 => None,
        1 | 2 => Some(Focus::Related),
        _ => Some(Focus::Main),
    };
    let title = format!("{award} {subject} {}", i % 997);
    let url = format!("https://example.{provider_id}.test/courses/{i}");
    let mut evidence = std::collections::BTreeMap::new();
    evidence.insert(
        Field::Cost,
        Evidence {
            source: Source::KeyFacts,
            text: cost.text.clone().unwrap_or_default(),
            url: None,
        },
    );
    Record {
        id: format!("gen-{i:06}"),
        url,
        title,
        provider: Some(provider.to_owned()),
        provider_id: Some(provider_id.to_owned()),
        kind,
        awards: Some(vec![]),
        fheq_levels: levels,
        postgraduate_unspecified: false,
        entry: Entry {
            requires: Some(vec![]),
            academic: None,
            text: Some(format!("A degree in {}.", words[0])),
        },
        length,
        delivery: Some(delivery),
        cost,
        topics: words[..3].iter().map(|w| (*w).to_owned()).collect(),
        description: Some(format!("{subject} for health and social care. {}.", words.join(" "))),
        matched_terms: vec![],
        focus,
        evidence,
        verified: false,
        fetched_at: None,
        content_sha256: None,
        region: Some(region),
        nation: region.uk_region().map(UkRegion::nation),
        uk_region: region.uk_region(),
        // Most catalogues' records are this year's or next; a few say nothing of the year.
        entry_year: (!i.is_multiple_of(5))
            .then(|| EntryYear::starting(2025 + (i % 2) as u16))
            .flatten(),
        status: Some(if i.is_multiple_of(50) { Status::Closed } else { Status::Recruiting }),
        merged_urls: vec![],
        archived: None,
    }
}

struct Args {
    catalogue: PathBuf,
    records: usize,
    ndjson: Option<PathBuf>,
    serve: bool,
    addr: SocketAddr,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        catalogue: PathBuf::new(),
        records: 100_000,
        ndjson: None,
        serve: false,
        addr: coursemap_server::DEFAULT_ADDR,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--catalogue" => args.catalogue = PathBuf::from(value()?),
            "--records" => {
                args.records = value()?.parse().map_err(|e| format!("--records: {e}"))?
            }
            "--ndjson" => args.ndjson = Some(PathBuf::from(value()?)),
            "--addr" => args.addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--serve" => args.serve = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.catalogue.as_os_str().is_empty() {
        return Err("--catalogue DIR is required".to_owned());
    }
    Ok(args)
}

/// Writes the flat search documents of `records` to `path`, atomically.
fn write_documents(path: &Path, records: &[Record]) -> coursemap_files::Result<()> {
    coursemap_files::write_atomically(path, |out| {
        coursemap_index::export::write_ndjson(out, records).map_err(std::io::Error::other)
    })?;
    eprintln!("wrote {} search documents to {}", records.len(), path.display());
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("load_test_catalogue: {err}");
            return ExitCode::from(2);
        }
    };
    let index_dir = args.catalogue.join("tantivy");
    // Generated at most once, and only when the index or the documents need them. The
    // documents are rewritten exactly when the index is rebuilt (or when they are missing), so
    // both describe the same records and an unchanged file keeps its modification time, which
    // tells the FTS5 peer that its database is still current.
    let mut records: Option<Vec<Record>> = None;
    let rebuild = CatalogueIndex::open(&index_dir).map(|index| index.len() as usize).ok()
        != Some(args.records);
    if rebuild {
        let started = std::time::Instant::now();
        let records = records.get_or_insert_with(|| generate(args.records));
        if let Err(err) = CatalogueIndex::create_or_rebuild(&index_dir, records) {
            eprintln!("load_test_catalogue: indexing: {err}");
            return ExitCode::FAILURE;
        }
        eprintln!("indexed {} records in {:.1?}", records.len(), started.elapsed());
    }
    if let Some(path) = args.ndjson.as_deref().filter(|path| rebuild || !path.exists()) {
        let records = records.get_or_insert_with(|| generate(args.records));
        if let Err(err) = write_documents(path, records) {
            eprintln!("load_test_catalogue: {err}");
            return ExitCode::FAILURE;
        }
    }
    if !args.serve {
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("load_test_catalogue: {err}");
            return ExitCode::FAILURE;
        }
    };
    let config = coursemap_server::ServerConfig::new(&args.catalogue).addr(args.addr);
    let result = runtime.block_on(async {
        let server = coursemap_server::Server::bind(config).await?;
        println!("serving http://{}/", server.local_addr());
        server
            .run(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("load_test_catalogue: {err}");
            ExitCode::FAILURE
        }
    }
}
