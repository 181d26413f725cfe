//! A large generated web of course-like sites, for benchmarking crawlers: N hosts
//! (`www.uni-01.ac.uk`, ...) of M pages each (a home page, course listings of 20, course
//! pages), with robots.txt, a sitemap, duplicate URLs (tracking parameters), links to
//! robots-disallowed and out-of-scope pages. Pages are rendered per request from their
//! number, so the web costs no memory.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use hyper::StatusCode;

use crate::reply::{Answer, Reply};
use crate::server::{Router, ServerHandle, serve_http};
use crate::{Error, Result, seeds_toml};
use coursemap_sampleweb::access_log::{AccessLog, AccessLogEntry};

/// Courses per listing page.
const PER_LISTING: usize = 20;

const AWARDS: [&str; 8] =
    ["MSc", "PGCert", "PGDip", "MRes", "Short course:", "Fellowship:", "MA", "BSc (Hons)"];
const SUBJECTS: [&str; 12] = [
    "Quality Improvement in Health Care",
    "Implementation Science",
    "Evidence-based Practice",
    "Knowledge Mobilisation",
    "Translational Medicine",
    "Advanced Nursing Practice",
    "Public Health",
    "Health Economics",
    "Service Improvement",
    "Clinical Research",
    "Leadership in Health and Social Care",
    "Digital Health",
];
const DURATIONS: [&str; 4] = [
    "1 year full-time or 2 years part-time",
    "1 year full-time",
    "2 to 3 years part-time",
    "3 days",
];

/// Entry point: `GeneratedWeb::builder().hosts(50).pages_per_host(200).start().await`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GeneratedWeb;

impl GeneratedWeb {
    /// A builder with the defaults: 50 hosts of 200 pages on any free loopback port, no
    /// access log file.
    pub fn builder() -> GeneratedWebBuilder {
        GeneratedWebBuilder {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            hosts: 50,
            pages_per_host: 200,
            access_log_file: None,
        }
    }
}

/// Configuration of a generated web.
#[derive(Debug, Clone)]
pub struct GeneratedWebBuilder {
    addr: SocketAddr,
    hosts: usize,
    pages_per_host: usize,
    access_log_file: Option<PathBuf>,
}

impl GeneratedWebBuilder {
    /// Loopback address to bind (default `127.0.0.1:0`).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Number of hosts (default 50).
    pub fn hosts(mut self, hosts: usize) -> Self {
        self.hosts = hosts;
        self
    }

    /// HTML pages per host, all reachable by links and listed in the sitemap (default 200;
    /// at least 3: a home page, a listing and a course).
    pub fn pages_per_host(mut self, pages: usize) -> Self {
        self.pages_per_host = pages;
        self
    }

    /// Also append the access log to this file, one tab-separated line per request.
    pub fn access_log_file(mut self, path: PathBuf) -> Self {
        self.access_log_file = Some(path);
        self
    }

    /// Binds and starts serving.
    pub async fn start(self) -> Result<RunningGeneratedWeb> {
        if self.hosts == 0 {
            return Err(Error::Config("a generated web needs at least one host".into()));
        }
        let layout = Layout::for_pages(self.pages_per_host).ok_or_else(|| {
            Error::Config(format!("{} pages per host: at least 3 are needed", self.pages_per_host))
        })?;
        let hosts: Vec<String> =
            (1..=self.hosts).map(|n| format!("www.uni-{n:02}.ac.uk")).collect();
        let index = hosts.iter().enumerate().map(|(i, h)| (h.clone(), i)).collect();
        let router = Arc::new(GeneratedRouter { hosts: hosts.clone(), index, layout });
        let log = crate::server::access_log(self.access_log_file.as_deref())?;
        let http = serve_http(self.addr, router.clone(), log.clone()).await?;
        tracing::info!(addr = %http.addr, hosts = hosts.len(), pages_per_host = self.pages_per_host, "generated web serving");
        Ok(RunningGeneratedWeb { http, router, log })
    }
}

/// A generated web being served.
#[derive(Debug)]
pub struct RunningGeneratedWeb {
    http: ServerHandle,
    router: Arc<GeneratedRouter>,
    log: AccessLog,
}

impl RunningGeneratedWeb {
    /// The bound address; every host resolves here.
    pub fn addr(&self) -> SocketAddr {
        self.http.addr
    }

