//! The course's own web page, which names its record.
//!
//! A course found both in a feed and by crawling its page must get the same record id, so the
//! feed's record is named after the page: `mlo:url` (1.2) or `url` (1.1) on the course, else on
//! its first presentation, else a course identifier that is a web address. The address is
//! canonicalised as the crawler canonicalises the pages it stores.

use roxmltree::Node;

use super::plain;

/// The course's page, canonical, if the feed gives one.
pub(crate) fn course_url(course: Node<'_, '_>) -> Option<String> {
    let own = first_url(course);
    let presentation = || {
        course
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == "presentation")
            .and_then(first_url)
    };
    let identifier = || {
        course
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "identifier")
            .find_map(|c| web_address(&plain::inline(c)))
    };
    own.or_else(presentation).or_else(identifier)
}

/// The first `url` child that is a web address.
fn first_url(node: Node<'_, '_>) -> Option<String> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == "url")
        .find_map(|c| web_address(&plain::inline(c)))
}

/// An absolute http(s) address, canonical; anything else (relative paths, `mailto:`,
/// identifiers that are not addresses) is not a page.
fn web_address(text: &str) -> Option<String> {
    let text = text.trim();
    let scheme = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    if !(scheme.starts_with("http://") || scheme.starts_with("https://")) {
        return None;
    }
    coursemap_urlcanon::canonical_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_of(xml: &str) -> Option<String> {
        let doc = roxmltree::Document::parse(xml).expect("test XML parses");
        course_url(doc.root_element())
    }

    #[test]
    fn the_course_url_comes_first() {
        assert_eq!(
            url_of(
                "<course><identifier>http://data.example/c1</identifier><url> HTTP://www.Example.ac.uk/c1?utm_source=feed#top </url></course>"
            )
            .as_deref(),
            Some("http://www.example.ac.uk/c1")
        );
        assert_eq!(
            url_of(
                "<course><url>/relative</url><presentation><url>https://x.ac.uk/p</url></presentation></course>"
            )
            .as_deref(),
            Some("https://x.ac.uk/p")
        );
        assert_eq!(
            url_of("<course><identifier>C1</identifier><identifier>https://x.ac.uk/c1</identifier></course>")
                .as_deref(),
            Some("https://x.ac.uk/c1")
        );
        assert_eq!(url_of("<course><identifier>C1</identifier></course>"), None);
    }
}
