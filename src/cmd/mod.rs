//! One module per subcommand: each parses its own arguments (a clap `Args` struct) and runs.

use std::fmt;

pub mod build;
pub mod crawl;
#[cfg(feature = "demo")]
pub mod demo;
pub mod diff;
pub mod eval;
pub mod export;
pub mod extract;
pub mod import;
pub mod search;
pub mod seeds;
pub mod seeds_args;
pub mod serve;
pub mod tables;

/// Bad input from the user (an unknown level, a malformed query): printed on one line and the
/// process exits with status 2, as command-line tools do for usage errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Returns a usage error (exit status 2) from the current function.
#[macro_export]
macro_rules! usage_bail {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::cmd::UsageError(format!($($arg)*))))
    };
}
