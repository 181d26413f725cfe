//! Raw wording per field, tagged with where it came from: what the sources produce and the
//! normalisers read.

use std::collections::HashMap;

use coursemap_records::Source;

use crate::labels::Field;

/// One piece of wording for one field.
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    pub source: Source,
    /// The label or property it was found under ("Duration", "timeToComplete").
    pub label: String,
    pub text: String,
}

impl Fact {
    /// The evidence text: label and wording, as a person would look for it on the page.
    pub(crate) fn evidence_text(&self) -> String {
        let text = crate::text::truncate(&self.text, 400);
        if self.label.is_empty() { text } else { format!("{}: {}", self.label, text) }
    }
}

/// All wording found for one course, per field, in the order the sources were read (best
/// source first).
#[derive(Debug, Default, Clone)]
pub(crate) struct Facts {
    fields: HashMap<Field, Vec<Fact>>,
    /// Course identifier (XCRI-CAP `dc:identifier`, JSON-LD `@id`).
    pub identifier: Option<String>,
}

impl Facts {
    pub(crate) fn push(&mut self, field: Field, source: Source, label: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let list = self.fields.entry(field).or_default();
        if list.iter().any(|f| f.text == text && f.source == source) {
            return;
        }
        list.push(Fact { source, label: label.to_string(), text: text.to_string() });
    }

    /// Replaces the text of the fact with this label (a placeholder pushed to keep its place).
    pub(crate) fn replace(&mut self, field: Field, label: &str, text: &str) {
        if let Some(f) =
            self.fields.get_mut(&field).and_then(|l| l.iter_mut().find(|f| f.label == label))
        {
            f.text = text.trim().to_string();
        }
    }

    pub(crate) fn get(&self, field: Field) -> &[Fact] {
        self.fields.get(&field).map_or(&[], Vec::as_slice)
    }

    /// Appends every fact of `other` after this one's (so `self` stays the better source).
    pub(crate) fn extend(&mut self, other: Facts) {
        for (field, facts) in other.fields {
            for f in facts {
                self.push(field, f.source, &f.label, &f.text);
            }
        }
        if self.identifier.is_none() {
            self.identifier = other.identifier;
        }
    }
}
