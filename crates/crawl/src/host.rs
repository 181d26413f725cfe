//! What the coordinator knows about one host: its spacing, how far its robots.txt has got,
//! and whether it has been given up.

use std::time::{Duration, Instant};

use crate::failure::FailureKind;
use crate::limiter::HostLimiter;
use crate::robots::{RobotsRequest, Rules};

/// Challenges in a row from one host after which it is given up: a site that challenges
/// every request will not stop, and asking again is not polite.
pub(crate) const CHALLENGES_BEFORE_GIVING_UP: u32 = 5;

/// A host's robots.txt, as far as we know it. Nothing but robots.txt is fetched from a host
/// until this is [`RobotsState::Ready`].
#[derive(Debug)]
pub(crate) enum RobotsState {
    /// To be fetched (at the request's URL, a redirect target after the first hop).
    Pending(RobotsRequest),
    /// Fetched (or missing, which allows everything): these rules decide every URL.
    Ready(Rules),
    /// 5xx or no answer `attempts` times: nothing is fetched from the host until `retry_at`.
    Unavailable { retry_at: Instant, attempts: u32 },
    /// Nothing will be fetched from this host; every URL queued for it is counted as a
    /// failure of the reason's kind.
    GivenUp(GiveUpReason),
}

/// Why nothing more is fetched from a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GiveUpReason {
    /// Its address may not be contacted (private, loopback, or unresolved when resolved-only).
    AddressRefused,
    /// Its robots.txt did not answer, however often it was asked.
    RobotsUnavailable,
    /// It answered with bot challenges too many times in a row.
    Challenges,
}

impl GiveUpReason {
    /// The failure every URL still queued for the host is counted as.
    pub(crate) fn failure_kind(self) -> FailureKind {
        match self {
            GiveUpReason::AddressRefused => FailureKind::AddressRefused,
            GiveUpReason::RobotsUnavailable => FailureKind::RobotsUnavailable,
            GiveUpReason::Challenges => FailureKind::Challenge,
        }
    }
}

/// One host's state, owned by the coordinator.
#[derive(Debug)]
pub(crate) struct HostState {
    pub(crate) limiter: HostLimiter,
    /// The interval before any Crawl-delay.
    pub(crate) base_interval: Duration,
    pub(crate) robots: RobotsState,
    /// Bot challenges answered in a row (reset by any other response to a page).
    pub(crate) challenges_in_a_row: u32,
    /// A request to the host is running: the next waits for it.
    pub(crate) busy: bool,
    pub(crate) first_request: Option<Instant>,
    pub(crate) last_response: Option<Instant>,
}

impl HostState {
    /// A host not yet asked anything, whose robots.txt is in `robots`'s hands.
    pub(crate) fn new(base_interval: Duration, robots: RobotsState) -> Self {
        HostState {
            limiter: HostLimiter::new(base_interval),
            base_interval,
            robots,
            challenges_in_a_row: 0,
            busy: false,
            first_request: None,
            last_response: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A given-up host's queued URLs are counted under the names the summary always used.
    #[test]
    fn each_reason_counts_as_its_failure_kind() {
        assert_eq!(GiveUpReason::AddressRefused.failure_kind().as_str(), "address_refused");
        assert_eq!(GiveUpReason::RobotsUnavailable.failure_kind().as_str(), "robots_unavailable");
        assert_eq!(GiveUpReason::Challenges.failure_kind().as_str(), "challenge");
    }
}
