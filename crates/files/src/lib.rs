//! A catalogue's files: where each lives, how each is written, and content hashes.
//!
//! [`CatalogueDir`] is the only code that names a catalogue's files (the page store, the WARC
//! archive, the crawl
//! state and summary, the records and their snapshots, the overrides, the search index, the
//! seeds check), so the crawler, the build, verification, the server and every command agree
//! on them; `tests/tidy.rs` checks that no other code spells one out. [`write_atomically`]
//! writes any of them so a reader or a crash sees the old file or the new one, never half, and
//! [`remove_orphans`] clears what a killed writer left; [`sha256_hex`] names stored bodies.
//! Every crate that writes a catalogue file shares these, so none builds another's I/O errors.
//! The crate sits below every stage crate.
//!
//! Dependencies: `sha2` for the hashes, `thiserror` for the error type, `tracing` to log the
//! clean-up of an interrupted write.

mod atomic;
mod digest;
mod layout;

use std::path::PathBuf;

pub use atomic::{remove_orphans, write_atomically};
pub use digest::sha256_hex;
pub use layout::{CatalogueDir, SNAPSHOT_IN_PROGRESS};

/// What can go wrong writing a catalogue file.
///
/// The workspace's convention for every error type, set here in the crate below the others:
/// an error prints its cause in its own message and does not return it from `source()`, so
/// the text of any error, however it is shown (a log line's `%err`, an API body, a summary
/// file, the binary's `{:#}`), names each cause exactly once. That is why the cause field is
/// called `error`, not `source`, and why crates write `From` by hand where they print what
/// `#[from]` would also return. Returning it instead would have every site that shows an
/// error's text walk the chain, and some dependencies' errors (tantivy's) both print and
/// return theirs, so a walk repeats them. `#[error(transparent)]` wrappers are fine: they
/// forward both. `tests/tidy.rs` checks the rule.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Creating the directory, or writing, syncing or renaming the temporary file, failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file being written (its final name, not the temporary one).
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
