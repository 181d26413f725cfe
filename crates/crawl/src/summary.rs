//! What the crawl did, per host: returned, printed and written as `crawl-summary.json`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::failure::FailureKind;
use crate::trap::Trap;
use crate::{Error, Result};

/// Out-of-scope links listed per host in the summary (all are counted).
const OUT_OF_SCOPE_SAMPLE: usize = 50;
/// Links taken for traps listed per host in the summary (all are counted).
const TRAP_SAMPLE: usize = 50;
/// Failed URLs listed per host in the summary (all are counted in `errors`): enough for a
/// person to act on, bounded so a host that fails everything cannot bloat the file.
const FAILURES_LISTED: usize = 500;
/// Failed URLs printed per host at the end of a crawl; the rest are in the JSON summary.
const FAILURES_PRINTED: usize = 10;
/// Site structures listed per host in the summary (all are counted).
const ENCOUNTERS_LISTED: usize = 500;
/// Site structures printed per host at the end of a crawl.
const ENCOUNTERS_PRINTED: usize = 5;

/// A structure of the real web the crawler met and a researcher should know about: none is an
/// error of the crawl, each asks a person to look (fix the seeds, ask the provider).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encounter {
    /// A redirect to a host the provider does not own: not followed; the seeds may be out of
    /// date (the detail names the target).
    Moved,
    /// A bot challenge came back instead of the page: never stored, never extracted; the
    /// provider can be asked to let the crawler in. No attempt is made to get past it.
    Challenge,
    /// A 200 page saying the page or course is not found or no longer available: stored as
    /// gone, never a record.
    #[serde(rename = "soft_404")]
    Soft404,
    /// A seeded URL (start URL, site search, search API) that robots.txt disallows; for site
    /// search, once per provider. Discovery goes on through sitemaps and links.
    RobotsBlocked,
}

impl Encounter {
    /// The name in `crawl-summary.json` and the printed summary.
    pub fn as_str(self) -> &'static str {
        match self {
            Encounter::Moved => "moved",
            Encounter::Challenge => "challenge",
            Encounter::Soft404 => "soft_404",
            Encounter::RobotsBlocked => "robots_blocked",
        }
    }
}

impl fmt::Display for Encounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One URL where the crawler met an [`Encounter`], with what it saw there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encountered {
    /// The canonical URL requested.
    pub url: String,
    /// What was met there.
    pub kind: Encounter,
    /// The redirect target, the challenge's marker, the not-found wording, the robots rule.
    pub detail: String,
}

/// A URL that was not collected, and why: a failure (kinds as in [`HostSummary::errors`]) or
/// a link taken for a trap (kinds as in [`HostSummary::traps`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The canonical URL not collected.
    pub url: String,
    /// The failure kind (`timeout`, `http_404`, …) or the trap rule that caught it.
    pub kind: String,
}

/// One host's tally.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HostSummary {
    /// The provider whose allowed hosts include this one.
    pub provider: String,
    /// Requests sent, robots.txt and retries included.
    pub requests: usize,
    /// Pages and sitemaps fetched and stored (200 with a body kept).
    pub fetched: usize,
    /// Conditional refreshes answered 304: the stored page was reused.
    pub not_modified: usize,
    /// Pages answering 410, or 404 after having been stored: marked gone.
    pub gone: usize,
    /// Responses recorded without a body (PDFs and other content types).
    pub not_stored: usize,
    /// URLs robots.txt did not allow (never requested).
    pub robots_blocked: usize,
    /// Distinct links from this host's pages to hosts outside the provider (never requested).
    pub out_of_scope: usize,
    /// URLs not fetched because the host's page budget was spent.
    pub over_budget: usize,
    /// Distinct links to this host taken for crawler traps (never requested), by rule.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traps: BTreeMap<String, usize>,
    /// A sample of those links, for a person to check the rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trap_sample: Vec<Skipped>,
    /// Failures by kind (`timeout`, `http_404`, `body_too_large`, …: [`FailureKind::as_str`]),
    /// after retries.
    pub errors: BTreeMap<String, usize>,
    /// Retries made (each also counted in `requests`).
    pub retries: usize,
    /// From the first request to the last response.
    #[serde(with = "seconds")]
    pub time: Duration,
    /// A sample of the out-of-scope links, for a person to check the scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub out_of_scope_sample: Vec<String>,
    /// The URLs behind `errors`, each with its kind (the first 500 per host).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Skipped>,
    /// Real-web structures met on this host, by kind (see [`Encounter`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub encounters: BTreeMap<Encounter, usize>,
    /// The URLs behind `encounters`, with what was seen (the first 500 per host).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encountered: Vec<Encountered>,
}

