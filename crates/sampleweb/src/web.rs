//! The web of one edition: every site's resources, built in memory from the data files.

use std::collections::BTreeMap;

use coursemap_records::Region;

use crate::catalogue::{self, CoursePage, SiteInfo, SiteRole, Template};
use crate::furniture;
use crate::templates::{self, CourseContext, ListingCard};
use crate::{Edition, Result};

/// Course cards per listing page.
const CARDS_PER_PAGE: usize = 10;

/// One page held by the sample web, as an extractor test would receive it.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// `https://host/path?query`.
    pub url: String,
    /// The Content-Type header value served with it, parameters and all.
    pub content_type: String,
    /// The status served: 200, or 410 for a page that is gone.
    pub status: u16,
    /// The body exactly as served.
    pub body: Vec<u8>,
}

/// One site, for `demo` to print.
#[derive(Debug, Clone)]
pub struct SiteSummary {
    /// The provider's seeds id.
    pub provider_id: String,
    /// The provider's name, from the sample web's data.
    pub name: String,
    /// The site's hostname: the provider's real one, which the seeds name.
    pub host: String,
    /// `hei`, `online_provider`, `funder` or `network`, as in the seeds.
    pub kind: String,
    /// The provider's region, as in the seeds.
    pub region: Region,
    /// The home page.
    pub start_url: String,
    /// Pages served with 200 (dynamic search and calendar pages not counted).
    pub page_count: usize,
}

/// A fixed response.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Redirect target (absolute URL) for 301s.
    pub location: Option<String>,
    /// Served, but a copy of another resource (`…/index.html`); left out of
    /// [`Web::rendered_pages`] so extractor tests see each page once.
    pub duplicate: bool,
}

impl Resource {
    /// A 200 response with this body.
    fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Resource { status: 200, content_type, body, location: None, duplicate: false }
    }

    fn html(body: String) -> Self {
        Resource::ok("text/html; charset=utf-8", body.into_bytes())
    }

    fn redirect(to: String) -> Self {
        Resource {
            status: 301,
            content_type: "text/html; charset=utf-8",
            body: Vec::new(),
            location: Some(to),
            duplicate: false,
        }
    }
}

/// One site's resources and its search index.
#[derive(Debug)]
pub(crate) struct Site {
    pub info: SiteInfo,
    /// Keyed by path with query (`/courses/?page=2`).
    pub resources: BTreeMap<String, Resource>,
    /// (title, href, text) of each course page, for `/search`.
    pub search_entries: Vec<(String, String, String)>,
}

/// Every site of one edition, keyed by host.
#[derive(Debug)]
pub(crate) struct Web {
    pub edition: Edition,
    pub sites: BTreeMap<String, Site>,
}

impl Web {
    pub(crate) fn build(edition: Edition) -> Result<Web> {
        let catalogue = catalogue::load()?;
        // A page without a host of its own is on its provider's first site.
        let mut home_host: BTreeMap<&str, &str> = BTreeMap::new();
        for info in catalogue.sites.iter().filter(|i| matches!(i.role, SiteRole::Provider)) {
            home_host.entry(info.provider_id.as_str()).or_insert(info.host.as_str());
        }
        let mut sites = BTreeMap::new();
        for info in &catalogue.sites {
            let site = match &info.role {
                SiteRole::Provider => {
                    let pages: Vec<&CoursePage> = catalogue
                        .pages
                        .iter()
                        .filter(|p| {
                            p.provider_id == info.provider_id && p.edition.includes(edition)
                        })
                        .filter(|p| {
                            let host = p
                                .host
                                .as_deref()
                                .or(home_host.get(p.provider_id.as_str()).copied());
                            host == Some(info.host.as_str())
                        })
                        .collect();
                    build_site(info, &pages)?
                }
                SiteRole::RedirectTo(_) => Site {
                    info: info.clone(),
                    resources: BTreeMap::new(),
                    search_entries: Vec::new(),
                },
                SiteRole::SearchApi(spec) => {
                    let mut resources = BTreeMap::new();
                    let robots = format!(
                        "User-agent: *\nAllow: {}\nDisallow: /\n\nUser-agent: BadBot\nDisallow: /\n",
                        spec.path
                    );
                    resources.insert(
                        "/robots.txt".to_owned(),
                        Resource {
                            status: 200,
                            content_type: "text/plain; charset=utf-8",
                            body: robots.into_bytes(),
                            location: None,
                            duplicate: false,
                        },
                    );
                    Site { info: info.clone(), resources, search_entries: Vec::new() }
                }
            };
            sites.insert(info.host.clone(), site);
        }
        Ok(Web { edition, sites })
    }

