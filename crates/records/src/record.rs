//! The record type, field for field as `../shared/record-contract.md` fixes it and
//! `docs/record-contract.md` specifies it with the project's extensions.
//!
//! Field names and enumeration strings are a contract with tools outside the project: add
//! fields (with `#[serde(default)]` so older files still read), never rename or drop one.
//! Unknown values are `None` (serialised `null`), never an empty string or a guess.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Archived, EntryYear, Field, Nation, Region, Status, UkRegion};

/// One course, module, short course or fellowship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id derived from the canonical URL; only `[A-Za-z0-9_-]` (see [`crate::record_id`]).
    pub id: String,
    /// Canonical URL of the page the record came from.
    pub url: String,
    /// The course's title as the page gives it, whitespace collapsed; never empty (a page
    /// without a title gives no record).
    pub title: String,
    /// Institution or organisation name.
    pub provider: Option<String>,
    /// The provider's id in `seeds/`, `None` when found outside the seeds.
    pub provider_id: Option<String>,
    /// Programme, module, short course or fellowship: which of the report's tables it is
    /// counted in.
    pub kind: Kind,
    /// Normalised final awards; `Some(vec![])` when there is none, `None` when not known.
    pub awards: Option<Vec<String>>,
    /// Sorted distinct FHEQ levels 3..=8; `None` when not known.
    pub fheq_levels: Option<Vec<u8>>,
    /// True when only "postgraduate" is known (report table 5's row).
    #[serde(default)]
    pub postgraduate_unspecified: bool,
    /// Entry requirements; every part unknown when the page states none.
    #[serde(default)]
    pub entry: Entry,
    /// Length of study, by route, with its report category.
    #[serde(default)]
    pub length: Length,
    /// How the course is taught; `None` when not known.
    pub delivery: Option<Delivery>,
    /// Fees, free places and stipends.
    #[serde(default)]
    pub cost: Cost,
    /// Topics the page lists, in page order, de-duplicated ignoring case, each at most 80
    /// bytes; the page's own wording, not a vocabulary. Empty when the page lists none.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Plain-text description with boilerplate removed; `None` when the page has none.
    pub description: Option<String>,
    /// Which of the seed search terms the page matches, spelled as in `seeds/terms.txt`.
    #[serde(default)]
    pub matched_terms: Vec<String>,
    /// Whether improvement is the course's subject or a part of it; `None` when the record
    /// matches no search term (it is then left out of the report's tables).
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
    /// The provider's nation from the seeds (none for a UK-wide or online provider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nation: Option<Nation>,
    /// The provider's region of the UK from the seeds: England's nine regions and the other
    /// three nations (none for a UK-wide or online provider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uk_region: Option<UkRegion>,
    /// The academic year of entry the page describes ("2025/26"); none when it states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_year: Option<EntryYear>,
    /// Whether the course is recruiting, closed this year or discontinued; none when the page
    /// does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Other URLs that described the same course and were merged into this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_urls: Vec<String>,
    /// The WARC capture of the page the record was read from (for a feed's courses, the
    /// feed): file, offset and record id in the catalogue's `warc/`. None when the crawl kept
    /// no WARC (`--no-warc`) or the page predates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<Archived>,
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
            nation: None,
            uk_region: None,
            entry_year: None,
            status: None,
            merged_urls: Vec::new(),
            archived: None,
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
    /// The academic minimum; `None` when not known or not stated (a requirement of GCSEs
    /// alone lists [`Requirement::Academic`] but leaves this `None`).
    pub academic: Option<Academic>,
    /// The source wording, trimmed.
    pub text: Option<String>,
}

/// A kind of entry criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// A qualification: a degree, study at a level, GCSEs.
    Academic,
    /// Experience of work, usually in health or social care.
    WorkExperience,
    /// Registration with a professional body (NMC, HCPC, GMC and the like).
    ProfessionalRegistration,
}

/// The academic entry minimum (report table 6, second part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Academic {
    /// No academic qualification asked for ("no formal entry requirements").
    None,
    /// Extension: study at level 3 (A levels, UCAS tariff points, Highers, BTEC, an Access
    /// to HE diploma), the entry of undergraduate degrees, which the 2014 report (of
    /// postgraduate courses) had no row for.
    #[serde(rename = "level3_study")]
    Level3Study,
    /// Study at level 5: a diploma or a foundation degree.
    #[serde(rename = "level5_study")]
    Level5Study,
    /// An undergraduate degree, grade unspecified.
    Degree,
    /// A first or upper-second class degree.
    #[serde(rename = "degree_2_1")]
    Degree21,
    /// A lower-second class degree.
    #[serde(rename = "degree_2_2")]
    Degree22,
    /// A master's degree.
    Masters,
    /// Depends on the level or module taken.
    DependsOnLevel,
}

