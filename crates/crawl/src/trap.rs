//! Crawler traps: links a site can generate without end, such as an events calendar whose
//! every month links to the next, paths that repeat themselves (`/a/b/a/b/…`, from a
//! relative link on an error page), or endless combinations of listing parameters.
//!
//! The depth limit and the page budget already bound a trap; these rules keep it from
//! spending the budget. They apply to links found in HTML pages only: start URLs, site
//! search and sitemap entries are what the provider lists on purpose.
//!
//! - a URL longer than [`MAX_URL_BYTES`], a path of more than [`MAX_PATH_SEGMENTS`] segments
//!   (Heritrix's `TooManyPathSegments` default), or a path in which a run of one to three
//!   segments, not all numbers, repeats more than [`MAX_SEGMENT_REPEATS`] times in a row
//!   (`/a/a/a`, `/a/b/a/b/a/b`: Heritrix's `PathologicalPath`, widened to the runs a relative
//!   link on a page that is served at every depth produces; numbers are left alone because
//!   `/2026/1/1/1` is an ordinary id or date);
//! - links with no relevance at all (no term or course word in anchor, URL or context) are
//!   counted by *pattern*: host, path with every run of digits as `#`, and the sorted query
//!   keys. Once a pattern has had its quota of such links on a host, more are skipped. A
//!   calendar's months share one pattern; course pages reached through relevant links are
//!   never counted, however many share a pattern.

use std::collections::BTreeMap;

use url::Url;

/// Longest URL followed from a page, in bytes.
pub const MAX_URL_BYTES: usize = 2_000;
/// Most path segments in a URL followed from a page.
pub const MAX_PATH_SEGMENTS: usize = 20;
/// Most times a run of path segments may repeat in a row in a URL followed from a page.
pub const MAX_SEGMENT_REPEATS: usize = 2;
/// Longest run of segments checked for repeats.
const MAX_REPEATING_RUN: usize = 3;
/// Links without relevance followed per URL pattern and host, unless configured.
pub const DEFAULT_MAX_LINKS_PER_PATTERN: usize = 50;

/// Why a link was taken for a trap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trap {
    LongUrl,
    DeepPath,
    RepeatedSegment,
    PatternQuota,
}

impl Trap {
    /// The name the summary counts it under (`traps` keys, `trap_sample` kinds).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Trap::LongUrl => "long_url",
            Trap::DeepPath => "deep_path",
            Trap::RepeatedSegment => "repeated_segment",
            Trap::PatternQuota => "pattern_quota",
        }
    }
}

/// The rules above, with the per-pattern counts of one crawl run (saved with its state, so a
/// resumed run goes on counting where it stopped).
#[derive(Debug, Clone)]
pub(crate) struct TrapGuard {
    max_per_pattern: usize,
    /// Links without relevance queued so far, by [`pattern`].
    counts: BTreeMap<String, usize>,
}

impl TrapGuard {
    pub(crate) fn new(max_per_pattern: usize, counts: BTreeMap<String, usize>) -> Self {
        TrapGuard { max_per_pattern, counts }
    }

    /// Whether the link to `url`, scored `score` by relevance, may be queued; counts it
    /// against its pattern's quota when it may. Call once per new URL.
    pub(crate) fn admit(&mut self, url: &Url, score: u32) -> Result<(), Trap> {
        if url.as_str().len() > MAX_URL_BYTES {
            return Err(Trap::LongUrl);
        }
        let segments: Vec<&str> =
            url.path_segments().map(|s| s.filter(|s| !s.is_empty()).collect()).unwrap_or_default();
        if segments.len() > MAX_PATH_SEGMENTS {
            return Err(Trap::DeepPath);
        }
        if repeats_a_run(&segments) {
            return Err(Trap::RepeatedSegment);
        }
        if score > 0 {
            return Ok(());
        }
        let count = self.counts.entry(pattern(url)).or_default();
        if *count >= self.max_per_pattern {
            return Err(Trap::PatternQuota);
        }
        *count += 1;
        Ok(())
    }

    /// The counts to save with the crawl state.
    pub(crate) fn counts(&self) -> &BTreeMap<String, usize> {
        &self.counts
    }
}

/// Whether some run of 1 to [`MAX_REPEATING_RUN`] segments, not all numbers, occurs more
/// than [`MAX_SEGMENT_REPEATS`] times in a row.
fn repeats_a_run(segments: &[&str]) -> bool {
    let times = MAX_SEGMENT_REPEATS + 1;
    (1..=MAX_REPEATING_RUN).any(|run| {
        (0..segments.len().saturating_sub(run * times - 1)).any(|start| {
            let unit = &segments[start..start + run];
            let numbers_only = unit.iter().all(|s| s.bytes().all(|b| b.is_ascii_digit()));
            !numbers_only
                && (1..times).all(|k| &segments[start + k * run..start + (k + 1) * run] == unit)
        })
    })
}

