//! What changed between two sets of records: added, removed and changed records, the changed
//! ones field by field.
//!
//! Records are matched by id (stable across crawls, derived from the canonical URL). Fields
//! that change on every crawl without the course changing (`fetched_at`, `content_sha256`, the
//! `archived` pointer to this crawl's WARC capture) and
//! the provenance map (`evidence`, which moves whenever a page is re-laid out) are ignored: a
//! researcher wants to know what the course says now that it did not say before.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::{Field, Record, Status};

/// Fields that never count as a change.
const IGNORED_FIELDS: [Field; 4] =
    [Field::FetchedAt, Field::ContentSha256, Field::Evidence, Field::Archived];

/// Nested objects compared one field deeper, so a changed fee shows as `cost.fees`, not as the
/// whole `cost` object.
const NESTED_OBJECTS: [Field; 3] = [Field::Entry, Field::Length, Field::Cost];

/// The differences between an old and a new set of records.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecordDiff {
    /// Records in the new set only, by id.
    pub added: Vec<Record>,
    /// Records in the old set only (gone pages, discontinued courses), by id.
    pub removed: Vec<Record>,
    /// Records in both whose compared fields differ, by id.
    pub changed: Vec<ChangedRecord>,
}

/// One record present in both sets with at least one differing field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedRecord {
    /// The record's id, the same in both sets.
    pub id: String,
    /// The new title (the old one, if it changed, is among `fields`).
    pub title: String,
    /// The new record's URL.
    pub url: String,
    /// Each compared field that differs, sorted by name; never empty.
    pub fields: Vec<FieldChange>,
}

/// One field's old and new value, in the contract's JSON form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The contract name, dotted for nested fields (`cost.fees`, `entry.academic`).
    pub field: String,
    /// The value in the old record; `null` when it was unknown or the field did not exist.
    pub old: Value,
    /// The value in the new record; `null` when it is now unknown or the field is gone.
    pub new: Value,
}

impl RecordDiff {
    /// True when nothing was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares `old` with `new`, matching records by id.
///
/// When an id occurs twice in one set the later record wins, as it would when the set is
/// loaded into the index.
pub fn diff(old: &[Record], new: &[Record]) -> RecordDiff {
    let old_by_id: BTreeMap<&str, &Record> = old.iter().map(|r| (r.id.as_str(), r)).collect();
    let new_by_id: BTreeMap<&str, &Record> = new.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut result = RecordDiff::default();
    for (id, old_record) in &old_by_id {
        match new_by_id.get(id) {
            None => result.removed.push((*old_record).clone()),
            Some(new_record) => {
                let fields = field_changes(old_record, new_record);
                if !fields.is_empty() {
                    result.changed.push(ChangedRecord {
                        id: (*id).to_owned(),
                        title: new_record.title.clone(),
                        url: new_record.url.clone(),
                        fields,
                    });
                }
            }
        }
    }
    result.added = new_by_id
        .iter()
        .filter(|(id, _)| !old_by_id.contains_key(*id))
        .map(|(_, record)| (*record).clone())
        .collect();
    result
}

fn field_changes(old: &Record, new: &Record) -> Vec<FieldChange> {
    let old_fields = comparable_fields(old);
    let mut new_fields = comparable_fields(new);
    let mut changes = Vec::new();
    for (field, old_value) in old_fields {
        let new_value = new_fields.remove(&field).unwrap_or(Value::Null);
        if old_value != new_value {
            changes.push(FieldChange { field, old: old_value, new: new_value });
        }
    }
    // Fields only the new record has (an extension added since the old build).
    for (field, new_value) in new_fields {
        if !new_value.is_null() {
            changes.push(FieldChange { field, old: Value::Null, new: new_value });
        }
    }
    changes.sort_by(|a, b| a.field.cmp(&b.field));
    changes
}

/// The record as a flat map of dotted field names to JSON values, without ignored fields.
fn comparable_fields(record: &Record) -> BTreeMap<String, Value> {
    let mut fields = BTreeMap::new();
    let Ok(Value::Object(object)) = serde_json::to_value(record) else {
        // A Record always serialises to an object (see `to_json_line`); nothing to compare.
        return fields;
    };
    for (name, value) in object {
        let field = name.parse::<Field>().ok();
        if field.is_some_and(|f| IGNORED_FIELDS.contains(&f)) {
            continue;
        }
        match value {
            Value::Object(inner) if field.is_some_and(|f| NESTED_OBJECTS.contains(&f)) => {
                for (inner_name, inner_value) in inner {
                    fields.insert(format!("{name}.{inner_name}"), inner_value);
                }
            }
            other => {
                fields.insert(name, other);
            }
        }
    }
    fields
}

impl fmt::Display for RecordDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} added, {} removed, {} changed",
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        )?;
        for record in &self.added {
            writeln!(f, "+ {}  {}{}", record.id, record.title, provider_suffix(record))?;
        }
        for record in &self.removed {
            let why = removal_reason(record).map(|r| format!("  [{r}]")).unwrap_or_default();
            writeln!(f, "- {}  {}{}{why}", record.id, record.title, provider_suffix(record))?;
        }
        for record in &self.changed {
            writeln!(f, "~ {}  {}", record.id, record.title)?;
            for change in &record.fields {
                writeln!(f, "    {}: {} -> {}", change.field, change.old, change.new)?;
            }
        }
        Ok(())
    }
}

