//! What every handler shares: the open index and what was computed from it at start-up.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use coursemap_index::{CatalogueIndex, SearchRequest, SearchResults};
use coursemap_records::Record;
use coursemap_tables::ProviderDirectory;

use crate::api_error::ApiError;
use crate::config::ServerConfig;
use crate::params::SearchParams;
use crate::tables::TablesView;
use crate::{Error, Result};

/// Where the search index lives inside a catalogue directory.
pub const INDEX_SUBDIR: &str = "tantivy";

/// The server's shared state: cheap to clone (one `Arc`).
///
/// The catalogue is read-only while serving, so the tables and the provider names are
/// computed once at start-up rather than per request.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    index: CatalogueIndex,
    tables: TablesView,
    provider_names: BTreeMap<String, String>,
    records: usize,
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState").field("records", &self.inner.records).finish_non_exhaustive()
    }
}

impl AppState {
    /// Opens the catalogue `config` names (its `tantivy/` index) and computes the tables.
    pub fn open(config: &ServerConfig) -> Result<AppState> {
        let dir = config.catalogue_dir().join(INDEX_SUBDIR);
        let index =
            CatalogueIndex::open(&dir).map_err(|source| Error::OpenIndex { path: dir, source })?;
        AppState::from_index(index, config.provider_directory())
    }

    /// Serves an index already open (tests build one in a temporary directory); see
    /// [`ServerConfig::providers`] for `providers`.
    pub fn from_index(
        index: CatalogueIndex,
        providers: Option<&ProviderDirectory>,
    ) -> Result<AppState> {
        let records = index.all().map_err(Error::ReadRecords)?;
        let tables = TablesView::compute(&records, providers)?;
        let provider_names = provider_names(&records);
        tracing::info!(records = records.len(), "catalogue open");
        Ok(AppState {
            inner: Arc::new(Inner { index, tables, provider_names, records: records.len() }),
        })
    }

    pub fn tables(&self) -> &TablesView {
        &self.inner.tables
    }

    /// Provider id -> display name, for labelling the provider facet.
    pub fn provider_names(&self) -> &BTreeMap<String, String> {
        &self.inner.provider_names
    }

    /// Number of records in the catalogue.
    pub fn record_count(&self) -> usize {
        self.inner.records
    }

    /// Runs a search on the blocking pool (tantivy's searches are synchronous).
    pub async fn search(&self, params: &SearchParams) -> Result<SearchResults, ApiError> {
        let request = SearchRequest {
            query: params.q.clone(),
            filters: params.filters.clone(),
            limit: params.limit,
            offset: params.offset,
        };
        let state = self.clone();
        let outcome = tokio::task::spawn_blocking(move || state.inner.index.search(&request)).await;
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
    pub async fn course(&self, id: String) -> Result<Option<Record>, ApiError> {
        let state = self.clone();
        match tokio::task::spawn_blocking(move || state.inner.index.get(&id)).await {
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