impl HostSummary {
    /// Records that `url` failed for the reason `kind` (`timeout`, `http_404`, …).
    pub fn fail(&mut self, url: &str, kind: FailureKind) {
        count_and_sample(
            &mut self.errors,
            &mut self.failures,
            FAILURES_LISTED,
            url,
            &kind.as_str(),
        );
    }

    /// Failures of every kind on this host, after retries.
    pub fn error_count(&self) -> usize {
        self.errors.values().sum()
    }

    /// Records that the crawler met `kind` at `url`.
    pub fn encounter(&mut self, url: &str, kind: Encounter, detail: impl Into<String>) {
        *self.encounters.entry(kind).or_default() += 1;
        if self.encountered.len() < ENCOUNTERS_LISTED {
            self.encountered.push(Encountered { url: url.to_owned(), kind, detail: detail.into() });
        }
    }

    /// Whether the host answered with bot challenges: the researcher should ask the provider.
    pub fn challenged(&self) -> bool {
        self.encounters.contains_key(&Encounter::Challenge)
    }

    /// Records that the link to `url` was taken for a trap by the rule `trap`.
    pub(crate) fn trap_link(&mut self, url: &str, trap: Trap) {
        count_and_sample(&mut self.traps, &mut self.trap_sample, TRAP_SAMPLE, url, trap.as_str());
    }

    pub(crate) fn out_of_scope_link(&mut self, url: &str) {
        self.out_of_scope += 1;
        if self.out_of_scope_sample.len() < OUT_OF_SCOPE_SAMPLE {
            self.out_of_scope_sample.push(url.to_owned());
        }
    }
}

/// Counts `url` under `kind`, and lists it in `sample` while that holds fewer than `listed`.
fn count_and_sample(
    counts: &mut BTreeMap<String, usize>,
    sample: &mut Vec<Skipped>,
    listed: usize,
    url: &str,
    kind: &str,
) {
    *counts.entry(kind.to_owned()).or_default() += 1;
    if sample.len() < listed {
        sample.push(Skipped { url: url.to_owned(), kind: kind.to_owned() });
    }
}

/// The whole crawl's tally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrawlSummary {
    /// The crawl run (its start time); resumed runs keep it.
    pub run_id: String,
    /// When the run began; a resumed run keeps the first invocation's start.
    pub started_at: DateTime<Utc>,
    /// When this invocation ended, whether or not the frontier was empty.
    pub finished_at: DateTime<Utc>,
    /// False when the crawl was stopped before its frontier was empty (resume it).
    pub complete: bool,
    /// Wall time of this invocation (a resumed crawl counts only its own part).
    #[serde(with = "seconds")]
    pub elapsed: Duration,
    /// Each host's tally, by host name.
    pub hosts: BTreeMap<String, HostSummary>,
    /// Providers not crawled because the seeds say they closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_providers: Vec<ClosedProvider>,
    /// The crawling process's peak resident memory (Linux `VmHWM`), this invocation only;
    /// absent where the system does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_rss_bytes: Option<u64>,
}

/// A provider the crawl skipped because it closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedProvider {
    /// The provider's seeds id.
    pub provider: String,
    /// `YYYY-MM`, from the seeds.
    pub closed: String,
}

impl CrawlSummary {
    /// Encounters of `kind` across all hosts.
    pub fn encounters(&self, kind: Encounter) -> usize {
        self.hosts.values().filter_map(|h| h.encounters.get(&kind)).sum()
    }

    /// Pages stored or reused across all hosts.
    pub fn pages(&self) -> usize {
        self.hosts.values().map(|h| h.fetched + h.not_modified).sum()
    }

    /// Failures across all hosts, after retries.
    pub fn errors(&self) -> usize {
        self.hosts.values().map(HostSummary::error_count).sum()
    }

