//! Key-fact labels: the words pages put before a value ("Duration", "Mode of study", ...)
//! and the record field each one feeds.

/// The record field a labelled value feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Title,
    Provider,
    Awards,
    Level,
    Credits,
    Length,
    /// Full-time / part-time: both a length hint and sometimes a delivery hint.
    StudyMode,
    Delivery,
    Cost,
    Entry,
    Start,
    Description,
    Topics,
}

/// Label synonyms, already in [`normalise_label`] form.
const SYNONYMS: &[(&str, Field)] = &[
    ("duration", Field::Length),
    ("course duration", Field::Length),
    ("programme duration", Field::Length),
    ("course length", Field::Length),
    ("programme length", Field::Length),
    ("length", Field::Length),
    ("length of course", Field::Length),
    ("length of study", Field::Length),
    ("study length", Field::Length),
    ("time to complete", Field::Length),
    ("time commitment", Field::Length),
    ("study mode", Field::StudyMode),
    ("mode of study", Field::StudyMode),
    ("study modes", Field::StudyMode),
    ("modes of study", Field::StudyMode),
    ("mode", Field::StudyMode),
    ("study type", Field::StudyMode),
    ("study options", Field::StudyMode),
    ("study option", Field::StudyMode),
    ("attendance", Field::StudyMode),
    ("attendance mode", Field::StudyMode),
    ("mode of attendance", Field::StudyMode),
    ("delivery", Field::Delivery),
    ("delivery mode", Field::Delivery),
    ("mode of delivery", Field::Delivery),
    ("delivery method", Field::Delivery),
    ("teaching mode", Field::Delivery),
    ("how you will learn", Field::Delivery),
    ("format", Field::Delivery),
    ("location", Field::Delivery),
    ("teaching", Field::Delivery),
    ("teaching and learning", Field::Delivery),
    ("study location", Field::Delivery),
    ("campus", Field::Delivery),
    ("campus location", Field::Delivery),
    ("teaching location", Field::Delivery),
    ("location of study", Field::Delivery),
    ("fees", Field::Cost),
    ("fee", Field::Cost),
    ("tuition", Field::Cost),
    ("tuition fees", Field::Cost),
    ("tuition fee", Field::Cost),
    ("course fees", Field::Cost),
    ("course fee", Field::Cost),
    ("cost", Field::Cost),
    ("costs", Field::Cost),
    ("price", Field::Cost),
    ("fees and funding", Field::Cost),
    ("funding", Field::Cost),
    ("stipend", Field::Cost),
    ("salary", Field::Cost),
    ("entry requirements", Field::Entry),
    ("admission criteria", Field::Entry),
    ("admissions criteria", Field::Entry),
    ("eligibility criteria", Field::Entry),
    ("entry requirement", Field::Entry),
    ("entry criteria", Field::Entry),
    ("admission requirements", Field::Entry),
    ("admissions requirements", Field::Entry),
    ("requirements", Field::Entry),
    ("other requirements", Field::Entry),
    ("additional requirements", Field::Entry),
    ("further requirements", Field::Entry),
    ("other entry requirements", Field::Entry),
    ("additional entry requirements", Field::Entry),
    ("eligibility", Field::Entry),
    ("who can apply", Field::Entry),
    ("who should apply", Field::Entry),
    ("prerequisites", Field::Entry),
    ("entry", Field::Entry),
    ("points required", Field::Entry),
    ("ucas points", Field::Entry),
    ("ucas tariff", Field::Entry),
    ("tariff points", Field::Entry),
    ("award", Field::Awards),
    ("awards", Field::Awards),
    ("final award", Field::Awards),
    ("qualification", Field::Awards),
    ("qualifications", Field::Awards),
    ("qualification awarded", Field::Awards),
    ("qualifications available", Field::Awards),
    ("qualification s available", Field::Awards),
    ("degree", Field::Awards),
    ("course type", Field::Awards),
    ("award type", Field::Awards),
    ("level", Field::Level),
    ("study level", Field::Level),
    ("course level", Field::Level),
    ("level of study", Field::Level),
    ("fheq level", Field::Level),
    ("she level", Field::Level),
    ("scqf level", Field::Level),
    ("credits", Field::Credits),
    ("credit", Field::Credits),
    ("credit value", Field::Credits),
    ("start date", Field::Start),
    ("start dates", Field::Start),
    ("starts", Field::Start),
    ("start", Field::Start),
    ("overview", Field::Description),
    ("course overview", Field::Description),
    ("programme overview", Field::Description),
    ("about the course", Field::Description),
    ("about the programme", Field::Description),
    ("about this course", Field::Description),
    ("about", Field::Description),
    ("summary", Field::Description),
    ("course summary", Field::Description),
    ("description", Field::Description),
    ("introduction", Field::Description),
    ("provider", Field::Provider),
    ("institution", Field::Provider),
    ("university", Field::Provider),
    ("organisation", Field::Provider),
    ("offered by", Field::Provider),
    ("delivered by", Field::Provider),
    ("topics", Field::Topics),
    ("topics covered", Field::Topics),
    ("what you will study", Field::Topics),
    ("what you ll study", Field::Topics),
    ("what you will learn", Field::Topics),
    ("subjects", Field::Topics),
    ("course title", Field::Title),
];

