//! robots.txt (RFC 9309) per host, through `texting_robots`: the group for our product
//! token (else `*`), longest match wins, `*` and `$` patterns, allow on a tie; and what each
//! answer to a robots.txt request means for its host ([`decide`]).

use std::time::Duration;

use texting_robots::Robot;
use url::Url;

use crate::fetch::{Body, FetchError, FetchedResponse};

/// The rules for one host.
#[derive(Debug)]
pub enum Rules {
    /// No robots.txt (4xx), or one we could not parse: everything is allowed.
    AllowAll,
    Parsed(Box<Robot>),
}

impl Rules {
    /// Parses a robots.txt body for `agent`. Unparseable files allow everything, as a
    /// missing file does, with a logged reason.
    pub fn parse(agent: &str, host: &str, body: &[u8]) -> Self {
        match Robot::new(agent, body) {
            Ok(robot) => Rules::Parsed(Box::new(robot)),
            Err(err) => {
                tracing::warn!(host, error = %err, "robots.txt unparseable; treated as allowing all");
                Rules::AllowAll
            }
        }
    }

    pub fn allowed(&self, url: &Url) -> bool {
        match self {
            Rules::AllowAll => true,
            Rules::Parsed(robot) => robot.allowed(url.as_str()),
        }
    }

    /// The Crawl-delay for our group, if one was given and makes sense.
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Rules::AllowAll => None,
            Rules::Parsed(robot) => {
                robot.delay.and_then(|secs| Duration::try_from_secs_f32(secs).ok())
            }
        }
    }

    /// Sitemap URLs listed in the file.
    pub fn sitemaps(&self) -> &[String] {
        match self {
            Rules::AllowAll => &[],
            Rules::Parsed(robot) => &robot.sitemaps,
        }
    }
}

/// What a robots.txt response means for the host.
#[derive(Debug)]
pub enum RobotsAnswer {
    Rules(Rules),
    /// 3xx: try this location (RFC 9309 asks to follow at least five hops).
    Redirect(String),
    /// 5xx: the host may be in trouble; fetch nothing from it and ask again later.
    Unavailable(String),
}

/// Redirect hops followed for robots.txt (RFC 9309 asks for at least five).
const MAX_ROBOTS_REDIRECTS: u8 = 5;

/// A robots.txt to ask for: where, after how many redirect hops, after how many tries that
/// got no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotsRequest {
    pub url: Url,
    pub hops: u8,
    pub attempts: u32,
}

impl RobotsRequest {
    /// The first request for a host's robots.txt at `url`.
    pub fn first(url: Url) -> Self {
        RobotsRequest { url, hops: 0, attempts: 0 }
    }
}

/// What the answer to a robots.txt request means for its host.
#[derive(Debug)]
pub enum RobotsDecision {
    /// Obey `rules`, and queue `sitemaps`: those the file lists, then `/sitemap.xml`.
    Obey { rules: Rules, sitemaps: Vec<Url> },
    /// A redirect on the same host, within the hops followed: ask there next.
    Follow(RobotsRequest),
    /// 429, 5xx or no answer: fetch nothing from the host, and ask again later.
    AskAgain { reason: String, attempts: u32 },
    /// As `AskAgain`, but on the last attempt allowed: the host is given up.
    GiveUp { reason: String, attempts: u32 },
}

/// Decides what the answer to `asked` means, allowing `max_attempts` tries that get no
/// usable answer. `agent` is the product token whose group is obeyed.
pub fn decide(
    agent: &str,
    host: &str,
    asked: &RobotsRequest,
    answer: Result<&FetchedResponse, &FetchError>,
    max_attempts: u32,
) -> RobotsDecision {
    let interpreted = match answer {
        Ok(response) => interpret(agent, host, response),
        Err(err) => RobotsAnswer::Unavailable(format!("{}: {}", err.kind, err.message)),
    };
    match interpreted {
        RobotsAnswer::Rules(rules) => obey(rules, &asked.url),
        RobotsAnswer::Redirect(location) => match asked.url.join(&location) {
            Ok(target) if asked.hops < MAX_ROBOTS_REDIRECTS && target.host_str() == Some(host) => {
                RobotsDecision::Follow(RobotsRequest {
                    url: target,
                    hops: asked.hops + 1,
                    attempts: asked.attempts,
                })
            }
            _ => {
                // Off-host or too many hops: RFC 9309 lets us treat it as missing.
                tracing::info!(
                    host,
                    location,
                    "robots.txt redirect not followed; treated as allowing all"
                );
                obey(Rules::AllowAll, &asked.url)
            }
        },
        RobotsAnswer::Unavailable(reason) => {
            let attempts = asked.attempts + 1;
            if attempts >= max_attempts {
                RobotsDecision::GiveUp { reason, attempts }
            } else {
                RobotsDecision::AskAgain { reason, attempts }
            }
        }
    }
}

