//! Answers for the fault hosts: the good pages, and each fault as the plan describes it.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use hyper::StatusCode;
use hyper::body::Bytes;
use hyper::header::{CONTENT_ENCODING, RETRY_AFTER};

use crate::fault_bodies;
use crate::fault_pages;
use crate::fault_plan::{FaultHost, PLAIN_ROBOTS};
use crate::reply::{Answer, Reply};
use crate::server::Router;

/// Size of the two big bodies.
pub(crate) const BIG_BODY_BYTES: u64 = 50 * 1000 * 1000;
/// Declared length of the body `/reset` breaks off.
pub(crate) const RESET_DECLARED_BYTES: u64 = 200_000;
/// What `/reset` sends before the connection is reset.
pub(crate) const RESET_SENT_BYTES: u64 = 16 * 1024;
/// Size of the huge robots.txt.
pub(crate) const HUGE_ROBOTS_BYTES: usize = 2 * 1024 * 1024;
/// Size of the binary robots.txt.
pub(crate) const BINARY_ROBOTS_BYTES: usize = 64 * 1024;
/// Hops of the redirect chain.
pub(crate) const CHAIN_HOPS: u32 = 20;
/// `Retry-After` of the 429, in seconds.
pub(crate) const RETRY_AFTER_SECS: u32 = 2;
/// Of every [`BURST_PERIOD`] page requests to the burst host, these (0-based) get a 503.
pub(crate) const BURST_PERIOD: u64 = 6;
pub(crate) const BURST_503: [u64; 2] = [2, 3];

/// Payloads made once at start, and the few counters some faults need (one per fault, so
/// memory cannot grow with requests).
#[derive(Debug)]
pub(crate) struct FaultRouter {
    pub(crate) stall: Duration,
    pub(crate) nesting_depth: usize,
    pub(crate) sitemap_urls: u64,
    pub(crate) bomb: Bytes,
    pub(crate) truncated: Bytes,
    pub(crate) gzipped: Bytes,
    pub(crate) huge_robots: Bytes,
    pub(crate) binary_robots: Bytes,
    pub(crate) flaky_robots_served: AtomicU32,
    pub(crate) limited_served: AtomicU32,
    pub(crate) burst_requests: AtomicU64,
}

impl FaultRouter {
    pub(crate) fn new(
        stall: Duration,
        nesting_depth: usize,
        sitemap_urls: u64,
        bomb: Bytes,
    ) -> std::io::Result<Self> {
        let gzip_page = fault_pages::good_page("gzip.fault.test", "/gzipped").repeat(40);
        Ok(FaultRouter {
            stall,
            nesting_depth,
            sitemap_urls,
            bomb,
            truncated: fault_bodies::truncated_gzip(gzip_page.as_bytes())?,
            gzipped: fault_bodies::gzipped(gzip_page.as_bytes())?,
            huge_robots: fault_bodies::huge_robots(HUGE_ROBOTS_BYTES),
            binary_robots: fault_bodies::binary_noise(BINARY_ROBOTS_BYTES),
            flaky_robots_served: AtomicU32::new(0),
            limited_served: AtomicU32::new(0),
            burst_requests: AtomicU64::new(0),
        })
    }