    /// Every host, in order (`www.uni-01.ac.uk` first).
    pub fn hosts(&self) -> Vec<String> {
        self.router.hosts.clone()
    }

    /// Every host mapped to [`RunningGeneratedWeb::addr`].
    pub fn resolve_overrides(&self) -> Vec<(String, SocketAddr)> {
        self.router.hosts.iter().map(|h| (h.clone(), self.http.addr)).collect()
    }

    /// Every request so far, in arrival order.
    pub fn access_log(&self) -> Vec<AccessLogEntry> {
        self.log.snapshot()
    }

    /// HTML pages per host.
    pub fn pages_per_host(&self) -> usize {
        self.router.layout.pages()
    }

    /// Every page of every host (what a complete crawl collects), host by host.
    pub fn good_urls(&self) -> Vec<String> {
        self.router
            .hosts
            .iter()
            .flat_map(|h| {
                self.router.layout.paths().into_iter().map(move |p| format!("http://{h}{p}"))
            })
            .collect()
    }

    /// A seeds `providers.toml` with one provider per host (id `uni_NN`).
    pub fn providers_toml(&self) -> String {
        let hosts: Vec<(String, String)> = self
            .router
            .hosts
            .iter()
            .enumerate()
            .map(|(i, h)| (format!("uni_{:02}", i + 1), h.clone()))
            .collect();
        seeds_toml::providers_toml(
            "A generated web of course-like sites for the crawler benchmark",
            &hosts,
        )
    }

    /// Stops serving and waits for the server task.
    pub async fn shutdown(self) {
        self.http.shutdown().await;
    }
}

/// How a host's pages divide into the home page, listings and course pages.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Layout {
    listings: usize,
    courses: usize,
}

impl Layout {
    /// The layout with exactly `pages` pages: 1 + listings + courses, with as few listings
    /// as hold every course at [`PER_LISTING`] a page.
    fn for_pages(pages: usize) -> Option<Layout> {
        (1..pages).find_map(|listings| {
            let courses = pages.checked_sub(1 + listings)?;
            (courses >= 1 && courses <= listings * PER_LISTING)
                .then_some(Layout { listings, courses })
        })
    }

    /// The courses on listing `k` (1-based): an even share, so none is empty.
    fn listing(self, k: usize) -> std::ops::Range<usize> {
        (k - 1) * self.courses / self.listings..k * self.courses / self.listings
    }

    fn pages(self) -> usize {
        1 + self.listings + self.courses
    }

    fn paths(self) -> Vec<String> {
        let mut paths = vec!["/".to_owned()];
        paths.extend((1..=self.listings).map(|k| format!("/courses/page/{k}")));
        paths.extend((0..self.courses).map(|i| format!("/courses/{i}")));
        paths
    }
}

#[derive(Debug)]
struct GeneratedRouter {
    hosts: Vec<String>,
    index: HashMap<String, usize>,
    layout: Layout,
}

impl GeneratedRouter {
    fn title(host: usize, course: usize) -> String {
        format!(
            "{} {}",
            AWARDS[(host * 7 + course) % AWARDS.len()],
            SUBJECTS[(host * 3 + course * 5) % SUBJECTS.len()]
        )
    }

    fn home(&self, host: &str) -> String {
        let mut links = String::new();
        for k in 1..=self.layout.listings {
            links.push_str(&format!(
                "<li><a href=\"/courses/page/{k}\">Courses, page {k}</a></li>\n"
            ));
        }
        page(host, "Home", &format!("<p>Postgraduate and short courses.</p><ul>\n{links}</ul>"))
    }

    fn listing(&self, host_no: usize, host: &str, k: usize) -> String {
        let mut body = String::from("<ul>\n");
        for i in self.layout.listing(k) {
            body.push_str(&format!(
                "<li><a href=\"/courses/{i}\">{}</a></li>\n",
                Self::title(host_no, i)
            ));
        }
        body.push_str("</ul>\n");
        if k > 1 {
            body.push_str(&format!("<a href=\"/courses/page/{}\">Previous</a> ", k - 1));
        }
        if k < self.layout.listings {
            // The tracking parameter makes a second URL for the same page: a crawler should
            // fetch it once.
            body.push_str(&format!(
                "<a href=\"/courses/page/{}?utm_source=pager\">Next</a>",
                k + 1
            ));
        }
        page(host, &format!("Courses, page {k}"), &body)
    }

