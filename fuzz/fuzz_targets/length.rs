//! Any text through the length normaliser, with each default study mode: never panics, and a
//! parsed range is ordered.
#![no_main]

use coursemap_records::StudyMode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for mode in [None, Some(StudyMode::FullTime), Some(StudyMode::PartTime)] {
        if let Some(l) = coursemap_extract::normalise::length::parse(&text, mode) {
            for r in [l.full_time_months, l.part_time_months].into_iter().flatten() {
                assert!(r.min.is_none_or(|m| m <= r.max), "{r:?} from {text:?}");
            }
        }
    }
});
