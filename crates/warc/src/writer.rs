//! Appending records to the archive: rotation, the warcinfo that opens each file, and the
//! torn tail a killed writer left.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use data_encoding::HEXLOWER_PERMISSIVE;

use crate::reader::{scan_members, warc_files};
use crate::record::{RecordBuilder, Truncation, gzip_member, labelled, new_record_id, warc_date};
use crate::{Archived, Result, io_error, sha256_base32};

/// A file is closed before the record that would take it past this size (1 GiB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

const FILE_PREFIX: &str = "coursemap-";
const FILE_SUFFIX: &str = ".warc.gz";
const HTTP_REQUEST: &str = "application/http; msgtype=request";
const HTTP_RESPONSE: &str = "application/http; msgtype=response";
const NOT_MODIFIED_PROFILE: &str = "http://netpreserve.org/warc/1.1/revisit/server-not-modified";

/// How the archive is written.
#[derive(Debug, Clone)]
pub struct WarcOptions {
    /// Rotate to a new file before a record would take the current one past this many
    /// (compressed) bytes. A record larger than this still goes into a file of its own.
    pub max_file_bytes: u64,
    /// The `software` line of each file's `warcinfo` record.
    pub software: String,
}

impl Default for WarcOptions {
    fn default() -> Self {
        WarcOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            software: format!("coursemap/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// One HTTP request and the response it got, to be archived as a `request` and a `response`.
#[derive(Debug, Clone)]
pub struct Exchange<'a> {
    /// The URL requested (`WARC-Target-URI`).
    pub target_uri: &'a str,
    /// When the response arrived.
    pub date: DateTime<Utc>,
    /// The server's address, if the client reported it.
    pub ip: Option<IpAddr>,
    /// The request head ([`crate::request_head`]).
    pub request: &'a [u8],
    /// The response head ([`crate::response_head`] for `body.len()` bytes).
    pub response_head: &'a [u8],
    /// The body as archived (decoded; empty when it was not read).
    pub body: &'a [u8],
    /// Set when `body` is not the whole payload the server sent.
    pub truncated: Option<Truncation>,
}

/// A 304 answer to a conditional request: a `request` and a `revisit` (server-not-modified).
#[derive(Debug, Clone)]
pub struct Revisit<'a> {
    /// The URL requested.
    pub target_uri: &'a str,
    /// When the 304 arrived.
    pub date: DateTime<Utc>,
    /// The server's address, if known.
    pub ip: Option<IpAddr>,
    /// The conditional request's head.
    pub request: &'a [u8],
    /// The 304's head (with `Content-Length: 0`).
    pub response_head: &'a [u8],
    /// The capture whose payload the 304 confirmed, if it was archived.
    pub refers_to: Option<&'a Archived>,
    /// The URL of that capture.
    pub refers_to_target: Option<&'a str>,
    /// When that capture was made, if known.
    pub refers_to_date: Option<DateTime<Utc>>,
    /// Hex SHA-256 of the unchanged payload (as the page store names bodies), which becomes
    /// the revisit's `WARC-Payload-Digest`.
    pub payload_sha256_hex: Option<&'a str>,
}

/// What [`WarcWriter::open`] found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Bytes of a torn last member cut off the last file.
    pub torn_bytes_cut: u64,
}

/// The archive's single writer (the crawler's coordinator).
#[derive(Debug)]
pub struct WarcWriter {
    dir: PathBuf,
    options: WarcOptions,
    current: Option<OpenFile>,
    next_sequence: u32,
    opened: WriteSummary,
}

#[derive(Debug)]
struct OpenFile {
    name: String,
    path: PathBuf,
    file: File,
    len: u64,
}

