//! CDXJ: the sorted index of captures that pywb and other Wayback machines replay from.
//!
//! One line per `response` or `revisit`: the URL's SURT key, a 14-digit timestamp, and a JSON
//! object with the URL, MIME type, status, payload digest, member length, offset and file
//! name (the fields pywb's own `cdx-indexer` writes).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::reader::{WarcRecord, read_until_damage};
use crate::{Result, io_error};

/// The SURT form of `url` as Wayback indexes sort by it: scheme and `www.` dropped, host
/// labels reversed and comma-joined, a `)`, then the path and query, lower-cased, with query
/// pairs sorted (`https://www.ucl.ac.uk/a?b=1&a=2` → `uk,ac,ucl)/a?a=2&b=1`).
pub fn surt(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, rest)| rest);
    let rest = rest.split('#').next().unwrap_or_default();
    let (authority, path_query) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, "/"),
    };
    let authority = authority.rsplit('@').next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => (host, Some(port)),
        _ => (authority, None),
    };
    let host = host.strip_prefix("www.").unwrap_or(host).trim_end_matches('.');
    let mut key: String = host.split('.').rev().collect::<Vec<_>>().join(",");
    if let Some(port) = port.filter(|p| *p != "80" && *p != "443") {
        key.push(':');
        key.push_str(port);
    }
    key.push(')');
    match path_query.split_once('?') {
        Some((path, query)) => {
            let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
            pairs.sort_unstable();
            key.push_str(path);
            if !pairs.is_empty() {
                key.push('?');
                key.push_str(&pairs.join("&"));
            }
        }
        None => key.push_str(path_query),
    }
    key
}

/// The CDXJ line for `record` in the file called `file_name`, or None for records that are
/// not captures (warcinfo, request).
pub fn cdxj_line(record: &WarcRecord, file_name: &str) -> Option<String> {
    let kind = record.kind();
    if kind != "response" && kind != "revisit" {
        return None;
    }
    let url = record.target_uri()?;
    let date = record.header("WARC-Date")?;
    let timestamp = DateTime::parse_from_rfc3339(date).ok()?.with_timezone(&Utc);
    let http = record.http_response()?;
    let status = http.status;
    let mime = if kind == "revisit" {
        "warc/revisit".to_owned()
    } else {
        http.header("content-type")
            .map(|value| value.split(';').next().unwrap_or_default().trim().to_owned())
            .unwrap_or_else(|| "unk".to_owned())
    };
    let mut fields = serde_json::Map::new();
    fields.insert("url".into(), url.into());
    fields.insert("mime".into(), mime.into());
    fields.insert("status".into(), status.to_string().into());
    if let Some(digest) = record.header("WARC-Payload-Digest") {
        fields.insert("digest".into(), digest.into());
    }
    fields.insert("length".into(), record.member_len.to_string().into());
    fields.insert("offset".into(), record.offset.to_string().into());
    fields.insert("filename".into(), file_name.into());
    Some(format!(
        "{} {} {}",
        surt(url),
        timestamp.format("%Y%m%d%H%M%S"),
        serde_json::Value::Object(fields)
    ))
}

/// Writes the sorted CDXJ index of every capture in `files` to `out`; returns the number of
/// lines. A file's torn last member (a crawl still running, or killed) ends its lines there.
pub fn write_cdxj(files: &[impl AsRef<Path>], out: &mut dyn Write) -> Result<usize> {
    let mut lines = Vec::new();
    for path in files {
        let path = path.as_ref();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (records, damage) = read_until_damage(path)?;
        if let Some(damage) = damage {
            tracing::warn!(error = %damage, "WARC file damaged here; later records not indexed");
        }
        lines.extend(records.iter().filter_map(|record| cdxj_line(record, &name)));
    }
    // Replay looks captures up by binary search: the index must be sorted bytewise.
    lines.sort_unstable();
    for line in &lines {
        writeln!(out, "{line}").map_err(io_error("CDXJ output"))?;
    }
    Ok(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surt_keys() {
        assert_eq!(surt("https://www.ucl.ac.uk/courses/msc"), "uk,ac,ucl)/courses/msc");
        assert_eq!(surt("http://WWW.UCL.ac.uk"), "uk,ac,ucl)/");
        assert_eq!(surt("https://a.example:8443/x?b=2&a=1#top"), "example,a:8443)/x?a=1&b=2");
        assert_eq!(surt("https://applycpd.com:443/lsbu/"), "com,applycpd)/lsbu/");
    }
}
