//! Search filters and their parsing from strings, shared by the CLI and the HTTP API.
//!
//! Enumerated values are spelled as in the record contract (`distance`, `short_course`,
//! `main`, ...); a bad value is a [`FilterError`] naming it and the values that would do.

use std::fmt;
use std::str::FromStr;

use coursemap_records::{Delivery, Focus, Kind, LengthCategory, Record, UnknownName};
pub use coursemap_records::{EntryYear, Status};
pub use coursemap_records::{Nation, Place, Region, UkRegion};

use crate::Dimension;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A filter value that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// A value outside a filter's closed set: a level outside 3 to 8, a delivery, kind,
    /// focus or length category the contract does not spell so, a malformed provider id or
    /// award, or a switch that is not true or false.
    #[error("unknown {what} `{value}` (expected one of: {expected})")]
    UnknownValue {
        /// What the value should have been (`FHEQ level`, `delivery`).
        what: &'static str,
        /// The value as given.
        value: String,
        /// The values that would do, comma-separated, or a description of them.
        expected: String,
    },
    /// A `max_fee` or `max_months` that is not a usable number.
    #[error("bad {what} `{value}`: {reason}")]
    BadNumber {
        /// Which bound (`maximum fee`, `maximum months`).
        what: &'static str,
        /// The value as given.
        value: String,
        /// What a good value looks like.
        reason: &'static str,
    },
    /// A filter name [`Filters::apply`] does not know (or `term`, which is counted but not
    /// filtered on); holds the name.
    #[error("unknown filter `{0}` (filters: {names})", names = filter_names())]
    UnknownFilter(String),
    /// A well-formed provider id that no record has and the catalogue was not built for;
    /// holds the id. Raised by a search, not by parsing.
    #[error("no provider `{0}` in the catalogue")]
    UnknownProvider(String),
    /// A name outside one of the records' closed vocabularies (a region).
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
}

/// Filters given once, each a bound or a switch rather than a facet dimension's value.
pub const SCALAR_FILTERS: [&str; 4] = ["max_fee", "max_months", "part_time", "full_time"];

/// Every name [`Filters::apply`] accepts: the filtering facet dimensions, then the scalars.
pub fn filter_names() -> String {
    let dimensions = Dimension::ALL.into_iter().filter(|d| d.is_filter()).map(Dimension::as_str);
    dimensions.chain(SCALAR_FILTERS).collect::<Vec<_>>().join(", ")
}

/// An FHEQ level, 3..=8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Level(u8);

impl Level {
    /// The lowest level the records hold.
    pub const MIN: u8 = 3;
    /// The highest FHEQ level (doctorates).
    pub const MAX: u8 = 8;

    /// The level `level`; `None` outside [`Level::MIN`]..=[`Level::MAX`].
    pub fn new(level: u8) -> Option<Level> {
        (Self::MIN..=Self::MAX).contains(&level).then_some(Level(level))
    }

    /// The level as a number, 3 to 8.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl FromStr for Level {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse::<u8>().ok().and_then(Level::new).ok_or_else(|| FilterError::UnknownValue {
            what: "FHEQ level",
            value: s.to_owned(),
            expected: "3, 4, 5, 6, 7, 8".to_owned(),
        })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Every delivery mode, in the contract's order.
pub const DELIVERIES: [Delivery; 5] = [
    Delivery::Campus,
    Delivery::CampusAndWorkBased,
    Delivery::Distance,
    Delivery::ELearning,
    Delivery::Blended,
];
/// Every kind, in the contract's order.
pub const KINDS: [Kind; 4] = [Kind::Programme, Kind::Module, Kind::ShortCourse, Kind::Fellowship];
/// Every focus.
pub const FOCUSES: [Focus; 2] = [Focus::Main, Focus::Related];
/// Every length category, in the order of the report's table 7 (then `other`).
pub const LENGTH_CATEGORIES: [LengthCategory; 8] = [
    LengthCategory::Short,
    LengthCategory::OneYearFullTimeOnly,
    LengthCategory::OneYearFullTimeOrTwoToFourPartTime,
    LengthCategory::UpToThreeYearsPartTimeOnly,
    LengthCategory::ThreeToNineYearsPartTimeOnly,
    LengthCategory::ThreeYearsPlusFullTimeOrFourPlusPartTime,
    LengthCategory::NoTimeLimit,
    LengthCategory::Other,
];

