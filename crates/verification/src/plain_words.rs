//! Record values in plain words and back: "12 months", "1-2 hours", "Yes",
//! "£9,250 per year (home, full-time)". Every `parse_*` accepts what the matching formatter
//! writes, and says in a sentence what it expected when it cannot read a cell.

use std::sync::LazyLock;

use coursemap_records::{Fee, FeePer, HourRange, MonthRange, Student, StudyMode};
use coursemap_tables::labels::{NOT_KNOWN, money};
use coursemap_tables::{mode_word, per_word, student_word};
use regex::Regex;

/// Why a cell could not be read, as a sentence for the person who filled it in.
pub(crate) type CellResult<T> = std::result::Result<T, String>;

pub(crate) fn is_not_known(text: &str) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case(NOT_KNOWN) || text.eq_ignore_ascii_case("none")
}

pub(crate) fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_owned()
}

pub(crate) fn parse_yes_no(text: &str) -> CellResult<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(format!("expected Yes or No, found {text:?}")),
    }
}

/// Optional text: empty when not known.
pub(crate) fn text(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

/// "Not known" clears the value; anything else is the new text.
pub(crate) fn parse_text(text: &str) -> Option<String> {
    if text.trim().eq_ignore_ascii_case(NOT_KNOWN) { None } else { Some(text.trim().to_owned()) }
}

/// "12 months", "24-48 months", "up to 36 months", "Not known".
pub(crate) fn months(range: Option<MonthRange>) -> String {
    match range {
        None => NOT_KNOWN.to_owned(),
        Some(MonthRange { min: None, max }) => format!("up to {max} months"),
        Some(MonthRange { min: Some(min), max }) if min == max => format!("{max} months"),
        Some(MonthRange { min: Some(min), max }) => format!("{min}-{max} months"),
    }
}

static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(up to\s+)?([0-9]+(?:\.[0-9]+)?)(?:\s*(?:-|–|to)\s*([0-9]+(?:\.[0-9]+)?))?\s*([a-z]+)$")
        .expect("the span pattern is valid")
});

/// Reads "up to N unit", "N unit" or "N-M unit" into (min, max, unit).
fn span(text: &str) -> Option<(Option<f64>, f64, String)> {
    let caps = SPAN.captures(text.trim())?;
    let first: f64 = caps.get(2)?.as_str().parse().ok()?;
    let second: Option<f64> = caps.get(3).and_then(|m| m.as_str().parse().ok());
    let unit = caps.get(4)?.as_str().to_ascii_lowercase();
    let (min, max) = match (caps.get(1).is_some(), second) {
        (true, None) => (None, first),
        (false, None) => (Some(first), first),
        (false, Some(second)) => (Some(first.min(second)), first.max(second)),
        (true, Some(_)) => return None,
    };
    Some((min, max, unit))
}

pub(crate) fn parse_months(text: &str) -> CellResult<Option<MonthRange>> {
    if is_not_known(text) {
        return Ok(None);
    }
    let wrong = || {
        format!(
            "expected a length such as \"12 months\", \"2-4 years\" or \"up to 36 months\", found {text:?}"
        )
    };
    let (min, max, unit) = span(text).ok_or_else(wrong)?;
    let factor = match unit.trim_end_matches('s') {
        "month" => 1.0,
        "year" => 12.0,
        _ => return Err(wrong()),
    };
    let to_months = |value: f64| -> CellResult<u32> {
        let months = value * factor;
        if months.fract() == 0.0 && (0.0..=1200.0).contains(&months) {
            Ok(months as u32)
        } else {
            Err(wrong())
        }
    };
    Ok(Some(MonthRange { min: min.map(to_months).transpose()?, max: to_months(max)? }))
}

/// "1-2 hours", "3 hours", "up to 2 hours", "Not known".
pub(crate) fn hours(range: Option<HourRange>) -> String {
    match range {
        None => NOT_KNOWN.to_owned(),
        Some(HourRange { min: None, max }) => format!("up to {max} hours"),
        Some(HourRange { min: Some(min), max }) if min == max => format!("{max} hours"),
        Some(HourRange { min: Some(min), max }) => format!("{min}-{max} hours"),
    }
}

pub(crate) fn parse_hours(text: &str) -> CellResult<Option<HourRange>> {
    if is_not_known(text) {
        return Ok(None);
    }
    match span(text) {
        Some((min, max, unit)) if unit.trim_end_matches('s') == "hour" => {
            Ok(Some(HourRange { min, max }))
        }
        _ => Err(format!("expected hours such as \"1-2 hours\" or \"3 hours\", found {text:?}")),
    }
}

/// "MSc, PGDip", "None" for no award, "Not known".
pub(crate) fn awards(awards: Option<&[String]>) -> String {
    match awards {
        None => NOT_KNOWN.to_owned(),
        Some([]) => "None".to_owned(),
        Some(list) => list.join(", "),
    }
}

pub(crate) fn parse_awards(text: &str) -> Option<Vec<String>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "not known" => None,
        "none" => Some(Vec::new()),
        _ => Some(
            text.split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect(),
        ),
    }
}

