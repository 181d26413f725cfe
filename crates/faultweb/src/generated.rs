//! A large generated web of course-like sites, for benchmarking crawlers: N hosts
//! (`www.uni-01.ac.uk`, ...) of M pages each (a home page, course listings of 20, course
//! pages), with robots.txt, a sitemap, duplicate URLs (tracking parameters), links to
//! robots-disallowed and out-of-scope pages. Pages are rendered per request from their
//! number, so the web costs no memory.
//!
//! [`GeneratedWebBuilder::national`] shapes it like the UK's universities instead: hosts of
//! 200 to 2,000 pages with a few of 20,000 whose sitemaps reach the protocol's 50,000 URLs
//! (news pages only the sitemap lists), only about 1% of course pages on the search terms
//! (the needles), linked like the rest, and a site search on every home page (a search form
//! on odd hosts, an OpenSearch description on even ones) that finds courses by title words.

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
/// The sitemap protocol's most URLs in one file, which the national web's largest hosts fill.
const SITEMAP_MAX_URLS: usize = 50_000;

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
/// Needle subjects of the national web: each matches one of `seeds/terms.txt`.
const NEEDLE_SUBJECTS: [&str; 5] = [
    "Improvement Science",
    "Implementation Science",
    "Evidence-based Practice",
    "Knowledge Translation",
    "Translational Medicine",
];
/// Everything else a university teaches: no search term in any of them.
const OTHER_SUBJECTS: [&str; 16] = [
    "Accounting and Finance",
    "Architecture",
    "Civil Engineering",
    "Computer Science",
    "Creative Writing",
    "Criminology",
    "Economics",
    "Film Studies",
    "History of Art",
    "International Relations",
    "Law",
    "Marketing",
    "Music Performance",
    "Physics",
    "Psychology",
    "Sports Science",
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
            national: false,
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
    /// Shaped like the UK's universities (see the module docs); `pages_per_host` unused.
    national: bool,
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

    /// Shapes the web like the UK's universities: realistic host sizes, 1% of courses on the
    /// terms, a site search on every home page (see the module docs).
    pub fn national(mut self) -> Self {
        self.national = true;
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
        let layouts = if self.national {
            (0..self.hosts).map(national_layout).collect()
        } else {
            let layout = Layout::for_pages(self.pages_per_host).ok_or_else(|| {
                Error::Config(format!(
                    "{} pages per host: at least 3 are needed",
                    self.pages_per_host
                ))
            })?;
            vec![layout; self.hosts]
        };
        let hosts: Vec<String> =
            (1..=self.hosts).map(|n| format!("www.uni-{n:02}.ac.uk")).collect();
        let index = hosts.iter().enumerate().map(|(i, h)| (h.clone(), i)).collect();
        let router = Arc::new(GeneratedRouter {
            hosts: hosts.clone(),
            index,
            layouts,
            national: self.national,
        });
        let log = crate::server::access_log(self.access_log_file.as_deref())?;
        let http = serve_http(self.addr, router.clone(), log.clone()).await?;
        tracing::info!(addr = %http.addr, hosts = hosts.len(), pages = router.pages(), "generated web serving");
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

    /// HTML pages of the first host (every host's, unless the web is national).
    pub fn pages_per_host(&self) -> usize {
        self.router.layouts.first().map_or(0, |layout| layout.pages())
    }

    /// HTML pages of each host, in host order.
    pub fn host_pages(&self) -> Vec<usize> {
        self.router.layouts.iter().map(|layout| layout.pages()).collect()
    }

    /// Every page of every host (what a complete crawl collects), host by host.
    pub fn good_urls(&self) -> Vec<String> {
        self.router
            .hosts
            .iter()
            .enumerate()
            .flat_map(|(n, h)| {
                self.router.paths(n).into_iter().map(move |p| format!("http://{h}{p}"))
            })
            .collect()
    }

    /// The course pages on the search terms (the needles), host by host; empty unless the
    /// web is national.
    pub fn needle_urls(&self) -> Vec<String> {
        if !self.router.national {
            return Vec::new();
        }
        let mut urls = Vec::new();
        for (n, host) in self.router.hosts.iter().enumerate() {
            for i in 0..self.router.layouts[n].courses {
                if self.router.is_needle(n, i) {
                    urls.push(format!("http://{host}{}", self.router.course_path(n, i)));
                }
            }
        }
        urls
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

/// How a host's pages divide into the home page, listings and course pages, and how many
/// news pages only its sitemap lists.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Layout {
    listings: usize,
    courses: usize,
    /// Pages only the sitemap names (`/news/{k}`): a real sitemap lists everything.
    news: usize,
}

impl Layout {
    /// The layout with exactly `pages` pages: 1 + listings + courses, with as few listings
    /// as hold every course at [`PER_LISTING`] a page.
    fn for_pages(pages: usize) -> Option<Layout> {
        (1..pages).find_map(|listings| {
            let courses = pages.checked_sub(1 + listings)?;
            (courses >= 1 && courses <= listings * PER_LISTING).then_some(Layout {
                listings,
                courses,
                news: 0,
            })
        })
    }

    /// The courses on listing `k` (1-based): an even share, so none is empty.
    fn listing(self, k: usize) -> std::ops::Range<usize> {
        (k - 1) * self.courses / self.listings..k * self.courses / self.listings
    }

    /// Linked HTML pages (news pages not counted: only the sitemap names them).
    fn pages(self) -> usize {
        1 + self.listings + self.courses
    }
}

/// Host `n`'s layout in the national web: one host in 150 has 20,000 pages and a full
/// sitemap; the rest spread from 200 to 2,000 pages, smaller ones commoner.
fn national_layout(n: usize) -> Layout {
    if n % 150 == 7 {
        let layout =
            Layout::for_pages(20_000).unwrap_or(Layout { listings: 1, courses: 1, news: 0 });
        let news = SITEMAP_MAX_URLS - layout.pages();
        return Layout { news, ..layout };
    }
    let spread = mix(n, 0) % 1_000;
    // Squared, so most hosts are nearer 200 than 2,000.
    let pages = 200 + spread * spread * 1_800 / 1_000_000;
    Layout::for_pages(pages).unwrap_or(Layout { listings: 1, courses: 1, news: 0 })
}

/// A fixed scramble of two numbers (splitmix64's finaliser), so the web is the same each run.
fn mix(a: usize, b: usize) -> usize {
    let mut z =
        (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_add(0x632B_E59B);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as usize
}

#[derive(Debug)]
struct GeneratedRouter {
    hosts: Vec<String>,
    index: HashMap<String, usize>,
    /// One per host, in host order.
    layouts: Vec<Layout>,
    national: bool,
}

impl GeneratedRouter {
    fn pages(&self) -> usize {
        self.layouts.iter().map(|layout| layout.pages() + layout.news).sum()
    }

    /// About one course in a hundred, and at least one per host, is on the terms.
    fn is_needle(&self, host: usize, course: usize) -> bool {
        let courses = self.layouts[host].courses;
        mix(host, course).is_multiple_of(100) || course == mix(host, usize::MAX) % courses
    }

    fn title(&self, host: usize, course: usize) -> String {
        let award = AWARDS[(host * 7 + course) % AWARDS.len()];
        let subject = if !self.national {
            SUBJECTS[(host * 3 + course * 5) % SUBJECTS.len()]
        } else if self.is_needle(host, course) {
            NEEDLE_SUBJECTS[(host + course) % NEEDLE_SUBJECTS.len()]
        } else {
            OTHER_SUBJECTS[(host * 3 + course * 5) % OTHER_SUBJECTS.len()]
        };
        format!("{award} {subject}")
    }

    /// `/courses/{i}`; in the national web `/courses/{i}-{slug}`, as real course URLs name
    /// their course.
    fn course_path(&self, host: usize, course: usize) -> String {
        if !self.national {
            return format!("/courses/{course}");
        }
        let slug: String = self
            .title(host, course)
            .to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        format!("/courses/{course}-{slug}")
    }

    fn paths(&self, host: usize) -> Vec<String> {
        let layout = self.layouts[host];
        let mut paths = vec!["/".to_owned()];
        paths.extend((1..=layout.listings).map(|k| format!("/courses/page/{k}")));
        paths.extend((0..layout.courses).map(|i| self.course_path(host, i)));
        paths.extend((0..layout.news).map(|k| format!("/news/{k}")));
        paths
    }

    fn home(&self, host_no: usize, host: &str) -> String {
        let mut links = String::new();
        for k in 1..=self.layouts[host_no].listings {
            links.push_str(&format!(
                "<li><a href=\"/courses/page/{k}\">Courses, page {k}</a></li>\n"
            ));
        }
        let search = match (self.national, host_no % 2) {
            (false, _) => String::new(),
            (true, 0) => "<form role=\"search\" action=\"/search\"><input type=\"hidden\" name=\"collection\" value=\"courses\"><input name=\"q\" type=\"text\"><button>Search</button></form>\n".to_owned(),
            (true, _) => format!("<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"http://{host}/opensearch.xml\">\n"),
        };
        page(
            host,
            "Home",
            &format!("{search}<p>Postgraduate and short courses.</p><ul>\n{links}</ul>"),
        )
    }

    fn listing(&self, host_no: usize, host: &str, k: usize) -> String {
        let layout = self.layouts[host_no];
        let mut body = String::from("<ul>\n");
        for i in layout.listing(k) {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                self.course_path(host_no, i),
                self.title(host_no, i)
            ));
        }
        body.push_str("</ul>\n");
        if k > 1 {
            body.push_str(&format!("<a href=\"/courses/page/{}\">Previous</a> ", k - 1));
        }
        if k < layout.listings {
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
        let title = self.title(host_no, i);
        let n = self.layouts[host_no].courses;
        let related: Vec<usize> = [1, 7, 31].iter().map(|step| (i + step) % n).collect();
        let about = if !self.national || self.is_needle(host_no, i) {
            "lead quality improvement and implementation in health and social care"
        } else {
            "work in the field, with a placement and a dissertation"
        };
        let mut body = format!(
            "<h1>{title}</h1>\n<p>The {title} develops the skills to {about}.</p>\n<dl><dt>Duration</dt><dd>{}</dd><dt>Fees</dt><dd>£{}</dd></dl>\n\
             <p><a href=\"/private/apply?course={i}\">Apply now</a></p>\n<h2>Related courses</h2><ul>\n",
            DURATIONS[(host_no + i) % DURATIONS.len()],
            4_000 + (host_no * 31 + i * 97) % 9_000,
        );
        for (k, r) in related.iter().enumerate() {
            // A tracking parameter on one course in ten: duplicate URLs a crawler should
            // recognise as the same page.
            let query = if k == 0 && i.is_multiple_of(10) { "?utm_source=related" } else { "" };
            body.push_str(&format!(
                "<li><a href=\"{}{query}\">{}</a></li>\n",
                self.course_path(host_no, *r),
                self.title(host_no, *r)
            ));
        }
        body.push_str("</ul>\n<p><a href=\"https://www.ucas.com/\">Apply through UCAS</a></p>\n");
        let topic = if !self.national || self.is_needle(host_no, i) {
            "evidence, measurement for improvement, and the study of how research is taken up in practice"
        } else {
            "the subject's methods, its history and current debates"
        };
        for paragraph in 0..4 {
            body.push_str(&format!(
                "<p>Module {paragraph}: {topic}; assessed by a portfolio and a project in the student's own service.</p>\n"
            ));
        }
        page(host, &title, &body)
    }

    fn sitemap(&self, host_no: usize, host: &str) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in self.paths(host_no) {
            out.push_str(&format!("<url><loc>http://{host}{path}</loc></url>\n"));
        }
        out.push_str("</urlset>\n");
        out
    }

    /// The site search's results: courses whose title holds every word of `q`, 20 at most,
    /// as a university's search shows its first page.
    fn search(&self, host_no: usize, host: &str, query: &str) -> String {
        let words: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == "q")
            .map(|(_, value)| value.to_lowercase().split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        let mut body = String::from("<h1>Search results</h1>\n<ol>\n");
        let found = (0..self.layouts[host_no].courses)
            .filter(|&i| {
                let title = self.title(host_no, i).to_lowercase();
                !words.is_empty() && words.iter().all(|word| title.contains(word.as_str()))
            })
            .take(PER_LISTING);
        for i in found {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                self.course_path(host_no, i),
                self.title(host_no, i)
            ));
        }
        body.push_str("</ol>\n");
        page(host, "Search results", &body)
    }

    fn opensearch(host: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n\
             <ShortName>{host}</ShortName>\n<Url type=\"text/html\" template=\"http://{host}/search?q={{searchTerms}}&amp;page={{startPage?}}\"/>\n\
             </OpenSearchDescription>\n"
        )
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
        let (bare, query) = path.split_once('?').unwrap_or((path, ""));
        let layout = self.layouts[host_no];
        let html = match bare {
            "/robots.txt" => {
                let robots = format!(
                    "User-agent: *\nDisallow: /private/\nSitemap: http://{host}/sitemap.xml\n"
                );
                return Answer::new(StatusCode::OK, "text/plain", robots).into();
            }
            "/sitemap.xml" => {
                let sitemap = self.sitemap(host_no, host);
                return Answer::new(StatusCode::OK, "application/xml", sitemap).into();
            }
            "/opensearch.xml" if self.national => {
                let description = Self::opensearch(host);
                let kind = "application/opensearchdescription+xml";
                return Answer::new(StatusCode::OK, kind, description).into();
            }
            "/search" if self.national => Some(self.search(host_no, host, query)),
            "/" => Some(self.home(host_no, host)),
            p if p.starts_with("/private/") => {
                Some(page(host, "Staff only", "<p>Disallowed by robots.txt.</p>"))
            }
            p => {
                if let Some(k) =
                    p.strip_prefix("/courses/page/").and_then(|k| k.parse::<usize>().ok())
                {
                    (1..=layout.listings).contains(&k).then(|| self.listing(host_no, host, k))
                } else if let Some(rest) = p.strip_prefix("/courses/") {
                    let number = rest.split('-').next().and_then(|i| i.parse::<usize>().ok());
                    number
                        .filter(|&i| i < layout.courses && self.course_path(host_no, i) == p)
                        .map(|i| self.course(host_no, host, i))
                } else if let Some(k) =
                    p.strip_prefix("/news/").and_then(|k| k.parse::<usize>().ok())
                {
                    (k < layout.news).then(|| {
                        page(
                            host,
                            &format!("News {k}"),
                            &format!("<h1>News {k}</h1><p>Campus news.</p>"),
                        )
                    })
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

    fn router(national: bool, layouts: Vec<Layout>) -> GeneratedRouter {
        let hosts: Vec<String> =
            (1..=layouts.len()).map(|n| format!("www.uni-{n:02}.ac.uk")).collect();
        let index = hosts.iter().enumerate().map(|(i, h)| (h.clone(), i)).collect();
        GeneratedRouter { hosts, index, layouts, national }
    }

    #[test]
    fn layout_has_exactly_the_pages_asked() {
        let web = router(false, vec![Layout { listings: 1, courses: 1, news: 0 }]);
        for pages in 3..=1000 {
            let layout = Layout::for_pages(pages).expect("layout");
            assert_eq!(layout.pages(), pages);
            let web = GeneratedRouter { layouts: vec![layout], ..router(false, vec![layout]) };
            assert_eq!(web.paths(0).len(), pages);
            let sizes: Vec<usize> =
                (1..=layout.listings).map(|k| layout.listing(k).len()).collect();
            assert!(sizes.iter().all(|&n| (1..=PER_LISTING).contains(&n)), "{layout:?}: {sizes:?}");
            assert_eq!(sizes.iter().sum::<usize>(), layout.courses);
        }
        assert_eq!(Layout::for_pages(200), Some(Layout { listings: 10, courses: 189, news: 0 }));
        assert_eq!(Layout::for_pages(2), None);
        assert_eq!(web.course_path(0, 0), "/courses/0");
    }

    #[test]
    fn the_national_web_is_shaped_like_the_uks_universities() {
        let layouts: Vec<Layout> = (0..450).map(national_layout).collect();
        let web = router(true, layouts.clone());
        let big: Vec<&Layout> = layouts.iter().filter(|l| l.pages() == 20_000).collect();
        assert_eq!(big.len(), 3);
        assert!(big.iter().all(|l| l.pages() + l.news == SITEMAP_MAX_URLS));
        let rest: Vec<usize> = layouts.iter().map(|l| l.pages()).filter(|&p| p != 20_000).collect();
        assert!(rest.iter().all(|p| (200..=2_000).contains(p)), "{rest:?}");
        let median = {
            let mut sorted = rest.clone();
            sorted.sort_unstable();
            sorted[sorted.len() / 2]
        };
        assert!((300..=1_000).contains(&median), "median {median}");
        let courses: usize = layouts.iter().map(|l| l.courses).sum();
        let needles: usize = (0..layouts.len())
            .map(|h| (0..layouts[h].courses).filter(|&i| web.is_needle(h, i)).count())
            .sum();
        let share = needles as f64 / courses as f64;
        assert!((0.008..0.02).contains(&share), "needle share {share}");
        assert!((0..layouts.len()).all(|h| (0..layouts[h].courses).any(|i| web.is_needle(h, i))));
        // A needle's path names its course, and routes back to it.
        let needle = (0..layouts[0].courses).find(|&i| web.is_needle(0, i)).expect("a needle");
        let path = web.course_path(0, needle);
        assert!(path.starts_with(&format!("/courses/{needle}-")), "{path}");
        let status = |path: &str| match web.route("www.uni-01.ac.uk", path) {
            Reply::Answer(answer) => answer.status,
            other => panic!("{other:?}"),
        };
        assert_eq!(status(&path), StatusCode::OK);
        assert_eq!(status(&format!("/courses/{needle}-law")), StatusCode::NOT_FOUND);
        assert!(web.course(0, "www.uni-01.ac.uk", needle).contains("quality improvement"));
        // The site search finds needles by their title words, at most a listing's worth.
        let results =
            web.search(0, "www.uni-01.ac.uk", "collection=courses&q=Implementation+science");
        let found = results.matches("<li>").count();
        let expected = (0..layouts[0].courses)
            .filter(|&i| web.title(0, i).contains("Implementation Science"))
            .count()
            .min(PER_LISTING);
        assert_eq!(found, expected);
        assert!(expected >= 1 || !web.title(0, needle).contains("Implementation"));
    }
}