/// The contract's spelling of an enumerated record value (`"short_course"`).
///
/// The records crate owns the spelling (its serde attributes), so it is read from there
/// rather than repeated.
pub fn contract_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => panic!("contract enums serialise as strings, got {other:?}"),
    }
}

fn parse_enum<T: Serialize + DeserializeOwned + Copy>(
    what: &'static str,
    all: &[T],
    s: &str,
) -> Result<T, FilterError> {
    let wanted = s.trim();
    all.iter().copied().find(|v| contract_name(v) == wanted).ok_or_else(|| {
        FilterError::UnknownValue {
            what,
            value: s.to_owned(),
            expected: all.iter().map(contract_name).collect::<Vec<_>>().join(", "),
        }
    })
}

/// A delivery mode, spelled as in the contract (`e_learning`).
pub fn parse_delivery(s: &str) -> Result<Delivery, FilterError> {
    parse_enum("delivery", &DELIVERIES, s)
}

/// A kind, spelled as in the contract (`short_course`).
pub fn parse_kind(s: &str) -> Result<Kind, FilterError> {
    parse_enum("kind", &KINDS, s)
}

/// A focus: `main` or `related`.
pub fn parse_focus(s: &str) -> Result<Focus, FilterError> {
    parse_enum("focus", &FOCUSES, s)
}

/// A length category, spelled as in the contract (`1y_ft_or_2_4y_pt`).
pub fn parse_length(s: &str) -> Result<LengthCategory, FilterError> {
    parse_enum("length category", &LENGTH_CATEGORIES, s)
}

/// A provider id as the seeds write them: lower-case letters, digits and `_`.
pub fn parse_provider(s: &str) -> Result<String, FilterError> {
    let id = s.trim();
    if !id.is_empty()
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(id.to_owned())
    } else {
        Err(FilterError::UnknownValue {
            what: "provider id",
            value: s.to_owned(),
            expected: "a seeds provider id such as lsbu or health_foundation".to_owned(),
        })
    }
}

/// A final award as the records spell it (`MSc`, `PGCert`, `DProf`): letters, digits,
/// spaces and `.`.
pub fn parse_award(s: &str) -> Result<String, FilterError> {
    let award = s.trim();
    if !award.is_empty()
        && award.len() <= 40
        && award.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '.')
    {
        Ok(award.to_owned())
    } else {
        Err(FilterError::UnknownValue {
            what: "award",
            value: s.to_owned(),
            expected: "an award as the records spell it, such as MSc or PGCert".to_owned(),
        })
    }
}

fn parse_bool(what: &'static str, value: &str) -> Result<bool, FilterError> {
    match value.trim() {
        "" | "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(FilterError::UnknownValue {
            what,
            value: value.to_owned(),
            expected: "true, false".to_owned(),
        }),
    }
}

/// A fee cap in pounds: a finite, non-negative number; `£` and `,` are allowed.
pub fn parse_fee(s: &str) -> Result<f64, FilterError> {
    let cleaned: String = s.trim().trim_start_matches('£').chars().filter(|&c| c != ',').collect();
    match cleaned.parse::<f64>() {
        Ok(fee) if fee.is_finite() && fee >= 0.0 => Ok(fee),
        _ => Err(FilterError::BadNumber {
            what: "maximum fee",
            value: s.to_owned(),
            reason: "expected an amount in pounds such as 5000",
        }),
    }
}

/// An academic year of entry: "2025/26" (or "2025-26", "2025/2026").
pub fn parse_entry_year(s: &str) -> Result<EntryYear, FilterError> {
    s.trim().parse::<EntryYear>().map_err(|_| FilterError::UnknownValue {
        what: "entry year",
        value: s.to_owned(),
        expected: "an academic year such as 2025/26".to_owned(),
    })
}

/// A length cap in months: a whole, non-negative number.
pub fn parse_months(s: &str) -> Result<u32, FilterError> {
    s.trim().parse::<u32>().map_err(|_| FilterError::BadNumber {
        what: "maximum months",
        value: s.to_owned(),
        reason: "expected a whole number of months such as 12",
    })
}