impl WarcWriter {
    /// Opens the archive in `dir` (creating it), ready to append to its last file: a torn
    /// member at that file's end, left by a killed writer, is logged and cut off first.
    pub fn open(dir: impl AsRef<Path>, options: WarcOptions) -> Result<Self> {
        let dir = dir.as_ref().to_owned();
        fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        let files = warc_files(&dir)?;
        let next_sequence =
            files.iter().filter_map(|path| sequence(path)).max().map_or(0, |s| s + 1);
        let mut opened = WriteSummary::default();
        let mut current = None;
        if let Some(last) = files.last() {
            let scan = scan_members(last)?;
            let file =
                OpenOptions::new().read(true).write(true).open(last).map_err(io_error(last))?;
            if scan.whole_len < scan.file_len {
                opened.torn_bytes_cut = scan.file_len - scan.whole_len;
                tracing::warn!(
                    file = %last.display(),
                    offset = scan.whole_len,
                    dropped_bytes = opened.torn_bytes_cut,
                    "torn last WARC record (a write interrupted by a kill) dropped"
                );
                file.set_len(scan.whole_len).map_err(io_error(last))?;
                file.sync_data().map_err(io_error(last))?;
            }
            if scan.whole_len < options.max_file_bytes {
                let name =
                    last.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let file = OpenOptions::new().append(true).open(last).map_err(io_error(last))?;
                current = Some(OpenFile { name, path: last.clone(), file, len: scan.whole_len });
            }
        }
        Ok(WarcWriter { dir, options, current, next_sequence, opened })
    }

    /// What opening found (a torn tail cut, or nothing).
    pub fn opened(&self) -> &WriteSummary {
        &self.opened
    }

    /// The directory the archive is in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Archives a request and its response; returns the pointer to the `response` record.
    pub fn write_exchange(&mut self, exchange: &Exchange<'_>) -> Result<Archived> {
        let request_id = new_record_id();
        let response_id = new_record_id();
        let ip = exchange.ip.map(|ip| ip.to_string());
        let request = RecordBuilder::new("request", &request_id, exchange.date)
            .field("WARC-Target-URI", exchange.target_uri)
            .field("WARC-Concurrent-To", response_id.as_str())
            .field_if("WARC-IP-Address", ip.clone())
            .finish(HTTP_REQUEST, exchange.request);
        let mut block = Vec::with_capacity(exchange.response_head.len() + exchange.body.len());
        block.extend_from_slice(exchange.response_head);
        block.extend_from_slice(exchange.body);
        let response = RecordBuilder::new("response", &response_id, exchange.date)
            .field("WARC-Target-URI", exchange.target_uri)
            .field("WARC-Concurrent-To", request_id.as_str())
            .field_if("WARC-IP-Address", ip)
            .field("WARC-Payload-Digest", sha256_base32(exchange.body))
            .field_if("WARC-Truncated", exchange.truncated.map(Truncation::as_str))
            .finish(HTTP_RESPONSE, &block);
        self.append_pair(&request, &response, response_id)
    }

    /// Archives a conditional request and the 304 it got, as a `request` and a `revisit`
    /// naming the capture it revalidated; returns the pointer to the `revisit` record.
    pub fn write_revisit(&mut self, revisit: &Revisit<'_>) -> Result<Archived> {
        let request_id = new_record_id();
        let revisit_id = new_record_id();
        let ip = revisit.ip.map(|ip| ip.to_string());
        let request = RecordBuilder::new("request", &request_id, revisit.date)
            .field("WARC-Target-URI", revisit.target_uri)
            .field("WARC-Concurrent-To", revisit_id.as_str())
            .field_if("WARC-IP-Address", ip.clone())
            .finish(HTTP_REQUEST, revisit.request);
        let payload_digest = revisit
            .payload_sha256_hex
            .and_then(|hex| HEXLOWER_PERMISSIVE.decode(hex.as_bytes()).ok())
            .map(|digest| labelled(&digest));
        let record = RecordBuilder::new("revisit", &revisit_id, revisit.date)
            .field("WARC-Target-URI", revisit.target_uri)
            .field("WARC-Concurrent-To", request_id.as_str())
            .field_if("WARC-IP-Address", ip)
            .field("WARC-Profile", NOT_MODIFIED_PROFILE)
            .field_if("WARC-Refers-To", revisit.refers_to.map(|a| a.warc_record_id.clone()))
            .field_if("WARC-Refers-To-Target-URI", revisit.refers_to_target)
            .field_if("WARC-Refers-To-Date", revisit.refers_to_date.map(warc_date))
            .field_if("WARC-Payload-Digest", payload_digest)
            .finish(HTTP_RESPONSE, revisit.response_head);
        self.append_pair(&request, &record, revisit_id)
    }

