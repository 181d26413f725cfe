//! robots.txt (RFC 9309) per host, through `texting_robots`: the group for our product
//! token (else `*`), longest match wins, `*` and `$` patterns, allow on a tie.

use std::time::Duration;

use texting_robots::Robot;
use url::Url;

use crate::fetch::{Body, FetchedResponse};

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
    use super::*;

    fn url(path: &str) -> Url {
        Url::parse(&format!("https://www.uwl.ac.uk{path}")).expect("url")
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
