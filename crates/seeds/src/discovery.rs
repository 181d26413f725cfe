//! The seeds' ways into a site besides start URLs and sitemaps, and a provider's closing date.
//!
//! Real sites do things a crawl that only follows links never meets: course finders drawn in the
//! browser from a JSON search API (Funnelback's `search.json` is common among UK universities),
//! course pages on a third-party host that several providers share (CPD portals, FutureLearn),
//! and providers that have closed. Each is a typed value here, checked when the seeds load.

use std::fmt;
use std::str::FromStr;

use url::Url;

use crate::provider::TERM_PLACEHOLDER;

/// A course finder's JSON search API: the URL template (with `{term}`) and where the result
/// URLs sit in the JSON it returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchApi {
    /// URL template with a `{term}` placeholder, on one of the provider's allowed hosts.
    pub template: String,
    /// Where each result's URL is in the response (`response.resultPacket.results[].liveUrl`).
    pub results: JsonPath,
}

impl SearchApi {
    /// The API URL for each term, percent-encoded as for the site-search template.
    pub fn urls<I, S>(&self, terms: I) -> Vec<Url>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        fill_template(&self.template, terms)
    }
}

/// Fills `{term}` in `template` with each term, percent-encoded (every byte but RFC 3986
/// unreserved ones, so it is safe in a path segment as well as a query). A term whose URL
/// does not parse is left out (loading checks the template with a sample term).
pub fn fill_template<I, S>(template: &str, terms: I) -> Vec<Url>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    terms
        .into_iter()
        .filter_map(|term| {
            Url::parse(&template.replace(TERM_PLACEHOLDER, &percent_encode(term.as_ref()))).ok()
        })
        .collect()
}

fn percent_encode(term: &str) -> String {
    let mut out = String::with_capacity(term.len() * 3);
    for byte in term.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonStep {
    /// Into an object's member.
    Key(String),
    /// Into every element of an array.
    Each,
}

/// A path to values in a JSON document, written `a.b[].c`: member `a`, its member `b`, every
/// element of that array, each element's member `c`. Deliberately small: it is what course
/// finders' APIs need, and a seeds file stays readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    steps: Vec<JsonStep>,
    written: String,
}

impl JsonPath {
    /// The steps in order; never empty, and the last is always a [`JsonStep::Key`].
    pub fn steps(&self) -> &[JsonStep] {
        &self.steps
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl FromStr for JsonPath {
    type Err = String;

    fn from_str(written: &str) -> Result<Self, String> {
        let mut steps = Vec::new();
        for segment in written.split('.') {
            let (key, arrays) = match segment.find("[]") {
                Some(at) => (&segment[..at], &segment[at..]),
                None => (segment, ""),
            };
            if key.is_empty() && arrays.is_empty() {
                return Err("an empty step (two dots, or a dot at an end)".to_owned());
            }
            if !key.is_empty() {
                if key.contains(['[', ']']) {
                    return Err(format!("`{segment}`: brackets may only be `[]` after a name"));
                }
                steps.push(JsonStep::Key(key.to_owned()));
            }
            let mut rest = arrays;
            while let Some(after) = rest.strip_prefix("[]") {
                steps.push(JsonStep::Each);
                rest = after;
            }
            if !rest.is_empty() {
                return Err(format!("`{segment}`: unexpected `{rest}` after `[]`"));
            }
        }
        if !matches!(steps.last(), Some(JsonStep::Key(_))) {
            return Err("the path must end at a member holding the URL".to_owned());
        }
        Ok(JsonPath { steps, written: written.to_owned() })
    }
}

/// A path prefix on a host no single provider owns, under which one provider's pages live
/// (`https://applycpd.com/LSBU/`): the crawler follows links there for that provider only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPrefix {
    /// Lower-case host name.
    pub host: String,
    /// Path prefix, starting and ending with `/`.
    pub path: String,
}

impl SharedPrefix {
    /// Whether `url` is under this prefix (host ignoring ASCII case, path exactly).
    pub fn contains(&self, url: &Url) -> bool {
        url.host_str().is_some_and(|h| h.eq_ignore_ascii_case(&self.host))
            && url.path().starts_with(&self.path)
    }

    /// Whether one prefix contains the other (two providers may not claim overlapping ones).
    pub fn overlaps(&self, other: &SharedPrefix) -> bool {
        self.host == other.host
            && (self.path.starts_with(&other.path) || other.path.starts_with(&self.path))
    }
}

impl fmt::Display for SharedPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "https://{}{}", self.host, self.path)
    }
}