    fn robots(&self, host: FaultHost) -> Answer {
        let text = |body: String| Answer::new(StatusCode::OK, "text/plain", body);
        match host {
            FaultHost::Robots500 => {
                Answer::new(StatusCode::INTERNAL_SERVER_ERROR, "text/plain", "Internal error\n")
            }
            FaultHost::RobotsFlaky
                if self.flaky_robots_served.fetch_add(1, Ordering::SeqCst) == 0 =>
            {
                Answer::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "text/plain",
                    "Internal error, try later\n",
                )
            }
            FaultHost::RobotsHuge => {
                Answer::new(StatusCode::OK, "text/plain", self.huge_robots.clone())
            }
            FaultHost::RobotsBinary => {
                Answer::new(StatusCode::OK, "text/plain", self.binary_robots.clone())
            }
            _ => match host.sitemap_path() {
                Some(sitemap) => {
                    text(format!("{PLAIN_ROBOTS}Sitemap: http://{}{sitemap}\n", host.host()))
                }
                None => text(PLAIN_ROBOTS.to_owned()),
            },
        }
    }

    /// The fault or page at `path` on `fault`, if this host has one there.
    fn fault(&self, fault: FaultHost, host: &str, path: &str) -> Option<Reply> {
        let good = || Answer::html(fault_pages::good_page(host, path));
        let gzip = |body: &Bytes| {
            let mut answer = Answer::new(StatusCode::OK, "text/html; charset=utf-8", body.clone());
            answer.header(CONTENT_ENCODING, "gzip");
            answer
        };
        let reply: Reply = match (fault, path) {
            (FaultHost::Slow, "/slow") => Reply::Late(self.stall, good()),
            (FaultHost::Slow, "/trickle") => {
                Answer::streamed(StatusCode::OK, "text/html; charset=utf-8", None, fault_bodies::trickle(self.stall)).into()
            }
            (FaultHost::Hang, "/hang") => Reply::Hang(self.stall),
            // Over hyper (a client using the server as a proxy) the connection is closed
            // short of the declared length; the raw listener resets it instead.
            (FaultHost::Hang, "/reset") => Answer::streamed(
                StatusCode::OK,
                "text/html; charset=utf-8",
                Some(RESET_DECLARED_BYTES),
                fault_bodies::filler("<!doctype html><html><body>", RESET_SENT_BYTES),
            )
            .into(),
            (FaultHost::Gzip, "/gzipped") => gzip(&self.gzipped).into(),
            (FaultHost::Gzip, "/truncated") => gzip(&self.truncated).into(),
            (FaultHost::Gzip, "/bomb") => gzip(&self.bomb).into(),
            (FaultHost::Big, "/50mb") => Answer::streamed(
                StatusCode::OK,
                "text/html; charset=utf-8",
                Some(BIG_BODY_BYTES),
                fault_bodies::filler("<!doctype html><html><body><p>", BIG_BODY_BYTES),
            )
            .into(),
            (FaultHost::Big, "/50mb-chunked") => Answer::streamed(
                StatusCode::OK,
                "text/html; charset=utf-8",
                None,
                fault_bodies::filler("<!doctype html><html><body><p>", BIG_BODY_BYTES),
            )
            .into(),
            (FaultHost::Rate, "/limited") if self.limited_served.fetch_add(1, Ordering::SeqCst) == 0 => {
                let mut answer = Answer::new(StatusCode::TOO_MANY_REQUESTS, "text/plain", "Slow down\n");
                answer.header(RETRY_AFTER, &RETRY_AFTER_SECS.to_string());
                answer.into()
            }
            (FaultHost::Redirect, "/moved") => Answer::redirect(StatusCode::MOVED_PERMANENTLY, "/good/3").into(),
            (FaultHost::Redirect, "/loop/a") => Answer::redirect(StatusCode::FOUND, "/loop/b").into(),
            (FaultHost::Redirect, "/loop/b") => Answer::redirect(StatusCode::FOUND, "/loop/a").into(),
            (FaultHost::Redirect, p) if p.starts_with("/chain/") => {
                let hop: u32 = p["/chain/".len()..].parse().ok()?;
                match hop {
                    h if h < CHAIN_HOPS => Answer::redirect(StatusCode::FOUND, &format!("/chain/{}", h + 1)).into(),
                    CHAIN_HOPS => good().into(),
                    _ => return None,
                }
            }
            (FaultHost::SitemapBad, "/sitemap.xml") => Answer::new(
                StatusCode::OK,
                "application/xml",
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://sitemap-bad.fault.test/good/1</loc><url><loc>&bogus;<<</urlset",
            )
            .into(),
            (FaultHost::SitemapHuge, "/sitemap-huge.xml") => {
                let first = fault.good_paths().iter().map(|p| format!("http://{host}{p}")).collect();
                Answer::streamed(
                    StatusCode::OK,
                    "application/xml",
                    None,
                    fault_bodies::huge_sitemap(host.to_owned(), first, self.sitemap_urls),
                )
                .into()
            }
            (FaultHost::SitemapHuge, p) if p.starts_with("/listed/") => {
                let n: u64 = p["/listed/".len()..].parse().ok()?;
                // The sitemap lists the good pages first, then this many `/listed/` pages.
                let listed = self.sitemap_urls.saturating_sub(fault.good_paths().len() as u64);
                if n >= listed {
                    return None;
                }
                good().into()
            }
            (FaultHost::Charset, "/windows-1252") => legacy(fault_pages::legacy_page(
                "Windows-1252",
                fault_pages::WINDOWS_1252_TEXT,
                fault_pages::windows_1252,
            )),
            (FaultHost::Charset, "/iso-8859-1") => {
                legacy(fault_pages::legacy_page("ISO-8859-1", fault_pages::ISO_8859_1_TEXT, fault_pages::iso_8859_1))
            }
            (FaultHost::Charset, "/invalid-utf8") => {
                Answer::new(StatusCode::OK, "text/html; charset=utf-8", fault_pages::invalid_utf8_page()).into()
            }
            (FaultHost::Charset, "/bom") => legacy(fault_pages::bom_page()),
            (FaultHost::Html, "/nested") => Answer::html(fault_pages::nested_page(self.nesting_depth, "/found-in-nested")).into(),
            (FaultHost::Html, "/unclosed") => Answer::html(fault_pages::unclosed_page("/found-in-unclosed")).into(),
            (FaultHost::Calendar, p) if p.starts_with("/calendar/") => Answer::html(fault_pages::calendar_page(p)?).into(),
            (_, p) if fault.good_paths().contains(&p) => good().into(),
            _ => return None,
        };
        Some(reply)
    }
}

/// `text/html` with no charset parameter: the client has to work the encoding out.
fn legacy(body: Vec<u8>) -> Reply {
    Answer::new(StatusCode::OK, "text/html", body).into()
}

impl Router for FaultRouter {
    fn route(&self, host: &str, path: &str) -> Reply {
        let Some(fault) = FaultHost::from_host(host) else {
            return Answer::new(
                StatusCode::MISDIRECTED_REQUEST,
                "text/plain",
                "This server does not serve that host.\n",
            )
            .into();
        };
        // Query strings (tracking, sessions) are ignored, as real sites do.
        let bare = path.split_once('?').map_or(path, |(bare, _)| bare);
        if bare == "/robots.txt" {
            return self.robots(fault).into();
        }
        if fault == FaultHost::Burst {
            let n = self.burst_requests.fetch_add(1, Ordering::SeqCst);
            if BURST_503.contains(&(n % BURST_PERIOD)) {
                return Answer::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "text/plain",
                    "Busy, try again\n",
                )
                .into();
            }
        }
        if bare == "/" {
            return Answer::html(fault_pages::home_page(host, &fault.home_links())).into();
        }
        if bare.starts_with("/private/") {
            // Served, so that a crawler ignoring robots.txt shows up in the access log.
            return Answer::html(fault_pages::good_page(host, bare)).into();
        }
        self.fault(fault, host, bare).unwrap_or_else(|| Answer::not_found().into())
    }
}
