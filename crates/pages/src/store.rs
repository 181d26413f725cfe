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
    index: File,
    /// Latest entry per URL, so refresh and resume need not re-read the index.
    latest: HashMap<String, PageEntry>,
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
        let scan = scan_index(&index_path, &bodies_dir)?;
        for corrupt in &scan.corrupt {
            tracing::warn!(%corrupt, "page index entry skipped");
        }
        let latest =
            scan.pages.into_iter().map(|page| (page.entry.url.clone(), page.entry)).collect();
        Ok(PageStore { dir, index_path, bodies_dir, index, latest })
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

    /// The latest entry for `url`, if it was ever fetched.
    pub fn latest(&self, url: &str) -> Option<&PageEntry> {
        self.latest.get(url)
    }

    /// The latest stored page for `url`, with access to its body.
    pub fn page(&self, url: &str) -> Option<StoredPage> {
        self.latest.get(url).map(|entry| StoredPage::new(entry.clone(), &self.bodies_dir))
    }

    /// ETag / Last-Modified of the latest fetch of `url`, for a conditional refresh. Gone
    /// pages and pages without a stored body have nothing worth revalidating.
    pub fn validators(&self, url: &str) -> Option<Validators> {
        let entry = self.latest.get(url).filter(|e| !e.gone && e.body_sha256.is_some())?;
        Some(entry.validators()).filter(|v| !v.is_empty())
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
        self.latest.insert(entry.url.clone(), entry);
        Ok(())
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

fn scan_index(index_path: &Path, bodies_dir: &Path) -> Result<Scan> {
    let file = match File::open(index_path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Scan::default()),
        Err(err) => return Err(io_error(index_path)(err)),
    };
    let mut reader = BufReader::new(file);
    let mut order: Vec<String> = Vec::new();
    let mut latest: HashMap<String, PageEntry> = HashMap::new();
    let mut corrupt = Vec::new();
    let mut raw = Vec::new();
    let mut line = 0;
    loop {
        raw.clear();
        let read = reader.read_until(b'\n', &mut raw).map_err(io_error(index_path))?;
        if read == 0 {
            break;
        }
        line += 1;
        let complete = raw.ends_with(b"\n");
        let text = String::from_utf8_lossy(&raw);
        if text.trim().is_empty() {
            continue;
        }
        let reason = match serde_json::from_str::<PageEntry>(text.trim_end()) {
            Ok(_) if !complete => {
                // Parses, but the newline never made it: the write was cut short, so the
                // line may not be what was meant.
                Some("torn last line (no newline; the append was interrupted)".to_owned())
            }
            Ok(entry) => {
                if !latest.contains_key(&entry.url) {
                    order.push(entry.url.clone());
                }
                latest.insert(entry.url.clone(), entry);
                None
            }
            Err(err) if !complete => {
                Some(format!("torn last line (the append was interrupted): {err}"))
            }
            Err(err) => Some(err.to_string()),
        };
        if let Some(reason) = reason {
            corrupt.push(CorruptEntry { path: index_path.to_owned(), line, reason });
        }
    }
    let pages = order
        .into_iter()
        .filter_map(|url| latest.remove(&url))
        .map(|entry| StoredPage::new(entry, bodies_dir))
        .collect();
    Ok(Scan { pages, corrupt })
}