/// Lower case, `&` as "and", punctuation dropped, single spaces.
pub(crate) fn normalise_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        if c == '&' {
            out.push_str(" and ");
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `text` exactly a label (no value words after it)?
pub(crate) fn is_exact_label(text: &str) -> bool {
    let norm = normalise_label(text);
    SYNONYMS.iter().any(|(s, _)| *s == norm)
}

/// The field a label names: an exact synonym, or a synonym followed by at most three words
/// ("Fees 2024/25", "Entry requirements for this course").
pub(crate) fn field_for_label(label: &str) -> Option<Field> {
    // A label ends at its colon; text with a colon inside or a price is a value.
    let label = label.trim().trim_end_matches(':');
    if label.len() > 60 || label.contains([':', '£', '$', '€']) {
        return None;
    }
    // "Fees (UK students, full-time)": the bracket qualifies the value, not the label.
    let label = match label.find('(') {
        Some(i) if i > 0 && label.trim_end().ends_with(')') => &label[..i],
        _ => label,
    };
    let norm = normalise_label(label);
    if norm.is_empty() {
        return None;
    }
    if let Some((_, f)) = SYNONYMS.iter().find(|(s, _)| *s == norm) {
        return Some(*f);
    }
    // A label naming its year says more: "Fees for the 2026-27 academic year".
    let extra_words =
        if norm.split_whitespace().any(|w| w.len() == 4 && w.starts_with("20")) { 6 } else { 3 };
    // Longest synonym first, so "entry requirements ..." is not read as "entry".
    let mut best: Option<(&str, Field)> = None;
    for (syn, f) in SYNONYMS {
        if let Some(rest) = norm.strip_prefix(syn)
            && rest.starts_with(' ')
            && rest.split_whitespace().count() <= extra_words
            && best.is_none_or(|(b, _)| b.len() < syn.len())
        {
            best = Some((syn, *f));
        }
    }
    if best.is_none() {
        // "Full-time home tuition fee", "UK/EU fees": a fee label qualified in front.
        best = SYNONYMS
            .iter()
            .filter(|(syn, f)| *f == Field::Cost && COST_SUFFIXES.contains(syn))
            .find(|(syn, _)| {
                norm.strip_suffix(syn)
                    .is_some_and(|rest| rest.ends_with(' ') && rest.split_whitespace().count() <= 4)
            })
            .map(|(s, f)| (*s, *f));
    }
    best.map(|(_, f)| f)
}

/// Fee labels that keep their meaning with qualifiers in front ("Part-time tuition fee").
const COST_SUFFIXES: &[&str] =
    &["fees", "fee", "tuition fees", "tuition fee", "course fees", "course fee"];

/// Study modes set as labels of a length ("Full-time" / "1 year"): not labels elsewhere, where
/// they are the value of a "Mode of study" label.
const MODE_LABELS: &[&str] = &["full time", "part time", "full time study", "part time study"];

/// Is this text a study mode set as the label of a length ("Full-time", "Part time")?
pub(crate) fn is_mode_label(text: &str) -> bool {
    MODE_LABELS.contains(&normalise_label(text.trim().trim_end_matches(':')).as_str())
}

/// The field a class or id names, BEM style: `key-info__duration`, `course-fees`,
/// `entry_requirements`. Only exact synonyms count, so `duration-icon` does not.
pub(crate) fn field_for_class(token: &str) -> Option<Field> {
    let last = token.rsplit("__").next().unwrap_or(token);
    let words = last.replace(['-', '_'], " ");
    let norm = normalise_label(&words);
    // Class names are terse; a few single words are too generic to trust.
    if matches!(
        norm.as_str(),
        "mode"
            | "start"
            | "level"
            | "about"
            | "entry"
            | "format"
            | "length"
            | "summary"
            | "description"
            | "price"
            | "university"
            | "location"
    ) {
        return None;
    }
    SYNONYMS.iter().find(|(s, _)| *s == norm).map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_synonyms() {
        assert_eq!(field_for_label("Duration:"), Some(Field::Length));
        assert_eq!(field_for_label("Course length"), Some(Field::Length));
        assert_eq!(field_for_label("Mode of study"), Some(Field::StudyMode));
        assert_eq!(field_for_label("Study mode"), Some(Field::StudyMode));
        assert_eq!(field_for_label("Attendance"), Some(Field::StudyMode));
        assert_eq!(field_for_label("Delivery"), Some(Field::Delivery));
        assert_eq!(field_for_label("Location"), Some(Field::Delivery));
        assert_eq!(field_for_label("Fees & funding"), Some(Field::Cost));
        assert_eq!(field_for_label("Tuition"), Some(Field::Cost));
        assert_eq!(field_for_label("Cost"), Some(Field::Cost));
        assert_eq!(field_for_label("Entry Requirements"), Some(Field::Entry));
        assert_eq!(field_for_label("Entry requirements for this course"), Some(Field::Entry));
        assert_eq!(field_for_label("Award"), Some(Field::Awards));
        assert_eq!(field_for_label("Qualification"), Some(Field::Awards));
        assert_eq!(field_for_label("Level"), Some(Field::Level));
        assert_eq!(field_for_label("Credits"), Some(Field::Credits));
        assert_eq!(field_for_label("Start date"), Some(Field::Start));
        assert_eq!(field_for_label("Fees 2024/25"), Some(Field::Cost));
        assert_eq!(field_for_label("Cost (UK students, full-time)"), Some(Field::Cost));
        assert_eq!(field_for_label("Cost (Home/EU (part-time))"), Some(Field::Cost));
        assert_eq!(
            field_for_label("Cost (Home/EU (full-time)): £7,250 (full-time, per annum)"),
            None
        );
        assert_eq!(field_for_label("Register your interest for this programme"), None);
        assert_eq!(field_for_label("Where will I study?"), None);
    }

    #[test]
    fn class_names() {
        assert_eq!(field_for_class("key-info__duration"), Some(Field::Length));
        assert_eq!(field_for_class("course-sections__entry-requirements"), Some(Field::Entry));
        assert_eq!(field_for_class("course-sections__fees"), Some(Field::Cost));
        assert_eq!(field_for_class("key-info__study-type"), Some(Field::StudyMode));
        assert_eq!(field_for_class("key-info__qualification"), Some(Field::Awards));
        assert_eq!(field_for_class("duration-icon"), None);
        assert_eq!(field_for_class("course-sections__description"), None);
    }
}