    pub(crate) fn rendered_pages(&self) -> Vec<RenderedPage> {
        self.sites
            .values()
            .flat_map(|site| {
                site.resources.iter().filter(|(_, r)| r.location.is_none() && !r.duplicate).map(
                    move |(path, r)| RenderedPage {
                        url: format!("https://{}{}", site.info.host, path),
                        content_type: r.content_type.to_string(),
                        status: r.status,
                        body: r.body.clone(),
                    },
                )
            })
            .collect()
    }

    pub(crate) fn summaries(&self) -> Vec<SiteSummary> {
        self.sites
            .values()
            .map(|site| SiteSummary {
                provider_id: site.info.provider_id.clone(),
                name: site.info.name.clone(),
                host: site.info.host.clone(),
                kind: site.info.kind.clone(),
                region: site.info.region,
                start_url: format!("https://{}/", site.info.host),
                page_count: site.resources.values().filter(|r| r.status == 200).count(),
            })
            .collect()
    }
}

fn url_of(info: &SiteInfo, path: &str) -> String {
    format!("https://{}{}", info.host, path)
}

fn build_site(info: &SiteInfo, pages: &[&CoursePage]) -> Result<Site> {
    let mut resources = BTreeMap::new();
    let CoursePages { mut urls, search_entries, mut cards } =
        add_course_pages(info, pages, &mut resources);
    let listed = [
        info.feed.as_ref().map(|feed| feed_page(info, pages, feed)),
        info.hidden_path.as_ref().map(|hidden| hidden_course_page(info, hidden)),
        info.gone_path.as_ref().map(|gone| gone_course_page(info, gone)),
    ];
    for page in listed.into_iter().flatten() {
        urls.push(url_of(info, &page.path));
        resources.insert(page.path, page.resource);
        cards.push(page.card);
    }
    for path in &info.soft_404_paths {
        // Served with 200, as misconfigured sites do: the crawler must read that it is gone.
        resources.insert(path.clone(), Resource::html(furniture::not_found_page(info)));
    }
    if let Some(finder) = &info.js_finder {
        resources
            .insert(finder.path.clone(), Resource::html(furniture::js_finder_page(info, finder)));
    }
    add_listing(info, &cards, &mut resources);
    add_furniture(info, pages, &urls, &mut resources)?;
    Ok(Site { info: info.clone(), resources, search_entries })
}

/// What a site's course pages give besides themselves.
#[derive(Debug, Default)]
struct CoursePages {
    /// Their URLs, for the sitemap.
    urls: Vec<String>,
    /// (title, href, text) of each, for `/search`.
    search_entries: Vec<(String, String, String)>,
    /// Their cards in the course listing.
    cards: Vec<ListingCard>,
}

/// Adds each course's page (courses only in the XCRI-CAP feed have none).
fn add_course_pages(
    info: &SiteInfo,
    pages: &[&CoursePage],
    resources: &mut BTreeMap<String, Resource>,
) -> CoursePages {
    // Courses described only in the XCRI-CAP feed have no page of their own: a "related
    // courses" box names them with a link to the listing instead of to a page that 404s.
    let path_of_title: BTreeMap<&str, &str> = pages
        .iter()
        .filter(|p| p.template != Template::Xcri)
        .filter_map(|p| p.path.as_deref().map(|path| (p.title.as_str(), path)))
        .collect();
    let mut added = CoursePages::default();
    for (n, course) in pages.iter().enumerate() {
        let Some(path) = course.path.as_deref().filter(|_| course.template != Template::Xcri)
        else {
            continue;
        };
        let related = related_links(info, course, &path_of_title);
        let ctx = CourseContext { site: info, course, url: url_of(info, path), related };
        let Some(html) = templates::course_page(&ctx) else { continue };
        add_course_page(info, path, html, resources);
        added.urls.push(url_of(info, path));
        added.search_entries.push((
            course.title.clone(),
            path.to_string(),
            course.overview.clone(),
        ));
        added.cards.push(listing_card(info, n, course, path));
    }
    added
}

