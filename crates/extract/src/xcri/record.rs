//! Courses into records, named after their own pages.
//!
//! A course with a page (see [`link`](super::link)) is that page's record: its `url` and id
//! are the page's (`record_id(page, None)`), so the course found again by crawling the page
//! is the same record, and the feed stays as the evidence's `url`. A course without one keeps
//! the feed's URL and an id from the feed and its identifier (or its place in the feed). When
//! two courses of one feed name the same page, the first is the page's record and the others
//! add their identifier to the id, so no course is lost to a shared page.

use std::collections::HashSet;

use coursemap_records::Record;

use super::course::Course;
use crate::normalise::classify::TermMatcher;

/// One record per course, in feed order; `courses` are numbered by their place in the feed.
pub(crate) fn records(
    feed_url: &str,
    courses: Vec<(usize, Course)>,
    matcher: &TermMatcher,
) -> Vec<Record> {
    let mut pages: HashSet<String> = HashSet::new();
    let mut records = Vec::with_capacity(courses.len());
    for (i, course) in courses {
        let part = course.facts.identifier.clone().unwrap_or_else(|| format!("course-{i}"));
        let build = |url: &str, part: Option<&str>| {
            crate::assemble::build(url, &course.facts, matcher, "", part)
        };
        let mut record = match course.url {
            Some(page) if pages.insert(page.clone()) => build(&page, None),
            Some(page) => build(&page, Some(&part)),
            None => build(feed_url, Some(&part)),
        };
        if record.title.is_empty() {
            tracing::debug!(feed_url, part, "XCRI-CAP course without a title");
            record.title = part;
        }
        if record.url != feed_url {
            for evidence in record.evidence.values_mut() {
                evidence.url = Some(feed_url.to_owned());
            }
        }
        records.push(record);
    }
    records
}
