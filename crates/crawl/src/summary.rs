//! What the crawl did, per host: returned, printed and written as `crawl-summary.json`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Out-of-scope links listed per host in the summary (all are counted).
const OUT_OF_SCOPE_SAMPLE: usize = 50;

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
    /// Failures by kind (`timeout`, `http_404`, `body_too_large`, …), after retries.
    pub errors: BTreeMap<String, usize>,
    /// Retries made (each also counted in `requests`).
    pub retries: usize,
    /// From the first request to the last response.
    #[serde(with = "seconds")]
    pub time: Duration,
    /// A sample of the out-of-scope links, for a person to check the scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub out_of_scope_sample: Vec<String>,
}

impl HostSummary {
    pub fn error(&mut self, kind: &str) {
        *self.errors.entry(kind.to_owned()).or_default() += 1;
    }

    pub fn error_count(&self) -> usize {
        self.errors.values().sum()
    }

    pub(crate) fn out_of_scope_link(&mut self, url: &str) {
        self.out_of_scope += 1;
        if self.out_of_scope_sample.len() < OUT_OF_SCOPE_SAMPLE {
            self.out_of_scope_sample.push(url.to_owned());
        }
    }
}

/// The whole crawl's tally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrawlSummary {
    /// The crawl run (its start time); resumed runs keep it.
    pub run_id: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    /// False when the crawl was stopped before its frontier was empty (resume it).
    pub complete: bool,
    /// Wall time of this invocation (a resumed crawl counts only its own part).
    #[serde(with = "seconds")]
    pub elapsed: Duration,
    pub hosts: BTreeMap<String, HostSummary>,
}

impl CrawlSummary {
    /// Pages stored or reused across all hosts.
    pub fn pages(&self) -> usize {
        self.hosts.values().map(|h| h.fetched + h.not_modified).sum()
    }

    pub fn errors(&self) -> usize {
        self.hosts.values().map(HostSummary::error_count).sum()
    }

    /// Writes the summary as pretty JSON, atomically.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|err| Error::State { path: path.to_owned(), reason: err.to_string() })?;
        coursemap_records::write_atomically(path, |out| {
            std::io::Write::write_all(out, &json)
                .map_err(|source| coursemap_records::Error::Io { path: path.to_owned(), source })
        })?;
        Ok(())
    }
}

impl fmt::Display for CrawlSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<36} {:>7} {:>7} {:>5} {:>7} {:>7} {:>7} {:>6} {:>8}",
            "host", "fetched", "304", "gone", "robots", "out", "budget", "errors", "time"
        )?;
        for (host, s) in &self.hosts {
            writeln!(
                f,
                "{:<36} {:>7} {:>7} {:>5} {:>7} {:>7} {:>7} {:>6} {:>7.1}s",
                host,
                s.fetched,
                s.not_modified,
                s.gone,
                s.robots_blocked,
                s.out_of_scope,
                s.over_budget,
                s.error_count(),
                s.time.as_secs_f64()
            )?;
            for (kind, count) in &s.errors {
                writeln!(f, "{:<36}   error {kind}: {count}", "")?;
            }
        }
        write!(
            f,
            "{} pages from {} hosts, {} errors, in {:.1}s{}",
            self.pages(),
            self.hosts.len(),
            self.errors(),
            self.elapsed.as_secs_f64(),
            if self.complete { "" } else { " (stopped early; run again with --resume)" }
        )
    }
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
