//! `coursemap build`: page store -> extract -> records.jsonl -> index.

use std::collections::BTreeMap;
use std::fs;

use chrono::SecondsFormat;
use coursemap_index::CatalogueIndex;
use coursemap_pages::{PageEntry, PageStore};
use coursemap_records::{
    Record, SkipReason, SkippedOverride, merge_duplicates, read_jsonl, write_jsonl,
};
use coursemap_seeds::Seeds;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::{CatalogueDir, Error, Result};
use coursemap_files::SNAPSHOT_IN_PROGRESS;

/// How to build. `BuildOptions::default()` shows no progress bar.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    progress: bool,
}

impl BuildOptions {
    /// Draws a progress bar on standard error (indicatif hides it when that is not a terminal).
    pub fn progress(mut self, yes: bool) -> Self {
        self.progress = yes;
        self
    }
}

/// What a build did, for the summary people read and the JSON scripts read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildSummary {
    /// Pages read from the store: the latest fetch of each URL, usable or not.
    pub pages_read: usize,
    /// Records written to `records.jsonl`, after merging duplicates and applying overrides.
    pub records: usize,
    /// Those records counted by kind, keyed by the kind's serialised name.
    pub records_by_kind: BTreeMap<String, usize>,
    /// Records with a [`Focus`](coursemap_records::Focus), main or related: those that
    /// belong in the report tables.
    pub relevant_records: usize,
    /// Extraction warnings counted by kind, over all pages.
    pub warnings_by_kind: BTreeMap<String, usize>,
    /// Pages that gave no records because they could not be used, by reason.
    pub pages_skipped: BTreeMap<String, usize>,
    /// Records folded into another that describes the same course (extracted minus kept).
    pub duplicates_merged: usize,
    /// Overrides that applied to a record in this build; the others are logged.
    pub overrides_applied: usize,
    /// Records file lines or page store entries that were unreadable (file:line: reason).
    pub corrupt: Vec<String>,
    /// The snapshot the previous records were kept in, if there were any.
    pub snapshot: Option<String>,
}

