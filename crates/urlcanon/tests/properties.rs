//! Property tests: canonicalisation is idempotent and never changes which page is meant.

use std::collections::BTreeMap;

use coursemap_urlcanon::{canonical_str, canonicalize, is_tracking_param};
use proptest::prelude::*;
use url::Url;

/// Path segments mixing plain names, index files, escapes of unreserved and reserved
/// characters, lower-case hex and non-ASCII.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9._~-]{0,10}",
        Just("index.html".to_owned()),
        Just("Default.aspx".to_owned()),
        Just("index.php".to_owned()),
        Just("%7Estaff".to_owned()),
        Just("%41%62c".to_owned()),
        Just("a%2fb".to_owned()),
        Just("caf%C3%A9".to_owned()),
        Just("café".to_owned()),
        Just("100%".to_owned()),
        Just("x y".to_owned()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}",
        Just("utm_source".to_owned()),
        Just("UTM_Campaign".to_owned()),
        Just("gclid".to_owned()),
        Just("_ga".to_owned()),
        Just("ref_src".to_owned()),
        Just("utmost".to_owned()),
        Just("q%5F1".to_owned()),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9._~+-]{0,8}", Just("a%20b".to_owned()), Just("%7e%2F".to_owned())]
}

prop_compose! {
    fn web_url()(
        scheme in prop_oneof![Just("http"), Just("https"), Just("HTTPS")],
        // Hyphens only singly inside a label: "xn--…" would be a punycode label, which the URL
        // parser rightly refuses when what follows is not valid punycode (a CI run drew one).
        host in "[a-zA-Z][a-zA-Z0-9]{0,4}(-[a-zA-Z0-9]{1,3})?(\\.[a-zA-Z]{2,4}){1,2}",
        port in prop_oneof![Just(String::new()), Just(":80".to_owned()), Just(":443".to_owned()), Just(":8080".to_owned())],
        segments in prop::collection::vec(segment(), 0..5),
        pairs in prop::collection::vec((key(), value()), 0..6),
        bare_question_mark in any::<bool>(),
        fragment in prop::option::of("[a-z]{0,5}"),
    ) -> Url {
        let mut text = format!("{scheme}://{host}{port}/{}", segments.join("/"));
        if !pairs.is_empty() || bare_question_mark {
            text.push('?');
            let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            text.push_str(&pairs.join("&"));
        }
        if let Some(fragment) = fragment {
            text.push('#');
            text.push_str(&fragment);
        }
        Url::parse(&text).expect("generated URLs are valid")
    }
}

/// Fully decoded segments, for comparing what the server is asked for.
fn decoded_segments(url: &Url) -> Vec<String> {
    url.path_segments().expect("http URLs have paths").map(percent_decode).collect()
}

/// Every `%XX` escape decoded (path segments, so `+` stays `+`).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], escaped) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The non-tracking pairs, decoded, grouped by key in their original order.
fn kept_pairs(url: &Url) -> BTreeMap<String, Vec<String>> {
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in url.query_pairs() {
        if !is_tracking_param(&k) {
            by_key.entry(k.into_owned()).or_default().push(v.into_owned());
        }
    }
    by_key
}

fn is_index_file(segment: &str) -> bool {
    ["index.html", "index.htm", "index.php"].contains(&segment)
        || ["default.aspx", "default.htm"].iter().any(|n| segment.eq_ignore_ascii_case(n))
}

proptest! {
    #[test]
    fn idempotent(url in web_url()) {
        let once = canonicalize(&url);
        prop_assert_eq!(canonicalize(&once), once.clone());
        prop_assert_eq!(canonical_str(once.as_str()).expect("canonical URLs parse"), once.as_str());
    }

    #[test]
    fn never_changes_which_page_is_meant(url in web_url()) {
        let canonical = canonicalize(&url);
        prop_assert_eq!(canonical.scheme(), url.scheme());
        prop_assert_eq!(canonical.host_str(), url.host_str());
        prop_assert_eq!(canonical.port_or_known_default(), url.port_or_known_default());
        prop_assert_eq!(canonical.fragment(), None);

        let mut want = decoded_segments(&url);
        if want.last().is_some_and(|last| is_index_file(last)) {
            want.pop();
            want.push(String::new());
        }
        prop_assert_eq!(decoded_segments(&canonical), want);

        prop_assert_eq!(kept_pairs(&canonical), kept_pairs(&url));
        prop_assert!(canonical.query() != Some(""), "empty query left in {}", canonical);
        prop_assert!(canonical.query_pairs().all(|(k, _)| !is_tracking_param(&k)));
    }

    #[test]
    fn any_text_is_an_error_or_a_canonical_url(text in "(https?://)?\\PC{0,60}") {
        if let Ok(canonical) = canonical_str(&text) {
            prop_assert_eq!(canonical_str(&canonical).expect("canonical URLs parse"), canonical);
        }
    }
}
