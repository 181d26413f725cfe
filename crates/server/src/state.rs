//! What every handler shares: the open index and what was computed from it at start-up.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use coursemap_files::CatalogueDir;
use coursemap_index::{CatalogueIndex, SearchRequest, SearchResults};
use coursemap_records::Record;
use coursemap_tables::ProviderDirectory;

use crate::api_error::ApiError;
use crate::config::ServerConfig;
use crate::params::SearchParams;
use crate::tables::TablesView;
use crate::{Error, Result};

/// The server's shared state: cheap to clone (one `Arc`).
///
/// It holds the open catalogue and, when it was opened from a catalogue directory, where to
/// reopen it from: `coursemap build` replaces the index while the server runs, and
/// [`AppState::reload_if_changed`] swaps the new one in. Each request works on one
/// [`Catalogue`] from start to end, so a reload never mixes two catalogues in one answer.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    current: RwLock<Arc<Catalogue>>,
    /// Where to reopen the catalogue from; `None` for an index handed in (tests).
    source: Option<Source>,
    /// The index a reload last failed on, so a broken index is reported once, not per tick.
    failed: Mutex<Option<IndexStamp>>,
}

struct Source {
    index_dir: PathBuf,
    providers: Option<ProviderDirectory>,
}

/// One open catalogue: the index and what was computed from it when it was opened (the
/// catalogue is read-only while it is served, so tables and names are computed once).
pub struct Catalogue {
    index: CatalogueIndex,
    tables: TablesView,
    provider_names: BTreeMap<String, String>,
    records: usize,
    /// The index files this was opened from; `None` when not opened from a directory.
    stamp: Option<IndexStamp>,
}

/// What changes when the index is rebuilt or written to: its `meta.json`, which tantivy
/// rewrites on every commit and which a rebuild replaces with the whole directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IndexStamp {
    modified: SystemTime,
    len: u64,
}

impl IndexStamp {
    /// `None` while there is no index (between a rebuild's two renames, or deleted).
    fn of(index_dir: &Path) -> Option<IndexStamp> {
        let meta = std::fs::metadata(index_dir.join("meta.json")).ok()?;
        Some(IndexStamp { modified: meta.modified().ok()?, len: meta.len() })
    }
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue").field("records", &self.records).finish_non_exhaustive()
    }
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState").field("records", &self.current().records).finish_non_exhaustive()
    }
}

impl AppState {
    /// Opens the catalogue `config` names (its `tantivy/` index) and computes the tables.
    pub fn open(config: &ServerConfig) -> Result<AppState> {
        let index_dir = CatalogueDir::new(config.catalogue_dir()).search_index();
        // Stamped before opening: a rebuild landing in between is picked up by the next
        // reload instead of being taken for the index already open.
        let stamp = IndexStamp::of(&index_dir);
        let providers = config.provider_directory().cloned();
        let catalogue = Catalogue::open(&index_dir, providers.as_ref(), stamp)?;
        Ok(AppState::with(catalogue, Some(Source { index_dir, providers })))
    }

    /// Serves an index already open (tests build one in a temporary directory); see
    /// [`ServerConfig::providers`] for `providers`. Such a state is never reloaded.
    pub fn from_index(
        index: CatalogueIndex,
        providers: Option<&ProviderDirectory>,
    ) -> Result<AppState> {
        Ok(AppState::with(Catalogue::new(index, providers, None)?, None))
    }

    fn with(catalogue: Catalogue, source: Option<Source>) -> AppState {
        let shared =
            Shared { current: RwLock::new(Arc::new(catalogue)), source, failed: Mutex::new(None) };
        AppState { shared: Arc::new(shared) }
    }

