//! Warnings: input that was skipped or could not be read, reported to the caller.

use std::fmt;

/// Something in a page or feed that extraction skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The page or feed the warning is about.
    pub url: String,
    /// `what happened: details`; the part before the first colon is the kind a build
    /// summary counts warnings by, so it carries no numbers or names.
    pub message: String,
}

impl Warning {
    pub fn new(url: &str, message: impl Into<String>) -> Self {
        Warning { url: url.to_string(), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.message)
    }
}
