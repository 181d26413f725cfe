//! The academic year of entry a page describes ("2025/26"), from its start dates and its
//! wording: "2025 entry", "Entry 2026", "September 2026 start", "starting January 2026",
//! "Academic year 2025/26", "2025/26 fees".
//!
//! A start belongs to the academic year it falls in, as UK providers mean it: September to
//! December of a year start that year's academic year, January to August the one before ("a
//! January 2026 start" is 2025/26 entry). Explicit entry or start wording is preferred over a
//! fee table's year; years with no entry, start, fee or academic-year word beside them
//! (copyright footers, "established 1990", news dates, "Updated 2024") say nothing of entry.

use coursemap_records::EntryYear;
use regex::Captures;

use super::{Pattern, re};

/// Month names as pages abbreviate them; the number is the position in this list plus one.
const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const MONTH: &str = r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/// A year a course could start in, with an optional second year of an academic year.
const YEAR: &str = r"(?P<y>(?:19|20)\d\d)(?:\s?[/–-]\s?(?P<y2>\d\d(?:\d\d)?))?";
const DAY: &str = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?";
const STARTING: &str = r"(?:entry|intakes?|start(?:s|ing)?|commencing|cohort)";

/// "2025 entry", "2025/26 intake": a year then an entry word.
static YEAR_ENTRY: Pattern = Pattern::new(|| re(&format!(r"(?i)\b{YEAR}\s+{STARTING}\b")));
/// "September 2026 start", "January 2026 intake": a month and year then an entry word.
static MONTH_YEAR_ENTRY: Pattern = Pattern::new(|| {
    re(&format!(
        r"(?i)\b{DAY}{MONTH}\.?\s+{YEAR}\s+(?:(?:is|will be) the (?:last |final |next |first )?)?{STARTING}\b"
    ))
});
/// "Applications for September 2025", "now recruiting for 2026": the year applications are for.
static APPLY_FOR: Pattern = Pattern::new(|| {
    re(&format!(
        r"(?i)\b(?:applications?|apply|applying|recruiting|recruitment|enrolling|places) (?:are |is )?(?:now )?(?:open )?(?:for|in) (?:the )?{DAY}(?:{MONTH}\.?,?\s+)?{YEAR}\b"
    ))
});
/// "Entry 2026", "starting January 2026", "Start date: 22 September 2025", "entry in 2025/26".
static ENTRY_YEAR: Pattern = Pattern::new(|| {
    re(&format!(
        r"(?i)\b{STARTING}(?:\s+dates?)?\s*:?\s*(?:(?:in|from|on|for|of)\s+)?(?:the\s+)?(?:academic\s+year\s+)?{DAY}(?:{MONTH}\.?,?\s+)?{YEAR}\b"
    ))
});
/// "2025/26", "2025-26", "2025-2026": an academic year, read only beside a word that makes
/// it one ("fees", "academic year", "entry").
static ACADEMIC_YEAR: Pattern =
    Pattern::new(|| re(r"(?i)\b(?P<y>(?:19|20)\d\d)\s?[/–-]\s?(?P<y2>\d\d(?:\d\d)?)\b"));
static ACADEMIC_CONTEXT: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:academic|fees?|tuition|entry|intakes?|session|cohort|start(?:s|ing)?|applications?|prices?|costs?|funding|bursar(?:y|ies)|year of study)\b",
    )
});
/// A machine date, "2025-09-22" (JSON-LD `startDate`, XCRI-CAP `dtf`).
static ISO_DATE: Pattern =
    Pattern::new(|| re(r"^\s*(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?:-\d\d)?(?:[T ].*)?\s*$"));
/// "September 2025", "22 Sept 2025" in a start-date field.
static MONTH_YEAR: Pattern =
    Pattern::new(|| re(&format!(r"(?i)\b{DAY}{MONTH}\.?,?\s+(?P<y>(?:19|20)\d\d)\b")));
static BARE_YEAR: Pattern = Pattern::new(|| re(r"^\s*(?P<y>(?:19|20)\d\d)\s*$"));

/// How many bytes of words either side of a match make its evidence.
const AROUND: usize = 60;