    /// Flushes the current file to the disk itself (appends already survive a killed process).
    pub fn sync(&self) -> Result<()> {
        match &self.current {
            Some(open) => open.file.sync_data().map_err(io_error(&open.path)),
            None => Ok(()),
        }
    }

    /// Writes two records, each its own member, with one `write` call; returns the pointer to
    /// the second.
    fn append_pair(&mut self, first: &[u8], second: &[u8], second_id: String) -> Result<Archived> {
        let first = gzip_member(first);
        let second = gzip_member(second);
        let total = (first.len() + second.len()) as u64;
        let open = self.file_for(total)?;
        let mut bytes = first;
        let second_offset = open.len + bytes.len() as u64;
        bytes.extend_from_slice(&second);
        open.file.write_all(&bytes).map_err(io_error(&open.path))?;
        open.len += total;
        Ok(Archived {
            warc_file: open.name.clone(),
            warc_offset: second_offset,
            warc_record_id: second_id,
        })
    }

    /// The file the next `len` bytes go into: the current one, or a new one (with its
    /// `warcinfo`) when there is none or these bytes would take it past the size limit.
    fn file_for(&mut self, len: u64) -> Result<&mut OpenFile> {
        let full = self
            .current
            .as_ref()
            .is_some_and(|open| open.len > 0 && open.len + len > self.options.max_file_bytes);
        if full && let Some(open) = self.current.take() {
            open.file.sync_data().map_err(io_error(&open.path))?;
        }
        let current = match self.current.take() {
            Some(open) => open,
            None => self.start_file()?,
        };
        let open = self.current.insert(current);
        if open.len == 0 {
            // A new file, or one a kill left empty: every file opens with its warcinfo.
            let info = warcinfo(&open.name, &self.options.software);
            open.file.write_all(&info).map_err(io_error(&open.path))?;
            open.len = info.len() as u64;
        }
        Ok(open)
    }

    fn start_file(&mut self) -> Result<OpenFile> {
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
        let name = format!("{FILE_PREFIX}{:05}-{stamp}{FILE_SUFFIX}", self.next_sequence);
        self.next_sequence += 1;
        let path = self.dir.join(&name);
        let file =
            OpenOptions::new().create(true).append(true).open(&path).map_err(io_error(&path))?;
        Ok(OpenFile { name, path, file, len: 0 })
    }
}

/// The `warcinfo` member that opens a file.
fn warcinfo(file_name: &str, software: &str) -> Vec<u8> {
    let fields = format!(
        "software: {software}\r\nformat: WARC File Format 1.1\r\n\
         conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n\
         description: coursemap crawl of UK course pages\r\n"
    );
    let record = RecordBuilder::new("warcinfo", &new_record_id(), Utc::now())
        .field("WARC-Filename", file_name)
        .finish("application/warc-fields", fields.as_bytes());
    gzip_member(&record)
}

/// The sequence number in a file name `coursemap-00012-….warc.gz`.
fn sequence(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix(FILE_PREFIX)?.split('-').next()?.parse().ok()
}

/// Whether `name` is one of this archive's files.
pub(crate) fn is_warc_file(name: &str) -> bool {
    name.starts_with(FILE_PREFIX) && name.ends_with(FILE_SUFFIX)
}