/// `url`'s pattern: host, path with each run of digits replaced by `#`, and the sorted,
/// distinct query keys (values dropped). `https://x.ac.uk/events/2026/11?month=3&view=list`
/// is `x.ac.uk/events/#/#?month&view`.
pub(crate) fn pattern(url: &Url) -> String {
    let mut out = url.host_str().unwrap_or_default().to_owned();
    let mut in_digits = false;
    for c in url.path().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    let mut keys: Vec<String> = url.query_pairs().map(|(key, _)| key.into_owned()).collect();
    keys.sort();
    keys.dedup();
    if !keys.is_empty() {
        out.push('?');
        out.push_str(&keys.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    #[test]
    fn patterns_fold_digits_and_query_values() {
        assert_eq!(
            pattern(&url("https://www.kcl.ac.uk/events/2026/11?view=list&month=3")),
            "www.kcl.ac.uk/events/#/#?month&view"
        );
        assert_eq!(
            pattern(&url("https://www.kcl.ac.uk/events/1999/1?month=12&view=grid&view=x")),
            "www.kcl.ac.uk/events/#/#?month&view"
        );
        assert_eq!(pattern(&url("https://www.kcl.ac.uk/msc-2-year")), "www.kcl.ac.uk/msc-#-year");
        assert_ne!(
            pattern(&url("https://www.kcl.ac.uk/events/1")),
            pattern(&url("https://www.uwl.ac.uk/events/1"))
        );
    }

    #[test]
    fn a_pattern_gets_its_quota_of_unscored_links_and_scored_links_are_not_counted() {
        let mut guard = TrapGuard::new(3, BTreeMap::new());
        for month in 0..3 {
            let link = url(&format!("https://x.ac.uk/events?month={month}"));
            assert_eq!(guard.admit(&link, 0), Ok(()));
        }
        let fourth = url("https://x.ac.uk/events?month=3");
        assert_eq!(guard.admit(&fourth, 0), Err(Trap::PatternQuota));
        // The same pattern with relevance is a course listing, not a calendar.
        assert_eq!(guard.admit(&fourth, 15), Ok(()));
        for id in 0..10 {
            assert_eq!(guard.admit(&url(&format!("https://x.ac.uk/course/{id}")), 40), Ok(()));
        }
        assert_eq!(guard.counts().get("x.ac.uk/events?month"), Some(&3));
        assert_eq!(guard.counts().len(), 1);
        // A restored guard goes on counting.
        let mut restored = TrapGuard::new(3, guard.counts().clone());
        assert_eq!(
            restored.admit(&url("https://x.ac.uk/events?month=9"), 0),
            Err(Trap::PatternQuota)
        );
    }

    #[test]
    fn long_deep_and_repeating_paths_are_refused_whatever_their_score() {
        let mut guard = TrapGuard::new(DEFAULT_MAX_LINKS_PER_PATTERN, BTreeMap::new());
        let long = url(&format!("https://x.ac.uk/{}", "a".repeat(MAX_URL_BYTES)));
        assert_eq!(guard.admit(&long, 99), Err(Trap::LongUrl));
        let deep: String = (0..=MAX_PATH_SEGMENTS).map(|n| format!("/s{n}")).collect();
        assert_eq!(guard.admit(&url(&format!("https://x.ac.uk{deep}")), 99), Err(Trap::DeepPath));
        let twenty: String = (0..MAX_PATH_SEGMENTS).map(|n| format!("/s{n}")).collect();
        assert_eq!(guard.admit(&url(&format!("https://x.ac.uk{twenty}")), 99), Ok(()));
        for repeating in [
            "https://x.ac.uk/about/about/about",
            "https://x.ac.uk/x/courses/msc/courses/msc/courses/msc/y",
            "https://x.ac.uk/a/b/c/a/b/c/a/b/c",
        ] {
            assert_eq!(guard.admit(&url(repeating), 99), Err(Trap::RepeatedSegment), "{repeating}");
        }
        for fine in [
            "https://x.ac.uk/courses/msc/courses/msc",
            "https://x.ac.uk/news/2026/1/1/1",
            "https://x.ac.uk/a/b/a/c/a",
            "https://x.ac.uk/a/b/c/d/a/b/c/d/a/b/c/d",
        ] {
            assert_eq!(guard.admit(&url(fine), 99), Ok(()), "{fine}");
        }
    }
}
