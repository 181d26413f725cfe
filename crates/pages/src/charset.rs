//! Turning a body into text: the charset a page declares, else the one it looks like.
//!
//! Order, as in the WHATWG encoding sniffing algorithm: a byte-order mark (it cannot be
//! wrong about the bytes that follow it), then the Content-Type header, then a `<meta>`
//! declaration (or an XML declaration) near the top of the document, then `chardetng`'s
//! guess, which handles the undeclared Windows-1252 and ISO-8859-1 pages old sites serve.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// How far into the document a `<meta charset>` may be (the HTML standard says 1024 bytes;
/// pages with long comments or scripts first are common, so look a little further).
const PRESCAN_BYTES: usize = 4096;

/// Decodes `body`, served with `content_type`, to text. Malformed sequences become U+FFFD
/// rather than errors: a page with one bad byte is still worth reading.
pub fn decode_body(body: &[u8], content_type: Option<&str>) -> String {
    let encoding = Encoding::for_bom(body)
        .map(|(encoding, _)| encoding)
        .or_else(|| content_type.and_then(charset_param).and_then(Encoding::for_label))
        .or_else(|| declared_in_document(body))
        .unwrap_or_else(|| detect(body));
    // `decode` strips a BOM (and lets it override), and replaces malformed input.
    let (text, _, _) = encoding.decode(body);
    text.into_owned()
}

/// The `charset` parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<&[u8]> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// A charset declared in a `<meta>` tag (either form) or an XML declaration.
fn declared_in_document(body: &[u8]) -> Option<&'static Encoding> {
    let head = body.get(..PRESCAN_BYTES).unwrap_or(body).to_ascii_lowercase();
    let mut tags = find_all(&head, b"<meta").chain(find_all(&head, b"<?xml"));
    tags.find_map(|start| {
        let tag = &head[start..];
        let tag = &tag[..tag.iter().position(|&b| b == b'>').unwrap_or(tag.len())];
        let key: &[u8] = if tag.starts_with(b"<?xml") { b"encoding" } else { b"charset" };
        let value = attribute_after(tag, key)?;
        let encoding = Encoding::for_label(value)?;
        // A document that could be read as ASCII to find this tag is not UTF-16, whatever
        // it says; the standard treats such declarations as UTF-8.
        Some(if encoding.is_single_byte() || encoding.output_encoding() == encoding {
            encoding
        } else {
            UTF_8
        })
    })
}

/// The value after `key` `=` in a tag: `charset="utf-8"`, `content="text/html; charset=latin1"`.
fn attribute_after<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    find_all(tag, key).find_map(|at| {
        let rest = &tag[at + key.len()..];
        let rest = trim_start(rest);
        let rest = trim_start(rest.strip_prefix(b"=")?);
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| {
                matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            })
            .unwrap_or(rest.len());
        Some(&rest[..end]).filter(|value| !value.is_empty())
    })
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

fn find_all<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    haystack.windows(needle.len()).enumerate().filter(move |(_, w)| *w == needle).map(|(i, _)| i)
}

fn detect(body: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(body, true);
    // The catalogue is of UK providers: `uk` nudges ties towards Windows-1252.
    detector.guess(Some(b"uk"), Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_detection() {
        // "café" in ISO-8859-1 declared by header.
        let body = b"<p>caf\xe9</p>";
        assert_eq!(decode_body(body, Some("text/html; charset=ISO-8859-1")), "<p>café</p>");
    }

    #[test]
    fn meta_charset_both_forms() {
        let body = b"<html><head><meta charset=\"windows-1252\"></head><body>\x93quoted\x94</body>";
        assert!(decode_body(body, Some("text/html")).contains("\u{201c}quoted\u{201d}"));
        let body =
            b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>\xa3100";
        assert!(decode_body(body, None).ends_with("£100"));
    }

    #[test]
    fn xml_declaration_encoding() {
        let body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><loc>na\xefve</loc>";
        assert!(decode_body(body, Some("application/xml")).contains("naïve"));
    }

    #[test]
    fn bom_beats_a_wrong_header() {
        let body = "\u{feff}<p>Zürich</p>".as_bytes();
        assert_eq!(decode_body(body, Some("text/html; charset=iso-8859-1")), "<p>Zürich</p>");
    }

    #[test]
    fn undeclared_windows_1252_is_detected() {
        let body: &[u8] = b"<html><body><p>The programme\x92s fees are \xa39,250 \x96 students\x92 \
            union caf\xe9 and r\xe9sum\xe9 advice for applicants to the na\xefve course.</p></body></html>";
        let text = decode_body(body, Some("text/html"));
        assert!(text.contains("programme\u{2019}s"), "{text}");
        assert!(text.contains("£9,250"), "{text}");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let body = b"<meta charset=utf-8><p>ok \xff\xfe end</p>";
        let text = decode_body(body, None);
        assert!(text.contains("ok \u{fffd}\u{fffd} end"), "{text}");
    }
}
