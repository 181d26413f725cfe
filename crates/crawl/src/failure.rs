//! Why a URL was not collected: the one list of failure kinds the crawl counts.
//!
//! The names are a contract: `crawl-summary.json` counts failures by them (`errors`) and
//! lists each failed URL with one (`failures`), and tools outside this workspace read that
//! file. So each kind's name is written out once, here, and never changes.

use std::borrow::Cow;
use std::fmt;

/// Why a URL (or every URL queued for a host) was not collected, after any retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// The request, body included, took longer than the request timeout.
    Timeout,
    /// No connection could be made (refused, reset, a name that did not resolve).
    Connect,
    /// The connection broke while the body was read, or the body could not be decoded.
    Body,
    /// Any other error making the request.
    Request,
    /// A status that is neither a page nor a redirect, given as the final answer (a 404 for
    /// a page never stored, a 403, or a 5xx still there after the last retry).
    Http(u16),
    /// A body longer than the cap: reading stopped there and nothing was stored.
    BodyTooLarge,
    /// A 304 for a page the store does not hold, so there is nothing to reuse.
    Unexpected304,
    /// A redirect without a usable Location (missing, unparseable, or not http/https).
    BadRedirect,
    /// More redirect hops than are followed for one URL.
    TooManyRedirects,
    /// A redirect chain back to the URL it started from.
    RedirectLoop,
    /// A search API answer that is not the JSON the seeds describe.
    BadSearchApi,
    /// A sitemap that could not be read, or was read only in part.
    BadSitemap,
    /// An OpenSearch description with no HTML search template a crawler can fill.
    BadSearchDescription,
    /// The host's address may not be contacted (private, loopback, or not resolved when the
    /// crawl is resolved-only): every URL queued for it.
    AddressRefused,
    /// The host's robots.txt did not answer after every attempt: every URL queued for it.
    RobotsUnavailable,
    /// The host answered with bot challenges too many times in a row: every URL still queued
    /// for it.
    Challenge,
}

impl FailureKind {
    /// The name in `crawl-summary.json` (`errors` keys, `failures` kinds) and the printed
    /// summary. Only [`FailureKind::Http`] is built (`http_404`); the rest are fixed.
    pub fn as_str(&self) -> Cow<'static, str> {
        let name = match self {
            FailureKind::Http(status) => return Cow::Owned(format!("http_{status}")),
            FailureKind::Timeout => "timeout",
            FailureKind::Connect => "connect",
            FailureKind::Body => "body",
            FailureKind::Request => "request",
            FailureKind::BodyTooLarge => "body_too_large",
            FailureKind::Unexpected304 => "unexpected_304",
            FailureKind::BadRedirect => "bad_redirect",
            FailureKind::TooManyRedirects => "too_many_redirects",
            FailureKind::RedirectLoop => "redirect_loop",
            FailureKind::BadSearchApi => "bad_search_api",
            FailureKind::BadSitemap => "bad_sitemap",
            FailureKind::BadSearchDescription => "bad_search_description",
            FailureKind::AddressRefused => "address_refused",
            FailureKind::RobotsUnavailable => "robots_unavailable",
            FailureKind::Challenge => "challenge",
        };
        Cow::Borrowed(name)
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names outside tools read in `crawl-summary.json`, as they were when the kinds were
    /// bare strings: changing one breaks those tools.
    #[test]
    fn names_are_the_summary_contract() {
        let expected = [
            (FailureKind::Timeout, "timeout"),
            (FailureKind::Connect, "connect"),
            (FailureKind::Body, "body"),
            (FailureKind::Request, "request"),
            (FailureKind::Http(404), "http_404"),
            (FailureKind::Http(500), "http_500"),
            (FailureKind::Http(429), "http_429"),
            (FailureKind::BodyTooLarge, "body_too_large"),
            (FailureKind::Unexpected304, "unexpected_304"),
            (FailureKind::BadRedirect, "bad_redirect"),
            (FailureKind::TooManyRedirects, "too_many_redirects"),
            (FailureKind::RedirectLoop, "redirect_loop"),
            (FailureKind::BadSearchApi, "bad_search_api"),
            (FailureKind::BadSitemap, "bad_sitemap"),
            (FailureKind::BadSearchDescription, "bad_search_description"),
            (FailureKind::AddressRefused, "address_refused"),
            (FailureKind::RobotsUnavailable, "robots_unavailable"),
            (FailureKind::Challenge, "challenge"),
        ];
        for (kind, name) in expected {
            assert_eq!(kind.as_str(), name);
            assert_eq!(kind.to_string(), name);
        }
    }
}
