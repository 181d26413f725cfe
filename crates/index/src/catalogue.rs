//! The index on disk: create or rebuild it, open it (checking the schema version), upsert
//! and delete records by id, read records back.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use coursemap_records::Record;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::document::to_document;
use crate::facet_bits::FacetBitsets;
use crate::schema::{self, Fields, SCHEMA_VERSION_FILE};
use crate::vocabulary::{ConceptFinder, Vocabulary};
use crate::{Error, Result};

/// Memory a full build's indexer may use before flushing a segment, shared by its threads
/// (tantivy wants at least 15 MB per thread); 100 MB indexes 100,000 records in few segments.
const WRITER_MEMORY_BYTES: usize = 100_000_000;

/// File in the index directory naming every provider the catalogue was built for, one id a
/// line, including those with no records: filtering by one of them finds nothing, it is not
/// a mistake.
const KNOWN_PROVIDERS_FILE: &str = "known-providers";

/// The catalogue's search index.
pub struct CatalogueIndex {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// Provider ids valid as filters even without records ([`KNOWN_PROVIDERS_FILE`]).
    pub(crate) known_providers: BTreeSet<String>,
    /// Each searched segment's facet values as bitsets, for counting.
    pub(crate) facet_bitsets: FacetBitsets,
}

impl std::fmt::Debug for CatalogueIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogueIndex").field("dir", &self.dir).finish_non_exhaustive()
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |error| Error::Io { path: path.to_owned(), error }
}

