//! The crawl state in `<catalogue>/crawl-state/`: a full snapshot (`state.json`: run id,
//! frontier, seen set, tallies) and the checkpoints written after it
//! (`checkpoints.jsonl`, one line each).
//!
//! Why a checkpoint is a change set, not a snapshot: at national size the frontier and seen
//! set run to hundreds of thousands of URLs, and rewriting them every few seconds would cost
//! more than the crawl. A checkpoint appends only what changed since the last one (URLs
//! seen, items queued or taken) and the per-host maps, which grow with hosts, not pages.
//! When the appended lines outgrow the snapshot, a new snapshot is written (atomically, with
//! the next `generation`) and the file of checkpoints emptied, so the bytes written stay
//! within twice the work done. A crawl killed between the two leaves checkpoints of the old
//! generation, which loading ignores; one killed mid-line leaves a torn last line, which
//! loading drops (and a resume starts a new snapshot, so nothing is appended after it).
//!
//! Why a periodic checkpoint is enough to never lose or refetch a completed page: pages are
//! durable in the page store the moment they arrive, tagged with the run id. A URL
//! completed after the last checkpoint is still queued in it; on resume, popping it finds the
//! page already in the store for this run and reuses it (its links are read again from the
//! stored body) instead of fetching it.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::frontier::{FrontierChanges, FrontierItem, FrontierSnapshot, FrontierView};
use crate::summary::HostSummary;
use crate::{Error, Result};

const STATE_FILE: &str = "state.json";
const CHECKPOINTS_FILE: &str = "checkpoints.jsonl";
/// Checkpoints appended before a new snapshot is due, however small the last one was.
const MIN_CHECKPOINT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CrawlState {
    pub run_id: String,
    pub started_at: DateTime<Utc>,
    /// Which checkpoints belong to this snapshot: those of the same generation (absent in
    /// states saved before checkpoints were change sets: generation 0).
    #[serde(default)]
    pub generation: u64,
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

/// One line of `checkpoints.jsonl`: the frontier's changes, and whole the maps keyed by host
/// (as in [`CrawlState`]), which grow with the hosts crawled and not with their pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Checkpoint<Q = FrontierItem> {
    /// The crawl run and the snapshot's generation this checkpoint follows: a fresh crawl
    /// killed before it emptied the file of an earlier run's checkpoints must not replay them.
    pub run_id: String,
    pub generation: u64,
    pub frontier: FrontierChanges<Q>,
    pub hosts: BTreeMap<String, HostSummary>,
    pub pages_charged: BTreeMap<String, usize>,
    pub sitemaps_charged: BTreeMap<String, usize>,
    pub trap_patterns: BTreeMap<String, usize>,
}

/// A saved crawl as loaded: the snapshot with the last checkpoint's host maps, and the
/// frontier changes to replay on the snapshot's frontier.
#[derive(Debug)]
pub struct SavedCrawl {
    pub state: CrawlState,
    pub later: Vec<FrontierChanges>,
}

pub fn state_path(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

fn checkpoints_path(dir: &Path) -> PathBuf {
    dir.join(CHECKPOINTS_FILE)
}

impl CrawlState {
    /// Loads the snapshot and the checkpoints after it, `None` if there is no snapshot.
    pub fn load(dir: &Path) -> Result<Option<SavedCrawl>> {
        let path = state_path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(Error::Io { path, error }),
        };
        let mut state: CrawlState = serde_json::from_str(&text).map_err(|err| Error::State {
            // serde_json's message ends "at line L column C": the position is in it.
            reason: format!("{err}; delete the file (or crawl without --resume) to start afresh"),
            path,
        })?;
        let mut later = Vec::new();
        for checkpoint in read_checkpoints(dir, &state.run_id, state.generation)? {
            later.push(checkpoint.frontier);
            state.hosts = checkpoint.hosts;
            state.pages_charged = checkpoint.pages_charged;
            state.sitemaps_charged = checkpoint.sitemaps_charged;
            state.trap_patterns = checkpoint.trap_patterns;
        }
        Ok(Some(SavedCrawl { state, later }))
    }
}

