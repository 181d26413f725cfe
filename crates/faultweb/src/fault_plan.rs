//! Which hosts the fault web has, which of their URLs a crawler must collect, and which must
//! fail with which reason. The router and the public lists both read these tables, so they
//! cannot disagree.

/// Parent domain of every fault host (`.test` is reserved: it never resolves on the internet).
pub(crate) const DOMAIN: &str = "fault.test";

/// The robots.txt of every host that has nothing special about its robots.txt.
pub(crate) const PLAIN_ROBOTS: &str = "User-agent: *\nDisallow: /private/\n";

/// One hostile host: a host name `{label}.fault.test` and its faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FaultHost {
    /// `/slow` answers after the stall; `/trickle` sends a few bytes a second for the stall.
    Slow,
    /// Connection-level faults on their own port: `/hang` is never answered, `/reset` resets
    /// the connection mid-body.
    Hang,
    /// `/truncated` is cut-off gzip; `/bomb` inflates to a gigabyte; `/gzipped` is fine.
    Gzip,
    /// Two 50 MB bodies, with and without Content-Length.
    Big,
    /// `/limited` is a 429 with `Retry-After` once, then the page.
    Rate,
    /// Two requests in every six (robots.txt aside) get a 503: bursts that recover.
    Burst,
    /// A redirect loop, a 20-hop chain, and one good redirect.
    Redirect,
    /// robots.txt is always a 500: RFC 9309 says fetch nothing.
    Robots500,
    /// robots.txt is a 500 the first time, then fine.
    RobotsFlaky,
    /// robots.txt of 2 MB.
    RobotsHuge,
    /// robots.txt of binary noise.
    RobotsBinary,
    /// robots.txt names a malformed sitemap.
    SitemapBad,
    /// robots.txt names a sitemap of a million URLs.
    SitemapHuge,
    /// Legacy encodings without a declared charset, invalid UTF-8, a BOM.
    Charset,
    /// 100,000-deep and unclosed markup, each hiding a link.
    Html,
    /// An infinite calendar of links.
    Calendar,
}