/// A list of phrases that may themselves contain commas: "measurement; leadership".
pub(crate) fn phrases(list: &[String]) -> String {
    list.join("; ")
}

pub(crate) fn parse_phrases(text: &str) -> Vec<String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Vec::new();
    }
    text.split(';').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect()
}

/// "£9,250 per year (home, full-time); £15,000 per year (international)", "None".
pub(crate) fn fees(fees: &[Fee]) -> String {
    if fees.is_empty() {
        return "None".to_owned();
    }
    fees.iter().map(fee).collect::<Vec<_>>().join("; ")
}

fn fee(fee: &Fee) -> String {
    let who = match fee.mode {
        Some(mode) => format!("{}, {}", student_word(fee.student), mode_word(mode)),
        None => student_word(fee.student).to_owned(),
    };
    format!("{} per {} ({who})", money(fee.amount, &fee.currency), per_word(fee.per))
}

static FEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(£|€|\$)\s*|([A-Z]{3})\s+)([0-9][0-9,]*(?:\.[0-9]{1,2})?)\s+per\s+(year|course|module|credit|session)
          \s*(?:\(\s*(home|international|any)\s*(?:,\s*(full-time|part-time)\s*)?\))?$",
    )
    .expect("the fee pattern is valid")
});

pub(crate) fn parse_fees(text: &str) -> CellResult<Vec<Fee>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    text.split(';').map(str::trim).filter(|f| !f.is_empty()).map(parse_fee).collect()
}

fn parse_fee(text: &str) -> CellResult<Fee> {
    let caps = FEE.captures(text).ok_or_else(|| {
        format!(
            "expected a fee such as \"£9,250 per year (home, full-time)\" (several separated by \";\"), found {text:?}"
        )
    })?;
    let currency = match (caps.get(1).map(|m| m.as_str()), caps.get(2)) {
        (Some("£"), _) => "GBP".to_owned(),
        (Some("€"), _) => "EUR".to_owned(),
        (Some(_), _) => "USD".to_owned(),
        (None, Some(code)) => code.as_str().to_ascii_uppercase(),
        (None, None) => return Err(format!("no currency in {text:?}")),
    };
    let digits = caps.get(3).map_or("", |m| m.as_str()).replace(',', "");
    let amount: f64 = digits.parse().map_err(|_| format!("{digits:?} is not an amount"))?;
    let per = match caps.get(4).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("year") => FeePer::Year,
        Some("course") => FeePer::Course,
        Some("module") => FeePer::Module,
        Some("credit") => FeePer::Credit,
        _ => FeePer::Session,
    };
    let student = match caps.get(5).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("home") => Student::Home,
        Some("international") => Student::International,
        _ => Student::Any,
    };
    let mode = match caps.get(6).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("full-time") => Some(StudyMode::FullTime),
        Some("part-time") => Some(StudyMode::PartTime),
        _ => None,
    };
    Ok(Fee { amount, currency, per, student, mode })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_round_trip() {
        let list = vec![
            Fee::gbp(9250.0, FeePer::Year, Student::Home, Some(StudyMode::FullTime)),
            Fee {
                amount: 1200.5,
                currency: "USD".into(),
                per: FeePer::Module,
                student: Student::Any,
                mode: None,
            },
        ];
        let words = fees(&list);
        assert_eq!(words, "£9,250 per year (home, full-time); USD 1,200.50 per module (any)");
        assert_eq!(parse_fees(&words).expect("parses"), list);
        assert_eq!(parse_fees("None").expect("none"), vec![]);
        let err = parse_fees("about nine grand").expect_err("rejected");
        assert!(err.contains("£9,250 per year"), "{err}");
    }

    #[test]
    fn lengths_and_hours_round_trip() {
        for range in [MonthRange::exactly(12), MonthRange::between(24, 48), MonthRange::up_to(36)] {
            assert_eq!(parse_months(&months(Some(range))).expect("parses"), Some(range));
        }
        assert_eq!(parse_months("2-4 years").expect("years"), Some(MonthRange::between(24, 48)));
        assert_eq!(parse_months("Not known").expect("nk"), None);
        assert!(parse_months("a while").is_err());
        let hours_range = HourRange { min: Some(1.0), max: 2.0 };
        assert_eq!(hours(Some(hours_range)), "1-2 hours");
        assert_eq!(parse_hours("1-2 hours").expect("hours"), Some(hours_range));
        assert!(parse_hours("2 months").is_err());
    }

    #[test]
    fn lists_and_flags() {
        assert_eq!(parse_awards("MSc, PGDip"), Some(vec!["MSc".to_owned(), "PGDip".to_owned()]));
        assert_eq!(parse_awards("None"), Some(vec![]));
        assert_eq!(parse_awards("Not known"), None);
        assert_eq!(parse_phrases("a, b; c"), vec!["a, b".to_owned(), "c".to_owned()]);
        assert_eq!(parse_yes_no(" yes "), Ok(true));
        assert!(parse_yes_no("maybe").is_err());
    }
}