/// A full snapshot being written: [`CrawlState`]'s JSON, borrowed from the crawler (the
/// frontier serialised in place, see [`FrontierView`]).
#[derive(Debug, Serialize)]
pub struct SnapshotView<'a> {
    pub run_id: &'a str,
    pub started_at: DateTime<Utc>,
    pub generation: u64,
    pub finished: bool,
    pub frontier: FrontierView<'a>,
    pub hosts: &'a BTreeMap<String, HostSummary>,
    pub pages_charged: &'a BTreeMap<String, usize>,
    pub sitemaps_charged: &'a BTreeMap<String, usize>,
    pub trap_patterns: &'a BTreeMap<String, usize>,
}

impl SnapshotView<'_> {
    /// Saves atomically: a kill leaves the previous state or this one, never half of either.
    /// Returns the bytes written.
    pub fn save(&self, dir: &Path) -> Result<u64> {
        let path = state_path(dir);
        let mut bytes = 0;
        coursemap_files::write_atomically(&path, |out| {
            let mut counted = CountedWriter { inner: out, bytes: 0 };
            serde_json::to_writer(&mut counted, self).map_err(std::io::Error::from)?;
            bytes = counted.bytes;
            Ok(())
        })?;
        Ok(bytes)
    }
}

/// Counts what passes through to `inner`.
struct CountedWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The checkpoints of `run_id`'s `generation`, in order, up to a torn or unreadable line.
fn read_checkpoints(dir: &Path, run_id: &str, generation: u64) -> Result<Vec<Checkpoint>> {
    let path = checkpoints_path(dir);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::Io { path, error }),
    };
    let mut checkpoints = Vec::new();
    for (number, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = line.map_err(|error| Error::Io { path: path.clone(), error })?;
        match serde_json::from_slice::<Checkpoint>(&line) {
            Ok(checkpoint)
                if checkpoint.generation == generation && checkpoint.run_id == run_id =>
            {
                checkpoints.push(checkpoint);
            }
            // An older snapshot's or run's, left by a kill while a snapshot was written.
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(path = %path.display(), line = number + 1, %err,
                    "checkpoint unreadable (a kill mid-write); the crawl resumes from the one before");
                break;
            }
        }
    }
    Ok(checkpoints)
}

/// The file of checkpoints after the current snapshot, appended to.
#[derive(Debug)]
pub struct CheckpointLog {
    path: PathBuf,
    /// Open for appending once the first checkpoint after a snapshot is written.
    file: Option<File>,
    /// Bytes appended since the snapshot.
    bytes: u64,
    /// The snapshot's size: a new one is due when the checkpoints outgrow it.
    snapshot_bytes: u64,
}

impl CheckpointLog {
    pub fn new(dir: &Path) -> Self {
        CheckpointLog { path: checkpoints_path(dir), file: None, bytes: 0, snapshot_bytes: 0 }
    }

    /// Whether the checkpoints outgrew the snapshot, so the next should be a snapshot.
    pub fn wants_snapshot(&self) -> bool {
        self.bytes > self.snapshot_bytes.max(MIN_CHECKPOINT_BYTES)
    }

