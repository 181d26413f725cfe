//! The seeds loader on any text: a providers file and a terms file are user-edited, so every
//! input must give providers or an error naming the place, never a panic.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(providers) = coursemap_seeds::parse_providers(text, Path::new("fuzz/providers.toml"))
    {
        // What the loader accepted must be usable: every start URL in the provider's scope
        // (its hosts, or its prefixes on shared hosts).
        for provider in &providers {
            for url in &provider.start_urls {
                assert!(provider.in_scope(url), "{url} accepted off its hosts");
            }
        }
    }
    let _ = coursemap_seeds::parse_terms(text, Path::new("fuzz/terms.txt"));
});
