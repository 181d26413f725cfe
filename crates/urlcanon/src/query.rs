//! Query canonicalisation: tracking parameters out, the rest sorted by key.

use std::borrow::Cow;

use crate::percent::normalize_escapes;

/// Parameters that only feed analytics or ad attribution and never change the page.
const TRACKING_PARAMS: [&str; 10] =
    ["gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid", "ref_src"];

/// Whether a query key (raw or decoded) is a tracking parameter: `utm_*` or one of the click and
/// mail-campaign ids. Case-insensitive, as links in the wild write `UTM_Source` too.
pub fn is_tracking_param(key: &str) -> bool {
    let key = decode_key(key);
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str())
}

/// The canonical form of a raw query string, or `None` when nothing is left.
///
/// Pairs are kept as written (after escape normalisation), not decoded and re-encoded: `+` and
/// `%20` may mean different things to the server, and a round trip would rewrite them.
pub(crate) fn canonical_query(query: &str) -> Option<String> {
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(normalize_escapes)
        .filter(|pair| !is_tracking_param(key_of(pair)))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    // `sort_by` is stable: `subject=a&subject=b` keeps its order, which can matter.
    pairs.sort_by(|a, b| key_of(a).cmp(key_of(b)));
    Some(pairs.join("&"))
}

fn key_of(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(key, _)| key)
}

/// Enough decoding to recognise `utm%5Fsource`; tracking keys are plain ASCII.
fn decode_key(key: &str) -> Cow<'_, str> {
    if key.contains('%') { Cow::Owned(normalize_escapes(key)) } else { Cow::Borrowed(key) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tracking_keys() {
        for key in ["utm_source", "UTM_Medium", "utm_", "gclid", "_ga", "ref_src", "utm%5Fterm"] {
            assert!(is_tracking_param(key), "{key}");
        }
        for key in ["utm", "utmost", "ref", "ga", "id", "q", "source"] {
            assert!(!is_tracking_param(key), "{key}");
        }
    }

    #[test]
    fn sorts_stably_and_drops_empties() {
        assert_eq!(canonical_query("b=2&a=1&b=1&a"), Some("a=1&a&b=2&b=1".to_owned()));
        assert_eq!(canonical_query("&&"), None);
        assert_eq!(canonical_query("fbclid=x&utm_id=3"), None);
    }
}