    /// Appends one checkpoint and syncs it to disk.
    pub fn append<Q: Serialize>(&mut self, checkpoint: &Checkpoint<Q>) -> Result<()> {
        let io = |error| Error::Io { path: self.path.clone(), error };
        let file = match &mut self.file {
            Some(file) => file,
            empty => empty
                .insert(OpenOptions::new().create(true).append(true).open(&self.path).map_err(io)?),
        };
        // Streamed, not built in memory first: the change set of a crawl's first seconds, when
        // every host's sitemap lands at once, runs to a hundred megabytes of JSON.
        let mut out = CountedWriter { inner: std::io::BufWriter::new(&*file), bytes: 0 };
        let written = serde_json::to_writer(&mut out, checkpoint)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        let line_bytes = out.bytes;
        drop(out);
        if let Err(error) = written {
            // Cut what was written of the line, so later lines never follow a torn one
            // (loading stops at the first unreadable line).
            let _ = file.set_len(self.bytes);
            return Err(io(error));
        }
        file.sync_data().map_err(io)?;
        self.bytes += line_bytes;
        Ok(())
    }

    /// A snapshot of `snapshot_bytes` was just written: the checkpoints before it are spent.
    pub fn snapshot_written(&mut self, snapshot_bytes: u64) -> Result<()> {
        self.file = None;
        let io = |error| Error::Io { path: self.path.clone(), error };
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(io(error)),
        }
        self.bytes = 0;
        self.snapshot_bytes = snapshot_bytes;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontier::Fingerprint;

    fn checkpoint(run_id: &str, generation: u64, seen: &str, charged: usize) -> Checkpoint {
        Checkpoint {
            run_id: run_id.to_owned(),
            generation,
            frontier: FrontierChanges {
                seen: vec![Fingerprint::of(seen)],
                ..FrontierChanges::default()
            },
            hosts: BTreeMap::new(),
            pages_charged: BTreeMap::from([("www.uwl.ac.uk".to_owned(), charged)]),
            sitemaps_charged: BTreeMap::new(),
            trap_patterns: BTreeMap::new(),
        }
    }

    #[test]
    fn checkpoints_of_the_snapshot_are_replayed_up_to_a_torn_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let frontier = crate::frontier::Frontier::new();
        let empty = BTreeMap::new();
        let state = SnapshotView {
            run_id: "run",
            started_at: Utc::now(),
            generation: 2,
            finished: false,
            frontier: frontier.view([]),
            hosts: &BTreeMap::new(),
            pages_charged: &empty,
            sitemaps_charged: &empty,
            trap_patterns: &empty,
        };
        let bytes = state.save(dir.path()).expect("saved");
        assert_eq!(bytes, std::fs::metadata(state_path(dir.path())).expect("saved").len());
        let mut log = CheckpointLog::new(dir.path());
        // One left by a kill between the last snapshot and emptying the file.
        log.append(&checkpoint("run", 1, "https://www.uwl.ac.uk/stale", 1)).expect("appended");
        // One of an earlier run, left by a fresh crawl killed before its first snapshot
        // emptied the file.
        log.append(&checkpoint("earlier", 2, "https://www.uwl.ac.uk/old", 1)).expect("appended");
        log.append(&checkpoint("run", 2, "https://www.uwl.ac.uk/a", 5)).expect("appended");
        log.append(&checkpoint("run", 2, "https://www.uwl.ac.uk/b", 9)).expect("appended");
        let mut file = OpenOptions::new()
            .append(true)
            .open(checkpoints_path(dir.path()))
            .expect("checkpoints file");
        file.write_all(br#"{"generation":2,"frontier":{"seen":["https://www.uwl"#).expect("torn");

        let saved = CrawlState::load(dir.path()).expect("loads").expect("a saved crawl");
        let seen: Vec<Fingerprint> = saved.later.iter().flat_map(|c| c.seen.clone()).collect();
        let expected = ["https://www.uwl.ac.uk/a", "https://www.uwl.ac.uk/b"].map(Fingerprint::of);
        assert_eq!(seen, expected);
        assert_eq!(saved.state.pages_charged["www.uwl.ac.uk"], 9);

        // A new snapshot spends them.
        log.snapshot_written(bytes).expect("emptied");
        assert!(!checkpoints_path(dir.path()).exists());
        assert!(CrawlState::load(dir.path()).expect("loads").expect("saved").later.is_empty());
    }
}