/// The related-courses box of a course: (title, link, fee wording) of each.
fn related_links(
    info: &SiteInfo,
    course: &CoursePage,
    path_of_title: &BTreeMap<&str, &str>,
) -> Vec<(String, String, String)> {
    course
        .related
        .iter()
        .map(|r| {
            let href = path_of_title
                .get(r.title.as_str())
                .map_or_else(|| info.listing_path.clone(), |p| p.to_string());
            (r.title.clone(), href, r.fee.clone())
        })
        .collect()
}

/// A course page at `path`; where the site's course URLs end in `/`, the bare form redirects
/// there and `index.html` serves a copy.
fn add_course_page(
    info: &SiteInfo,
    path: &str,
    html: String,
    resources: &mut BTreeMap<String, Resource>,
) {
    resources.insert(path.to_string(), Resource::html(html.clone()));
    if let Some(bare) = path.strip_suffix('/').filter(|_| info.trailing_slash) {
        resources.insert(bare.to_string(), Resource::redirect(url_of(info, path)));
        resources.insert(
            format!("{path}index.html"),
            Resource { duplicate: true, ..Resource::html(html) },
        );
    }
}

/// The listing's card of the `n`th course, linked as real finders write links: some with
/// `index.html`, some with tracking parameters.
fn listing_card(info: &SiteInfo, n: usize, course: &CoursePage, path: &str) -> ListingCard {
    let href = match n {
        0 if info.trailing_slash => format!("{path}index.html"),
        1 => format!("{path}?utm_source=coursefinder&utm_medium=listing"),
        _ => path.to_string(),
    };
    let summary = [course.facts.award.as_deref(), course.facts.length.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    ListingCard { title: course.title.clone(), href, summary }
}

/// A page the listing links to beside the course pages: where it is, what it serves and its
/// card.
struct ListedPage {
    path: String,
    resource: Resource,
    card: ListingCard,
}

/// The XCRI-CAP feed of every course the feed describes.
fn feed_page(info: &SiteInfo, pages: &[&CoursePage], feed: &str) -> ListedPage {
    let entries: Vec<&CoursePage> =
        pages.iter().copied().filter(|p| p.template == Template::Xcri).collect();
    let xml = templates::xcri_feed(info, &entries);
    ListedPage {
        path: feed.to_string(),
        resource: Resource::ok("application/xml", xml.into_bytes()),
        card: ListingCard {
            title: "Course catalogue (XCRI-CAP feed)".into(),
            href: feed.to_string(),
            summary: "All our courses and qualifications in one machine-readable file".into(),
        },
    }
}

/// A relevant-looking archived course page, behind a robots.txt `Disallow`.
fn hidden_course_page(info: &SiteInfo, hidden: &str) -> ListedPage {
    let html = furniture::info_page(
        info,
        "MSc Quality Improvement Leadership (archived)",
        &[
            "This archived course page described an MSc in quality improvement leadership. Duration: 1 year full-time. Fees: £7,400 per year.",
        ],
    );
    ListedPage {
        path: hidden.to_string(),
        resource: Resource::html(html),
        card: ListingCard {
            title: "MSc Quality Improvement Leadership (archived)".into(),
            href: hidden.to_string(),
            summary: "Archived".into(),
        },
    }
}

/// A discontinued course the listing still links: 410 Gone.
fn gone_course_page(info: &SiteInfo, gone: &str) -> ListedPage {
    let body =
        furniture::info_page(info, "Course discontinued", &["This course is no longer offered."]);
    ListedPage {
        path: gone.to_string(),
        resource: Resource { status: 410, ..Resource::html(body) },
        card: ListingCard {
            title: "MSc Clinical Governance".into(),
            href: gone.to_string(),
            summary: "MSc · 1 year full-time".into(),
        },
    }
}

fn add_listing(info: &SiteInfo, cards: &[ListingCard], resources: &mut BTreeMap<String, Resource>) {
    let chunks: Vec<&[ListingCard]> =
        if cards.is_empty() { vec![&[]] } else { cards.chunks(CARDS_PER_PAGE).collect() };
    for (n, chunk) in chunks.iter().enumerate() {
        let html = templates::listing_page(info, chunk, n + 1, chunks.len());
        if n == 0 {
            resources.insert(info.listing_path.clone(), Resource::html(html.clone()));
        }
        resources.insert(format!("{}?page={}", info.listing_path, n + 1), Resource::html(html));
    }
}

/// The pages every site has besides its courses: the home page, redirects of old URLs, a
/// brochure, information pages, robots.txt and sitemaps.
fn add_furniture(
    info: &SiteInfo,
    pages: &[&CoursePage],
    course_urls: &[String],
    resources: &mut BTreeMap<String, Resource>,
) -> Result<()> {
    let featured = featured_course(pages);
    if let Some(first) = featured {
        add_redirect_chain(info, first, resources);
    }
    if let Some(brochure) = &info.brochure {
        let pdf = Resource::ok("application/pdf", furniture::brochure_pdf(info));
        resources.insert(brochure.clone(), pdf);
    }
    let links = home_links(info, featured);
    resources.insert("/".into(), Resource::html(furniture::home_page(info, &links)));
    let mut page_urls = vec![url_of(info, "/"), url_of(info, &info.listing_path)];
    for (path, title, paragraphs) in INFO_PAGES {
        resources
            .insert(path.into(), Resource::html(furniture::info_page(info, title, paragraphs)));
        page_urls.push(url_of(info, path));
    }
    add_robots_and_sitemaps(info, &page_urls, resources);
    for (path, to) in &info.offsite_redirects {
        resources.insert(path.clone(), Resource::redirect(to.clone()));
    }
    for path in &info.start_paths {
        resources
            .entry(path.clone())
            .or_insert_with(|| Resource::redirect(url_of(info, &info.listing_path)));
    }
    let gz = furniture::gzip(furniture::urlset(course_urls).as_bytes())?;
    resources.insert("/sitemap-courses.xml.gz".into(), Resource::ok("application/gzip", gz));
    Ok(())
}

/// The path of the first course with a page of its own (not one only in a feed): the one
/// the home page's banner features.
fn featured_course<'p>(pages: &[&'p CoursePage]) -> Option<&'p str> {
    pages.iter().filter(|p| p.template != Template::Xcri).find_map(|p| p.path.as_deref())
}

