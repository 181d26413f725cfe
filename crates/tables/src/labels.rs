//! The report's row labels, one table per field, so the tables and the verification
//! spreadsheets speak the same words (and parse them back from the same list).

use coursemap_records::{Academic, Delivery, Kind, LengthCategory, Region, Requirement};

/// The label every table uses for a `null` value.
pub const NOT_KNOWN: &str = "Not known";

/// Table 5's row for "postgraduate" with no level.
pub const POSTGRADUATE_UNSPECIFIED: &str = "Postgraduate unspecified";

/// Delivery rows, in the report's order.
pub const DELIVERY_LABELS: [(Delivery, &str); 5] = [
    (Delivery::CampusAndWorkBased, "Taught on campus plus research or other work-based learning"),
    (Delivery::Campus, "Taught on campus only"),
    (Delivery::Distance, "Distance learning"),
    (Delivery::ELearning, "E-learning"),
    (Delivery::Blended, "Blended (campus and online)"),
];

/// The report's delivery row for courses whose delivery was not known (none were verified).
pub const DELIVERY_NOT_KNOWN: &str = "Not known (unverified)";

/// Table 6 (second part) rows, in the report's order.
pub const ACADEMIC_LABELS: [(Academic, &str); 8] = [
    (Academic::None, "No academic entrance criteria"),
    (Academic::Level3Study, "Evidence of study at level 3 (A levels, UCAS points, Access)"),
    (Academic::Level5Study, "Evidence of study at level 5"),
    (Academic::Degree, "Undergraduate degree, grade unspecified"),
    (Academic::Degree21, "Undergraduate degree at 2:1 or above"),
    (Academic::Degree22, "Undergraduate degree at 2:2 or above"),
    (Academic::Masters, "Master's degree"),
    (Academic::DependsOnLevel, "Dependent on level of study taken on within a course"),
];

/// Table 7 rows, in the report's order; `Other` is a shape the report had no row for.
pub const LENGTH_LABELS: [(LengthCategory, &str); 8] = [
    (LengthCategory::Short, "Short course/standalone module"),
    (LengthCategory::OneYearFullTimeOnly, "One year full time only"),
    (LengthCategory::OneYearFullTimeOrTwoToFourPartTime, "One year full time/2-4 years part-time"),
    (LengthCategory::UpToThreeYearsPartTimeOnly, "Up to three years part time only"),
    (LengthCategory::ThreeToNineYearsPartTimeOnly, "Three to nine years part time only"),
    (
        LengthCategory::ThreeYearsPlusFullTimeOrFourPlusPartTime,
        "Three years or more full time/ four years or more part time",
    ),
    (LengthCategory::NoTimeLimit, "No time limit (OU)"),
    (LengthCategory::Other, "Other length"),
];

use Requirement::{Academic as A, ProfessionalRegistration as R, WorkExperience as W};

/// Table 6 (first part) rows: the sorted set of required criteria and its label, in the
/// report's order, then the combinations the report had no course for.
pub const ENTRY_TYPE_LABELS: [(&[Requirement], &str); 8] = [
    (&[], "None"),
    (&[A], "Academic only"),
    (&[A, W], "Academic and work experience"),
    (&[A, R], "Academic and health professional registration"),
    (&[A, W, R], "Academic, work experience and health professional registration"),
    (&[W, R], "Work experience and health professional registration"),
    (&[W], "Work experience only"),
    (&[R], "Health professional registration only"),
];

/// Record kinds in plain words.
pub const KIND_LABELS: [(Kind, &str); 4] = [
    (Kind::Programme, "Programme"),
    (Kind::Module, "Module"),
    (Kind::ShortCourse, "Short course"),
    (Kind::Fellowship, "Fellowship"),
];

/// Looks up `value`'s label in one of the tables above.
pub fn label_of<T: PartialEq + Copy>(labels: &[(T, &'static str)], value: T) -> &'static str {
    labels.iter().find(|(v, _)| *v == value).map_or(NOT_KNOWN, |(_, label)| label)
}

/// Finds the value whose label is `text` (case and surrounding space ignored).
pub fn value_of<T: Copy>(labels: &[(T, &'static str)], text: &str) -> Option<T> {
    let text = text.trim();
    labels.iter().find(|(_, label)| label.eq_ignore_ascii_case(text)).map(|(v, _)| *v)
}

/// The delivery label, "Not known (unverified)" for `None`.
pub fn delivery_label(delivery: Option<Delivery>) -> &'static str {
    delivery.map_or(DELIVERY_NOT_KNOWN, |d| label_of(&DELIVERY_LABELS, d))
}

/// The academic entry label, "Not known" for `None`.
pub fn academic_label(academic: Option<Academic>) -> &'static str {
    academic.map_or(NOT_KNOWN, |a| label_of(&ACADEMIC_LABELS, a))
}

/// The length label, "Not known" for `None`.
pub fn length_label(category: Option<LengthCategory>) -> &'static str {
    category.map_or(NOT_KNOWN, |c| label_of(&LENGTH_LABELS, c))
}

/// The entry-criteria label for a set of requirements, "Not known" for `None`.
pub fn entry_type_label(requires: Option<&[Requirement]>) -> &'static str {
    let Some(requires) = requires else { return NOT_KNOWN };
    let mut set = requires.to_vec();
    set.sort();
    set.dedup();
    ENTRY_TYPE_LABELS
        .iter()
        .find(|(combination, _)| *combination == set.as_slice())
        .map_or(NOT_KNOWN, |(_, label)| label)
}

/// Parses an entry-criteria label back into the sorted set of requirements; `Some(None)` for
/// "Not known".
pub fn parse_entry_type(text: &str) -> Option<Option<Vec<Requirement>>> {
    if text.trim().eq_ignore_ascii_case(NOT_KNOWN) {
        return Some(None);
    }
    value_of(&ENTRY_TYPE_LABELS, text).map(|set| Some(set.to_vec()))
}

/// Table 5's label: "7", "6 or 7", "4, 5, 6 or 7", "Postgraduate unspecified" or "Not known".
pub fn fheq_label(levels: Option<&[u8]>, postgraduate_unspecified: bool) -> String {
    match levels {
        Some(levels) if !levels.is_empty() => {
            let mut levels = levels.to_vec();
            levels.sort_unstable();
            levels.dedup();
            let words: Vec<String> = levels.iter().map(u8::to_string).collect();
            match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => words.join(""),
            }
        }
        _ if postgraduate_unspecified => POSTGRADUATE_UNSPECIFIED.to_owned(),
        _ => NOT_KNOWN.to_owned(),
    }
}

