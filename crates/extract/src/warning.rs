//! Warnings: input that was skipped or could not be read, reported to the caller.

use std::fmt;

/// What a warning is about; a build summary counts warnings by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A page of course cards (a finder's results), not a course.
    ListingSkipped,
    /// A page with no structured data, key facts or course wording.
    NoCourse,
    /// A course page whose title could not be found.
    NoTitle,
    /// A course page that says it is archived.
    Archived,
    /// A JSON-LD block that does not parse.
    MalformedJsonLd,
    /// An XCRI-CAP feed that had to be read course by course.
    FeedNotWellFormed,
    /// An XCRI-CAP feed with damage mended before reading.
    FeedRepaired,
    /// An XCRI-CAP course too damaged to read.
    CourseSkipped,
}

impl WarningKind {
    /// The kind in words, without numbers or names, so equal kinds count together.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::ListingSkipped => "listing page skipped",
            WarningKind::NoCourse => "no course found on the page",
            WarningKind::NoTitle => "course page without a title skipped",
            WarningKind::Archived => "archived course page skipped",
            WarningKind::MalformedJsonLd => "malformed JSON-LD skipped",
            WarningKind::FeedNotWellFormed => "XCRI-CAP feed not well-formed",
            WarningKind::FeedRepaired => "XCRI-CAP feed repaired",
            WarningKind::CourseSkipped => "XCRI-CAP course skipped",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something in a page or feed that extraction skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The page or feed the warning is about.
    pub url: String,
    /// What sort of thing was skipped.
    pub kind: WarningKind,
    /// `kind: details` (the kind alone when there are none).
    pub message: String,
}

impl Warning {
    /// A warning of `kind` about `url`; `detail` says where and why (may be empty).
    pub fn new(url: &str, kind: WarningKind, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        let message =
            if detail.is_empty() { kind.as_str().to_owned() } else { format!("{kind}: {detail}") };
        Warning { url: url.to_string(), kind, message }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.message)
    }
}
