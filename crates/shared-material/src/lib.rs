//! Where the tests find `../shared/`: the read-only material beside the repository (the
//! record contract, the 2014 report, real pages and their labels) that tests measure against
//! but the repository never copies.
//!
//! A test that needs it calls [`dir`]. On a developer's machine without it the test prints a
//! notice and skips; where `COURSEMAP_REQUIRE_SHARED=1` (CI sets it in `.ci/run`) a missing
//! folder fails the test, so CI can never pass by measuring nothing.
//!
//! No dependencies: a path and an environment variable.

use std::path::{Path, PathBuf};

/// The environment variable that makes missing material a failure.
pub const REQUIRE: &str = "COURSEMAP_REQUIRE_SHARED";

/// The shared folder: `../shared` beside the repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// `../shared/<relative>` when it exists. When it does not: panics if [`REQUIRE`] is `1`,
/// else prints a notice naming what `skipped` and returns `None`.
pub fn dir(relative: &str, skipped: &str) -> Option<PathBuf> {
    let path = root().join(relative);
    if path.exists() {
        return Some(path);
    }
    let required = std::env::var(REQUIRE).is_ok_and(|v| v == "1");
    assert!(!required, "{} is missing and {REQUIRE}=1: {skipped} cannot run", path.display());
    println!("notice: {} absent; {skipped} skipped", path.display());
    None
}
