//! Stable record ids.

use sha2::{Digest, Sha256};

/// The id of the record for `canonical_url`, or of course `part` inside it (a feed's course
/// identifier, say).
///
/// The id is the host, dashed, then 12 hex digits of the SHA-256 of the URL (and part): the
/// same page gets the same id in every crawl, a person can still tell whose course it is, and
/// every search engine accepts it (only `[A-Za-z0-9_-]`).
pub fn record_id(canonical_url: &str, part: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(canonical_url.as_bytes());
    if let Some(part) = part {
        hasher.update(b"#");
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let host = canonical_url
        .split_once("://")
        .map_or(canonical_url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let mut id: String = host
        .trim_start_matches("www.")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .take(40)
        .collect();
    if !id.is_empty() {
        id.push('-');
    }
    for byte in &digest[..6] {
        id.push_str(&format!("{byte:02x}"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_safe() {
        let a = record_id("https://www.lsbu.ac.uk/study/course/leadership-msc", None);
        assert_eq!(a, record_id("https://www.lsbu.ac.uk/study/course/leadership-msc", None));
        assert!(a.starts_with("lsbu-ac-uk-"), "{a}");
        assert_eq!(a.len(), "lsbu-ac-uk-".len() + 12);
        let b = record_id("https://www.lsbu.ac.uk/study/course/leadership-msc", Some("c1"));
        assert_ne!(a, b);
        for id in [a, b, record_id("weird:// ü/x", Some("ü"))] {
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{id}");
        }
    }
}