/// Old URLs of the featured course that still circulate: each 301s to the next, the last
/// to the course.
fn add_redirect_chain(info: &SiteInfo, featured: &str, resources: &mut BTreeMap<String, Resource>) {
    let Some(last) = info.redirect_chain.last() else { return };
    for pair in info.redirect_chain.windows(2) {
        resources.insert(pair[0].clone(), Resource::redirect(url_of(info, &pair[1])));
    }
    resources.insert(last.clone(), Resource::redirect(url_of(info, featured)));
}

/// The home page's links (path, words), in the order the page lists them.
fn home_links(info: &SiteInfo, featured: Option<&str>) -> Vec<(String, String)> {
    let finder = info.js_finder.as_ref().map_or(&info.listing_path, |f| &f.path);
    let mut links = vec![(finder.clone(), "Find a course".to_string())];
    for path in &info.soft_404_paths {
        links.push((path.clone(), "Our 2013 health informatics course".into()));
    }
    if let Some(prefix) = &info.challenge_prefix {
        links.push((format!("{prefix}/?type=online"), "Short courses online".into()));
    }
    if let Some(first) = featured {
        links.push((
            format!("{first}?utm_source=homepage&utm_medium=banner&utm_campaign=2014"),
            "Featured course".into(),
        ));
        if let Some(start) = info.redirect_chain.first() {
            links.push((start.clone(), "Our flagship course".into()));
        }
    }
    if let Some(brochure) = &info.brochure {
        links.push((brochure.clone(), "Download our prospectus (PDF)".into()));
    }
    if info.trap {
        links.push(("/events".into(), "Events calendar".into()));
    }
    if let Some(search) = &info.search {
        links.push((
            format!("{}?{}=leadership", search.path, search.param),
            "Search this site".into(),
        ));
    }
    links.push(("/about/".into(), "About us".into()));
    links.push(("/news/".into(), "News".into()));
    links
}