    /// Writes the summary as pretty JSON, atomically.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|err| Error::State { path: path.to_owned(), reason: err.to_string() })?;
        coursemap_files::write_atomically(path, |out| std::io::Write::write_all(out, &json))?;
        Ok(())
    }
}

impl fmt::Display for CrawlSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<36} {:>7} {:>7} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6} {:>8}",
            "host", "fetched", "304", "gone", "robots", "out", "budget", "traps", "errors", "time"
        )?;
        for (host, s) in &self.hosts {
            writeln!(
                f,
                "{:<36} {:>7} {:>7} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6} {:>7.1}s",
                host,
                s.fetched,
                s.not_modified,
                s.gone,
                s.robots_blocked,
                s.out_of_scope,
                s.over_budget,
                s.traps.values().sum::<usize>(),
                s.error_count(),
                s.time.as_secs_f64()
            )?;
            for (kind, count) in &s.errors {
                writeln!(f, "{:<36}   error {kind}: {count}", "")?;
            }
            for failure in s.failures.iter().take(FAILURES_PRINTED) {
                writeln!(f, "{:<36}   failed ({}): {}", "", failure.kind, failure.url)?;
            }
            let unprinted = s.error_count().saturating_sub(FAILURES_PRINTED);
            if unprinted > 0 {
                writeln!(f, "{:<36}   … {unprinted} more failures in crawl-summary.json", "")?;
            }
            for (kind, count) in &s.encounters {
                writeln!(f, "{:<36}   met {kind}: {count}", "")?;
            }
            for met in s.encountered.iter().take(ENCOUNTERS_PRINTED) {
                writeln!(f, "{:<36}   {} {} ({})", "", met.kind, met.url, met.detail)?;
            }
            if s.challenged() {
                writeln!(
                    f,
                    "{:<36}   bot challenges: ask the provider to let the crawler in (coursemap does not get past them)",
                    ""
                )?;
            }
        }
        for closed in &self.closed_providers {
            writeln!(f, "provider {} not crawled: closed {}", closed.provider, closed.closed)?;
        }
        write!(
            f,
            "{} pages from {} hosts, {} errors, in {:.1}s",
            self.pages(),
            self.hosts.len(),
            self.errors(),
            self.elapsed.as_secs_f64(),
        )?;
        if let Some(bytes) = self.peak_rss_bytes {
            write!(f, ", peak memory {:.0} MiB", bytes as f64 / (1024.0 * 1024.0))?;
        }
        if !self.complete {
            write!(f, " (stopped early; run again with --resume)")?;
        }
        Ok(())
    }
}

/// This process's peak resident set size, from `/proc/self/status` (Linux only).
pub(crate) fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 =
        line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

/// `Duration` as fractional seconds in JSON, which every reader understands.
mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(duration.as_secs_f64())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let secs = f64::deserialize(deserializer)?;
        Duration::try_from_secs_f64(secs).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typed kinds write exactly the names outside tools read in `crawl-summary.json`.
    #[test]
    fn failures_and_traps_serialize_under_their_old_names() {
        let mut host = HostSummary { provider: "uwl".to_owned(), ..HostSummary::default() };
        host.fail("https://www.uwl.ac.uk/old-course", FailureKind::Http(404));
        host.fail("https://www.uwl.ac.uk/big.html", FailureKind::BodyTooLarge);
        host.fail("https://www.uwl.ac.uk/other-gone", FailureKind::Http(404));
        host.trap_link("https://www.uwl.ac.uk/events?month=51", Trap::PatternQuota);
        let json = serde_json::to_value(&host).expect("summary serializes");
        assert_eq!(json["errors"], serde_json::json!({ "body_too_large": 1, "http_404": 2 }));
        assert_eq!(
            json["failures"],
            serde_json::json!([
                { "url": "https://www.uwl.ac.uk/old-course", "kind": "http_404" },
                { "url": "https://www.uwl.ac.uk/big.html", "kind": "body_too_large" },
                { "url": "https://www.uwl.ac.uk/other-gone", "kind": "http_404" },
            ])
        );
        assert_eq!(json["traps"], serde_json::json!({ "pattern_quota": 1 }));
        assert_eq!(
            json["trap_sample"],
            serde_json::json!([
                { "url": "https://www.uwl.ac.uk/events?month=51", "kind": "pattern_quota" }
            ])
        );
        assert_eq!(host.error_count(), 3);
    }
}