/// What a search is restricted to. Within one dimension values are alternatives (levels
/// `[6, 7]` match a course at 6 or at 7); dimensions are AND-ed. The default restricts nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Filters {
    /// A course offered at several levels matches each of them.
    pub levels: Vec<Level>,
    /// Delivery modes; courses with no known delivery are excluded.
    pub delivery: Vec<Delivery>,
    /// Kinds of learning opportunity.
    pub kind: Vec<Kind>,
    /// Seeds provider ids.
    pub provider: Vec<String>,
    /// Provider regions, the report's or the UK's; courses from outside the seeded providers
    /// are excluded.
    pub region: Vec<Place>,
    /// Provider nations; courses of UK-wide and online providers are excluded.
    pub nation: Vec<Nation>,
    /// Academic years of entry; courses whose page states no year are excluded.
    pub entry_year: Vec<EntryYear>,
    /// Recruiting, closed or discontinued; courses whose page does not say are excluded.
    pub status: Vec<Status>,
    /// `main` or `related`; courses matching no search term are excluded.
    pub focus: Vec<Focus>,
    /// The report's table 7 length categories; courses with no known category are excluded.
    pub length: Vec<LengthCategory>,
    /// Final awards, spelled as the records spell them; a course with several awards
    /// matches each.
    pub award: Vec<String>,
    /// Cheapest known home fee, in GBP per year of study (see [`crate::document::home_fee_gbp`]);
    /// courses with no known fee are excluded. Free courses and funded fellowships count as 0.
    pub max_fee: Option<f64>,
    /// Longest duration in months of the full-time route (of the part-time route with
    /// `part_time`). Courses with no such route, or no known length, are excluded; short
    /// courses (days or hours) always fit.
    pub max_months: Option<u32>,
    /// Only courses with a part-time route; with `max_months`, cap that route's length.
    pub part_time: bool,
    /// Only courses with a full-time route.
    pub full_time: bool,
}

impl Filters {
    /// Adds one `name=value` filter, as a query string or command line gives them.
    /// `part_time` takes `true`/`false` (or an empty value meaning true).
    pub fn apply(&mut self, name: &str, value: &str) -> Result<(), FilterError> {
        // `levels` is the field's plural, which people type too.
        let name = if name == "levels" { "level" } else { name };
        if let Some(dimension) = Dimension::from_name(name).filter(|d| d.is_filter()) {
            return self.apply_dimension(dimension, value);
        }
        match name {
            "max_fee" => self.max_fee = Some(parse_fee(value)?),
            "max_months" => self.max_months = Some(parse_months(value)?),
            "part_time" => self.part_time = parse_bool("part_time", value)?,
            "full_time" => self.full_time = parse_bool("full_time", value)?,
            other => return Err(FilterError::UnknownFilter(other.to_owned())),
        }
        Ok(())
    }

    /// Adds one value of a facet dimension's filter.
    fn apply_dimension(&mut self, dimension: Dimension, value: &str) -> Result<(), FilterError> {
        match dimension {
            Dimension::Level => self.levels.push(value.parse()?),
            Dimension::Delivery => self.delivery.push(parse_delivery(value)?),
            Dimension::Kind => self.kind.push(parse_kind(value)?),
            Dimension::Provider => self.provider.push(parse_provider(value)?),
            Dimension::Region => self.region.push(value.parse::<Place>()?),
            Dimension::Nation => self.nation.push(value.parse::<Nation>()?),
            Dimension::EntryYear => self.entry_year.push(parse_entry_year(value)?),
            Dimension::Status => self.status.push(value.trim().parse::<Status>()?),
            Dimension::Focus => self.focus.push(parse_focus(value)?),
            Dimension::Length => self.length.push(parse_length(value)?),
            Dimension::Award => self.award.push(parse_award(value)?),
            Dimension::MatchedTerm => {
                return Err(FilterError::UnknownFilter(dimension.as_str().to_owned()));
            }
        }
        Ok(())
    }

