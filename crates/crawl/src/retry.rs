//! When to try again: exponential back-off with jitter, or what the server's Retry-After says.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;

/// Whether a status is worth retrying: the server is briefly unable (5xx), timed out
/// waiting for us (408) or asked us to slow down (429).
pub fn is_retryable_status(status: u16) -> bool {
    status >= 500 || status == 408 || status == 429
}

/// The wait before retry number `attempt` (0-based): `base` doubled per attempt, capped at
/// `max`, then scaled by a random factor in [0.5, 1] so that many clients (or hosts) that
/// failed together do not come back together.
pub fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    let exponential = base.saturating_mul(1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX));
    let capped = exponential.min(max);
    capped.mul_f64(rand::rng().random_range(0.5..=1.0))
}

/// The wait a Retry-After header asks for: delay-seconds or an HTTP date, relative to `now`.
/// Unparseable values are ignored (the caller backs off instead).
pub fn retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?.with_timezone(&Utc);
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(1);
        for attempt in 0..3 {
            let full = base * 2u32.pow(attempt);
            let wait = backoff(attempt, base, max);
            assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
        }
        assert!(backoff(40, base, max) <= max);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 28, 0).single().expect("time");
        assert_eq!(retry_after(" 2 ", now), Some(Duration::from_secs(2)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
    }
}