/// Where a provider's course pages live, as a path pattern: a prefix, in which `*` stands for
/// any run of characters (`/study/postgraduate-taught/courses/`, `/*-courses/*/september/`).
/// The crawler fetches links matching one before other links of equal promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern {
    /// The pattern split at its `*`s; the first part is a prefix of the path.
    parts: Vec<String>,
    written: String,
}

impl PathPattern {
    /// Whether `path` starts with the pattern (each `*` matching any characters).
    pub fn matches(&self, path: &str) -> bool {
        let Some((first, rest)) = self.parts.split_first() else { return false };
        let Some(mut remaining) = path.strip_prefix(first.as_str()) else { return false };
        for part in rest {
            match remaining.find(part.as_str()) {
                Some(at) => remaining = &remaining[at + part.len()..],
                None => return false,
            }
        }
        true
    }
}

impl fmt::Display for PathPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl FromStr for PathPattern {
    type Err = String;

    fn from_str(written: &str) -> Result<Self, String> {
        if !written.starts_with('/') {
            return Err("a path pattern starts with `/`".to_owned());
        }
        if written.contains(['?', '#', ' ']) {
            return Err("a path pattern has no query, fragment or space".to_owned());
        }
        let parts = written.split('*').map(str::to_owned).collect();
        Ok(PathPattern { parts, written: written.to_owned() })
    }
}

/// A month, written `YYYY-MM`: when a provider closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year, four digits.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("\"{text}\" is not a month written YYYY-MM");
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let year: u16 = year.parse().map_err(|_| bad())?;
        let month: u8 = month.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths_parse_into_steps() {
        let path: JsonPath = "response.resultPacket.results[].liveUrl".parse().expect("valid");
        assert_eq!(
            path.steps(),
            [
                JsonStep::Key("response".into()),
                JsonStep::Key("resultPacket".into()),
                JsonStep::Key("results".into()),
                JsonStep::Each,
                JsonStep::Key("liveUrl".into()),
            ]
        );
        assert_eq!(path.to_string(), "response.resultPacket.results[].liveUrl");
        let nested: JsonPath = "[].hits[][].url".parse().expect("valid");
        assert_eq!(nested.steps().iter().filter(|s| **s == JsonStep::Each).count(), 3);
        for bad in ["", "a..b", "a.", "results[]", "a[0].b", "a[]x.b"] {
            assert!(bad.parse::<JsonPath>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn path_patterns_are_prefixes_with_wildcards() {
        let kcl: PathPattern = "/study/postgraduate-taught/courses/".parse().expect("valid");
        assert!(kcl.matches("/study/postgraduate-taught/courses/healthcare-management-msc"));
        assert!(!kcl.matches("/study/undergraduate/courses/nursing"));
        let westminster: PathPattern = "/*-courses/*/september/".parse().expect("valid");
        assert!(
            westminster.matches(
                "/psychology-courses/2025-26/september/part-time-day/health-psychology-msc"
            )
        );
        assert!(!westminster.matches("/psychology-courses/2025-26/january/x"));
        for bad in ["study/", "/courses?x=1", "/a b/"] {
            assert!(bad.parse::<PathPattern>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn months_are_year_and_month() {
        assert_eq!("2017-12".parse(), Ok(YearMonth { year: 2017, month: 12 }));
        assert_eq!(YearMonth { year: 2025, month: 9 }.to_string(), "2025-09");
        for bad in ["2017", "2017-13", "17-12", "2017-1", "2017-00", "end of 2017"] {
            assert!(bad.parse::<YearMonth>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn shared_prefixes_match_their_path_only() {
        let lsbu = SharedPrefix { host: "applycpd.com".into(), path: "/LSBU/".into() };
        let url = |s: &str| Url::parse(s).expect("valid URL");
        assert!(lsbu.contains(&url("https://APPLYCPD.com/LSBU/courses/118211")));
        assert!(!lsbu.contains(&url("https://applycpd.com/KCL/courses/1")));
        assert!(!lsbu.contains(&url("https://applycpd.com/LSBUX/courses/1")));
        let all = SharedPrefix { host: "applycpd.com".into(), path: "/".into() };
        assert!(all.overlaps(&lsbu) && lsbu.overlaps(&all));
        let kcl = SharedPrefix { host: "applycpd.com".into(), path: "/KCL/".into() };
        assert!(!kcl.overlaps(&lsbu));
    }
}
