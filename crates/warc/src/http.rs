//! HTTP/1.1 message heads, rebuilt from what an HTTP client reports, as WARC blocks hold them.
//!
//! A client hands back a status and decoded headers, not the bytes on the wire (and an HTTP/2
//! exchange has no such bytes at all), so the head is written as HTTP/1.1, the form WARC
//! readers and replay tools parse, whatever version carried it.

/// Headers that describe how the body was framed or encoded on the wire. The body archived
/// is the decoded one, so these would misdescribe it; one `Content-Length` replaces them.
const FRAMING: [&str; 3] = ["content-length", "transfer-encoding", "content-encoding"];

/// A request head: `GET /path?q HTTP/1.1`, the headers in order, a blank line. `target` is
/// the request target (path and query); `headers` should include `Host`.
pub fn request_head(method: &str, target: &str, headers: &[(String, String)]) -> Vec<u8> {
    let mut out = format!("{method} {} HTTP/1.1\r\n", one_line(target)).into_bytes();
    push_headers(&mut out, headers.iter());
    out.extend_from_slice(b"\r\n");
    out
}

/// A response head for a body of `body_len` bytes as archived: the status line, the headers
/// in order less the framing ones, `Content-Length: body_len`, a blank line. A response whose
/// body was not archived (`body_len` 0 with `WARC-Truncated`) says so with `Content-Length: 0`,
/// so a reader never waits for bytes that are not there.
pub fn response_head(
    status: u16,
    reason: &str,
    headers: &[(String, String)],
    body_len: usize,
) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", one_line(reason)).into_bytes();
    let kept = headers
        .iter()
        .filter(|(name, _)| !FRAMING.iter().any(|framing| name.eq_ignore_ascii_case(framing)));
    push_headers(&mut out, kept);
    out.extend_from_slice(format!("Content-Length: {body_len}\r\n\r\n").as_bytes());
    out
}

fn push_headers<'a>(out: &mut Vec<u8>, headers: impl Iterator<Item = &'a (String, String)>) {
    for (name, value) in headers {
        out.extend_from_slice(one_line(name).as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(one_line(value).as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

/// Text without line breaks (a header value from outside must not start a new header).
fn one_line(text: &str) -> String {
    text.chars().filter(|c| *c != '\r' && *c != '\n').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn response_head_replaces_framing_with_the_archived_length() {
        let headers = pairs(&[
            ("content-type", "text/html; charset=utf-8"),
            ("transfer-encoding", "chunked"),
            ("content-encoding", "gzip"),
            ("etag", "\"v1\""),
        ]);
        let head = response_head(200, "OK", &headers, 42);
        assert_eq!(
            String::from_utf8_lossy(&head),
            "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\netag: \"v1\"\r\n\
             Content-Length: 42\r\n\r\n"
        );
    }

    #[test]
    fn request_head_keeps_headers_in_order() {
        let headers = pairs(&[("Host", "www.ucl.ac.uk"), ("If-None-Match", "\"v1\"")]);
        let head = request_head("GET", "/courses?q=1", &headers);
        assert_eq!(
            String::from_utf8_lossy(&head),
            "GET /courses?q=1 HTTP/1.1\r\nHost: www.ucl.ac.uk\r\nIf-None-Match: \"v1\"\r\n\r\n"
        );
    }
}
