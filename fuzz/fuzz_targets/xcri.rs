//! Any bytes as an XCRI-CAP feed: feed extraction never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let _ = coursemap_extract::extract("https://fuzz.example/feed.xml", &body, Some("application/xml"));
});
