//! A record's year of entry and status: from start dates where a source gives them (JSON-LD
//! `startDate`, XCRI-CAP `mlo:start`, a "Start date" key fact), else from the page's words.

use std::collections::BTreeMap;

use coursemap_records::Field as RecordField;
use coursemap_records::{EntryYear, Evidence, Source, Status};

use crate::facts::Facts;
use crate::labels::Field;
use crate::normalise::{status, year};

/// The words a record's year and status are read from when no start date gives them: the
/// title, the description and the page's visible text, in that order.
pub(crate) struct Wording<'a> {
    /// The record's title.
    pub title: &'a str,
    /// The record's description, when it has one.
    pub description: Option<&'a str>,
    /// The page's visible text (empty for feeds and listings).
    pub content: &'a str,
}

impl Wording<'_> {
    fn parts(&self) -> impl Iterator<Item = &str> {
        [self.title, self.description.unwrap_or(""), self.content].into_iter()
    }
}

fn text_evidence(words: &str) -> Evidence {
    Evidence {
        source: Source::Text,
        text: crate::text::truncate(&crate::text::collapse_ws(words), 400),
        url: None,
    }
}

/// The academic year of entry: the first start fact (best source first) that names one, else
/// the first the wording states.
pub(crate) fn entry_year(
    facts: &Facts,
    wording: &Wording<'_>,
    ev: &mut BTreeMap<RecordField, Evidence>,
) -> Option<EntryYear> {
    if let Some((y, f)) =
        facts.get(Field::Start).iter().find_map(|f| year::parse_start(&f.text).map(|y| (y, f)))
    {
        ev.insert(
            RecordField::EntryYear,
            Evidence { source: f.source, text: f.evidence_text(), url: None },
        );
        return Some(y);
    }
    let (y, words) = wording.parts().find_map(year::find)?;
    ev.insert(RecordField::EntryYear, text_evidence(words));
    Some(y)
}

/// Whether the course is recruiting, closed or discontinued: the strongest claim the
/// wording makes, a claim in the title or description before one in the page's other text.
pub(crate) fn status(
    wording: &Wording<'_>,
    ev: &mut BTreeMap<RecordField, Evidence>,
) -> Option<Status> {
    let found: Vec<(Status, &str)> = wording.parts().filter_map(status::find).collect();
    let strongest = found.iter().map(|(s, _)| *s).max_by_key(|s| strength(*s))?;
    let (s, words) = found.into_iter().find(|(s, _)| *s == strongest)?;
    ev.insert(RecordField::Status, text_evidence(words));
    Some(s)
}

fn strength(status: Status) -> u8 {
    match status {
        Status::Recruiting => 0,
        Status::Closed => 1,
        Status::Discontinued => 2,
    }
}
