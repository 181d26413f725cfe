//! The store itself: an append-only index of entries and a content-addressed body directory.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::entry::body_path;
use crate::{CorruptEntry, Error, PageEntry, Result, StoredPage, Validators, io_error};

const INDEX_FILE: &str = "index.jsonl";
const BODIES_DIR: &str = "bodies";
/// Bodies being written, under `bodies/`: one directory, so that what a killed writer left is
/// found without listing every fan-out directory.
const PARTIAL_DIR: &str = ".partial";

/// The page store under `<catalogue>/pages/`; one writer at a time (the crawler).
#[derive(Debug)]
pub struct PageStore {
    dir: PathBuf,
    index_path: PathBuf,
    bodies_dir: PathBuf,
    /// The index, opened for appending.
    index: File,
    /// The index again, read-only: entries are read back from it on demand.
    reader: File,
    /// Where the next index line starts. Invariant: the index's length, since every append
    /// writes one whole line and the torn tail was cut when the store was opened.
    end: u64,
    /// Per URL, where its latest index line is and what the crawl asks of it before every
    /// fetch. Whole entries (headers, digests, archive pointers: about 1 KB each in memory)
    /// stay on disk, so a national crawl's 200,000 pages cost tens of megabytes here, not
    /// hundreds.
    latest: HashMap<String, Located>,
    /// The crawl runs named by entries, each once; `Located::run` indexes into it.
    runs: Vec<String>,
}

/// Where a URL's latest index line is, and the little of it kept in memory.
#[derive(Debug, Clone, Copy)]
struct Located {
    offset: u64,
    len: u64,
    /// Index into `PageStore::runs`.
    run: Option<usize>,
    gone: bool,
    body_kept: bool,
}

/// What the crawl asks of a URL's latest fetch before fetching it again, answered from
/// memory; [`PageStore::latest`] reads the whole entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LatestFetch<'a> {
    /// The crawl run that wrote the entry.
    pub crawl_run: Option<&'a str>,
    /// The page answered 404 or 410 (see [`PageEntry::gone`]).
    pub gone: bool,
    /// A body is stored for it.
    pub body_kept: bool,
}

/// Everything readable in the index: the latest page per URL and the lines that were not.
#[derive(Debug, Default)]
pub struct Scan {
    /// Latest entry per URL, in order of first appearance in the index.
    pub pages: Vec<StoredPage>,
    /// Index lines that could not be read, in file order; a torn last line is among them.
    pub corrupt: Vec<CorruptEntry>,
}

