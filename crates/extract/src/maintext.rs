//! The page's running text with boilerplate removed: a fallback title and description, and
//! the text the search terms are matched against.

use coursemap_records::Source;

use crate::facts::Facts;
use crate::labels::Field;
use crate::page::Page;

/// Description paragraphs kept, at most.
const DESCRIPTION_BYTES: usize = 1500;
/// Shortest block that reads as a paragraph of description rather than a caption.
const MIN_PARAGRAPH: usize = 80;

/// The label of a title made up from the URL's last path segment (a page that names itself
/// nowhere): a name for people, not wording to read an award from.
pub(crate) const URL_TITLE: &str = "url";

/// Headings of the site around a page, not of its content: skip links, menus, cookie notices.
static SITE_HEADING: crate::normalise::Pattern = crate::normalise::Pattern::new(|| {
    crate::normalise::re(
        r"(?i)^\s*(?:skip to|jump to|main (?:menu|navigation)|menu|search|cookies?|home|homepage|accessibility|back to|close|share|sign in|log ?in|contact us|site map|breadcrumb)\b|\bhomepage\s*$|\blogo\s*$",
    )
});

/// Blocks at the top of a page searched for a heading to use as the title.
const TITLE_HEADING_WITHIN: usize = 12;

/// Fallback facts from the text: title (h1, `og:title`, `<title>`, else the first heading,
/// else the URL) and description (the first paragraphs after the title, else the meta
/// description).
pub(crate) fn facts(page: &Page, url: &str) -> Facts {
    let mut facts = Facts::default();
    if let Some(h1) = &page.h1 {
        facts.push(Field::Title, Source::Text, "h1", h1);
    }
    if let Some(t) = page.meta("og:title") {
        facts.push(Field::Title, Source::Text, "og:title", t);
    }
    if let Some(t) = &page.html_title {
        // "MSc Nursing | University of X": the course, then the site.
        let parts: Vec<&str> = t.split(" | ").collect();
        facts.push(Field::Title, Source::Text, "title", parts[0]);
        if let [_, .., site] = parts.as_slice() {
            facts.push(Field::Provider, Source::Text, "title", site);
        }
    }
    if let Some(heading) = page.blocks.iter().take(TITLE_HEADING_WITHIN).find(|b| {
        b.heading.is_some()
            && crate::labels::field_for_label(&b.text).is_none()
            && !SITE_HEADING.is_match(&b.text)
    }) {
        facts.push(Field::Title, Source::Text, "heading", &heading.text);
    }
    if let Some(slug) = url_title(url) {
        facts.push(Field::Title, Source::Text, URL_TITLE, &slug);
    }
    if let Some(site) = page.meta("og:site_name") {
        facts.push(Field::Provider, Source::Text, "og:site_name", site);
    }
    let start = page.blocks.iter().position(|b| b.heading == Some(1)).map_or(0, |i| i + 1);
    let mut parts: Vec<&str> = Vec::new();
    let mut len = 0;
    for block in &page.blocks[start..] {
        if block.heading.is_some() {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if (parts.is_empty() && block.text.len() < MIN_PARAGRAPH)
            || crate::keyfacts::is_link_prompt(&block.text)
        {
            continue;
        }
        // "Duration: 1 year" and "Topics include …" lines are facts, not description.
        if crate::keyfacts::is_label_line(&block.text)
            || crate::keyfacts::topics_sentence(&block.text).is_some()
        {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        len += block.text.len();
        parts.push(&block.text);
        if len > DESCRIPTION_BYTES {
            break;
        }
    }
    if !parts.is_empty() {
        facts.push(Field::Description, Source::Text, "", &parts.join("\n\n"));
    }
    for key in ["description", "og:description"] {
        if let Some(d) = page.meta(key) {
            facts.push(Field::Description, Source::Text, key, d);
        }
    }
    facts
}

/// "practice-development-pgc/" → "Practice development pgc": the last path segment that is
/// words, for a page that names itself nowhere else.
fn url_title(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let segment = segments
        .into_iter()
        .rev()
        .map(|s| s.trim_end_matches(".html").trim_end_matches(".aspx").trim_end_matches(".htm"))
        .find(|s| s.chars().filter(char::is_ascii_alphabetic).count() >= 4)?;
    let words: Vec<&str> = segment.split(['-', '_', '+']).filter(|w| !w.is_empty()).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + title.get(1..).unwrap_or_default();
    }
    (!title.is_empty()).then_some(title)
}

/// All visible content text (boilerplate removed), for matching search terms.
pub(crate) fn content_text(page: &Page) -> String {
    let mut out = String::new();
    for block in &page.blocks {
        out.push_str(&block.text);
        out.push('\n');
    }
    out
}
