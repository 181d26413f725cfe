//! The catalogue record and its JSONL store.
//!
//! Every stage after extraction speaks in [`Record`]s: the extractor makes them, the index
//! stores them, the tables count them, the verification round trip edits them. Their JSON shape
//! is the record contract (`../shared/record-contract.md`), read by tools outside the project,
//! so this is the only crate that derives `Serialize` for them. The project's own
//! specification of the format — the contract's fields, the extensions, and its readings of
//! choices the contract leaves open — is `docs/record-contract.md`.
//!
//! Beside the record: its one vocabulary ([`Field`], [`Region`], and the [`vocabulary!`] macro
//! other crates declare theirs with), the overrides that patch records after extraction
//! ([`Override`]), merging duplicates, and the diff between two builds.
//!
//! Dependencies: `serde`/`serde_json` for the contract's JSON form, `sha2` for stable ids,
//! `coursemap-files` for the atomic write, `thiserror` for the error type.

mod archived;
mod course_year;
mod diff;
mod field;
mod id;
mod length;
mod merge;
mod number;
mod overrides;
mod record;
mod region;
#[cfg(test)]
mod sample_record;
mod store;
mod vocabulary;

use std::path::PathBuf;

pub use archived::Archived;
pub use course_year::{EntryYear, NotAnEntryYear, Status};
pub use diff::{ChangedRecord, FieldChange, RecordDiff, diff, removal_reason};
pub use field::Field;
pub use id::record_id;
pub use merge::merge_duplicates;
pub use overrides::{
    FieldValues, Override, SkipReason, SkippedOverride, apply_overrides, apply_values,
    read_overrides, top_field, write_overrides,
};
pub use record::*;
pub use region::{Nation, Place, Region, UkRegion};
pub use store::{BadLine, read_jsonl, to_json_line, write_jsonl};
pub use vocabulary::UnknownName;

/// What can go wrong reading or writing records.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A records or overrides file could not be opened or read (a missing overrides file is
    /// not an error: it means no overrides).
    #[error("{}: {error}", path.display())]
    Io {
        /// The file being read.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// A line of `overrides.jsonl` that is not an override (a researcher edits that file by
    /// hand, so the message says what the line should have been). A bad line of a records file
    /// is not an error: [`read_jsonl`] reports it as a [`BadLine`] and reads on.
    #[error("{}:{line}: not an override: {error}", path.display())]
    NotAnOverride {
        /// The overrides file.
        path: PathBuf,
        /// The 1-based number of the bad line.
        line: usize,
        /// Why the line does not parse as an override.
        error: serde_json::Error,
    },
    /// Writing the records file (atomically) failed.
    #[error(transparent)]
    Write(#[from] coursemap_files::Error),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
