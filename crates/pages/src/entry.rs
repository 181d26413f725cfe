//! One fetch of one URL as the index records it, and a page read back from the store.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use coursemap_records::Archived;
use serde::{Deserialize, Serialize};

use crate::{Error, Result, decode_body, io_error};

/// The metadata of one fetch: one line of `pages/index.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageEntry {
    /// The canonical URL that was requested (the store's key).
    pub url: String,
    /// Where the last redirect hop landed (equal to `url` when there was no redirect).
    pub final_url: String,
    /// HTTP status of the final response (a 304 refresh keeps the stored page's status).
    pub status: u16,
    /// Response headers, names lower-case, in the order received.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// When this fetch (or revalidation) happened, RFC 3339 in UTC.
    pub fetched_at: DateTime<Utc>,
    /// The Content-Type header, if any.
    #[serde(default)]
    pub content_type: Option<String>,
    /// Hex SHA-256 of the body in `bodies/`; `None` when no body was kept (a PDF, a gone page).
    #[serde(default)]
    pub body_sha256: Option<String>,
    /// Length of the stored body in bytes.
    #[serde(default)]
    pub body_len: Option<u64>,
    /// The page answered 404 or 410 on a refresh: the course it described is gone.
    #[serde(default)]
    pub gone: bool,
    /// The crawl run that wrote the entry, so a resumed run knows which pages it already has.
    #[serde(default)]
    pub crawl_run: Option<String>,
    /// Why no body was kept, or anything else a reader should know about this fetch.
    #[serde(default)]
    pub note: Option<String>,
    /// Links followed from a start URL to reach the page. A refresh revisits the page at
    /// this depth: revisiting it at depth 0 would let a crawler trap (an endless calendar)
    /// grow by the full depth limit on every refresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    /// The WARC record that captured this fetch's response (for a 304, the capture it
    /// revalidated, which holds the body). Written to the archive before this entry, so a
    /// pointer in the store always names a whole record. None without an archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<Archived>,
}

impl PageEntry {
    /// An entry for a fresh fetch of `url` at `fetched_at`, to be filled in by the caller.
    pub fn new(url: impl Into<String>, status: u16, fetched_at: DateTime<Utc>) -> Self {
        let url = url.into();
        PageEntry {
            final_url: url.clone(),
            url,
            status,
            headers: Vec::new(),
            fetched_at,
            content_type: None,
            body_sha256: None,
            body_len: None,
            gone: false,
            crawl_run: None,
            note: None,
            depth: None,
            archived: None,
        }
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The validators a conditional refresh should send for this page.
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.header("etag").map(str::to_owned),
            last_modified: self.header("last-modified").map(str::to_owned),
        }
    }
}

/// The ETag and Last-Modified of a stored page, sent back as If-None-Match / If-Modified-Since.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The ETag header as the server sent it (quotes and any `W/` kept), if it sent one.
    pub etag: Option<String>,
    /// The Last-Modified header as the server sent it (an HTTP date), if it sent one.
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is anything to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// An index line that could not be read, naming file and line so a person can look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptEntry {
    /// The index file the line is in.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// Why it was skipped: the JSON error, or that the line was torn by an interrupted append.
    pub reason: String,
}

impl std::fmt::Display for CorruptEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.reason)
    }
}

/// The latest fetch of one URL, with access to its body.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPage {
    /// The latest index entry for the URL (a gone page's entry too).
    pub entry: PageEntry,
    bodies_dir: PathBuf,
}

impl StoredPage {
    pub(crate) fn new(entry: PageEntry, bodies_dir: &Path) -> Self {
        StoredPage { entry, bodies_dir: bodies_dir.to_owned() }
    }

    /// The raw body, checked against its hash (a damaged body file is an error, not bad data).
    pub fn body(&self) -> Result<Vec<u8>> {
        let Some(hash) = &self.entry.body_sha256 else {
            return Err(Error::NoBody {
                url: self.entry.url.clone(),
                reason: self.entry.note.clone().unwrap_or_else(|| "not stored".to_owned()),
            });
        };
        let path = body_path(&self.bodies_dir, hash);
        let body = fs::read(&path).map_err(io_error(&path))?;
        let found = coursemap_files::sha256_hex(&body);
        if &found != hash {
            return Err(Error::BodyHashMismatch { path, expected: hash.clone(), found });
        }
        Ok(body)
    }

    /// The body as text, decoded with the charset the page declares (header, meta, BOM) or,
    /// failing that, the one `chardetng` detects.
    pub fn text(&self) -> Result<String> {
        let body = self.body()?;
        Ok(decode_body(&body, self.entry.content_type.as_deref()))
    }
}

/// Where the body with `hash` lives: two hex digits of fan-out keep directories small.
pub(crate) fn body_path(bodies_dir: &Path, hash: &str) -> PathBuf {
    let fan_out = hash.get(..2).unwrap_or("xx");
    bodies_dir.join(fan_out).join(hash)
}