impl CatalogueIndex {
    /// Opens the index in `dir`, refusing one built with another schema version.
    pub fn open(dir: &Path) -> Result<CatalogueIndex> {
        let version_path = dir.join(SCHEMA_VERSION_FILE);
        if !dir.join("meta.json").exists() {
            return Err(Error::Missing { dir: dir.to_owned() });
        }
        let found = match fs::read_to_string(&version_path) {
            Ok(text) => text.trim().to_owned(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => "none".to_owned(),
            Err(err) => return Err(io(&version_path)(err)),
        };
        if found != schema::version_stamp() {
            return Err(Error::SchemaMismatch { dir: dir.to_owned(), found });
        }
        let index = Index::open_in_dir(dir)?;
        let (expected, _) = schema::build();
        // Belt and braces: a schema change without a version bump is caught here too.
        if index.schema() != expected {
            return Err(Error::SchemaMismatch {
                dir: dir.to_owned(),
                found: format!("{found} (with different fields)"),
            });
        }
        Self::from_index(dir, index)
    }

    fn from_index(dir: &Path, mut index: Index) -> Result<CatalogueIndex> {
        schema::register_tokenizers(&index);
        // Segments are searched in parallel, one thread per core: a query matching most of a
        // million records is scored and counted in half the time on two cores.
        index.set_default_multithread_executor()?;
        let fields = schema::fields_of(&index.schema())
            .ok_or_else(|| Error::SchemaMismatch { dir: dir.to_owned(), found: "?".into() })?;
        // Manual reloads: a search right after our own write must see it.
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let known_providers = read_known_providers(dir)?;
        Ok(CatalogueIndex {
            dir: dir.to_owned(),
            index,
            reader,
            fields,
            known_providers,
            facet_bitsets: FacetBitsets::default(),
        })
    }

    /// Builds a fresh index of `records` in `dir`, replacing whatever was there.
    ///
    /// The new index is built beside `dir` and swapped in by rename, so a failed build leaves
    /// the old index alone. Records sharing an id keep the last one (one document per id).
    pub fn create_or_rebuild(dir: &Path, records: &[Record]) -> Result<CatalogueIndex> {
        Self::create_or_rebuild_for(dir, records, &BTreeSet::new())
    }

    /// [`create_or_rebuild`](Self::create_or_rebuild) for a catalogue of `providers` (the
    /// seeds' ids): a filter naming one of them is valid even when it has no records.
    pub fn create_or_rebuild_for(
        dir: &Path,
        records: &[Record],
        providers: &BTreeSet<String>,
    ) -> Result<CatalogueIndex> {
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io(parent))?;
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        coursemap_files::remove_orphans(parent, &format!(".{name}.building-"), "");
        coursemap_files::remove_orphans(parent, &format!(".{name}.old-"), "");
        let building = parent.join(format!(".{name}.building-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&building);
        fs::create_dir_all(&building).map_err(io(&building))?;
        let result = Self::build_into(&building, records, providers);
        if let Err(err) = result {
            let _ = fs::remove_dir_all(&building);
            return Err(err);
        }
        if dir.exists() {
            fs::rename(dir, &retired).map_err(io(dir))?;
        }
        fs::rename(&building, dir).map_err(io(dir))?;
        if retired.exists() {
            fs::remove_dir_all(&retired).map_err(io(&retired))?;
        }
        Self::open(dir)
    }

    fn build_into(dir: &Path, records: &[Record], providers: &BTreeSet<String>) -> Result<()> {
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(dir, schema)?;
        schema::register_tokenizers(&index);
        let mut writer: IndexWriter = index.writer(WRITER_MEMORY_BYTES)?;
        let mut by_id: BTreeMap<&str, &Record> = BTreeMap::new();
        for record in records {
            if by_id.insert(&record.id, record).is_some() {
                tracing::warn!(id = %record.id, "two records share an id; indexing the last");
            }
        }
        let vocabulary = Vocabulary::built_in()?;
        let mut concepts = ConceptFinder::new(vocabulary);
        // In id order: ties in score then list in the same order in every build.
        for record in by_id.values() {
            writer.add_document(to_document(&fields, vocabulary, &mut concepts, record))?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let version_path = dir.join(SCHEMA_VERSION_FILE);
        coursemap_files::write_atomically(&version_path, |out| {
            use std::io::Write;
            writeln!(out, "{}", schema::version_stamp())
        })?;
        let providers_path = dir.join(KNOWN_PROVIDERS_FILE);
        coursemap_files::write_atomically(&providers_path, |out| {
            use std::io::Write;
            providers.iter().try_for_each(|id| writeln!(out, "{id}"))
        })?;
        Ok(())
    }

    /// Rebuilds the index in `dir` from the records stored in it, whatever its schema
    /// version: the way forward after [`Error::SchemaMismatch`] when records.jsonl is not at
    /// hand. Fails if the old index has no stored records to read.
    pub fn rebuild(dir: &Path) -> Result<CatalogueIndex> {
        let index = Index::open_in_dir(dir)?;
        let record_field = index.schema().get_field("record").map_err(|_| {
            Error::SchemaMismatch { dir: dir.to_owned(), found: "no stored records".into() }
        })?;
        let searcher = index.reader()?.searcher();
        let mut records = Vec::new();
        for address in sorted(searcher.search(&tantivy::query::AllQuery, &DocSetCollector)?) {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(json) = doc.get_first(record_field).and_then(|v| v.as_str()) {
                records.push(parse_record(json)?);
            }
        }
        drop(searcher);
        Self::create_or_rebuild_for(dir, &records, &read_known_providers(dir)?)
    }

    /// Adds or replaces records by id, and makes the change visible to searches.
    pub fn upsert(&mut self, records: &[Record]) -> Result<()> {
        let vocabulary = Vocabulary::built_in()?;
        let mut concepts = ConceptFinder::new(vocabulary);
        let mut writer = self.writer()?;
        for record in records {
            writer.delete_term(Term::from_field_text(self.fields.id, &record.id));
            writer.add_document(to_document(&self.fields, vocabulary, &mut concepts, record))?;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Deletes records by id (unknown ids are ignored).
    pub fn delete<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<()> {
        let mut writer = self.writer()?;
        for id in ids {
            writer.delete_term(Term::from_field_text(self.fields.id, id.as_ref()));
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// A writer for one batch; not kept, so another process can write between batches.
    fn writer(&self) -> Result<IndexWriter> {
        Ok(self.index.writer_with_num_threads(1, WRITER_MEMORY_BYTES / 2)?)
    }

    /// Re-reads the index from disk, after another process wrote to it.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The record with `id`, if indexed.
    pub fn get(&self, id: &str) -> Result<Option<Record>> {
        let searcher = self.reader.searcher();
        let query =
            TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some(&(_, address)) => Ok(Some(self.record_at(&searcher, address)?)),
            None => Ok(None),
        }
    }

    /// Every indexed record, sorted by id.
    pub fn all(&self) -> Result<Vec<Record>> {
        let searcher = self.reader.searcher();
        let addresses = searcher.search(&tantivy::query::AllQuery, &DocSetCollector)?;
        let mut records = sorted(addresses)
            .into_iter()
            .map(|address| self.record_at(&searcher, address))
            .collect::<Result<Vec<_>>>()?;
        records.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(records)
    }

    /// Number of indexed records.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when the index holds no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn record_at(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
    ) -> Result<Record> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let json = doc.get_first(self.fields.record).and_then(|v| v.as_str()).ok_or_else(|| {
            Error::StoredRecord { detail: format!("document {address:?} has no stored record") }
        })?;
        parse_record(json)
    }
}

fn sorted(addresses: impl IntoIterator<Item = DocAddress>) -> Vec<DocAddress> {
    let mut addresses: Vec<DocAddress> = addresses.into_iter().collect();
    addresses.sort();
    addresses
}

/// The ids in `dir`'s [`KNOWN_PROVIDERS_FILE`]; none for an index written before it existed.
fn read_known_providers(dir: &Path) -> Result<BTreeSet<String>> {
    let path = dir.join(KNOWN_PROVIDERS_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => {
            Ok(text.lines().map(str::trim).filter(|id| !id.is_empty()).map(String::from).collect())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(err) => Err(io(&path)(err)),
    }
}

fn parse_record(json: &str) -> Result<Record> {
    serde_json::from_str(json).map_err(|err| Error::StoredRecord { detail: err.to_string() })
}
