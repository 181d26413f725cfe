//! Where each part of a catalogue lives.

use std::fs;
use std::path::{Path, PathBuf};

/// The records file's name, in the catalogue and in each snapshot.
const RECORDS_FILE: &str = "records.jsonl";
/// A snapshot directory whose name starts so is still being written (or was abandoned by a
/// kill): never a previous build.
pub const SNAPSHOT_IN_PROGRESS: &str = ".building-";

/// A catalogue directory. Only this type knows the layout, so every command agrees on it.
#[derive(Debug, Clone)]
pub struct CatalogueDir {
    root: PathBuf,
}

impl CatalogueDir {
    /// The catalogue rooted at `root` (default `index/`). Nothing is created or checked.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        CatalogueDir { root: root.into() }
    }

    /// The catalogue directory itself, as given to [`CatalogueDir::new`].
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The crawler's page store.
    pub fn pages(&self) -> PathBuf {
        self.root.join("pages")
    }

    /// The crawl's WARC archive: every response with its request, `*.warc.gz`.
    pub fn warc(&self) -> PathBuf {
        self.root.join("warc")
    }

    /// The crawler's frontier and seen set, for `--resume`.
    pub fn crawl_state(&self) -> PathBuf {
        self.root.join("crawl-state")
    }

    /// The per-host summary of the last crawl.
    pub fn crawl_summary(&self) -> PathBuf {
        self.root.join("crawl-summary.json")
    }

    /// What `seeds check` found the providers' sites to say (written by `demo`).
    pub fn seeds_check(&self) -> PathBuf {
        self.root.join("seeds-check.json")
    }

    /// The current records, one JSON object a line.
    pub fn records(&self) -> PathBuf {
        self.root.join(RECORDS_FILE)
    }

    /// Earlier builds' records, one directory per build named by its UTC time.
    pub fn snapshots(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    /// Corrections from the verification round trip; they survive rebuilds.
    pub fn overrides(&self) -> PathBuf {
        self.root.join("overrides.jsonl")
    }

    /// The tantivy search index.
    pub fn search_index(&self) -> PathBuf {
        self.root.join("tantivy")
    }

    /// The snapshot directory this process writes before renaming it to its final name.
    pub fn snapshot_in_progress(&self) -> PathBuf {
        self.snapshots().join(format!("{SNAPSHOT_IN_PROGRESS}{}", std::process::id()))
    }

    /// The snapshot directory called `name` (a UTC timestamp).
    pub fn snapshot(&self, name: &str) -> PathBuf {
        self.snapshots().join(name)
    }

    /// The records file inside a snapshot directory.
    pub fn records_in(snapshot: &Path) -> PathBuf {
        snapshot.join(RECORDS_FILE)
    }

    /// The newest snapshot's records file, if any build has been snapshotted.
    pub fn latest_snapshot(&self) -> Option<PathBuf> {
        let mut names: Vec<_> = fs::read_dir(self.snapshots())
            .ok()?
            .filter_map(|entry| entry.ok())
            // A dot-name is a snapshot still being written (or abandoned by a kill).
            .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
            .map(|entry| Self::records_in(&entry.path()))
            .filter(|path| path.is_file())
            .collect();
        // Names are UTC timestamps in a fixed-width format, so they sort by time.
        names.sort();
        names.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_snapshot_is_the_newest_complete_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let catalogue = CatalogueDir::new(dir.path());
        assert_eq!(catalogue.latest_snapshot(), None);
        for name in ["20261101T100000Z", "20261121T090000Z", "20261122T080000Z"] {
            fs::create_dir_all(catalogue.snapshots().join(name)).expect("mkdir");
        }
        // The newest has no records file (a build interrupted while snapshotting).
        for name in ["20261101T100000Z", "20261121T090000Z"] {
            fs::write(catalogue.snapshots().join(name).join("records.jsonl"), "").expect("write");
        }
        assert_eq!(
            catalogue.latest_snapshot(),
            Some(catalogue.snapshots().join("20261121T090000Z").join("records.jsonl"))
        );
    }
}