    /// True when `record` meets every filter: the same rules the index applies, read from
    /// the record itself (for the vocabulary's aliases, which are decided at index time).
    pub fn admits(&self, record: &Record) -> bool {
        let levels = record.fheq_levels.as_deref().unwrap_or_default();
        let awards = record.awards.as_deref().unwrap_or_default();
        let ft_max = record.length.full_time_months.map(|r| r.max);
        let pt_max = record.length.part_time_months.map(|r| r.max);
        let short = record.length.category == Some(LengthCategory::Short);
        let fee = crate::document::home_fee_gbp(record);
        (self.levels.is_empty() || self.levels.iter().any(|l| levels.contains(&l.get())))
            && (self.delivery.is_empty()
                || record.delivery.is_some_and(|d| self.delivery.contains(&d)))
            && (self.kind.is_empty() || self.kind.contains(&record.kind))
            && (self.provider.is_empty()
                || record.provider_id.as_ref().is_some_and(|p| self.provider.contains(p)))
            && (self.region.is_empty()
                || self.region.iter().any(|p| p.contains(record.region, record.uk_region)))
            && (self.nation.is_empty() || record.nation.is_some_and(|n| self.nation.contains(&n)))
            && (self.entry_year.is_empty()
                || record.entry_year.is_some_and(|y| self.entry_year.contains(&y)))
            && (self.status.is_empty() || record.status.is_some_and(|s| self.status.contains(&s)))
            && (self.focus.is_empty() || record.focus.is_some_and(|f| self.focus.contains(&f)))
            && (self.length.is_empty()
                || record.length.category.is_some_and(|c| self.length.contains(&c)))
            && (self.award.is_empty() || self.award.iter().any(|a| awards.contains(a)))
            && self.max_fee.is_none_or(|max| fee.is_some_and(|fee| fee <= max))
            && (!self.part_time || pt_max.is_some())
            && (!self.full_time || ft_max.is_some())
            && self.max_months.is_none_or(|max| {
                let route = if self.part_time { pt_max } else { ft_max };
                short || route.is_some_and(|months| months <= max)
            })
    }

    /// Filters from `(name, value)` pairs, e.g. an HTTP query string minus `q`.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filters, FilterError> {
        let mut filters = Filters::default();
        for (name, value) in pairs {
            filters.apply(name, value)?;
        }
        Ok(filters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_parse_as_the_contract_spells_them() {
        assert_eq!("7".parse::<Level>().expect("level").get(), 7);
        assert_eq!(parse_delivery("distance").expect("delivery"), Delivery::Distance);
        assert_eq!(parse_delivery("e_learning").expect("delivery"), Delivery::ELearning);
        assert_eq!(parse_kind("short_course").expect("kind"), Kind::ShortCourse);
        assert_eq!(parse_focus("related").expect("focus"), Focus::Related);
        assert_eq!(
            parse_length("1y_ft_only").expect("length"),
            LengthCategory::OneYearFullTimeOnly
        );
        assert_eq!(
            parse_length("3_9y_pt_only").expect("length"),
            LengthCategory::ThreeToNineYearsPartTimeOnly
        );
        assert_eq!("north_west".parse::<Region>().expect("region"), Region::NorthWest);
        assert_eq!(parse_fee("£5,000").expect("fee"), 5000.0);
    }

    #[test]
    fn bad_values_are_named_in_the_error() {
        let err = "9".parse::<Level>().expect_err("level 9");
        assert_eq!(err.to_string(), "unknown FHEQ level `9` (expected one of: 3, 4, 5, 6, 7, 8)");
        let err = parse_delivery("online").expect_err("delivery");
        assert!(err.to_string().contains("`online`"), "{err}");
        assert!(err.to_string().contains("campus_and_work_based"), "{err}");
        let err = Filters::from_pairs([("length", "2y")]).expect_err("length");
        assert!(err.to_string().starts_with("unknown length category `2y`"), "{err}");
        assert!(err.to_string().contains("3y_plus_ft_or_4y_plus_pt"), "{err}");
        assert!(parse_fee("-3").is_err());
        assert!(parse_fee("NaN").is_err());
        assert!(parse_provider("LSBU; drop").is_err());
        let err = Filters::from_pairs([("colour", "red")]).expect_err("unknown filter");
        assert!(err.to_string().starts_with("unknown filter `colour`"), "{err}");
    }

    #[test]
    fn pairs_accumulate() {
        let filters = Filters::from_pairs([
            ("level", "6"),
            ("level", "7"),
            ("part_time", ""),
            ("max_months", "24"),
            ("length", "short"),
            ("length", "no_time_limit"),
        ])
        .expect("filters");
        assert_eq!(filters.levels, vec![Level(6), Level(7)]);
        assert_eq!(filters.length, vec![LengthCategory::Short, LengthCategory::NoTimeLimit]);
        assert!(filters.part_time);
        assert_eq!(filters.max_months, Some(24));
    }
}
