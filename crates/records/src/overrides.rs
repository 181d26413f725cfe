//! Overrides: patches to records that outlive the crawl (`<catalogue>/overrides.jsonl`).
//!
//! The verification round trip writes them from providers' returned sheets; the build step
//! extracts records afresh from pages and then calls [`apply_overrides`], so a provider's
//! correction, confirmation, removal or addition holds in every later build. They live beside
//! the record because they are edits to it: applying them needs nothing of the spreadsheets.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use std::collections::BTreeMap;

use coursemap_files::write_atomically;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Error, Evidence, Field, Record, Result, Source};

/// New values for record fields, by dotted field name (`cost.fees`), in the record format's
/// JSON form.
pub type FieldValues = BTreeMap<String, Value>;

/// The record field a dotted field name belongs to (`cost` for `cost.fees`).
pub fn top_field(path: &str) -> Option<Field> {
    path.split('.').next().unwrap_or(path).parse().ok()
}

/// `record` with `values` set (dotted field names), the length category re-derived.
pub fn apply_values(record: &Record, values: &FieldValues) -> Result<Record, String> {
    let mut json = serde_json::to_value(record).map_err(|err| err.to_string())?;
    for (field, value) in values {
        let mut target = &mut json;
        for part in field.split('.') {
            let Value::Object(object) = target else {
                return Err(format!("{field}: not an object on the way"));
            };
            target = object.entry(part.to_owned()).or_insert(Value::Null);
        }
        *target = value.clone();
    }
    let mut record: Record = serde_json::from_value(json).map_err(|err| err.to_string())?;
    if values.keys().any(|field| field.starts_with("length.") && field != "length.category") {
        record.length.refresh_category();
    }
    Ok(record)
}

/// One verification result, as a line of `overrides.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Override {
    /// New values for some fields of record `id` (dotted contract names).
    Correct {
        /// The record corrected.
        id: String,
        /// The new values, by dotted field name, in the record format's JSON form.
        values: FieldValues,
        /// Where the correction came from: the returned sheet and row (`lsbu.xlsx row 2`).
        source: String,
    },
    /// The provider confirmed record `id`.
    Verify {
        /// The record confirmed.
        id: String,
        /// Where the confirmation came from: the returned sheet and row.
        source: String,
    },
    /// The provider says record `id` no longer runs.
    Remove {
        /// The record to drop from every later build.
        id: String,
        /// Where the removal came from: the returned sheet and row.
        source: String,
    },
    /// A course the provider added by hand.
    Add {
        /// The whole record, as the provider filled it in; its id is made from its URL.
        record: Box<Record>,
        /// Where the addition came from: the returned sheet and row.
        source: String,
    },
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

/// An override that did not apply to this build; the caller logs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedOverride {
    /// The record the override is about.
    pub id: String,
    /// Why it did not apply.
    pub reason: SkipReason,
}

/// Why an override was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A correction or confirmation of a record this build does not have (its page may be
    /// gone); kept in the file, since the page may come back.
    NoSuchRecord,
    /// A correction whose values no longer make a valid record, with the reason.
    DoesNotApply(String),
}

/// Applies `overrides` in order to freshly built `records`, returning the records and the
/// overrides that did not apply.
///
/// An added record replaces a crawled one with the same id, since a person's word beats the
/// extractor's. Corrected fields get `manual` evidence.
pub fn apply_overrides(
    records: Vec<Record>,
    overrides: &[Override],
) -> (Vec<Record>, Vec<SkippedOverride>) {
    let mut records = records;
    let mut skipped = Vec::new();
    let mut skip = |id: &str, reason| skipped.push(SkippedOverride { id: id.to_owned(), reason });
    for item in overrides {
        match item {
            Override::Correct { id, values, source } => {
                let Some(record) = records.iter_mut().find(|r| r.id == *id) else {
                    skip(id, SkipReason::NoSuchRecord);
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
                    Err(reason) => skip(id, SkipReason::DoesNotApply(reason)),
                }
            }
            Override::Verify { id, .. } => match records.iter_mut().find(|r| r.id == *id) {
                Some(record) => record.verified = true,
                None => skip(id, SkipReason::NoSuchRecord),
            },
            Override::Remove { id, .. } => records.retain(|r| r.id != *id),
            Override::Add { record, .. } => {
                records.retain(|r| r.id != record.id);
                records.push((**record).clone());
            }
        }
    }
    (records, skipped)
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
            serde_json::from_str(line).map_err(|error| Error::NotAnOverride {
                path: path.to_owned(),
                line: index + 1,
                error,
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::Kind;

    fn record(id: &str) -> Record {
        Record::new(
            id,
            format!("https://www.lsbu.ac.uk/{id}"),
            "MSc Quality Improvement",
            Kind::Programme,
        )
    }

    fn correct(id: &str, field: &str, value: Value) -> Override {
        Override::Correct {
            id: id.to_owned(),
            values: FieldValues::from([(field.to_owned(), value)]),
            source: "lsbu.xlsx row 2".to_owned(),
        }
    }

    #[test]
    fn a_correction_sets_the_value_with_manual_evidence() {
        let (records, skipped) =
            apply_overrides(vec![record("a")], &[correct("a", "delivery", json!("distance"))]);
        assert_eq!(skipped, vec![]);
        assert_eq!(records[0].delivery, Some(crate::Delivery::Distance));
        assert_eq!(records[0].evidence[&Field::Delivery].source, Source::Manual);
    }

    #[test]
    fn overrides_that_do_not_apply_are_returned_with_their_reason() {
        let overrides = [
            correct("gone", "delivery", json!("distance")),
            Override::Verify { id: "gone".to_owned(), source: "sheet".to_owned() },
            correct("a", "delivery", json!("by carrier pigeon")),
        ];
        let (records, skipped) = apply_overrides(vec![record("a")], &overrides);
        assert_eq!(records, vec![record("a")], "nothing changed");
        assert_eq!(skipped.len(), 3);
        assert_eq!(
            skipped[0],
            SkippedOverride { id: "gone".into(), reason: SkipReason::NoSuchRecord }
        );
        assert_eq!(skipped[1].reason, SkipReason::NoSuchRecord);
        assert!(
            matches!(&skipped[2].reason, SkipReason::DoesNotApply(why) if why.contains("pigeon")),
            "{:?}",
            skipped[2]
        );
    }

    #[test]
    fn an_added_record_replaces_a_crawled_one_and_a_removal_drops_it() {
        let mut added = record("a");
        added.title = "MSc Quality Improvement (as the provider has it)".to_owned();
        let overrides = [
            Override::Add { record: Box::new(added.clone()), source: "sheet".into() },
            Override::Remove { id: "b".into(), source: "sheet".into() },
        ];
        let (records, skipped) = apply_overrides(vec![record("a"), record("b")], &overrides);
        assert_eq!((records, skipped), (vec![added], vec![]));
    }
}
