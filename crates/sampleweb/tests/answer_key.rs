//! The answer key against the pages: ids, one page per record, and noise kept clean.

use std::collections::{BTreeMap, BTreeSet};

use coursemap_records::record_id;
use coursemap_sampleweb::{Edition, RenderedPage, rendered_pages, truth, truth_for};
use regex::Regex;

/// The brief's matched-term variants, case-insensitive.
fn variants() -> Regex {
    Regex::new(
        r"(?i)improvement|implementation|evidence[- ]based|knowledge mobili[sz]ation|knowledge translation|translational|darzi fellow|\bmres\b|master of research|masters in research|clinical research",
    )
    .expect("regex compiles")
}

fn pages_by_url(edition: Edition) -> BTreeMap<String, RenderedPage> {
    rendered_pages(edition).expect("pages render").into_iter().map(|p| (p.url.clone(), p)).collect()
}

/// The text between `start` and the next `end` after it.
fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or(html.len());
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

/// Escaped as the sample web escapes text.
fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

#[test]
fn every_record_has_its_page_and_a_stable_id() {
    for edition in [Edition::Report2014, Edition::Changed] {
        let pages = pages_by_url(edition);
        let records = truth_for(edition).expect("truth loads");
        let ids: BTreeSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), records.len(), "ids are unique");
        for r in &records {
            let page = pages.get(&r.url).unwrap_or_else(|| panic!("{} has no page", r.url));
            assert_eq!(page.status, 200, "{}", r.url);
            let body = String::from_utf8_lossy(&page.body);
            assert!(body.contains(&escape(&r.title)), "{} names {:?}", r.url, r.title);
            if page.content_type == "application/xml" {
                // A feed entry: the id is the feed URL plus the entry's dc:identifier.
                let part = body
                    .split("<course>\n<dc:identifier>")
                    .skip(1)
                    .filter_map(|s| s.split('<').next())
                    .find(|part| record_id(&r.url, Some(part)) == r.id);
                assert!(part.is_some(), "{} ({}) matches a feed identifier", r.title, r.id);
            } else {
                assert_eq!(r.id, record_id(&r.url, None), "{}", r.url);
                assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{}\">", r.url)));
            }
            assert!(r.provider_id.is_some() && r.region.is_some() && r.fetched_at.is_none());
        }
    }
}

#[test]
fn irrelevant_courses_match_no_term_and_noise_is_clean() {
    let re = variants();
    let pages = pages_by_url(Edition::Report2014);
    let records = truth().expect("truth loads");
    let irrelevant: Vec<_> = records.iter().filter(|r| r.focus.is_none()).collect();
    let per_hei = irrelevant.iter().fold(BTreeMap::<&str, usize>::new(), |mut m, r| {
        *m.entry(r.provider_id.as_deref().unwrap_or_default()).or_default() += 1;
        m
    });
    assert_eq!(per_hei.len(), 21, "every HEI has irrelevant courses");
    assert!(per_hei.values().all(|&n| n >= 5), "{per_hei:?}");
    let mut related_with_terms = 0;
    let mut nav_with_terms = 0;
    for r in &irrelevant {
        let words =
            [Some(&r.title), r.description.as_ref(), r.entry.text.as_ref(), r.length.text.as_ref()];
        for text in words.into_iter().flatten() {
            assert!(!re.is_match(text), "{}: {text:?}", r.title);
        }
        let body = String::from_utf8_lossy(&pages[&r.url].body).into_owned();
        if body.contains("<?xml") {
            continue;
        }
        // Main content, minus a related-courses box placed inside it, matches no term.
        let main = section(&body, "<main", "</main>");
        let aside = section(main, "<aside class=\"related-courses\"", "</aside>");
        let main_without_aside = main.replace(aside, "");
        assert!(!re.is_match(&main_without_aside), "{}: {:?}", r.url, re.find(&main_without_aside));
        related_with_terms += usize::from(re.is_match(section(
            &body,
            "<aside class=\"related-courses\"",
            "</aside>",
        )));
        nav_with_terms +=
            usize::from(re.is_match(section(&body, "<nav class=\"main-nav\"", "</nav>")));
    }
    // Some irrelevant pages carry terms in the navigation or related box, to be ignored.
    assert!(
        related_with_terms >= 20 && nav_with_terms >= 20,
        "{related_with_terms} {nav_with_terms}"
    );

    // Cookie banners and footers never carry a term, except in the provider's own name
    // (Institute for Healthcare Improvement, UK Implementation Society, ...).
    for page in pages.values().filter(|p| p.content_type.starts_with("text/html")) {
        let body = String::from_utf8_lossy(&page.body);
        let logo = section(&body, "<a class=\"logo\" href=\"/\">", "</a>");
        let name =
            logo.trim_start_matches("<a class=\"logo\" href=\"/\">").trim_end_matches("</a>");
        assert!(!name.is_empty(), "{} names its site", page.url);
        for part in [
            section(&body, "<div id=\"cookie-banner\"", "</div>"),
            section(&body, "<footer", "</footer>"),
        ] {
            let name_free = part.replace(name, "");
            assert!(!re.is_match(&name_free), "{}: {name_free}", page.url);
        }
    }
}
