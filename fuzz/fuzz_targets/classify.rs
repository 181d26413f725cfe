//! Any text through term matching, focus and kind: never panics.
#![no_main]

use std::sync::LazyLock;

use coursemap_extract::normalise::classify::{TermMatcher, focus, kind};
use libfuzzer_sys::fuzz_target;

static MATCHER: LazyLock<TermMatcher> = LazyLock::new(|| {
    let terms: Vec<String> = coursemap_extract::DEFAULT_TERMS.iter().map(|t| t.to_string()).collect();
    TermMatcher::new(&terms)
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let matched = MATCHER.matches(&text);
    let _ = focus(&text, &text, &matched);
    let _ = kind(&text, text.len() % 2 == 0, &text);
});
