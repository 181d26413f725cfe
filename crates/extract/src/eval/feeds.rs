//! XCRI-CAP feeds as institutions published them (`../shared/real-pages/xcri-cap/`). They carry
//! no hand labels; their README states what a reader must get right instead, and this module
//! scores that: every `course` element is one record (a feed never loses one), each record
//! links to the course's own page rather than to the feed, and each field is counted where
//! the feed's records state it.

use std::fmt;

use coursemap_records::Record;

/// What is counted per record, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedField {
    /// A non-blank title.
    Title,
    /// At least one award.
    Awards,
    /// At least one FHEQ level.
    FheqLevels,
    /// A full-time or part-time range, study hours, or the length in words.
    Length,
    /// A delivery mode.
    Delivery,
    /// At least one fee, or the course is free.
    Cost,
    /// The kinds of entry criterion or the academic minimum.
    Entry,
    /// The record links to the course's own page, not to the feed.
    OwnPage,
}

impl FeedField {
    /// Every field counted, in report order.
    pub const ALL: [FeedField; 8] = [
        FeedField::Title,
        FeedField::Awards,
        FeedField::FheqLevels,
        FeedField::Length,
        FeedField::Delivery,
        FeedField::Cost,
        FeedField::Entry,
        FeedField::OwnPage,
    ];

    /// The name in the report (the record contract's field name where there is one).
    pub fn as_str(self) -> &'static str {
        match self {
            FeedField::Title => "title",
            FeedField::Awards => "awards",
            FeedField::FheqLevels => "fheq_levels",
            FeedField::Length => "length",
            FeedField::Delivery => "delivery",
            FeedField::Cost => "cost",
            FeedField::Entry => "entry",
            FeedField::OwnPage => "own page url",
        }
    }

    /// Does record `r`, read from the feed at `feed_url`, state this?
    fn stated_by(self, r: &Record, feed_url: &str) -> bool {
        match self {
            FeedField::Title => !r.title.trim().is_empty(),
            FeedField::Awards => r.awards.as_ref().is_some_and(|a| !a.is_empty()),
            FeedField::FheqLevels => r.fheq_levels.as_ref().is_some_and(|l| !l.is_empty()),
            FeedField::Length => {
                let l = &r.length;
                // A short course's days or weeks are kept as words beside `short`.
                l.full_time_months.is_some()
                    || l.part_time_months.is_some()
                    || l.hours.is_some()
                    || l.text.is_some()
            }
            FeedField::Delivery => r.delivery.is_some(),
            FeedField::Cost => !r.cost.fees.is_empty() || r.cost.free,
            FeedField::Entry => r.entry.requires.is_some() || r.entry.academic.is_some(),
            FeedField::OwnPage => r.url != feed_url && r.url.starts_with("http"),
        }
    }
}

/// What extraction made of one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// `course` elements opened in the feed's text (counted without parsing it, so a damaged
    /// feed is counted too).
    pub courses: usize,
    /// Records extracted.
    pub records: usize,
    /// Warnings extraction gave for the feed (damage mended, a course too damaged to read).
    pub warnings: usize,
    /// Per field of [`FeedField::ALL`]: how many records state it.
    pub stated: Vec<(FeedField, usize)>,
}

impl FeedReport {
    /// Extraction kept every course and linked each record to its own page.
    pub fn complete(&self) -> bool {
        self.records >= self.courses
            && self.stated.iter().any(|(f, n)| *f == FeedField::OwnPage && *n == self.records)
    }
}

/// Scores one feed's records; `feed_url` is where the feed was read from and `body` its text.
pub fn score_feed(feed_url: &str, body: &str, records: &[Record], warnings: usize) -> FeedReport {
    let stated = FeedField::ALL
        .into_iter()
        .map(|field| (field, records.iter().filter(|r| field.stated_by(r, feed_url)).count()))
        .collect();
    FeedReport { courses: course_elements(body), records: records.len(), warnings, stated }
}

/// Elements named `course` in any namespace prefix (`<course>`, `<xcri:course id="…">`),
/// found by scanning tags, so a feed that is not well-formed is still counted.
fn course_elements(body: &str) -> usize {
    body.split('<')
        .skip(1)
        .filter(|tag| {
            let name: &str = tag
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or_default();
            name.rsplit(':').next() == Some("course")
        })
        .count()
}

impl fmt::Display for FeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "course elements {}, records {}, warnings {}",
            self.courses, self.records, self.warnings
        )?;
        writeln!(f, "{:<16} {:>7}", "field", "stated")?;
        for (field, n) in &self.stated {
            writeln!(f, "{:<16} {n:>3}/{:<3}", field.as_str(), self.records)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_elements_are_counted_in_any_namespace_and_damage() {
        let body = "<?xml version=\"1.0\"?>\n<catalog><provider><course><dc:title>A</dc:title>\
                    </course><xcri:course id=\"2\"><courses/><course-list/>\
                    <course attr=\"broken></provider>";
        assert_eq!(course_elements(body), 3);
    }

    #[test]
    fn a_record_linked_to_the_feed_is_not_complete() {
        let feed = "https://www.example.ac.uk/xcri.xml";
        let mut record: Record = serde_json::from_value(serde_json::json!({
            "id": "x", "url": feed, "title": "Course", "kind": "short_course",
            "entry": {}, "length": {}, "cost": {}, "topics": [], "matched_terms": [],
            "evidence": {}, "verified": false
        }))
        .expect("a minimal record");
        let report = score_feed(feed, "<course>", std::slice::from_ref(&record), 0);
        assert!(!report.complete(), "{report}");
        record.url = "https://www.example.ac.uk/courses/course".into();
        let report = score_feed(feed, "<course>", std::slice::from_ref(&record), 0);
        assert!(report.complete(), "{report}");
        let report = score_feed(feed, "<course><course>", &[record], 0);
        assert!(!report.complete(), "a lost course: {report}");
    }
}
