//! The course finder: a paged listing of a site's course pages (`?page=2`).

use crate::catalogue::SiteInfo;
use crate::html::{Chrome, escape, page};

/// One card on a listing page.
#[derive(Debug, Clone)]
pub(crate) struct ListingCard {
    pub title: String,
    /// The link as the listing writes it (sometimes with tracking parameters or `index.html`).
    pub href: String,
    /// A short line under the title ("MSc · 1 year full-time").
    pub summary: String,
}

/// Renders page `number` (1-based) of `pages` listing pages.
pub(crate) fn listing_page(
    site: &SiteInfo,
    cards: &[ListingCard],
    number: usize,
    pages: usize,
) -> String {
    let mut main = format!(
        "<h1>Find a course</h1>\n<p class=\"results-count\">Page {number} of {pages}</p>\n<div class=\"course-results\">\n"
    );
    for card in cards {
        main.push_str(&format!(
            "<article class=\"course-card\"><h3><a href=\"{}\">{}</a></h3><p>{}</p></article>\n",
            escape(&card.href),
            escape(&card.title),
            escape(&card.summary)
        ));
    }
    main.push_str("</div>\n<nav class=\"pagination\" aria-label=\"Pages\">");
    let path = escape(&site.listing_path);
    if number > 1 {
        main.push_str(&format!(
            "<a rel=\"prev\" href=\"{path}?page={}\">Previous</a> ",
            number - 1
        ));
    }
    for n in 1..=pages {
        main.push_str(&format!("<a href=\"{path}?page={n}\">{n}</a> "));
    }
    if number < pages {
        main.push_str(&format!(
            "<a rel=\"next\" href=\"{path}?page={}\">Next page</a>",
            number + 1
        ));
    }
    main.push_str("</nav>\n");
    let chrome = Chrome { title: "Find a course", ..Chrome::default() };
    page(site, &chrome, &main)
}
