//! The crawl state in `<catalogue>/crawl-state/state.json`: run id, frontier, seen set and
//! tallies, saved atomically every few seconds and at the end.
//!
//! Why a periodic snapshot is enough to never lose or refetch a completed page: pages are
//! durable in the page store the moment they arrive, tagged with the run id. A URL
//! completed after the last snapshot is still queued in it; on resume, popping it finds the
//! page already in the store for this run and reuses it (its links are read again from the
//! stored body) instead of fetching it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::frontier::FrontierSnapshot;
use crate::summary::HostSummary;
use crate::{Error, Result};

const STATE_FILE: &str = "state.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CrawlState {
    pub run_id: String,
    pub started_at: DateTime<Utc>,
    /// The frontier was empty when this was saved: nothing left to resume.
    pub finished: bool,
    pub frontier: FrontierSnapshot,
    pub hosts: BTreeMap<String, HostSummary>,
    /// Page fetches charged to each host's budget.
    pub pages_charged: BTreeMap<String, usize>,
    /// Sitemap fetches charged per host.
    pub sitemaps_charged: BTreeMap<String, usize>,
    /// Links without relevance queued per URL pattern (the trap quota's counts); absent in
    /// states saved before the quota existed.
    #[serde(default)]
    pub trap_patterns: BTreeMap<String, usize>,
}

pub fn state_path(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

impl CrawlState {
    /// Loads the saved state, `None` if there is none.
    pub fn load(dir: &Path) -> Result<Option<Self>> {
        let path = state_path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(Error::Io { path, error }),
        };
        serde_json::from_str(&text).map(Some).map_err(|err| Error::State {
            // serde_json's message ends "at line L column C": the position is in it.
            reason: format!("{err}; delete the file (or crawl without --resume) to start afresh"),
            path,
        })
    }

    /// Saves atomically: a kill leaves the previous state or this one, never half of either.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = state_path(dir);
        let json = serde_json::to_vec(self)
            .map_err(|err| Error::State { path: path.clone(), reason: err.to_string() })?;
        coursemap_files::write_atomically(&path, |out| std::io::Write::write_all(out, &json))?;
        Ok(())
    }
}