    fn course(&self, host_no: usize, host: &str, i: usize) -> String {
        let title = Self::title(host_no, i);
        let n = self.layout.courses;
        let related: Vec<usize> = [1, 7, 31].iter().map(|step| (i + step) % n).collect();
        let mut body = format!(
            "<h1>{title}</h1>\n<p>The {title} develops the skills to lead quality improvement and \
             implementation in health and social care.</p>\n<dl><dt>Duration</dt><dd>{}</dd><dt>Fees</dt><dd>£{}</dd></dl>\n\
             <p><a href=\"/private/apply?course={i}\">Apply now</a></p>\n<h2>Related courses</h2><ul>\n",
            DURATIONS[(host_no + i) % DURATIONS.len()],
            4_000 + (host_no * 31 + i * 97) % 9_000,
        );
        for (k, r) in related.iter().enumerate() {
            // A tracking parameter on one course in ten: duplicate URLs a crawler should
            // recognise as the same page.
            let query = if k == 0 && i.is_multiple_of(10) { "?utm_source=related" } else { "" };
            body.push_str(&format!(
                "<li><a href=\"/courses/{r}{query}\">{}</a></li>\n",
                Self::title(host_no, *r)
            ));
        }
        body.push_str("</ul>\n<p><a href=\"https://www.ucas.com/\">Apply through UCAS</a></p>\n");
        for paragraph in 0..4 {
            body.push_str(&format!(
                "<p>Module {paragraph}: evidence, measurement for improvement, and the study of how research is \
                 taken up in practice; assessed by a portfolio and a project in the student's own service.</p>\n"
            ));
        }
        page(host, &title, &body)
    }

    fn sitemap(&self, host: &str) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in self.layout.paths() {
            out.push_str(&format!("<url><loc>http://{host}{path}</loc></url>\n"));
        }
        out.push_str("</urlset>\n");
        out
    }
}

fn page(host: &str, title: &str, main: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | {host}</title></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/courses/page/1\">Courses</a></nav>\n<main>\n{main}</main>\n\
         <footer><a href=\"/private/staff\">Staff</a> <a href=\"https://www.example.org/privacy\">Privacy</a></footer></body></html>\n"
    )
}

impl Router for GeneratedRouter {
    fn route(&self, host: &str, path: &str) -> Reply {
        let Some(&host_no) = self.index.get(host) else {
            return Answer::new(
                StatusCode::MISDIRECTED_REQUEST,
                "text/plain",
                "This server does not serve that host.\n",
            )
            .into();
        };
        let bare = path.split_once('?').map_or(path, |(bare, _)| bare);
        let html = match bare {
            "/robots.txt" => {
                let robots = format!(
                    "User-agent: *\nDisallow: /private/\nSitemap: http://{host}/sitemap.xml\n"
                );
                return Answer::new(StatusCode::OK, "text/plain", robots).into();
            }
            "/sitemap.xml" => {
                return Answer::new(StatusCode::OK, "application/xml", self.sitemap(host)).into();
            }
            "/" => Some(self.home(host)),
            p if p.starts_with("/private/") => {
                Some(page(host, "Staff only", "<p>Disallowed by robots.txt.</p>"))
            }
            p => {
                if let Some(k) =
                    p.strip_prefix("/courses/page/").and_then(|k| k.parse::<usize>().ok())
                {
                    (1..=self.layout.listings).contains(&k).then(|| self.listing(host_no, host, k))
                } else if let Some(i) =
                    p.strip_prefix("/courses/").and_then(|i| i.parse::<usize>().ok())
                {
                    (i < self.layout.courses).then(|| self.course(host_no, host, i))
                } else {
                    None
                }
            }
        };
        html.map_or_else(Answer::not_found, Answer::html).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_has_exactly_the_pages_asked() {
        for pages in 3..=1000 {
            let layout = Layout::for_pages(pages).expect("layout");
            assert_eq!(layout.pages(), pages);
            assert_eq!(layout.paths().len(), pages);
            let sizes: Vec<usize> =
                (1..=layout.listings).map(|k| layout.listing(k).len()).collect();
            assert!(sizes.iter().all(|&n| (1..=PER_LISTING).contains(&n)), "{layout:?}: {sizes:?}");
            assert_eq!(sizes.iter().sum::<usize>(), layout.courses);
        }
        assert_eq!(Layout::for_pages(200), Some(Layout { listings: 10, courses: 189 }));
        assert_eq!(Layout::for_pages(2), None);
    }
}
