//! The archive written and read back: round trip, digests, revisits, rotation, a torn tail.

use std::fs::OpenOptions;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;

use chrono::{DateTime, Utc};
use coursemap_warc::{
    Exchange, Revisit, Truncation, WarcOptions, WarcWriter, cdxj_line, read_record_at,
    read_records, request_head, response_head, sha256_base32, warc_files, write_cdxj,
};

const BODY: &[u8] = b"<html><title>MSc Improvement Science</title></html>";
const URL: &str = "https://www.ucl.ac.uk/courses/msc-improvement-science";

fn date() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T03:00:00Z").map(|d| d.to_utc()).unwrap_or_default()
}

fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
}

fn write_page(writer: &mut WarcWriter, url: &str, body: &[u8]) -> coursemap_warc::Archived {
    let request = request_head("GET", "/courses", &headers(&[("Host", "www.ucl.ac.uk")]));
    let head = response_head(200, "OK", &headers(&[("content-type", "text/html")]), body.len());
    let exchange = Exchange {
        target_uri: url,
        date: date(),
        ip: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        request: &request,
        response_head: &head,
        body,
        truncated: None,
    };
    writer.write_exchange(&exchange).expect("written")
}

fn only_file(dir: &Path) -> std::path::PathBuf {
    let files = warc_files(dir).expect("listed");
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn exchange_round_trips_with_digests_and_pointer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut writer = WarcWriter::open(dir.path(), WarcOptions::default()).expect("opened");
    let archived = write_page(&mut writer, URL, BODY);
    let file = only_file(dir.path());
    assert_eq!(archived.warc_file, file.file_name().expect("name").to_string_lossy());

    let records = read_records(&file).expect("read");
    let kinds: Vec<&str> = records.iter().map(|r| r.kind()).collect();
    assert_eq!(kinds, ["warcinfo", "request", "response"]);
    assert_eq!(records[0].header("WARC-Filename"), Some(archived.warc_file.as_str()));
    let (request, response) = (&records[1], &records[2]);
    assert_eq!(request.header("WARC-Concurrent-To"), Some(response.record_id()));
    assert_eq!(response.header("WARC-Concurrent-To"), Some(request.record_id()));
    assert_eq!(response.target_uri(), Some(URL));
    assert_eq!(response.header("WARC-Date"), Some("2026-11-27T03:00:00Z"));
    assert_eq!(response.header("WARC-IP-Address"), Some("127.0.0.1"));
    assert_eq!(response.version, "WARC/1.1");
    // Digests: the payload's against the body's known SHA-256, the block's against the block.
    assert_eq!(response.header("WARC-Payload-Digest"), Some(sha256_base32(BODY).as_str()));
    assert_eq!(response.header("WARC-Block-Digest"), Some(sha256_base32(&response.block).as_str()));
    let http = response.http_response().expect("an HTTP response");
    assert_eq!((http.status, http.payload), (200, BODY));
    assert_eq!(http.header("content-length"), Some(BODY.len().to_string().as_str()));

    // The pointer opens the response alone.
    let at = read_record_at(&file, archived.warc_offset).expect("read at offset");
    assert_eq!(at.record_id(), archived.warc_record_id);
    assert_eq!(at, *response);
}

#[test]
fn not_modified_is_a_revisit_naming_the_capture() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut writer = WarcWriter::open(dir.path(), WarcOptions::default()).expect("opened");
    let original = write_page(&mut writer, URL, BODY);
    let request = request_head("GET", "/courses", &headers(&[("If-None-Match", "\"v1\"")]));
    let head = response_head(304, "Not Modified", &headers(&[("etag", "\"v1\"")]), 0);
    let hex = "7b1a1e5e04f8a2b3c1d8b7ee4e0a0fb2b1c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9";
    let revisit = Revisit {
        target_uri: URL,
        date: date(),
        ip: None,
        request: &request,
        response_head: &head,
        refers_to: Some(&original),
        refers_to_target: Some(URL),
        refers_to_date: Some(date()),
        payload_sha256_hex: Some(hex),
    };
    let pointer = writer.write_revisit(&revisit).expect("written");
    let record =
        read_record_at(&dir.path().join(&pointer.warc_file), pointer.warc_offset).expect("read");
    assert_eq!(record.kind(), "revisit");
    assert_eq!(
        record.header("WARC-Profile"),
        Some("http://netpreserve.org/warc/1.1/revisit/server-not-modified")
    );
    assert_eq!(record.header("WARC-Refers-To"), Some(original.warc_record_id.as_str()));
    assert_eq!(record.header("WARC-Refers-To-Target-URI"), Some(URL));
    assert_eq!(record.header("WARC-Refers-To-Date"), Some("2026-11-27T03:00:00Z"));
    // The page store's hex SHA-256, re-encoded: the same digest base32 gives.
    let bytes: Vec<u8> =
        (0..32).map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).expect("hex")).collect();
    let expected = format!("sha256:{}", data_encoding_base32(&bytes));
    assert_eq!(record.header("WARC-Payload-Digest"), Some(expected.as_str()));
    assert_eq!(
        record.http_response().map(|http| (http.status, http.payload.len())),
        Some((304, 0))
    );
}