/// Why a removed course is gone, from its last known status: a course that said it was
/// ending has ended; one that was closed to applications may be back another year; of a
/// recruiting course, or one whose status was not known, the diff knows nothing more.
pub fn removal_reason(record: &Record) -> Option<&'static str> {
    match record.status? {
        Status::Discontinued => Some("discontinued: page gone"),
        Status::Closed => Some("closed"),
        Status::Recruiting => None,
    }
}

fn provider_suffix(record: &Record) -> String {
    record.provider.as_deref().map(|p| format!(" ({p})")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::*;
    use crate::sample_record::msc;

    #[test]
    fn finds_added_removed_and_changed_fields() {
        let old = vec![msc("a", "Kept"), msc("b", "Gone"), msc("c", "Fee changes")];
        let mut changed = msc("c", "Fee changes");
        changed.cost.fees[0].amount = 9535.0;
        changed.delivery = Some(Delivery::Blended);
        let new = vec![msc("a", "Kept"), changed, msc("d", "New course")];

        let result = diff(&old, &new);

        assert_eq!(result.added.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["d"]);
        assert_eq!(result.removed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["b"]);
        assert_eq!(result.changed.len(), 1);
        let fields = &result.changed[0].fields;
        assert_eq!(
            fields.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(),
            ["cost.fees", "delivery"]
        );
        assert_eq!(fields[0].old[0]["amount"], 9250);
        assert_eq!(fields[0].new[0]["amount"], 9535);
        assert_eq!(fields[1].old, "campus");
        assert_eq!(fields[1].new, "blended");
    }

    #[test]
    fn ignores_fetch_time_hash_evidence_and_archived_capture() {
        let old = vec![msc("a", "Same")];
        let mut recrawled = msc("a", "Same");
        recrawled.fetched_at = Some("2026-11-22T00:00:00Z".to_owned());
        recrawled.content_sha256 = Some("bb".to_owned());
        recrawled.archived = Some(crate::Archived {
            warc_file: "coursemap-20261122T000000Z-00000.warc.gz".to_owned(),
            warc_offset: 4096,
            warc_record_id: "<urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100>".to_owned(),
        });
        recrawled.evidence.insert(
            Field::Cost,
            Evidence { source: Source::KeyFacts, text: "Fees: £9,250".to_owned(), url: None },
        );
        let result = diff(&old, &[recrawled]);
        assert!(result.is_empty(), "{result}");
        assert_eq!(result.to_string(), "0 added, 0 removed, 0 changed\n");
    }

    #[test]
    fn text_and_json_forms_name_each_change() {
        let old = vec![msc("a", "Old title")];
        let new = vec![msc("a", "New title")];
        let result = diff(&old, &new);
        let text = result.to_string();
        assert!(text.contains("~ a  New title"), "{text}");
        assert!(text.contains(r#"title: "Old title" -> "New title""#), "{text}");
        let json = serde_json::to_value(&result).expect("serialises");
        assert_eq!(json["changed"][0]["fields"][0]["field"], "title");
        assert_eq!(json["changed"][0]["fields"][0]["old"], "Old title");
        assert_eq!(json["added"], serde_json::json!([]));
    }

    #[test]
    fn a_year_change_is_a_field_change_and_a_removal_says_its_last_status() {
        let mut old = vec![msc("a", "Rolls over"), msc("b", "Ended"), msc("c", "Paused")];
        old[0].entry_year = "2025/26".parse().ok();
        old[1].status = Some(Status::Discontinued);
        old[2].status = Some(Status::Closed);
        let mut rolled = msc("a", "Rolls over");
        rolled.entry_year = "2026/27".parse().ok();
        let result = diff(&old, &[rolled]);
        assert_eq!(result.changed.len(), 1, "{result}");
        let change = &result.changed[0].fields;
        assert_eq!(change.len(), 1, "{result}");
        assert_eq!(change[0].field, "entry_year");
        assert_eq!(
            (change[0].old.as_str(), change[0].new.as_str()),
            (Some("2025/26"), Some("2026/27"))
        );
        let text = result.to_string();
        assert!(
            text.contains("- b  Ended (King's College London)  [discontinued: page gone]\n"),
            "{text}"
        );
        assert!(text.contains("- c  Paused (King's College London)  [closed]\n"), "{text}");
        // A year first stated is a change from null.
        let mut stated = msc("d", "New year");
        stated.entry_year = "2025/26".parse().ok();
        let result = diff(&[msc("d", "New year")], &[stated]);
        assert_eq!(result.changed[0].fields[0].old, Value::Null);
        assert_eq!(result.changed[0].fields[0].new, "2025/26");
    }

    #[test]
    fn sample_web_change_shows_exactly_three_changes() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sampleweb/data");
        let (before, after) = (data.join("truth.jsonl"), data.join("truth_changed.jsonl"));
        if !before.is_file() || !after.is_file() {
            println!("notice: {} not present; skipped", data.display());
            return;
        }
        let (old, _) = crate::read_jsonl(&before).expect("truth reads");
        let (new, _) = crate::read_jsonl(&after).expect("changed truth reads");
        let result = diff(&old, &new);
        assert_eq!(result.removed.len(), 1, "{result}");
        assert_eq!(result.added.len(), 1, "{result}");
        assert_eq!(result.changed.len(), 1, "{result}");
        let fields: Vec<&str> = result.changed[0].fields.iter().map(|c| c.field.as_str()).collect();
        assert!(fields.iter().all(|f| f.starts_with("cost.")), "{result}");
    }
}