/// A span of months; `min` is `None` when only a maximum was stated ("up to 4 years").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    /// The shortest time in months; `None` when only a maximum was stated, else `≤ max`.
    pub min: Option<u32>,
    /// The longest time in months (the only time, for a fixed length).
    pub max: u32,
}

impl MonthRange {
    /// A fixed length of `months`: `min` and `max` both `months`.
    pub fn exactly(months: u32) -> Self {
        MonthRange { min: Some(months), max: months }
    }

    /// From `min` to `max` months; the two are swapped if given the wrong way round.
    pub fn between(min: u32, max: u32) -> Self {
        MonthRange { min: Some(min.min(max)), max: min.max(max) }
    }

    /// At most `max` months, no minimum stated ("up to 4 years" is `up_to(48)`).
    pub fn up_to(max: u32) -> Self {
        MonthRange { min: None, max }
    }
}

/// A span of study hours ("1-2 hours").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HourRange {
    /// The fewest hours, possibly fractional; `None` when only a maximum was stated.
    pub min: Option<f64>,
    /// The most hours (the only figure, for a fixed time), possibly fractional.
    pub max: f64,
}

/// Length of study (report table 7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Length {
    /// Length of the full-time route; `None` when there is none or it is not known.
    pub full_time_months: Option<MonthRange>,
    /// Length of the part-time route; `None` when there is none or it is not known.
    pub part_time_months: Option<MonthRange>,
    /// Short course or standalone module (days, hours, a single module).
    #[serde(default)]
    pub short: bool,
    /// E.g. Open University study at one's own pace.
    #[serde(default)]
    pub no_time_limit: bool,
    /// Study hours where the page gives them ("1-2 hours"); `None` otherwise.
    pub hours: Option<HourRange>,
    /// Derived by [`Length::derive_category`]; stored so outside tools need not re-derive it.
    pub category: Option<LengthCategory>,
    /// The page's own words for the length; `None` when it gives none.
    pub text: Option<String>,
}

/// The report's table 7 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LengthCategory {
    /// A short course or standalone module ([`Length::short`]).
    #[serde(rename = "short")]
    Short,
    /// Full-time only, at most a year.
    #[serde(rename = "1y_ft_only")]
    OneYearFullTimeOnly,
    /// At most a year full-time, or two to four years part-time.
    #[serde(rename = "1y_ft_or_2_4y_pt")]
    OneYearFullTimeOrTwoToFourPartTime,
    /// Part-time only, at most three years.
    #[serde(rename = "up_to_3y_pt_only")]
    UpToThreeYearsPartTimeOnly,
    /// Part-time only, at least three years (the report's "3-9 years").
    #[serde(rename = "3_9y_pt_only")]
    ThreeToNineYearsPartTimeOnly,
    /// At least three years full-time or at least four years part-time.
    #[serde(rename = "3y_plus_ft_or_4y_plus_pt")]
    ThreeYearsPlusFullTimeOrFourPlusPartTime,
    /// Study at one's own pace ([`Length::no_time_limit`]).
    #[serde(rename = "no_time_limit")]
    NoTimeLimit,
    /// A known length that fits no other row (two years full-time, "up to 4 years"
    /// part-time).
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
    /// Each fee the page states; empty when it states none.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Explicitly free of charge.
    #[serde(default)]
    pub free: bool,
    /// The learner is paid (stipend, or salary covered).
    #[serde(default)]
    pub stipend: bool,
    /// The source wording about cost; `None` when the page says nothing of it.
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
    /// What the amount is charged per: a year, the whole course, a module, a credit or a
    /// session. With no period stated, a year for a programme and the course otherwise.
    pub per: FeePer,
    /// Who pays it: home students, international students, or anyone.
    pub student: Student,
    /// The study mode the fee is for; `None` when it is not tied to one.
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
    /// Each year of study.
    Year,
    /// The whole course.
    Course,
    /// Each module.
    Module,
    /// Each credit.
    Credit,
    /// Each session, day, workshop or event.
    Session,
}

/// Who a fee applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Student {
    /// Home (UK) students.
    Home,
    /// International (overseas) students.
    International,
    /// Every student: the page makes no distinction.
    Any,
}

/// Full-time or part-time study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StudyMode {
    /// Full-time study.
    FullTime,
    /// Part-time study.
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
    /// The kind of source the value was read from.
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
    /// The page's schema.org microdata.
    Microdata,
    /// The provider's XCRI-CAP course feed.
    XcriCap,
    /// A key-facts panel or table on the page.
    KeyFacts,
    /// The course description or the page's prose.
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
