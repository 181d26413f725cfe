//! Any bytes through `decode_body`, then extracted as HTML and as XML: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = coursemap_pages::decode_body(data, None);
    let _ = coursemap_extract::extract("https://fuzz.example/course", &body, Some("text/html"));
    let _ = coursemap_extract::extract("https://fuzz.example/feed.xml", &body, Some("application/xml"));
});
