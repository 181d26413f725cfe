//! Which elements root a boilerplate subtree (navigation, site headers and footers, asides,
//! cookie banners, forms, "related courses" boxes), whose words must never reach a fact.

/// Elements whose subtree is never content.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "form", "iframe", "select", "option",
    "textarea", "button", "dialog", "canvas", "object", "video", "audio", "map", "nav", "aside",
    "head",
];

/// Class or id fragments that mark boilerplate boxes.
const BOILERPLATE_FRAGMENTS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "related",
    "similar",
    "recommend",
    "breadcrumb",
    "navbar",
    "megamenu",
    "mega-menu",
    "newsletter",
    "modal",
    "popup",
    "site-footer",
    "site-header",
    "skip-link",
    "social",
    "advert",
    "you-may-also",
    "also-like",
    "other-courses",
    "more-courses",
    "share-",
];

/// Is this element the root of a boilerplate subtree? `inside_content`: it sits inside
/// `<main>` or `<article>`.
pub(super) fn is_boilerplate(el: &scraper::node::Element, inside_content: bool) -> bool {
    let tag = el.name();
    if SKIP_TAGS.contains(&tag) {
        return true;
    }
    // A <header>/<footer> inside <main> or <article> is the content's own heading or notes.
    if (tag == "header" || tag == "footer") && !inside_content {
        return true;
    }
    // Hidden tab panels and closed accordions are content a click away, so they stay.
    if el.attr("role").is_some_and(|role| is_boilerplate_role(role, inside_content)) {
        return true;
    }
    let names = el.attr("class").into_iter().chain(el.attr("id"));
    names.flat_map(str::split_whitespace).any(is_boilerplate_name)
}

fn is_boilerplate_role(role: &str, inside_content: bool) -> bool {
    let role = role.to_ascii_lowercase();
    matches!(
        role.as_str(),
        "navigation" | "contentinfo" | "complementary" | "search" | "dialog" | "alertdialog"
    ) || (role == "banner" && !inside_content)
}

/// Does one class name or id mark a boilerplate box?
fn is_boilerplate_name(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    BOILERPLATE_FRAGMENTS.iter().any(|f| t.contains(f))
        || matches!(t.as_str(), "nav" | "menu" | "footer" | "masthead" | "share" | "sharing")
        || t.starts_with("nav-")
        || t.starts_with("menu-")
        || t.ends_with("-nav")
        || t.ends_with("-menu")
        || t.ends_with("__nav")
        || t.ends_with("__menu")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_of_navigation_and_related_boxes_are_boilerplate() {
        for name in
            ["cookie-banner", "related-courses", "site-footer", "main-nav", "nav", "menu-top"]
        {
            assert!(is_boilerplate_name(name), "{name}");
        }
        for name in ["key-info__duration", "course-data__online", "navigator", "content"] {
            assert!(!is_boilerplate_name(name), "{name}");
        }
        assert!(is_boilerplate_role("Navigation", true));
        assert!(is_boilerplate_role("banner", false));
        assert!(!is_boilerplate_role("banner", true));
        assert!(!is_boilerplate_role("tabpanel", false));
    }
}