/// RFC 4648 base32 with padding, written out so the test does not share the crate's encoder.
fn data_encoding_base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let chars = match chunk.len() {
            1 => 2,
            2 => 4,
            3 => 5,
            4 => 7,
            _ => 8,
        };
        for i in 0..8 {
            if i < chars {
                out.push(ALPHABET[((bits >> (35 - i * 5)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn truncated_bodies_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut writer = WarcWriter::open(dir.path(), WarcOptions::default()).expect("opened");
    let head = response_head(301, "Moved Permanently", &headers(&[("location", "/b")]), 0);
    let exchange = Exchange {
        target_uri: URL,
        date: date(),
        ip: None,
        request: b"GET / HTTP/1.1\r\n\r\n",
        response_head: &head,
        body: b"",
        truncated: Some(Truncation::Unspecified),
    };
    let pointer = writer.write_exchange(&exchange).expect("written");
    let record =
        read_record_at(&dir.path().join(&pointer.warc_file), pointer.warc_offset).expect("read");
    assert_eq!(record.header("WARC-Truncated"), Some("unspecified"));
    assert_eq!(record.header("WARC-IP-Address"), None);
    assert_eq!(record.http_response().map(|http| http.status), Some(301));
}

#[test]
fn files_rotate_at_the_size_limit_each_with_its_warcinfo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = WarcOptions { max_file_bytes: 2_000, ..WarcOptions::default() };
    let mut writer = WarcWriter::open(dir.path(), options.clone()).expect("opened");
    let pointers: Vec<_> =
        (0..6).map(|i| write_page(&mut writer, &format!("{URL}/{i}"), BODY)).collect();
    let files = warc_files(dir.path()).expect("listed");
    assert!(files.len() >= 2, "{files:?}");
    for file in &files {
        let records = read_records(file).expect("read");
        assert_eq!(records[0].kind(), "warcinfo", "{}", file.display());
        let len = std::fs::metadata(file).expect("metadata").len();
        // Only a file's first exchange may take it past the limit.
        assert!(len <= 2_000 || records.len() == 3, "{} is {len} bytes", file.display());
    }
    for (i, pointer) in pointers.iter().enumerate() {
        let record = read_record_at(&dir.path().join(&pointer.warc_file), pointer.warc_offset)
            .expect("read");
        assert_eq!(record.target_uri(), Some(format!("{URL}/{i}").as_str()));
    }
    // Reopened, the writer continues the sequence.
    drop(writer);
    let mut writer = WarcWriter::open(dir.path(), options).expect("reopened");
    let last = write_page(&mut writer, URL, BODY);
    let names: Vec<String> = warc_files(dir.path())
        .expect("listed")
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.last(), Some(&last.warc_file));
    assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
}

#[test]
fn a_torn_tail_is_cut_on_open_and_nothing_whole_is_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut writer = WarcWriter::open(dir.path(), WarcOptions::default()).expect("opened");
    let first = write_page(&mut writer, URL, BODY);
    drop(writer);
    let file = only_file(dir.path());
    let whole = std::fs::metadata(&file).expect("metadata").len();
    // What a kill in the middle of the next write leaves: the start of a gzip member.
    let mut member = Vec::new();
    {
        let mut encoder =
            flate2::write::GzEncoder::new(&mut member, flate2::Compression::default());
        encoder.write_all(b"WARC/1.1\r\nWARC-Type: response\r\n").expect("compressed");
        encoder.finish().expect("finished");
    }
    let torn = &member[..member.len() / 2];
    OpenOptions::new().append(true).open(&file).expect("open").write_all(torn).expect("torn");
    assert!(read_records(&file).is_err(), "the torn member is reported");

    let mut writer = WarcWriter::open(dir.path(), WarcOptions::default()).expect("reopened");
    assert_eq!(writer.opened().torn_bytes_cut, torn.len() as u64);
    assert_eq!(std::fs::metadata(&file).expect("metadata").len(), whole);
    let second = write_page(&mut writer, &format!("{URL}/2"), BODY);
    assert_eq!(second.warc_file, first.warc_file);
    let records = read_records(&file).expect("whole again");
    assert_eq!(records.len(), 5);
    let again = read_record_at(&file, first.warc_offset).expect("first still there");
    assert_eq!(again.record_id(), first.warc_record_id);
}

#[test]
fn cdxj_lines_point_at_the_captures_sorted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut writer = WarcWriter::open(dir.path(), WarcOptions::default()).expect("opened");
    let b = write_page(&mut writer, "https://www.ucl.ac.uk/b", BODY);
    let a = write_page(&mut writer, "https://www.ucl.ac.uk/a", BODY);
    let files = warc_files(dir.path()).expect("listed");
    let mut out = Vec::new();
    assert_eq!(write_cdxj(&files, &mut out).expect("written"), 2);
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("uk,ac,ucl)/a 20261127030000 {"), "{text}");
    assert!(lines[1].starts_with("uk,ac,ucl)/b 20261127030000 {"), "{text}");
    for (line, pointer) in lines.iter().zip([&a, &b]) {
        let json: serde_json::Value =
            serde_json::from_str(line.splitn(3, ' ').nth(2).expect("json")).expect("parses");
        assert_eq!(json["offset"], pointer.warc_offset.to_string());
        assert_eq!(json["filename"], pointer.warc_file);
        assert_eq!(json["status"], "200");
        assert_eq!(json["mime"], "text/html");
        assert_eq!(json["digest"], sha256_base32(BODY));
        let record = read_record_at(&files[0], pointer.warc_offset).expect("read");
        assert_eq!(json["length"], record.member_len.to_string());
        assert_eq!(cdxj_line(&record, &pointer.warc_file).as_deref(), Some(*line));
    }
}