/// Information pages every site has: (path, title, paragraphs).
const INFO_PAGES: [(&str, &str, &[&str]); 6] = [
    (
        "/about/",
        "About us",
        &[
            "We have taught and researched in London for many years.",
            "Our staff and students come from all over the world.",
        ],
    ),
    (
        "/news/",
        "News",
        &["Our new library opens this autumn.", "Students won three national awards this year."],
    ),
    (
        "/contact/",
        "Contact us",
        &["Telephone our enquiries team on 020 7000 0000, Monday to Friday."],
    ),
    (
        "/privacy/",
        "Privacy notice",
        &["We process your personal data in line with data protection law."],
    ),
    (
        "/accessibility/",
        "Accessibility statement",
        &["We want as many people as possible to be able to use this website."],
    ),
    (
        "/cookies/",
        "Cookies",
        &[
            "Cookies are small files saved on your device. You can change your settings at any time.",
        ],
    ),
];

/// robots.txt, the sitemap index, the sitemap of `page_urls`, and the extra sitemap indexes
/// some sites list.
fn add_robots_and_sitemaps(
    info: &SiteInfo,
    page_urls: &[String],
    resources: &mut BTreeMap<String, Resource>,
) {
    let robots = furniture::robots_txt(info).into_bytes();
    resources.insert("/robots.txt".into(), Resource::ok("text/plain; charset=utf-8", robots));
    let index = || Resource::ok("application/xml", furniture::sitemap_index(info).into_bytes());
    resources.insert("/sitemap.xml".into(), index());
    let urlset = furniture::urlset(page_urls).into_bytes();
    resources.insert("/sitemap-pages.xml".into(), Resource::ok("application/xml", urlset));
    for path in &info.extra_sitemaps {
        resources.insert(path.clone(), index());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(host: &str) -> SiteInfo {
        let catalogue = catalogue::load().expect("catalogue");
        catalogue.sites.into_iter().find(|s| s.host == host).expect("site")
    }

    #[test]
    fn the_home_page_links_the_finder_the_featured_course_and_the_old_url() {
        let uwl = site("www.uwl.ac.uk");
        let links = home_links(&uwl, Some("/courses/msc-improvement-science/"));
        let paths: Vec<&str> = links.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/courses/",
                "/courses/msc-improvement-science/?utm_source=homepage&utm_medium=banner&utm_campaign=2014",
                "/msc-improvement-science",
                "/courses/search?query=leadership",
                "/about/",
                "/news/",
            ]
        );
        let lsbu = site("www.lsbu.ac.uk");
        let links = home_links(&lsbu, None);
        assert_eq!(links[0], ("/study/course-finder".into(), "Find a course".into()));
        assert_eq!(
            links[1],
            (
                "/media/postgraduate-brochure-2014.pdf".into(),
                "Download our prospectus (PDF)".into()
            )
        );
    }

    #[test]
    fn old_urls_redirect_one_to_the_next_and_then_to_the_course() {
        let uwl = site("www.uwl.ac.uk");
        let mut resources = BTreeMap::new();
        add_redirect_chain(&uwl, "/courses/msc-improvement-science/", &mut resources);
        let hops: Vec<(&str, Option<&str>)> =
            resources.iter().map(|(path, r)| (path.as_str(), r.location.as_deref())).collect();
        assert_eq!(
            hops,
            [
                (
                    "/courses/improvement-science",
                    Some("https://www.uwl.ac.uk/courses/msc-improvement-science/")
                ),
                (
                    "/msc-improvement-science",
                    Some("https://www.uwl.ac.uk/courses/improvement-science")
                ),
            ]
        );
    }

    #[test]
    fn listing_cards_link_as_real_finders_write_links() {
        let uwl = site("www.uwl.ac.uk");
        let catalogue = catalogue::load().expect("catalogue");
        let course = catalogue
            .pages
            .iter()
            .find(|p| p.title == "MSc Improvement Science")
            .expect("UWL's MSc");
        let path = "/courses/msc-improvement-science/";
        let card = listing_card(&uwl, 0, course, path);
        assert_eq!(card.href, "/courses/msc-improvement-science/index.html");
        assert_eq!(card.summary, "MSc · 1 year full-time, 2-3 years part-time");
        assert_eq!(
            listing_card(&uwl, 1, course, path).href,
            "/courses/msc-improvement-science/?utm_source=coursefinder&utm_medium=listing"
        );
        assert_eq!(listing_card(&uwl, 2, course, path).href, path);
    }
}
