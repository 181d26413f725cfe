//! The catalogue directory's layout: where the page store, the crawl state and summary, the
//! records and their snapshots, the overrides, the search index and the seeds check live.
//!
//! [`CatalogueDir`] is the only code that names a catalogue's files, so the crawler, the build,
//! verification, the server and every command agree on them; `tests/tidy.rs` checks that no
//! other code spells one out. The crate sits below every stage crate (it depends on nothing)
//! so each can take a `CatalogueDir` instead of joining paths itself.
//!
//! Dependencies: none (`tempfile` in tests).

mod layout;

pub use layout::{CatalogueDir, SNAPSHOT_IN_PROGRESS};