/// Obeying `rules` fetched from `robots_url`: its sitemaps are relative to that URL.
fn obey(rules: Rules, robots_url: &Url) -> RobotsDecision {
    let mut sitemaps: Vec<Url> =
        rules.sitemaps().iter().filter_map(|s| robots_url.join(s.trim()).ok()).collect();
    if let Ok(default) = robots_url.join("/sitemap.xml") {
        sitemaps.push(default);
    }
    RobotsDecision::Obey { rules, sitemaps }
}

/// Interprets the response to a robots.txt request.
pub fn interpret(agent: &str, host: &str, response: &FetchedResponse) -> RobotsAnswer {
    match response.status {
        200..=299 => match &response.body {
            Body::Kept(body) => RobotsAnswer::Rules(Rules::parse(agent, host, body)),
            _ => RobotsAnswer::Rules(Rules::AllowAll),
        },
        300..=399 => match response.header("location") {
            Some(location) => RobotsAnswer::Redirect(location.to_owned()),
            None => RobotsAnswer::Rules(Rules::AllowAll),
        },
        // 429 is "slow down", not "no rules": treat it like a server error.
        429 => RobotsAnswer::Unavailable("robots.txt answered 429".to_owned()),
        400..=499 => RobotsAnswer::Rules(Rules::AllowAll),
        status => RobotsAnswer::Unavailable(format!("robots.txt answered {status}")),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::failure::FailureKind;

    fn url(path: &str) -> Url {
        Url::parse(&format!("https://www.uwl.ac.uk{path}")).expect("url")
    }

    const HOST: &str = "www.uwl.ac.uk";

    fn asked(hops: u8, attempts: u32) -> RobotsRequest {
        RobotsRequest { url: url("/robots.txt"), hops, attempts }
    }

    fn decide_on(response: FetchedResponse, asked: &RobotsRequest) -> RobotsDecision {
        decide("coursemap", HOST, asked, Ok(&response), 3)
    }

    fn sitemaps_of(decision: &RobotsDecision) -> Vec<&str> {
        match decision {
            RobotsDecision::Obey { sitemaps, .. } => sitemaps.iter().map(Url::as_str).collect(),
            other => panic!("expected rules to obey, got {other:?}"),
        }
    }

    #[test]
    fn a_robots_txt_is_obeyed_and_its_sitemaps_queued_before_the_default_one() {
        let body = b"User-agent: *\nDisallow: /staff/\nCrawl-delay: 2\nSitemap: /courses.xml\n";
        let response = FetchedResponse::for_test(
            200,
            &[("content-type", "text/plain")],
            Body::Kept(body.to_vec()),
        );
        let decision = decide_on(response, &asked(0, 0));
        assert_eq!(
            sitemaps_of(&decision),
            ["https://www.uwl.ac.uk/courses.xml", "https://www.uwl.ac.uk/sitemap.xml"]
        );
        let RobotsDecision::Obey { rules, .. } = decision else { unreachable!() };
        assert!(!rules.allowed(&url("/staff/directory")));
        assert!(rules.allowed(&url("/courses/msc-nursing")));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn a_missing_robots_txt_allows_everything() {
        for status in [404, 410, 403] {
            let response = FetchedResponse::for_test(status, &[], Body::NotRead);
            let decision = decide_on(response, &asked(0, 0));
            assert_eq!(sitemaps_of(&decision), ["https://www.uwl.ac.uk/sitemap.xml"]);
            let RobotsDecision::Obey { rules, .. } = decision else { unreachable!() };
            assert!(matches!(rules, Rules::AllowAll), "{status}");
        }
    }

    #[test]
    fn a_server_error_asks_again_until_the_last_attempt_gives_the_host_up() {
        let unavailable = || FetchedResponse::for_test(503, &[], Body::NotRead);
        match decide_on(unavailable(), &asked(0, 0)) {
            RobotsDecision::AskAgain { reason, attempts } => {
                assert_eq!(reason, "robots.txt answered 503");
                assert_eq!(attempts, 1);
            }
            other => panic!("{other:?}"),
        }
        match decide_on(unavailable(), &asked(0, 2)) {
            RobotsDecision::GiveUp { reason, attempts } => {
                assert_eq!(reason, "robots.txt answered 503");
                assert_eq!(attempts, 3);
            }
            other => panic!("{other:?}"),
        }
        // 429 is "slow down", not "no rules".
        let slow_down = FetchedResponse::for_test(429, &[("retry-after", "120")], Body::NotRead);
        assert!(matches!(
            decide_on(slow_down, &asked(0, 0)),
            RobotsDecision::AskAgain { attempts: 1, .. }
        ));
    }

    #[test]
    fn no_answer_at_all_counts_as_unavailable() {
        let timeout = FetchError {
            kind: FailureKind::Timeout,
            message: "operation timed out".to_owned(),
            at: Instant::now(),
        };
        match decide("coursemap", HOST, &asked(0, 1), Err(&timeout), 3) {
            RobotsDecision::AskAgain { reason, attempts } => {
                assert_eq!(reason, "timeout: operation timed out");
                assert_eq!(attempts, 2);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn redirects_are_followed_on_the_host_and_otherwise_allow_everything() {
        let redirect =
            |to: &str| FetchedResponse::for_test(301, &[("location", to)], Body::NotRead);
        match decide_on(redirect("/robots-live.txt"), &asked(1, 1)) {
            RobotsDecision::Follow(next) => assert_eq!(
                next,
                RobotsRequest { url: url("/robots-live.txt"), hops: 2, attempts: 1 }
            ),
            other => panic!("{other:?}"),
        }
        // Off the host, or one hop too many: treated as missing, the default sitemap kept.
        for (to, hops) in [("https://cdn.example.com/robots.txt", 0), ("/robots-live.txt", 5)] {
            let decision = decide_on(redirect(to), &asked(hops, 0));
            assert_eq!(sitemaps_of(&decision), ["https://www.uwl.ac.uk/sitemap.xml"], "{to}");
            let RobotsDecision::Obey { rules, .. } = decision else { unreachable!() };
            assert!(matches!(rules, Rules::AllowAll));
        }
        let no_location = FetchedResponse::for_test(302, &[], Body::NotRead);
        let decision = decide_on(no_location, &asked(0, 0));
        assert!(matches!(decision, RobotsDecision::Obey { rules: Rules::AllowAll, .. }));
    }

    #[test]
    fn longest_match_wildcards_and_end_anchor() {
        let txt = b"User-agent: *\nDisallow: /\n\nUser-agent: coursemap\nDisallow: /private\n\
            Allow: /private/open\nDisallow: /*.pdf$\nDisallow: /search*term=\nCrawl-delay: 2\n\
            Sitemap: https://www.uwl.ac.uk/sitemap_index.xml\n";
        let rules = Rules::parse("coursemap", "www.uwl.ac.uk", txt);
        assert!(rules.allowed(&url("/courses/msc")));
        assert!(!rules.allowed(&url("/private/staff")));
        assert!(rules.allowed(&url("/private/open/day")));
        assert!(!rules.allowed(&url("/prospectus.pdf")));
        assert!(rules.allowed(&url("/prospectus.pdf?download=1")));
        assert!(!rules.allowed(&url("/search?x=1&term=quality")));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_secs(2)));
        assert_eq!(rules.sitemaps(), ["https://www.uwl.ac.uk/sitemap_index.xml"]);
        // Another crawler gets the `*` group.
        assert!(!Rules::parse("otherbot", "www.uwl.ac.uk", txt).allowed(&url("/courses/msc")));
    }
}