fn month_number(name: &str) -> Option<u8> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == prefix).and_then(|i| u8::try_from(i + 1).ok())
}

/// The academic year a match names: its own second year ("2025/26") when present (and only
/// when it follows the first), else the year its month puts the start in, else the year.
fn year_of(caps: &Captures<'_>) -> Option<EntryYear> {
    let y: u16 = caps.name("y")?.as_str().parse().ok()?;
    if let Some(y2) = caps.name("y2") {
        return caps.name("y").and_then(|_| {
            let text = format!("{y}/{}", y2.as_str());
            text.parse().ok()
        });
    }
    match caps.name("m").and_then(|m| month_number(m.as_str())) {
        Some(month) => EntryYear::of_start(y, month),
        None => EntryYear::starting(y),
    }
}

/// The year of entry in a start-date field ("2025-09-22", "September 2025", "January 2026
/// start", "2025/26", "2025"); the first start when it lists several.
pub fn parse_start(text: &str) -> Option<EntryYear> {
    if let Some(caps) = ISO_DATE.captures(text) {
        let y: u16 = caps["y"].parse().ok()?;
        let m: u8 = caps["m"].parse().ok()?;
        return (1..=12).contains(&m).then(|| EntryYear::of_start(y, m)).flatten();
    }
    if let Some((year, _)) = find(text) {
        return Some(year);
    }
    if let Some(year) = MONTH_YEAR.captures(text).and_then(|c| year_of(&c)) {
        return Some(year);
    }
    BARE_YEAR.captures(text).and_then(|c| year_of(&c))
}

/// The year of entry `text` describes, with the words it was read from: explicit entry or
/// start wording first, then an academic year beside a fee or academic-year word; the first
/// of each in the text.
pub fn find(text: &str) -> Option<(EntryYear, &str)> {
    let explicit = [&YEAR_ENTRY, &MONTH_YEAR_ENTRY, &ENTRY_YEAR, &APPLY_FOR]
        .into_iter()
        .filter_map(|p| {
            p.captures_iter(text).find_map(|c| {
                let whole = c.get(0)?;
                year_of(&c).map(|y| (whole.start(), whole.end(), y))
            })
        })
        .min_by_key(|(start, _, _)| *start);
    if let Some((start, end, year)) = explicit {
        return Some((year, crate::text::around(text, start, end, AROUND, AROUND)));
    }
    ACADEMIC_YEAR.captures_iter(text).find_map(|c| {
        let whole = c.get(0)?;
        let year = year_of(&c)?;
        let nearby = crate::text::around(text, whole.start(), whole.end(), 40, 40);
        ACADEMIC_CONTEXT
            .is_match(nearby)
            .then(|| (year, crate::text::around(text, whole.start(), whole.end(), AROUND, AROUND)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> Option<String> {
        find(text).map(|(y, _)| y.to_string())
    }

    #[test]
    fn explicit_entry_wording_beats_a_fee_year() {
        assert_eq!(year("Fees 2024/25: £9,250. Apply for 2025 entry.").as_deref(), Some("2025/26"));
        assert_eq!(year("January 2026 start").as_deref(), Some("2025/26"));
        assert_eq!(year("© 2024 University of Nowhere").as_deref(), None);
    }

    #[test]
    fn start_fields_read_dates_and_words() {
        let read = |t: &str| parse_start(t).map(|y| y.to_string());
        assert_eq!(read("2025-09-22").as_deref(), Some("2025/26"));
        assert_eq!(read("2026-01-12T00:00:00").as_deref(), Some("2025/26"));
        assert_eq!(read("22 September 2025").as_deref(), Some("2025/26"));
        assert_eq!(read("April 2026").as_deref(), Some("2025/26"));
        assert_eq!(read("2027").as_deref(), Some("2027/28"));
        assert_eq!(read("September").as_deref(), None);
        assert_eq!(read("2025-13-01").as_deref(), None);
    }

    #[test]
    fn evidence_is_the_words_around_the_match() {
        let (_, words) = find("Our MSc. Start date: September 2025. Apply now.").expect("a year");
        assert!(words.contains("Start date: September 2025"), "{words}");
    }
}
