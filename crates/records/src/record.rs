//! The record type, field for field as `../shared/record-contract.md` fixes it and
//! `docs/record-contract.md` specifies it with the project's extensions.
//!
//! Field names and enumeration strings are a contract with tools outside the project: add
//! fields (with `#[serde(default)]` so older files still read), never rename or drop one.
//! Unknown values are `None` (serialised `null`), never an empty string or a guess.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Field, Region};

/// One course, module, short course or fellowship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id derived from the canonical URL; only `[A-Za-z0-9_-]` (see [`crate::record_id`]).
    pub id: String,
    /// Canonical URL of the page the record came from.
    pub url: String,
    pub title: String,
    /// Institution or organisation name.
    pub provider: Option<String>,
    /// The provider's id in `seeds/`, `None` when found outside the seeds.
    pub provider_id: Option<String>,
    pub kind: Kind,
    /// Normalised final awards; `Some(vec![])` when there is none, `None` when not known.
    pub awards: Option<Vec<String>>,
    /// Sorted distinct FHEQ levels 3..=8; `None` when not known.
    pub fheq_levels: Option<Vec<u8>>,
    /// True when only "postgraduate" is known (report table 5's row).
    #[serde(default)]
    pub postgraduate_unspecified: bool,
    #[serde(default)]
    pub entry: Entry,
    #[serde(default)]
    pub length: Length,
    pub delivery: Option<Delivery>,
    #[serde(default)]
    pub cost: Cost,
    #[serde(default)]
    pub topics: Vec<String>,
    pub description: Option<String>,
    /// Which of the seed search terms the page matches, spelled as in `seeds/terms.txt`.
    #[serde(default)]
    pub matched_terms: Vec<String>,
    pub focus: Option<Focus>,
    /// Where each field came from, keyed by field (`"fheq_levels"`, `"cost"`, ...).
    #[serde(default)]
    pub evidence: BTreeMap<Field, Evidence>,
    /// Confirmed by the provider in the verification round trip.
    #[serde(default)]
    pub verified: bool,
    /// RFC 3339 UTC time the source was fetched.
    pub fetched_at: Option<String>,
    /// Hex SHA-256 of the fetched body, for change detection.
    pub content_sha256: Option<String>,

    // ---- Extensions (not in the contract; safe for outside tools to ignore) ----
    /// The provider's region from the seeds, for filtering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Other URLs that described the same course and were merged into this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_urls: Vec<String>,
}

impl Record {
    /// A record that knows only its id, where it came from, its title and kind: every fact
    /// is unknown (`None`), every list empty, nothing verified. Sources fill in the rest.
    pub fn new(
        id: impl Into<String>,
        url: impl Into<String>,
        title: impl Into<String>,
        kind: Kind,
    ) -> Self {
        Record {
            id: id.into(),
            url: url.into(),
            title: title.into(),
            provider: None,
            provider_id: None,
            kind,
            awards: None,
            fheq_levels: None,
            postgraduate_unspecified: false,
            entry: Entry::default(),
            length: Length::default(),
            delivery: None,
            cost: Cost::default(),
            topics: Vec::new(),
            description: None,
            matched_terms: Vec::new(),
            focus: None,
            evidence: BTreeMap::new(),
            verified: false,
            fetched_at: None,
            content_sha256: None,
            region: None,
            merged_urls: Vec::new(),
        }
    }
}

/// What sort of learning opportunity a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// HEI award-bearing programme (report tables 3-7).
    Programme,
    /// HEI award-bearing standalone module (report tables 3-7).
    Module,
    /// Non-award or CPD course, e.g. IHI, BMJ Learning (table 8).
    ShortCourse,
    /// Fellowships and funded training posts.
    Fellowship,
}

/// Entry requirements (report table 6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `Some(vec![])` means no entry criteria at all; `None` means not known.
    pub requires: Option<Vec<Requirement>>,
    pub academic: Option<Academic>,
    /// The source wording, trimmed.
    pub text: Option<String>,
}

/// A kind of entry criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Academic,
    WorkExperience,
    ProfessionalRegistration,
}

/// The academic entry minimum (report table 6, second part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Academic {
    None,
    /// Extension: study at level 3 (A levels, UCAS tariff points, Highers, BTEC, an Access
    /// to HE diploma), the entry of undergraduate degrees, which the 2014 report (of
    /// postgraduate courses) had no row for.
    #[serde(rename = "level3_study")]
    Level3Study,
    #[serde(rename = "level5_study")]
    Level5Study,
    /// An undergraduate degree, grade unspecified.
    Degree,
    #[serde(rename = "degree_2_1")]
    Degree21,
    #[serde(rename = "degree_2_2")]
    Degree22,
    Masters,
    DependsOnLevel,
}

/// A span of months; `min` is `None` when only a maximum was stated ("up to 4 years").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    pub min: Option<u32>,
    pub max: u32,
}

