//! XCRI-CAP course feeds (1.2, and 1.1 before it): a whole catalogue in one XML file. Every
//! `course` element becomes one record (none lost); its presentations (runs) are merged.
//! Feeds are recognised by content, not by URL ([`looks_like_xcri`]).
//!
//! Feeds are read as institutions publish them, not as the schema says they should be. One
//! stray byte must not cost the catalogue, so reading goes in three steps, each only when the
//! one before fails:
//!
//! 1. the whole feed is parsed (roxmltree);
//! 2. the cheap, common damage is repaired over the whole text (`repair`: junk around the
//!    document, HTML entities, bare ampersands, forbidden characters) and it is parsed again;
//! 3. the text is cut into its courses (`outline`) and each is parsed on its own (`recover`):
//!    a damaged course is skipped, every other one is read.
//!
//! Every repair and every skipped course is a [`Warning`](crate::Warning) naming the line of
//! the damage. A course is read the same whichever step found it (`course`,
//! `presentation`, `plain` for the HTML inside text elements), and becomes a record named
//! after its own page (`record`, `link`).

mod course;
mod dates;
mod detect;
mod lines;
mod link;
mod outline;
mod plain;
mod presentation;
mod record;
mod recover;
mod repair;
mod vocab;

use coursemap_records::Record;
use roxmltree::{Document, Node};

pub use detect::looks_like_xcri;

use crate::normalise::classify::TermMatcher;
use crate::warning::{Warning, WarningKind};
use course::Course;
use lines::LineIndex;

/// Damage found in a feed: where, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Damage {
    /// 1-based line in the feed as received.
    pub line: usize,
    pub kind: WarningKind,
    pub detail: String,
}

impl Damage {
    fn warning(&self, url: &str) -> Warning {
        Warning::new(url, self.kind, format!("line {}: {}", self.line, self.detail))
    }
}

/// Every course of the feed as a record, in feed order, and what was wrong with the feed.
pub(crate) fn extract_feed(
    url: &str,
    body: &str,
    matcher: &TermMatcher,
) -> (Vec<Record>, Vec<Warning>) {
    let mut damage = Vec::new();
    let courses = read_courses(body, &mut damage);
    let records = record::records(url, courses, matcher);
    let warnings = damage
        .iter()
        .map(|d| {
            tracing::debug!(url, line = d.line, kind = %d.kind, detail = %d.detail, "damaged XCRI-CAP feed");
            d.warning(url)
        })
        .collect();
    (records, warnings)
}

/// The feed's courses, each numbered by its place in the feed, by the first step that works.
fn read_courses(body: &str, damage: &mut Vec<Damage>) -> Vec<(usize, Course)> {
    // Decoders usually strip a byte-order mark; one that did not must not count as junk.
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let first_error = match Document::parse_with_options(body, recover::options()) {
        Ok(doc) => return whole(&doc),
        Err(err) => err,
    };
    let repaired = repair::repair(body);
    let text = repaired.text;
    let error = if repaired.notes.is_empty() {
        first_error
    } else {
        damage.extend(repaired.notes);
        match Document::parse_with_options(&text, recover::options()) {
            Ok(doc) => return whole(&doc),
            Err(err) => err,
        }
    };
    tracing::warn!(%error, "XCRI-CAP feed is not well-formed; reading it course by course");
    damage.push(Damage {
        line: error_line(&error, &text),
        kind: WarningKind::FeedNotWellFormed,
        detail: format!("{}; courses read one by one", recover::describe(&error)),
    });
    let outline = outline::outline(&text);
    recover::courses(&text, &outline, course::read, damage)
}

/// Where a whole-feed parse error is: its position, or for an unclosed root (a cut-off feed)
/// the end of the content.
fn error_line(error: &roxmltree::Error, text: &str) -> usize {
    match error {
        roxmltree::Error::UnclosedRootNode | roxmltree::Error::NoRootNode => {
            LineIndex::new(text).last_line()
        }
        other => usize::try_from(other.pos().row).unwrap_or(1),
    }
}

/// The outermost `course` elements of a parsed feed, in order.
fn whole(doc: &Document<'_>) -> Vec<(usize, Course)> {
    let is_course = |n: &Node<'_, '_>| n.is_element() && n.tag_name().name() == "course";
    doc.descendants()
        .filter(is_course)
        .filter(|n| !n.ancestors().skip(1).any(|a| is_course(&a)))
        .map(course::read)
        .enumerate()
        .collect()
}
