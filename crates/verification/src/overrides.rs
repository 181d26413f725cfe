//! Verification results that outlive the crawl: `<catalogue>/overrides.jsonl`.
//!
//! The build step extracts records afresh from pages and then calls [`apply_overrides`], so a
//! provider's correction, confirmation, removal or addition holds in every later build.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use coursemap_files::write_atomically;
use coursemap_records::{Evidence, Record, Source};
use serde::{Deserialize, Serialize};

use crate::columns::{FieldValues, apply_values, top_field};
use crate::{Error, Result};

/// One verification result, as a line of `overrides.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Override {
    /// New values for some fields of record `id` (dotted contract names).
    Correct { id: String, values: FieldValues, source: String },
    /// The provider confirmed record `id`.
    Verify { id: String, source: String },
    /// The provider says record `id` no longer runs.
    Remove { id: String, source: String },
    /// A course the provider added by hand.
    Add { record: Box<Record>, source: String },
}

impl Override {
    /// The record the override is about.
    pub fn id(&self) -> &str {
        match self {
            Override::Correct { id, .. }
            | Override::Verify { id, .. }
            | Override::Remove { id, .. } => id,
            Override::Add { record, .. } => &record.id,
        }
    }
}

impl Override {
    /// Whether two overrides do the same thing, wherever they were read from.
    pub fn same_effect(&self, other: &Override) -> bool {
        match (self, other) {
            (
                Override::Correct { id: a, values: va, .. },
                Override::Correct { id: b, values: vb, .. },
            ) => a == b && va == vb,
            (Override::Verify { id: a, .. }, Override::Verify { id: b, .. })
            | (Override::Remove { id: a, .. }, Override::Remove { id: b, .. }) => a == b,
            (Override::Add { record: a, .. }, Override::Add { record: b, .. }) => {
                // The evidence text names the sheet row, which may move between returns.
                let strip = |r: &Record| Record { evidence: Default::default(), ..r.clone() };
                strip(a) == strip(b)
            }
            _ => false,
        }
    }
}

/// Applies `overrides` in order to freshly built `records`.
///
/// An override for a record the build no longer has is skipped with a logged reason (the page
/// may be gone); an added record replaces a crawled one with the same id, since a person's
/// word beats the extractor's. Corrected fields get `manual` evidence.
pub fn apply_overrides(records: Vec<Record>, overrides: &[Override]) -> Vec<Record> {
    let mut records = records;
    for item in overrides {
        match item {
            Override::Correct { id, values, source } => {
                let Some(record) = records.iter_mut().find(|r| r.id == *id) else {
                    tracing::info!(%id, "correction skipped: no such record in this build");
                    continue;
                };
                match apply_values(record, values) {
                    Ok(mut corrected) => {
                        for field in values.keys().filter_map(|path| top_field(path)) {
                            corrected.evidence.insert(
                                field,
                                Evidence {
                                    source: Source::Manual,
                                    text: format!("corrected in verification ({source})"),
                                    url: None,
                                },
                            );
                        }
                        *record = corrected;
                    }
                    Err(reason) => {
                        tracing::warn!(%id, %reason, "correction skipped: does not apply")
                    }
                }
            }
            Override::Verify { id, .. } => match records.iter_mut().find(|r| r.id == *id) {
                Some(record) => record.verified = true,
                None => tracing::info!(%id, "confirmation skipped: no such record in this build"),
            },
            Override::Remove { id, .. } => records.retain(|r| r.id != *id),
            Override::Add { record, .. } => {
                records.retain(|r| r.id != record.id);
                records.push((**record).clone());
            }
        }
    }
    records
}

/// Reads `overrides.jsonl`; a missing file is no overrides.
pub fn read_overrides(path: &Path) -> Result<Vec<Override>> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::Io { path: path.to_owned(), error }),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line).map_err(|err| Error::Overrides {
                path: path.to_owned(),
                line: index + 1,
                message: err.to_string(),
            })
        })
        .collect()
}

/// Writes every override to `path` atomically.
pub fn write_overrides(path: &Path, overrides: &[Override]) -> Result<()> {
    write_atomically(path, |out| {
        for item in overrides {
            let line = serde_json::to_string(item).map_err(std::io::Error::other)?;
            writeln!(out, "{line}")?;
        }
        Ok(())
    })?;
    Ok(())
}