    /// The catalogue being served now; a request keeps it to the end, whatever reloads.
    pub fn current(&self) -> Arc<Catalogue> {
        // A poisoned lock means a reload panicked between taking and replacing the pointer;
        // the pointer itself is always whole.
        self.shared.current.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// Reopens the catalogue when its index files changed since it was opened (a rebuild or
    /// an upsert), and serves the new one from the next request on. An index that is missing
    /// (a rebuild between its renames) or does not open (logged once) leaves the current one
    /// in service. Returns whether it reloaded. Blocking: call it off the async threads.
    pub fn reload_if_changed(&self) -> bool {
        let Some(source) = &self.shared.source else { return false };
        let stamp = IndexStamp::of(&source.index_dir);
        if stamp.is_none() || stamp == self.current().stamp {
            return false;
        }
        let mut failed = self.shared.failed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match Catalogue::open(&source.index_dir, source.providers.as_ref(), stamp) {
            Ok(catalogue) => {
                tracing::info!(records = catalogue.records, "catalogue changed on disk; reloaded");
                let mut current =
                    self.shared.current.write().unwrap_or_else(|poisoned| poisoned.into_inner());
                *current = Arc::new(catalogue);
                *failed = None;
                true
            }
            Err(err) => {
                if *failed != stamp {
                    tracing::warn!(error = %err, "the catalogue changed on disk but does not open; still serving the one open");
                    *failed = stamp;
                }
                false
            }
        }
    }
}

impl Catalogue {
    fn open(
        index_dir: &Path,
        providers: Option<&ProviderDirectory>,
        stamp: Option<IndexStamp>,
    ) -> Result<Catalogue> {
        let index = CatalogueIndex::open(index_dir)
            .map_err(|error| Error::OpenIndex { path: index_dir.to_owned(), error })?;
        Catalogue::new(index, providers, stamp)
    }

    fn new(
        index: CatalogueIndex,
        providers: Option<&ProviderDirectory>,
        stamp: Option<IndexStamp>,
    ) -> Result<Catalogue> {
        let records = index.all().map_err(Error::ReadRecords)?;
        let tables = TablesView::compute(&records, providers)?;
        let provider_names = provider_names(&records);
        tracing::info!(records = records.len(), "catalogue open");
        Ok(Catalogue { index, tables, provider_names, records: records.len(), stamp })
    }

    /// The summary tables, computed and rendered (JSON and HTML) when the catalogue opened.
    pub fn tables(&self) -> &TablesView {
        &self.tables
    }

    /// Provider id -> display name, for labelling the provider facet.
    pub fn provider_names(&self) -> &BTreeMap<String, String> {
        &self.provider_names
    }

    /// Number of records in the catalogue.
    pub fn record_count(&self) -> usize {
        self.records
    }

    /// Runs a search on the blocking pool (tantivy's searches are synchronous).
    pub async fn search(
        self: &Arc<Self>,
        params: &SearchParams,
    ) -> Result<SearchResults, ApiError> {
        let request = SearchRequest {
            query: params.q.clone(),
            filters: params.filters.clone(),
            limit: params.limit,
            offset: params.offset,
            literal: params.literal,
        };
        let catalogue = Arc::clone(self);
        let outcome = tokio::task::spawn_blocking(move || catalogue.index.search(&request)).await;
        match outcome {
            Ok(Ok(results)) => Ok(results),
            Ok(Err(err)) => Err(crate::search::index_error(err)),
            Err(join) => {
                tracing::error!(error = %join, "search task failed");
                Err(ApiError::Internal)
            }
        }
    }

    /// Looks one record up by id, on the blocking pool.
    pub async fn course(self: &Arc<Self>, id: String) -> Result<Option<Record>, ApiError> {
        let catalogue = Arc::clone(self);
        match tokio::task::spawn_blocking(move || catalogue.index.get(&id)).await {
            Ok(Ok(record)) => Ok(record),
            Ok(Err(err)) => Err(crate::search::index_error(err)),
            Err(join) => {
                tracing::error!(error = %join, "lookup task failed");
                Err(ApiError::Internal)
            }
        }
    }
}

fn provider_names(records: &[Record]) -> BTreeMap<String, String> {
    records.iter().filter_map(|r| Some((r.provider_id.clone()?, r.provider.clone()?))).collect()
}
