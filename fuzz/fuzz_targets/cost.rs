//! Any text through the `cost` normaliser: it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = coursemap_extract::normalise::cost::parse(&text);
});
