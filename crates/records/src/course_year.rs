//! When and whether a course runs: the academic year of entry a page describes and whether
//! the course is taking applications for it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A UK academic year of entry, "2025/26": September 2025 to August 2026.
///
/// Held as its first calendar year; written and read as "YYYY/YY", the form UK providers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EntryYear(u16);

/// The years an academic year may start in: a course page neither predates the 1990s'
/// web nor advertises entry a lifetime ahead.
const YEARS: std::ops::RangeInclusive<u16> = 1990..=2099;

impl EntryYear {
    /// The academic year starting in September of `start` (2025 → 2025/26); `None` outside
    /// 1990..=2099.
    pub fn starting(start: u16) -> Option<EntryYear> {
        YEARS.contains(&start).then_some(EntryYear(start))
    }

    /// The academic year a course starting in `month` (1-12) of `year` belongs to: September
    /// to December start that year's academic year, January to August the one before
    /// ("January 2026 start" is 2025/26 entry).
    pub fn of_start(year: u16, month: u8) -> Option<EntryYear> {
        if month >= 9 {
            EntryYear::starting(year)
        } else {
            EntryYear::starting(year.checked_sub(1)?)
        }
    }

    /// The calendar year the academic year starts in.
    pub fn start(self) -> u16 {
        self.0
    }
}

impl fmt::Display for EntryYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

/// Text that is not an academic year ("2025/27", "25/26", "twenty").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an academic year (expected e.g. 2025/26)")]
pub struct NotAnEntryYear {
    /// The text as given.
    pub text: String,
}

impl FromStr for EntryYear {
    type Err = NotAnEntryYear;

    /// Reads "2025/26", "2025-26", "2025/2026" and "2025-2026": the second year must follow
    /// the first.
    fn from_str(s: &str) -> Result<Self, NotAnEntryYear> {
        let fail = || NotAnEntryYear { text: s.to_owned() };
        let (first, second) = s.trim().split_once(['/', '-', '–']).ok_or_else(fail)?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if first.len() != 4 || !all_digits(first) || !all_digits(second) {
            return Err(fail());
        }
        let start: u16 = first.parse().map_err(|_| fail())?;
        let follows = match second.len() {
            2 => second.parse::<u16>().ok() == Some((start + 1) % 100),
            4 => second.parse::<u16>().ok() == Some(start + 1),
            _ => false,
        };
        if !follows {
            return Err(fail());
        }
        EntryYear::starting(start).ok_or_else(fail)
    }
}

impl TryFrom<String> for EntryYear {
    type Error = NotAnEntryYear;

    fn try_from(s: String) -> Result<Self, NotAnEntryYear> {
        s.parse()
    }
}

impl From<EntryYear> for String {
    fn from(year: EntryYear) -> String {
        year.to_string()
    }
}

crate::vocabulary!(
    /// Whether a course is taking applications, as its page says.
    Status {
        /// Taking applications ("apply now", "applications open").
        Recruiting => "recruiting",
        /// Running, but not recruiting this year: applications are closed.
        Closed => "closed",
        /// Ending or ended: a last intake, no longer running, or its page gone.
        Discontinued => "discontinued",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years_read_in_three_spellings_and_write_in_one() {
        for text in ["2025/26", "2025-26", "2025/2026", " 2025-2026 ", "2025–26"] {
            assert_eq!(text.parse::<EntryYear>().map(|y| y.to_string()), Ok("2025/26".into()));
        }
        assert_eq!("1999/00".parse::<EntryYear>().map(|y| y.start()), Ok(1999));
        assert_eq!("2099/00".parse::<EntryYear>().map(|y| y.to_string()), Ok("2099/00".into()));
        for bad in ["2025/27", "2025/2027", "25/26", "2025", "2025/6", "abcd/ef", "1850/51", ""] {
            assert!(bad.parse::<EntryYear>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_start_month_places_the_academic_year() {
        assert_eq!(EntryYear::of_start(2025, 9).map(|y| y.to_string()), Some("2025/26".into()));
        assert_eq!(EntryYear::of_start(2026, 1).map(|y| y.to_string()), Some("2025/26".into()));
        assert_eq!(EntryYear::of_start(2026, 8).map(|y| y.to_string()), Some("2025/26".into()));
        assert_eq!(EntryYear::of_start(1980, 10), None);
    }

    #[test]
    fn serde_uses_the_string_and_rejects_a_bad_year() {
        let year: EntryYear = serde_json::from_str("\"2026-27\"").expect("reads");
        assert_eq!(serde_json::to_string(&year).expect("writes"), "\"2026/27\"");
        assert!(serde_json::from_str::<EntryYear>("\"2026/28\"").is_err());
        assert_eq!(
            serde_json::to_string(&Status::Discontinued).expect("writes"),
            "\"discontinued\""
        );
        assert_eq!("closed".parse::<Status>(), Ok(Status::Closed));
        assert!("open".parse::<Status>().is_err());
    }
}
