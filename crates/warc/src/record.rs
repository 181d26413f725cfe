//! One WARC record as bytes: the header block, the content block, and its gzip member.

use std::io::Write;

use chrono::{DateTime, Utc};
use data_encoding::BASE32;
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

/// Why a response's payload is not all there (`WARC-Truncated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truncation {
    /// Longer than the crawler's cap: reading stopped there.
    Length,
    /// Not read at all: the crawler had no use for it (a redirect's or an error page's body,
    /// a content type it does not keep).
    Unspecified,
}

impl Truncation {
    /// The `WARC-Truncated` value (WARC 1.1, section 5.13).
    pub fn as_str(self) -> &'static str {
        match self {
            Truncation::Length => "length",
            Truncation::Unspecified => "unspecified",
        }
    }
}

/// `sha256:` and the base32 of the SHA-256 of `bytes`: the labelled digest form WARC uses.
pub fn sha256_base32(bytes: &[u8]) -> String {
    labelled(&Sha256::digest(bytes))
}

/// A SHA-256 digest in WARC's labelled base32 form.
pub(crate) fn labelled(digest: &[u8]) -> String {
    format!("sha256:{}", BASE32.encode(digest))
}

/// A fresh `WARC-Record-ID`.
pub(crate) fn new_record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// A WARC date: UTC, to the second (WARC 1.1 allows fractions; whole seconds are what every
/// reader accepts, and CDXJ timestamps have no more).
pub(crate) fn warc_date(date: DateTime<Utc>) -> String {
    date.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A record being put together: named fields in order, then the block.
#[derive(Debug)]
pub(crate) struct RecordBuilder {
    fields: Vec<(&'static str, String)>,
}

impl RecordBuilder {
    pub(crate) fn new(kind: &str, record_id: &str, date: DateTime<Utc>) -> Self {
        RecordBuilder {
            fields: vec![
                ("WARC-Type", kind.to_owned()),
                ("WARC-Record-ID", record_id.to_owned()),
                ("WARC-Date", warc_date(date)),
            ],
        }
    }

    pub(crate) fn field(mut self, name: &'static str, value: impl Into<String>) -> Self {
        // A value with a line break would end the header early (a URL cannot have one, but a
        // target is data from outside).
        let value: String = value.into().chars().filter(|c| *c != '\r' && *c != '\n').collect();
        self.fields.push((name, value));
        self
    }

    pub(crate) fn field_if(self, name: &'static str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(value) => self.field(name, value),
            None => self,
        }
    }

    /// The record with `block` as its content, its block digest and length added, as an
    /// uncompressed byte string.
    pub(crate) fn finish(self, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(block.len() + 512);
        out.extend_from_slice(b"WARC/1.1\r\n");
        let block_digest = sha256_base32(block);
        let content_type = ("Content-Type", content_type.to_owned());
        let length = ("Content-Length", block.len().to_string());
        let digest = ("WARC-Block-Digest", block_digest);
        for (name, value) in self.fields.iter().chain([&digest, &content_type, &length]) {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }
}

/// `record` as one complete gzip member.
pub(crate) fn gzip_member(record: &[u8]) -> Vec<u8> {
    let mut encoder =
        GzEncoder::new(Vec::with_capacity(record.len() / 3 + 64), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(record);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_known_text() {
        // SHA-256("abc") = ba7816bf…15ad; its base32 (RFC 4648, padded) as Python's
        // base64.b32encode(hashlib.sha256(b"abc").digest()) gives it.
        assert_eq!(
            sha256_base32(b"abc"),
            "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ===="
        );
        assert_eq!(
            sha256_base32(b""),
            "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ===="
        );
    }

    #[test]
    fn header_values_cannot_break_lines() {
        let date = DateTime::from_timestamp(0, 0).unwrap_or_default();
        let bytes = RecordBuilder::new("response", "<urn:uuid:x>", date)
            .field("WARC-Target-URI", "http://a.example/\r\nWARC-Type: evil")
            .finish("text/plain", b"hi");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("WARC-Target-URI: http://a.example/WARC-Type: evil\r\n"), "{text}");
        assert!(text.starts_with("WARC/1.1\r\nWARC-Type: response\r\n"), "{text}");
        assert!(text.contains("WARC-Date: 1970-01-01T00:00:00Z\r\n"), "{text}");
        assert!(text.ends_with("Content-Length: 2\r\n\r\nhi\r\n\r\n"), "{text}");
    }
}
