//! A computed table: counted rows (charted and compared with the report) and, for some
//! tables, a listing of the courses behind the counts.

use std::collections::BTreeMap;

/// One summary table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Stable key used by the report's figures and in CSV (`table5`, `delivery`).
    pub key: &'static str,
    /// The heading shown above the table ("Table 5: FHEQ level").
    pub title: String,
    /// Header of the label column ("FHEQ level").
    pub label_header: String,
    /// Header of the count column ("courses").
    pub count_header: String,
    /// The counted rows: the report's rows first, in its order, then any others seen.
    pub rows: Vec<Row>,
    /// Column headers of `listing`.
    pub listing_header: Vec<String>,
    /// Course-by-course detail (tables 3 and 4, fee ranges, fellowships).
    pub listing: Vec<Vec<String>>,
    /// Sentences printed under the table.
    pub notes: Vec<String>,
}

/// One counted row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What the row is matched on when comparing (the label, or a provider id).
    pub key: String,
    /// The words shown for the row (a provider's name where the key is its id).
    pub label: String,
    /// The number counted, in the unit of the table's `count_header` (courses, HEIs, …).
    pub count: u64,
}

impl Table {
    pub(crate) fn new(key: &'static str, title: &str, label_header: &str) -> Self {
        Table {
            key,
            title: title.to_owned(),
            label_header: label_header.to_owned(),
            count_header: "courses".to_owned(),
            rows: Vec::new(),
            listing_header: Vec::new(),
            listing: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The sum of the counted rows.
    pub fn total(&self) -> u64 {
        self.rows.iter().map(|row| row.count).sum()
    }

    /// The count of the row with `key`, 0 when there is none.
    pub fn count(&self, key: &str) -> u64 {
        self.rows.iter().find(|row| row.key == key).map_or(0, |row| row.count)
    }
}

/// Counts labelled values, keeping a fixed row order first (the report's) and appending any
/// other values seen, in the order first seen.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    order: Vec<(String, String)>,
    counts: BTreeMap<String, u64>,
}

impl Tally {
    /// A tally whose rows start with `labels` (key = label), each shown even when zero.
    pub(crate) fn with_rows<'a>(labels: impl IntoIterator<Item = &'a str>) -> Self {
        let mut tally = Tally::default();
        for label in labels {
            tally.order.push((label.to_owned(), label.to_owned()));
            tally.counts.insert(label.to_owned(), 0);
        }
        tally
    }

    /// Counts one item under `key`, labelled `label` if the row is new.
    pub(crate) fn add(&mut self, key: &str, label: &str) {
        let count = self.counts.entry(key.to_owned()).or_insert_with(|| {
            self.order.push((key.to_owned(), label.to_owned()));
            0
        });
        *count += 1;
    }

    /// Counts one item whose key is its label.
    pub(crate) fn add_label(&mut self, label: &str) {
        self.add(label, label);
    }

    /// The rows: fixed ones always, others only when counted.
    pub(crate) fn into_rows(self) -> Vec<Row> {
        self.order
            .into_iter()
            .map(|(key, label)| {
                let count = self.counts.get(&key).copied().unwrap_or(0);
                Row { key, label, count }
            })
            .collect()
    }
}
