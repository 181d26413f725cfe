//! `coursemap export`: verification spreadsheets, and flat documents for search engines that
//! serve the catalogue beyond one machine (Meilisearch/Typesense NDJSON, OpenSearch `_bulk`),
//! and a CDXJ index of the crawl's WARC archive for replay.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use coursemap_catalogue::CatalogueDir;
use coursemap_files::write_atomically;
use coursemap_records::{Record, read_jsonl};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The catalogue directory (its `records.jsonl` is exported).
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// Write one verification spreadsheet per provider (XLSX and CSV) into this directory.
    #[arg(long, value_name = "DIR")]
    pub verification: Option<PathBuf>,
    /// Write one flat search document per line (Meilisearch and Typesense import it as is).
    #[arg(long, value_name = "PATH")]
    pub ndjson: Option<PathBuf>,
    /// Write the Elasticsearch/OpenSearch `_bulk` form (`index` actions keyed by record id, so
    /// a re-export updates documents in place). Mapping: crates/index/opensearch-mapping.json.
    #[arg(long, value_name = "PATH")]
    pub es_bulk: Option<PathBuf>,
    /// The index name used in `_bulk` actions.
    #[arg(long, default_value = "coursemap")]
    pub es_index: String,
    /// Write a CDXJ index of the crawl's WARC archive (`<catalogue>/warc/`), sorted, so pywb
    /// or any Wayback machine replays the crawl (README, "Browsing the archive").
    #[arg(long, value_name = "PATH")]
    pub cdxj: Option<PathBuf>,
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    if args.verification.is_none()
        && args.ndjson.is_none()
        && args.es_bulk.is_none()
        && args.cdxj.is_none()
    {
        crate::usage_bail!(
            "nothing to export: give --verification DIR, --ndjson PATH, --es-bulk PATH or \
             --cdxj PATH"
        );
    }
    let catalogue = CatalogueDir::new(&args.catalogue);
    if let Some(path) = &args.cdxj {
        write_cdxj(&catalogue, path)?;
    }
    if args.verification.is_none() && args.ndjson.is_none() && args.es_bulk.is_none() {
        return Ok(ExitCode::SUCCESS);
    }
    let records_path = CatalogueDir::new(&args.catalogue).records();
    let (records, bad) =
        read_jsonl(&records_path).context("reading the records (run `coursemap build` first)")?;
    for line in &bad {
        tracing::warn!(%line, "unreadable record not exported");
    }
    if let Some(dir) = &args.verification {
        let summary = coursemap_verification::export(&records, dir)
            .with_context(|| format!("writing verification sheets to {}", dir.display()))?;
        println!(
            "wrote {} verification sheets ({} providers, {} records) to {}",
            summary.files.len(),
            summary.providers,
            summary.records,
            dir.display()
        );
    }
    if let Some(path) = &args.ndjson {
        write_documents(path, &records, |out, records| {
            coursemap_index::export::write_ndjson(out, records)
        })?;
    }
    if let Some(path) = &args.es_bulk {
        write_documents(path, &records, |out, records| {
            coursemap_index::export::write_es_bulk(out, &args.es_index, records)
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the CDXJ index of the catalogue's WARC files atomically.
fn write_cdxj(catalogue: &CatalogueDir, path: &Path) -> anyhow::Result<()> {
    let dir = catalogue.warc();
    let files = coursemap_warc::warc_files(&dir)
        .with_context(|| format!("listing the WARC files in {}", dir.display()))?;
    if files.is_empty() {
        crate::usage_bail!("no WARC files in {} (crawl without --no-warc first)", dir.display());
    }
    let mut lines = 0;
    write_atomically(path, |out| {
        lines = coursemap_warc::write_cdxj(&files, out).map_err(std::io::Error::other)?;
        Ok(())
    })
    .with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {lines} captures from {} WARC files to {}", files.len(), path.display());
    Ok(())
}

/// Writes search documents atomically, so an engine never imports half a file and a failed
/// export leaves the previous one in place.
fn write_documents(
    path: &Path,
    records: &[Record],
    write: impl FnOnce(&mut dyn Write, &[Record]) -> coursemap_index::Result<()>,
) -> anyhow::Result<()> {
    write_atomically(path, |out| write(out, records).map_err(std::io::Error::other))
        .with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {} documents to {}", records.len(), path.display());
    Ok(())
}
