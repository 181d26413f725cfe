//! Any text through the delivery normaliser (key-fact and prose readings): never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = coursemap_extract::normalise::delivery::parse(&text);
    let _ = coursemap_extract::normalise::delivery::from_prose(&text);
});
