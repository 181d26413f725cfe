//! Reading the archive back: its files, every record of a file, one record at an offset.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use flate2::bufread::GzDecoder;

use crate::writer::is_warc_file;
use crate::{Error, Result, io_error};

/// One WARC record read back, with where its member sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// Offset of the record's gzip member in the file.
    pub offset: u64,
    /// Length of the gzip member (compressed bytes), as CDXJ's `length` counts it.
    pub member_len: u64,
    /// The version line, `WARC/1.1`.
    pub version: String,
    /// The named fields in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The content block (`Content-Length` bytes).
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The first field called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `WARC-Type`: `warcinfo`, `request`, `response`, `revisit`, …
    pub fn kind(&self) -> &str {
        self.header("WARC-Type").unwrap_or_default()
    }

    /// `WARC-Record-ID`, angle brackets included.
    pub fn record_id(&self) -> &str {
        self.header("WARC-Record-ID").unwrap_or_default()
    }

    /// `WARC-Target-URI`, if the record has one.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI")
    }

    /// For an HTTP response or revisit: the status code, the HTTP headers and the payload
    /// (the bytes after the head). None when the block is not an HTTP response.
    pub fn http_response(&self) -> Option<HttpResponse<'_>> {
        let end = find(&self.block, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&self.block[..end]).ok()?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next()?;
        if !status_line.starts_with("HTTP/") {
            return None;
        }
        let status = status_line.split(' ').nth(1)?.parse().ok()?;
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect();
        Some(HttpResponse { status, headers, payload: &self.block[end + 4..] })
    }
}

/// The HTTP response inside a `response` or `revisit` record's block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    /// The status code.
    pub status: u16,
    /// The headers in order.
    pub headers: Vec<(String, String)>,
    /// The payload: the body as archived.
    pub payload: &'a [u8],
}

impl HttpResponse<'_> {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The archive's files in `dir`, oldest first (names carry a sequence number). A missing
/// directory has none.
pub fn warc_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(io_error(dir)(err)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| is_warc_file(&entry.file_name().to_string_lossy()))
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Ok(files)
}

/// Every record in the WARC file at `path`, in order. A damaged or torn member is an error
/// naming its offset (the records before it were whole).
pub fn read_records(path: &Path) -> Result<Vec<WarcRecord>> {
    let (records, damage) = read_until_damage(path)?;
    match damage {
        Some(err) => Err(err),
        None => Ok(records),
    }
}

/// The whole records of `path` up to the first damaged member, and that damage (a
/// [`Error::Malformed`]) if there is one.
pub(crate) fn read_until_damage(path: &Path) -> Result<(Vec<WarcRecord>, Option<Error>)> {
    let file = File::open(path).map_err(io_error(path))?;
    let mut reader = BufReader::new(file);
    let mut records = Vec::new();
    loop {
        match next_record(path, &mut reader) {
            Ok(Some(record)) => records.push(record),
            Ok(None) => return Ok((records, None)),
            Err(err @ Error::Malformed { .. }) => return Ok((records, Some(err))),
            Err(err) => return Err(err),
        }
    }
}

/// The record whose member starts at `offset` in the file at `path`.
pub fn read_record_at(path: &Path, offset: u64) -> Result<WarcRecord> {
    let mut file = File::open(path).map_err(io_error(path))?;
    file.seek(SeekFrom::Start(offset)).map_err(io_error(path))?;
    let mut reader = BufReader::new(file);
    next_record(path, &mut reader)?.ok_or_else(|| Error::Malformed {
        path: path.to_owned(),
        offset,
        reason: "no record at this offset (past the end of the file)".to_owned(),
    })
}

/// How much of a file is whole members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MemberScan {
    /// Where the last whole member ends.
    pub whole_len: u64,
    /// The file's length.
    pub file_len: u64,
}

/// Walks the gzip members of `path` and stops at the first that is not a whole WARC record:
/// what a kill in the middle of a write leaves.
pub(crate) fn scan_members(path: &Path) -> Result<MemberScan> {
    let file_len = fs::metadata(path).map_err(io_error(path))?.len();
    let (records, _) = read_until_damage(path)?;
    let whole_len = records.last().map_or(0, |r| r.offset + r.member_len);
    Ok(MemberScan { whole_len, file_len })
}

/// Reads the member at the reader's position; None at the end of the file.
fn next_record(path: &Path, reader: &mut BufReader<File>) -> Result<Option<WarcRecord>> {
    let offset = reader.stream_position().map_err(io_error(path))?;
    if reader.fill_buf().map_err(io_error(path))?.is_empty() {
        return Ok(None);
    }
    let malformed = |reason: String| Error::Malformed { path: path.to_owned(), offset, reason };
    let mut bytes = Vec::new();
    // `bufread::GzDecoder` reads exactly one member (header, deflate stream, CRC and length
    // trailer, all checked) and leaves the reader at the next one.
    GzDecoder::new(&mut *reader)
        .read_to_end(&mut bytes)
        .map_err(|err| malformed(format!("not a whole gzip member: {err}")))?;
    let end = reader.stream_position().map_err(io_error(path))?;
    let record = parse_record(&bytes).map_err(malformed)?;
    let (version, headers, block) = record;
    Ok(Some(WarcRecord { offset, member_len: end - offset, version, headers, block }))
}

type Parsed = (String, Vec<(String, String)>, Vec<u8>);

/// Splits an uncompressed record into its version, fields and block.
fn parse_record(bytes: &[u8]) -> Result<Parsed, String> {
    let head_end = find(bytes, b"\r\n\r\n").ok_or("no end to the WARC header")?;
    let head = std::str::from_utf8(&bytes[..head_end]).map_err(|err| err.to_string())?;
    let mut lines = head.split("\r\n");
    let version = lines.next().unwrap_or_default().to_owned();
    if !version.starts_with("WARC/") {
        return Err(format!("not a WARC record (first line {version:?})"));
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, value)| value.parse().ok())
        .ok_or("no Content-Length")?;
    let start = head_end + 4;
    let block = bytes
        .get(start..start + length)
        .ok_or_else(|| format!("block shorter than its Content-Length {length}"))?;
    if bytes.get(start + length..) != Some(b"\r\n\r\n".as_slice()) {
        return Err("the record does not end with CRLF CRLF after its block".to_owned());
    }
    Ok((version, headers, block.to_vec()))
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