impl PageStore {
    /// Opens (creating if needed) the store in `dir`. A torn last index line, left by a
    /// process killed mid-append, is logged and cut off so new lines start cleanly; so are
    /// the temporary body files of killed writers.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref().to_owned();
        let index_path = dir.join(INDEX_FILE);
        let bodies_dir = dir.join(BODIES_DIR);
        let partial_dir = bodies_dir.join(PARTIAL_DIR);
        fs::create_dir_all(&partial_dir).map_err(io_error(&partial_dir))?;
        cut_torn_tail(&index_path)?;
        coursemap_files::remove_orphans(&partial_dir, "", ".tmp");
        let index = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&index_path)
            .map_err(io_error(&index_path))?;
        let reader = File::open(&index_path).map_err(io_error(&index_path))?;
        let mut store = PageStore {
            dir,
            index_path,
            bodies_dir,
            index,
            reader,
            end: 0,
            latest: HashMap::new(),
            runs: Vec::new(),
        };
        let index_path = store.index_path.clone();
        read_index(&index_path, |line| match line.read {
            Ok(entry) => store.locate(&entry, line.offset, line.len),
            Err(reason) => {
                let corrupt = CorruptEntry { path: index_path.clone(), line: line.number, reason };
                tracing::warn!(%corrupt, "page index entry skipped");
            }
        })?;
        store.end = store.index.metadata().map_err(io_error(&index_path))?.len();
        Ok(store)
    }

    /// Reads the store in `dir` without opening it for writing: the way to read pages while a
    /// crawl may be appending (nothing is cut or created). A torn last line is reported.
    pub fn scan_dir(dir: impl AsRef<Path>) -> Result<Scan> {
        let dir = dir.as_ref();
        scan_index(&dir.join(INDEX_FILE), &dir.join(BODIES_DIR))
    }

    /// The directory the store lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stores `body` (once per distinct content) and appends `entry` for it, filling in the
    /// body's hash and length.
    pub fn append(&mut self, mut entry: PageEntry, body: &[u8]) -> Result<()> {
        let hash = coursemap_files::sha256_hex(body);
        self.write_body(&hash, body)?;
        entry.body_sha256 = Some(hash);
        entry.body_len = Some(body.len() as u64);
        self.append_line(entry)
    }

    /// Appends an entry without a new body: a page recorded but not kept (a PDF, a gone
    /// page), or a 304 revalidation whose `body_sha256` names a body already stored.
    pub fn append_metadata(&mut self, entry: PageEntry) -> Result<()> {
        if let Some(hash) = &entry.body_sha256 {
            let path = body_path(&self.bodies_dir, hash);
            if !path.exists() {
                return Err(Error::NoBody {
                    url: entry.url.clone(),
                    reason: format!("entry names body {hash}, which is not in the store"),
                });
            }
        }
        self.append_line(entry)
    }

    /// What the crawl asks of the latest fetch of `url` before fetching it again, from
    /// memory; None if it was never fetched.
    pub fn latest_fetch(&self, url: &str) -> Option<LatestFetch<'_>> {
        let located = self.latest.get(url)?;
        Some(LatestFetch {
            crawl_run: located.run.and_then(|run| self.runs.get(run)).map(String::as_str),
            gone: located.gone,
            body_kept: located.body_kept,
        })
    }

    /// The latest entry for `url`, read back from the index; None if it was never fetched.
    pub fn latest(&self, url: &str) -> Result<Option<PageEntry>> {
        self.latest.get(url).map(|located| self.read_entry(located)).transpose()
    }

    /// The latest stored page for `url`, with access to its body.
    pub fn page(&self, url: &str) -> Result<Option<StoredPage>> {
        Ok(self.latest(url)?.map(|entry| StoredPage::new(entry, &self.bodies_dir)))
    }

    /// ETag / Last-Modified of the latest fetch of `url`, for a conditional refresh. Gone
    /// pages and pages without a stored body have nothing worth revalidating.
    pub fn validators(&self, url: &str) -> Result<Option<Validators>> {
        if !self.latest_fetch(url).is_some_and(|fetch| fetch.body_kept && !fetch.gone) {
            return Ok(None);
        }
        let validators = self.latest(url)?.map(|entry| entry.validators());
        Ok(validators.filter(|v| !v.is_empty()))
    }

    /// The latest page per URL; unreadable index lines are logged (file and line) and skipped.
    pub fn pages(&self) -> Result<Vec<StoredPage>> {
        let scan = self.scan()?;
        for corrupt in &scan.corrupt {
            tracing::warn!(%corrupt, "page index entry skipped");
        }
        Ok(scan.pages)
    }

    /// The latest page per URL and every unreadable index line, read afresh from disk.
    pub fn scan(&self) -> Result<Scan> {
        scan_index(&self.index_path, &self.bodies_dir)
    }

    /// Flushes the index to the disk itself (appends already survive a killed process).
    pub fn sync(&self) -> Result<()> {
        self.index.sync_data().map_err(io_error(&self.index_path))
    }

    fn write_body(&self, hash: &str, body: &[u8]) -> Result<()> {
        let path = body_path(&self.bodies_dir, hash);
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().unwrap_or(&self.bodies_dir).to_owned();
        fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        // Temporary name + rename (within one file system): a body file is whole or absent,
        // never half written.
        let tmp =
            self.bodies_dir.join(PARTIAL_DIR).join(format!("{hash}.{}.tmp", std::process::id()));
        let result = fs::write(&tmp, body).and_then(|()| fs::rename(&tmp, &path));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.map_err(io_error(&path))
    }

    fn append_line(&mut self, entry: PageEntry) -> Result<()> {
        let mut line = serde_json::to_vec(&entry)
            .map_err(|error| Error::Serialise { url: entry.url.clone(), error })?;
        line.push(b'\n');
        // One write call per line (the file is in append mode): a kill leaves whole lines
        // and at most one torn last line, never interleaved fragments.
        self.index.write_all(&line).map_err(io_error(&self.index_path))?;
        let len = line.len() as u64;
        self.locate(&entry, self.end, len);
        self.end += len;
        Ok(())
    }

    /// Records `entry`, whose line is `len` bytes at `offset`, as its URL's latest.
    fn locate(&mut self, entry: &PageEntry, offset: u64, len: u64) {
        let run = entry.crawl_run.as_deref().map(|run| {
            self.runs.iter().position(|known| known == run).unwrap_or_else(|| {
                self.runs.push(run.to_owned());
                self.runs.len() - 1
            })
        });
        let located =
            Located { offset, len, run, gone: entry.gone, body_kept: entry.body_sha256.is_some() };
        match self.latest.get_mut(entry.url.as_str()) {
            Some(slot) => *slot = located,
            None => {
                self.latest.insert(entry.url.clone(), located);
            }
        }
    }

    fn read_entry(&self, located: &Located) -> Result<PageEntry> {
        let mut line = vec![0; usize::try_from(located.len).unwrap_or(usize::MAX)];
        // `&File` reads and seeks, so the store can be read through `&self`; only this
        // handle's position moves, never the append handle's.
        let mut reader = &self.reader;
        reader
            .seek(SeekFrom::Start(located.offset))
            .and_then(|_| reader.read_exact(&mut line))
            .map_err(io_error(&self.index_path))?;
        serde_json::from_slice(&line).map_err(|error| Error::Reread {
            path: self.index_path.clone(),
            offset: located.offset,
            error,
        })
    }
}

