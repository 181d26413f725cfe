//! Per-host request spacing.
//!
//! Two rules, both needed. `governor` holds the host's quota (one request per interval,
//! no burst). And the next request may not start until one interval after the previous
//! response *began to arrive*: a request's start as the server sees it lies somewhere between
//! our send and the response head (connection set-up, TLS, queueing), so spacing sends alone
//! could put two arrivals closer than the interval; spacing from the response head cannot.

use std::time::{Duration, Instant};

use governor::clock::MonotonicClock;
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

type Gcra = RateLimiter<NotKeyed, InMemoryState, MonotonicClock, NoOpMiddleware<Instant>>;

/// When the next request to one host may start.
#[derive(Debug)]
pub struct HostLimiter {
    interval: Duration,
    gcra: Gcra,
    /// Not before this (previous response head + interval, or a Retry-After).
    earliest: Option<Instant>,
}

impl HostLimiter {
    /// A limiter allowing one request per `interval`.
    pub fn new(interval: Duration) -> Self {
        HostLimiter { interval, gcra: gcra(interval), earliest: None }
    }

    /// Changes the interval (a robots.txt Crawl-delay arrived).
    pub fn set_interval(&mut self, interval: Duration) {
        if interval != self.interval {
            self.interval = interval;
            self.gcra = gcra(interval);
        }
    }

    /// Holds the host back until `at` (Retry-After, back-off, robots.txt unavailable).
    pub fn hold_until(&mut self, at: Instant) {
        self.earliest = Some(self.earliest.map_or(at, |e| e.max(at)));
    }

    /// Claims the next request slot now, or says when to ask again.
    pub fn try_acquire(&mut self, now: Instant) -> Result<(), Instant> {
        if let Some(earliest) = self.earliest
            && now < earliest
        {
            return Err(earliest);
        }
        self.gcra.check().map_err(|not_until| not_until.earliest_possible())
    }

    /// Records that the response to the last request began at `at` (or that it failed then).
    pub fn response_started(&mut self, at: Instant) {
        self.hold_until(at + self.interval);
    }
}

fn gcra(interval: Duration) -> Gcra {
    // A zero interval (an unthrottled benchmark) still needs a valid quota: one nanosecond.
    let quota = Quota::with_period(interval.max(Duration::from_nanos(1)))
        .expect("the period is at least one nanosecond, so the quota is valid");
    RateLimiter::direct_with_clock(quota, MonotonicClock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_counts_from_the_response_head() {
        let mut limiter = HostLimiter::new(Duration::from_millis(100));
        let start = Instant::now();
        assert!(limiter.try_acquire(start).is_ok());
        // The response head came 30 ms after the send: the next slot is 100 ms after that.
        limiter.response_started(start + Duration::from_millis(30));
        let next = limiter.try_acquire(start + Duration::from_millis(110)).expect_err("too soon");
        assert_eq!(next, start + Duration::from_millis(130));
    }

    #[test]
    fn hold_until_only_moves_later() {
        let mut limiter = HostLimiter::new(Duration::from_millis(10));
        let now = Instant::now();
        limiter.hold_until(now + Duration::from_secs(2));
        limiter.hold_until(now + Duration::from_secs(1));
        assert_eq!(limiter.try_acquire(now), Err(now + Duration::from_secs(2)));
    }
}