/// Builds the catalogue in `dir` from its page store.
pub fn build(dir: &CatalogueDir, seeds: &Seeds, options: &BuildOptions) -> Result<BuildSummary> {
    let pages_dir = dir.pages();
    if !pages_dir.is_dir() {
        return Err(Error::NoPages(pages_dir));
    }
    // Read-only: a crawl may be writing the store at the same time.
    let listing = PageStore::scan_dir(&pages_dir)?;
    let mut summary = BuildSummary::default();
    summary.corrupt.extend(listing.corrupt.iter().map(ToString::to_string));

    let bar = if options.progress {
        let bar = ProgressBar::new(listing.pages.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{spinner} extracting {pos}/{len} pages {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };

    let mut records = Vec::new();
    for page in &listing.pages {
        bar.inc(1);
        summary.pages_read += 1;
        let entry = &page.entry;
        if let Some(reason) = unusable(entry) {
            *summary.pages_skipped.entry(reason.to_owned()).or_default() += 1;
            continue;
        }
        let text = match page.text() {
            Ok(text) => text,
            Err(err) => {
                tracing::warn!(url = %entry.url, "skipped: cannot read body: {err}");
                *summary.pages_skipped.entry("unreadable body".to_owned()).or_default() += 1;
                continue;
            }
        };
        let (found, warnings) =
            coursemap_extract::extract(&entry.final_url, &text, entry.content_type.as_deref());
        for warning in &warnings {
            // Messages read "what happened: details"; the part before the colon is the kind.
            *summary.warnings_by_kind.entry(warning.kind.as_str().to_owned()).or_default() += 1;
        }
        for mut record in found {
            link_provider(&mut record, seeds);
            record.fetched_at = Some(entry.fetched_at.to_rfc3339_opts(SecondsFormat::Secs, true));
            record.content_sha256 = entry.body_sha256.clone();
            // The page's capture: for a feed's courses, the feed's (their facts were read
            // there, whatever page `url` names).
            record.archived = entry.archived.clone();
            records.push(record);
        }
    }
    bar.finish_and_clear();

    let before = records.len();
    let records = merge_duplicates(records);
    summary.duplicates_merged = before - records.len();

    let overrides =
        coursemap_records::read_overrides(&dir.overrides()).map_err(Error::Overrides)?;
    let (records, skipped) = coursemap_records::apply_overrides(records, &overrides);
    for SkippedOverride { id, reason } in &skipped {
        match reason {
            SkipReason::NoSuchRecord => {
                tracing::info!(%id, "override skipped: no such record in this build")
            }
            SkipReason::DoesNotApply(reason) => {
                tracing::warn!(%id, %reason, "correction skipped: does not apply")
            }
        }
    }
    summary.overrides_applied = overrides.len() - skipped.len();

    summary.snapshot = snapshot_previous(dir)?;
    write_jsonl(&dir.records(), &records)?;
    let providers = seeds.providers.iter().map(|provider| provider.id.clone()).collect();
    CatalogueIndex::create_or_rebuild_for(&dir.search_index(), &records, &providers)?;

    summary.records = records.len();
    for record in &records {
        let kind = serde_json::to_value(record.kind).ok();
        let kind = kind.as_ref().and_then(|k| k.as_str()).unwrap_or("unknown").to_owned();
        *summary.records_by_kind.entry(kind).or_default() += 1;
        if record.focus.is_some() {
            summary.relevant_records += 1;
        }
    }
    Ok(summary)
}

/// Why a stored page cannot give records, if it cannot.
fn unusable(entry: &PageEntry) -> Option<&'static str> {
    if entry.gone {
        return Some("gone (404/410)");
    }
    if entry.status != 200 && entry.status != 304 {
        return Some("not a 200 response");
    }
    if entry.body_sha256.is_none() {
        return Some("body not stored (not HTML or XML)");
    }
    None
}

/// Fills the provider fields from the seeds, by the host the record's page is on (or the
/// shared-host prefix it is under). The seeds' name wins over the page's own wording so that
/// one institution has one name in the tables.
fn link_provider(record: &mut Record, seeds: &Seeds) {
    let url = url::Url::parse(&record.url).ok();
    let Some(provider) = url.as_ref().and_then(|url| seeds.provider_for_url(url)) else {
        return;
    };
    record.provider_id = Some(provider.id.clone());
    record.provider = Some(provider.name.clone());
    record.region = provider.region;
    record.nation = provider.nation();
    record.uk_region = provider.uk_region;
}

/// Keeps the current records file as a snapshot before it is replaced, unless the newest
/// snapshot already holds the same bytes (a build that was interrupted and run again).
fn snapshot_previous(dir: &CatalogueDir) -> Result<Option<String>> {
    coursemap_files::remove_orphans(&dir.snapshots(), SNAPSHOT_IN_PROGRESS, "");
    let current = dir.records();
    let io = |path: &std::path::Path| {
        let path = path.to_owned();
        move |error| Error::Io { path, error }
    };
    let Ok(bytes) = fs::read(&current) else {
        return Ok(None);
    };
    // Refuse to snapshot a file we cannot read as records at all: it would hide the last good
    // snapshot behind a corrupt one. Lines that are bad are reported by `read_jsonl`'s caller.
    let _ = read_jsonl(&current)?;
    if let Some(latest) = dir.latest_snapshot()
        && fs::read(&latest).is_ok_and(|old| old == bytes)
    {
        return Ok(latest.parent().map(|p| p.display().to_string()));
    }
    let name = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let final_dir = dir.snapshot(&name);
    let tmp_dir = dir.snapshot_in_progress();
    fs::create_dir_all(&tmp_dir).map_err(io(&tmp_dir))?;
    let tmp_file = CatalogueDir::records_in(&tmp_dir);
    fs::write(&tmp_file, &bytes).map_err(io(&tmp_file))?;
    // The directory appears under its final name only once it is complete.
    fs::rename(&tmp_dir, &final_dir).map_err(io(&final_dir))?;
    Ok(Some(final_dir.display().to_string()))
}