impl MonthRange {
    pub fn exactly(months: u32) -> Self {
        MonthRange { min: Some(months), max: months }
    }

    pub fn between(min: u32, max: u32) -> Self {
        MonthRange { min: Some(min.min(max)), max: min.max(max) }
    }

    pub fn up_to(max: u32) -> Self {
        MonthRange { min: None, max }
    }
}

/// A span of study hours ("1-2 hours").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HourRange {
    pub min: Option<f64>,
    pub max: f64,
}

/// Length of study (report table 7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Length {
    pub full_time_months: Option<MonthRange>,
    pub part_time_months: Option<MonthRange>,
    /// Short course or standalone module (days, hours, a single module).
    #[serde(default)]
    pub short: bool,
    /// E.g. Open University study at one's own pace.
    #[serde(default)]
    pub no_time_limit: bool,
    pub hours: Option<HourRange>,
    /// Derived by [`Length::derive_category`]; stored so outside tools need not re-derive it.
    pub category: Option<LengthCategory>,
    pub text: Option<String>,
}

/// The report's table 7 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LengthCategory {
    #[serde(rename = "short")]
    Short,
    #[serde(rename = "1y_ft_only")]
    OneYearFullTimeOnly,
    #[serde(rename = "1y_ft_or_2_4y_pt")]
    OneYearFullTimeOrTwoToFourPartTime,
    #[serde(rename = "up_to_3y_pt_only")]
    UpToThreeYearsPartTimeOnly,
    #[serde(rename = "3_9y_pt_only")]
    ThreeToNineYearsPartTimeOnly,
    #[serde(rename = "3y_plus_ft_or_4y_plus_pt")]
    ThreeYearsPlusFullTimeOrFourPlusPartTime,
    #[serde(rename = "no_time_limit")]
    NoTimeLimit,
    #[serde(rename = "other")]
    Other,
}

/// How a course is delivered (the report's delivery text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Taught on campus only.
    Campus,
    /// Taught on campus with a research project, placement or other work-based element.
    CampusAndWorkBased,
    /// Distance learning: materials, tutor support, little or no attendance.
    Distance,
    /// Wholly online interactive learning (typical of CPD e-learning).
    ELearning,
    /// Campus and online combined.
    Blended,
}

/// Cost or stipend.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Explicitly free of charge.
    #[serde(default)]
    pub free: bool,
    /// The learner is paid (stipend, or salary covered).
    #[serde(default)]
    pub stipend: bool,
    pub text: Option<String>,
    /// Extension: the stipend, salary or living bursary paid to the learner, where the page
    /// gives a figure ("a tax-free bursary of £19,833 over the course": 19833 per course).
    /// `student` is always `any` and `mode` null. Money paid to an employer is not here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stipend_amount: Option<Fee>,
}

/// One stated fee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    /// The amount in `currency`; whole amounts serialise without a fraction (`9250`).
    #[serde(serialize_with = "crate::number::serialize_amount")]
    pub amount: f64,
    /// ISO 4217 code; `GBP` for pounds.
    pub currency: String,
    pub per: FeePer,
    pub student: Student,
    pub mode: Option<StudyMode>,
}

impl Fee {
    /// A fee in pounds (`GBP`) of `amount` per `per`.
    pub fn gbp(amount: f64, per: FeePer, student: Student, mode: Option<StudyMode>) -> Fee {
        Fee { amount, currency: "GBP".to_owned(), per, student, mode }
    }
}

/// What a fee is charged per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeePer {
    Year,
    Course,
    Module,
    Credit,
    Session,
}

/// Who a fee applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Student {
    Home,
    International,
    Any,
}

/// Full-time or part-time study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StudyMode {
    FullTime,
    PartTime,
}

/// Whether improvement science is the subject of a course or a part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Improvement, implementation or innovation is the subject (report table 3).
    Main,
    /// A topic or work-based project within the course (report table 4).
    Related,
}

/// Where one field's value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub source: Source,
    /// The words the value was read from.
    pub text: String,
    /// The page the words are on, when it is not the record's own `url` (merged records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The kind of source a value was read from, best first: the order is the precedence
/// (`Ord`), so merging duplicates keeps the value from the smallest source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Entered in verification: a person at the provider checked it, so it beats any page.
    Manual,
    /// Structured data the provider published for machines first.
    JsonLd,
    Microdata,
    XcriCap,
    KeyFacts,
    Text,
}

impl Source {
    /// Plain words for people ("from the key-facts panel").
    pub fn describe(self) -> &'static str {
        match self {
            Source::JsonLd => "from the page's schema.org JSON-LD",
            Source::Microdata => "from the page's schema.org microdata",
            Source::XcriCap => "from the provider's XCRI-CAP course feed",
            Source::KeyFacts => "from the key-facts panel",
            Source::Text => "from the course description",
            Source::Manual => "entered by hand in verification",
        }
    }
}
