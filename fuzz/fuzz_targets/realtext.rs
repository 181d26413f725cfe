//! Any bytes as a page's text: `as_html` (first line as title), then extraction: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let title = text.lines().next();
    let html = coursemap_extract::eval::realtext::as_html(title, &text);
    let _ = coursemap_extract::extract("https://fuzz.example/course", &html, Some("text/html"));
});
