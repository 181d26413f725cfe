//! Any text through the `entry` normaliser: it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = coursemap_extract::normalise::entry::parse(&text);
});
