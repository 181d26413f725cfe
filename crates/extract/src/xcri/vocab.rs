//! XCRI-CAP vocabularies: the codes feeds put in `identifier` attributes instead of words, and
//! the description types (`xsi:type`) that say what a description is about.
//!
//! Sources: the XCRI-CAP 1.2 vocabulary terms (studyMode, attendanceMode, attendancePattern
//! codes, as loaded by the XCRI wiki's sample course database) and XCRI Terms 1.1 (the
//! `description` refinements), both published on the XCRI wiki (github.com/Cetis/xcri).

/// A vocabulary: codes and the words they stand for.
pub(crate) type Vocabulary = &'static [(&'static str, &'static str)];

/// `studyMode/@identifier` (XCRI-CAP 1.2 terms).
pub(crate) const STUDY_MODE: Vocabulary = &[
    ("FT", "Full time"),
    ("PT", "Part time"),
    ("FL", "Flexible"),
    ("PF", "Part of a full time programme"),
];

/// `attendanceMode/@identifier` (XCRI-CAP 1.2 terms).
pub(crate) const ATTENDANCE_MODE: Vocabulary = &[
    ("CM", "Campus"),
    ("DA", "Distance with attendance"),
    ("DS", "Distance without attendance"),
    ("NC", "Face-to-face non-campus"),
    ("MM", "Mixed mode"),
    ("ON", "Online (no attendance)"),
    ("WB", "Work-based"),
];

/// `attendancePattern/@identifier` (XCRI-CAP 1.2 terms).
pub(crate) const ATTENDANCE_PATTERN: Vocabulary = &[
    ("DT", "Daytime"),
    ("EV", "Evening"),
    ("TW", "Twilight"),
    ("DR", "Day/Block release"),
    ("WE", "Weekend"),
    ("CS", "Customised"),
];

/// The words for `code` (compared case-insensitively), if the vocabulary has it.
pub(crate) fn words(vocabulary: Vocabulary, code: &str) -> Option<&'static str> {
    let code = code.trim();
    vocabulary.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)).map(|(_, w)| *w)
}

/// What a `description` is, from its `xsi:type` (XCRI Terms 1.1; 1.2 kept the names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DescriptionKind {
    /// Untyped or about the course itself (aim, topics, structure, outcomes): a description.
    General,
    /// `prerequisites`: entry requirements.
    Prerequisites,
    /// Everything else (career outcomes, what it leads to, policies, resources, ...): not the
    /// course's description, and not one of the record's fields.
    Other,
}

/// The kind of a description from its `xsi:type` value (`xcriTerms:aim`, `aim`).
pub(crate) fn description_kind(xsi_type: Option<&str>) -> DescriptionKind {
    let Some(value) = xsi_type else { return DescriptionKind::General };
    let term = value.rsplit(':').next().unwrap_or(value).trim();
    match term.to_ascii_lowercase().as_str() {
        "" | "aim" | "topic" | "structure" | "learningoutcome" | "specialfeature" => {
            DescriptionKind::General
        }
        "prerequisites" | "entryprofile" | "entryrequirements" => DescriptionKind::Prerequisites,
        _ => DescriptionKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_words() {
        assert_eq!(words(STUDY_MODE, "pt"), Some("Part time"));
        assert_eq!(words(ATTENDANCE_MODE, " DS "), Some("Distance without attendance"));
        assert_eq!(words(ATTENDANCE_PATTERN, "XX"), None);
    }

    #[test]
    fn description_types() {
        assert_eq!(description_kind(None), DescriptionKind::General);
        assert_eq!(description_kind(Some("xcriTerms:aim")), DescriptionKind::General);
        assert_eq!(description_kind(Some("terms:prerequisites")), DescriptionKind::Prerequisites);
        assert_eq!(description_kind(Some("xcri12terms:careerOutcome")), DescriptionKind::Other);
    }
}