impl FaultHost {
    pub(crate) const ALL: [FaultHost; 16] = [
        FaultHost::Slow,
        FaultHost::Hang,
        FaultHost::Gzip,
        FaultHost::Big,
        FaultHost::Rate,
        FaultHost::Burst,
        FaultHost::Redirect,
        FaultHost::Robots500,
        FaultHost::RobotsFlaky,
        FaultHost::RobotsHuge,
        FaultHost::RobotsBinary,
        FaultHost::SitemapBad,
        FaultHost::SitemapHuge,
        FaultHost::Charset,
        FaultHost::Html,
        FaultHost::Calendar,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            FaultHost::Slow => "slow",
            FaultHost::Hang => "hang",
            FaultHost::Gzip => "gzip",
            FaultHost::Big => "big",
            FaultHost::Rate => "rate",
            FaultHost::Burst => "burst",
            FaultHost::Redirect => "redirect",
            FaultHost::Robots500 => "robots-500",
            FaultHost::RobotsFlaky => "robots-flaky",
            FaultHost::RobotsHuge => "robots-huge",
            FaultHost::RobotsBinary => "robots-binary",
            FaultHost::SitemapBad => "sitemap-bad",
            FaultHost::SitemapHuge => "sitemap-huge",
            FaultHost::Charset => "charset",
            FaultHost::Html => "html",
            FaultHost::Calendar => "calendar",
        }
    }

    pub(crate) fn host(self) -> String {
        format!("{}.{DOMAIN}", self.label())
    }

    pub(crate) fn from_host(host: &str) -> Option<FaultHost> {
        let label = host.strip_suffix(DOMAIN)?.strip_suffix('.')?;
        FaultHost::ALL.into_iter().find(|h| h.label() == label)
    }

    /// Paths a crawler must collect. Redirected pages are listed by their final path.
    pub(crate) fn good_paths(self) -> &'static [&'static str] {
        match self {
            FaultHost::Slow | FaultHost::Hang | FaultHost::Big | FaultHost::Calendar => {
                &["/", "/good/1", "/good/2"]
            }
            FaultHost::RobotsFlaky | FaultHost::RobotsHuge | FaultHost::RobotsBinary => {
                &["/", "/good/1", "/good/2"]
            }
            FaultHost::SitemapBad | FaultHost::SitemapHuge => &["/", "/good/1", "/good/2"],
            FaultHost::Gzip => &["/", "/good/1", "/gzipped"],
            FaultHost::Rate => &["/", "/good/1", "/limited"],
            FaultHost::Burst => &["/", "/good/1", "/good/2", "/good/3", "/good/4", "/good/5"],
            FaultHost::Redirect => &["/", "/good/1", "/good/3"],
            FaultHost::Robots500 => &[],
            FaultHost::Charset => &["/", "/windows-1252", "/iso-8859-1", "/invalid-utf8", "/bom"],
            FaultHost::Html => {
                &["/", "/nested", "/unclosed", "/found-in-nested", "/found-in-unclosed"]
            }
        }
    }

    /// Paths that must fail, each with the reason kind a crawler should record (the crawl
    /// summary's error kinds).
    pub(crate) fn bad_paths(self) -> &'static [(&'static str, &'static str)] {
        match self {
            FaultHost::Slow => &[("/slow", "timeout"), ("/trickle", "timeout")],
            FaultHost::Hang => &[("/hang", "timeout"), ("/reset", "body")],
            FaultHost::Gzip => &[("/truncated", "body"), ("/bomb", "body_too_large")],
            FaultHost::Big => &[("/50mb", "body_too_large"), ("/50mb-chunked", "body_too_large")],
            FaultHost::Redirect => {
                &[("/loop/a", "redirect_loop"), ("/chain/0", "too_many_redirects")]
            }
            FaultHost::Robots500 => &[("/", "robots_unavailable")],
            FaultHost::SitemapBad => &[("/sitemap.xml", "bad_sitemap")],
            FaultHost::SitemapHuge => &[("/sitemap-huge.xml", "body_too_large")],
            FaultHost::Rate
            | FaultHost::Burst
            | FaultHost::RobotsFlaky
            | FaultHost::RobotsHuge
            | FaultHost::RobotsBinary
            | FaultHost::Charset
            | FaultHost::Html
            | FaultHost::Calendar => &[],
        }
    }

    /// What the home page links to (besides the robots-disallowed `/private/do-not-fetch`).
    /// Sitemaps are not linked: they are found through robots.txt.
    pub(crate) fn home_links(self) -> Vec<&'static str> {
        let mut links: Vec<&'static str> =
            self.good_paths().iter().copied().filter(|p| *p != "/").collect();
        links.extend(
            self.bad_paths()
                .iter()
                .map(|(path, _)| *path)
                .filter(|p| !p.ends_with(".xml") && *p != "/"),
        );
        match self {
            FaultHost::Redirect => {
                // /good/3 is reached only through the good redirect.
                links.retain(|p| *p != "/good/3");
                links.push("/moved");
            }
            FaultHost::Html => links.retain(|p| !p.starts_with("/found-in-")),
            FaultHost::Calendar => links.push("/calendar/2026/11"),
            _ => {}
        }
        links
    }

    /// The robots.txt `Sitemap:` line's path, for the sitemap hosts.
    pub(crate) fn sitemap_path(self) -> Option<&'static str> {
        match self {
            FaultHost::SitemapBad => Some("/sitemap.xml"),
            FaultHost::SitemapHuge => Some("/sitemap-huge.xml"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_round_trip_and_are_distinct() {
        for host in FaultHost::ALL {
            assert_eq!(FaultHost::from_host(&host.host()), Some(host));
        }
        assert_eq!(FaultHost::from_host("fault.test"), None);
        assert_eq!(FaultHost::from_host("slow.fault.test.evil"), None);
    }

    #[test]
    fn every_host_but_robots_500_has_good_pages_and_no_path_is_both() {
        for host in FaultHost::ALL {
            assert_eq!(host.good_paths().is_empty(), host == FaultHost::Robots500, "{host:?}");
            for (bad, _) in host.bad_paths() {
                assert!(!host.good_paths().contains(bad), "{host:?} {bad}");
            }
        }
    }
}