/// Parses a table 5 label back into `(fheq_levels, postgraduate_unspecified)`; `None` when the
/// text is not such a label (levels must be 3..=8).
pub fn parse_fheq_label(text: &str) -> Option<(Option<Vec<u8>>, bool)> {
    let text = text.trim();
    if text.eq_ignore_ascii_case(NOT_KNOWN) {
        return Some((None, false));
    }
    if text.eq_ignore_ascii_case(POSTGRADUATE_UNSPECIFIED) {
        return Some((None, true));
    }
    let mut levels = Vec::new();
    for part in text.split([',', ' ']).filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("or")) {
        let level: u8 = part.parse().ok()?;
        if !(3..=8).contains(&level) {
            return None;
        }
        levels.push(level);
    }
    if levels.is_empty() {
        return None;
    }
    levels.sort_unstable();
    levels.dedup();
    Some((Some(levels), false))
}

/// The report's words for a region, `not_known` when there is none.
pub fn region_label(region: Option<Region>) -> String {
    region.map_or(NOT_KNOWN, Region::label).to_owned()
}

/// An amount with its currency for people: "£9,250", "£12.50", "USD 1,200".
pub fn money(amount: f64, currency: &str) -> String {
    let symbol = match currency {
        "GBP" => "£",
        "EUR" => "€",
        _ => "",
    };
    let whole = amount.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let pence = ((amount.abs() - amount.trunc().abs()) * 100.0).round() as u64;
    let fraction = if pence > 0 { format!(".{pence:02}") } else { String::new() };
    let sign = if amount < 0.0 { "-" } else { "" };
    if symbol.is_empty() {
        format!("{sign}{currency} {grouped}{fraction}")
    } else {
        format!("{sign}{symbol}{grouped}{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fheq_labels_match_the_report_and_parse_back() {
        let cases: [(Option<&[u8]>, bool, &str); 6] = [
            (Some(&[4, 5, 6, 7]), false, "4, 5, 6 or 7"),
            (Some(&[7]), false, "7"),
            (Some(&[6, 7]), false, "6 or 7"),
            (Some(&[7, 8]), true, "7 or 8"),
            (None, true, "Postgraduate unspecified"),
            (None, false, "Not known"),
        ];
        for (levels, pg, want) in cases {
            assert_eq!(fheq_label(levels, pg), want);
            let (back, back_pg) = parse_fheq_label(want).expect("parses");
            assert_eq!(back.as_deref(), levels);
            assert_eq!(back_pg, pg && levels.is_none());
        }
        assert_eq!(parse_fheq_label("9"), None);
        assert_eq!(parse_fheq_label("seven"), None);
    }

    #[test]
    fn entry_type_ignores_order_and_parses_back() {
        let label = entry_type_label(Some(&[R, A, W]));
        assert_eq!(label, "Academic, work experience and health professional registration");
        assert_eq!(parse_entry_type(label), Some(Some(vec![A, W, R])));
        assert_eq!(entry_type_label(Some(&[])), "None");
        assert_eq!(entry_type_label(None), "Not known");
        assert_eq!(parse_entry_type("not known"), Some(None));
        assert_eq!(parse_entry_type("Sometimes"), None);
    }

    #[test]
    fn enum_labels_round_trip() {
        for (delivery, label) in DELIVERY_LABELS {
            assert_eq!(value_of(&DELIVERY_LABELS, &label.to_lowercase()), Some(delivery));
        }
        assert_eq!(delivery_label(None), "Not known (unverified)");
        assert_eq!(
            academic_label(Some(Academic::Degree21)),
            "Undergraduate degree at 2:1 or above"
        );
        assert_eq!(length_label(Some(LengthCategory::NoTimeLimit)), "No time limit (OU)");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(9250.0, "GBP"), "£9,250");
        assert_eq!(money(1234567.5, "GBP"), "£1,234,567.50");
        assert_eq!(money(950.0, "USD"), "USD 950");
        assert_eq!(money(0.0, "GBP"), "£0");
    }
}