/// Cuts an index file back to its last complete line, logging what was dropped.
fn cut_torn_tail(index_path: &Path) -> Result<()> {
    let mut file = match OpenOptions::new().read(true).write(true).open(index_path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(io_error(index_path)(err)),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io_error(index_path))?;
    if bytes.is_empty() || bytes.ends_with(b"\n") {
        return Ok(());
    }
    let keep = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = bytes[..keep].iter().filter(|&&b| b == b'\n').count() + 1;
    tracing::warn!(
        file = %index_path.display(),
        line,
        dropped_bytes = bytes.len() - keep,
        "torn last index line (an append interrupted by a kill) dropped"
    );
    file.set_len(keep as u64).map_err(io_error(index_path))?;
    file.seek(SeekFrom::End(0)).map_err(io_error(index_path))?;
    Ok(())
}

/// One line of the index as read: where it is, and its entry or why it could not be read.
struct IndexLine {
    /// 1-based line number.
    number: usize,
    offset: u64,
    /// Bytes, with the newline.
    len: u64,
    read: std::result::Result<PageEntry, String>,
}

/// Reads the index line by line, handing each non-blank line to `visit`; a missing index is
/// an empty one. Lines are visited one at a time so a large index is never all in memory.
fn read_index(index_path: &Path, mut visit: impl FnMut(IndexLine)) -> Result<()> {
    let file = match File::open(index_path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(io_error(index_path)(err)),
    };
    let mut reader = BufReader::new(file);
    let mut raw = Vec::new();
    let mut number = 0;
    let mut offset = 0;
    loop {
        raw.clear();
        let read = reader.read_until(b'\n', &mut raw).map_err(io_error(index_path))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let len = read as u64;
        let line_offset = offset;
        offset += len;
        let complete = raw.ends_with(b"\n");
        let text = String::from_utf8_lossy(&raw);
        if text.trim().is_empty() {
            continue;
        }
        let read = match serde_json::from_str::<PageEntry>(text.trim_end()) {
            // Parses, but the newline never made it: the write was cut short, so the line
            // may not be what was meant.
            Ok(_) if !complete => {
                Err("torn last line (no newline; the append was interrupted)".to_owned())
            }
            Ok(entry) => Ok(entry),
            Err(err) if !complete => {
                Err(format!("torn last line (the append was interrupted): {err}"))
            }
            Err(err) => Err(err.to_string()),
        };
        visit(IndexLine { number, offset: line_offset, len, read });
    }
}

fn scan_index(index_path: &Path, bodies_dir: &Path) -> Result<Scan> {
    let mut order: Vec<String> = Vec::new();
    let mut latest: HashMap<String, PageEntry> = HashMap::new();
    let mut corrupt = Vec::new();
    read_index(index_path, |line| match line.read {
        Ok(entry) => {
            if !latest.contains_key(&entry.url) {
                order.push(entry.url.clone());
            }
            latest.insert(entry.url.clone(), entry);
        }
        Err(reason) => {
            corrupt.push(CorruptEntry { path: index_path.to_owned(), line: line.number, reason })
        }
    })?;
    let pages = order
        .into_iter()
        .filter_map(|url| latest.remove(&url))
        .map(|entry| StoredPage::new(entry, bodies_dir))
        .collect();
    Ok(Scan { pages, corrupt })
}
