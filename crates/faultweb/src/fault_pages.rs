//! The fault web's HTML: plain good pages, pages in legacy encodings, pathological markup and
//! the infinite calendar.

/// A small well-formed page that links home.
pub(crate) fn good_page(host: &str, path: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Good page {path} on {host}</title></head>\n\
         <body><h1>Good page {path}</h1>\n\
         <p>PGCert Quality Improvement in Health Care: a good page on a hostile host, which a \
         crawler must still collect.</p>\n<p><a href=\"/\">Home</a></p></body></html>\n"
    )
}

/// The home page: a link to every path given, and one to a robots-disallowed path.
pub(crate) fn home_page(host: &str, links: &[&str]) -> String {
    let mut items = String::new();
    for link in links {
        items.push_str(&format!("<li><a href=\"{link}\">{link}</a></li>\n"));
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{host}</title></head>\n\
         <body><h1>{host}</h1>\n<ul>\n{items}<li><a href=\"/private/do-not-fetch\">Staff only (disallowed by robots.txt)</a></li>\n</ul></body></html>\n"
    )
}

/// A page in a single-byte legacy encoding with no charset anywhere: not in Content-Type, no
/// `<meta>`. `text` is encoded char by char; every char must exist in the target encoding.
pub(crate) fn legacy_page(title: &str, text: &str, encode: fn(char) -> Option<u8>) -> Vec<u8> {
    let html = format!(
        "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p><p><a href=\"/\">Home</a></p></body></html>\n"
    );
    html.chars().map(|c| encode(c).unwrap_or(b'?')).collect()
}

/// Latin-1: code points up to U+00FF are their own byte.
pub(crate) fn iso_8859_1(c: char) -> Option<u8> {
    u8::try_from(u32::from(c)).ok()
}

/// Windows-1252: Latin-1 plus typographic punctuation and the euro sign in 0x80..0x9F.
pub(crate) fn windows_1252(c: char) -> Option<u8> {
    match c {
        '€' => Some(0x80),
        '‚' => Some(0x82),
        '„' => Some(0x84),
        '…' => Some(0x85),
        '‘' => Some(0x91),
        '’' => Some(0x92),
        '“' => Some(0x93),
        '”' => Some(0x94),
        '–' => Some(0x96),
        '—' => Some(0x97),
        c => u8::try_from(u32::from(c)).ok().filter(|b| !(0x80..0xA0).contains(b)),
    }
}

/// Text for the Windows-1252 page: smart quotes and dashes exist only in that encoding.
pub(crate) const WINDOWS_1252_TEXT: &str =
    "“Improvement science” – a course for the NHS’s staff… Fees: €1,200 or £950. Café naïveté.";
/// Text for the ISO-8859-1 page.
pub(crate) const ISO_8859_1_TEXT: &str =
    "Implementation science for health: fees £950, for staff in Zürich and Málaga; café ½ day.";

/// Declared UTF-8, yet with bytes no UTF-8 decoder accepts.
pub(crate) fn invalid_utf8_page() -> Vec<u8> {
    let mut page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Invalid UTF-8</title></head><body><h1>Evidence-based practice</h1><p>Bad bytes: "
        .to_vec();
    page.extend_from_slice(&[
        0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x20, 0xF0, 0x28, 0x8C, 0xBC, 0xC0, 0xAF,
    ]);
    page.extend_from_slice(b" end.</p><p><a href=\"/\">Home</a></p></body></html>\n");
    page
}

/// UTF-8 with a byte order mark and no declared charset.
pub(crate) fn bom_page() -> Vec<u8> {
    let mut page = vec![0xEF, 0xBB, 0xBF];
    page.extend_from_slice(
        "<!doctype html><html><head><title>BOM page</title></head><body><h1>Knowledge mobilisation – Ω</h1><p><a href=\"/\">Home</a></p></body></html>\n"
            .as_bytes(),
    );
    page
}

/// `depth` nested `<div>`s with, at the innermost level only, a link to `target`.
pub(crate) fn nested_page(depth: usize, target: &str) -> String {
    let open = "<div>";
    let close = "</div>";
    let mut page = String::with_capacity(depth * (open.len() + close.len()) + 256);
    page.push_str("<!doctype html><html><head><title>Deeply nested</title></head><body>");
    for _ in 0..depth {
        page.push_str(open);
    }
    page.push_str(&format!("<a href=\"{target}\">Found in the deepest element</a>"));
    for _ in 0..depth {
        page.push_str(close);
    }
    page.push_str("</body></html>\n");
    page
}

/// Markup that never closes: no end tags (but the title's: an unclosed `<title>` swallows the
/// rest of the file as text, so a browser would see no link at all), a table left open, and
/// the file ends inside an attribute.
pub(crate) fn unclosed_page(target: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Unclosed</title>\n<body><div><p>Service improvement<table><tr><td><ul><li>\
         <a href=\"{target}\">Found in unclosed markup<li><b><i><span>no end tags\n<p>more<div>\
         <a href=\"/good/1\" title=\"never closed"
    )
}

/// One month of the calendar trap: links to the previous and next month and to every day,
/// without end; `None` for a month that does not parse.
pub(crate) fn calendar_page(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/calendar/")?;
    let mut parts = rest.split('/');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: Option<u32> = match parts.next() {
        Some(d) => Some(d.parse().ok()?),
        None => None,
    };
    if parts.next().is_some()
        || !(1..=12).contains(&month)
        || !(-9999..=9999).contains(&year)
        || day.is_some_and(|d| !(1..=31).contains(&d))
    {
        return None;
    }
    let (prev_year, prev_month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let mut links = format!(
        "<a href=\"/calendar/{prev_year}/{prev_month:02}\">Previous month</a> <a href=\"/calendar/{next_year}/{next_month:02}\">Next month</a>\n"
    );
    for d in 1..=28 {
        links.push_str(&format!("<a href=\"/calendar/{year}/{month:02}/{d:02}\">{d}</a> "));
    }
    Some(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Events {year}-{month:02}</title></head><body><h1>Events</h1><p>No events.</p>{links}</body></html>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_texts_fit_their_encodings_and_differ_from_utf8() {
        let w = legacy_page("t", WINDOWS_1252_TEXT, windows_1252);
        assert!(!w.contains(&b'?'), "a char did not encode");
        assert!(w.contains(&0x93) && w.contains(&0x80));
        assert!(std::str::from_utf8(&w).is_err());
        let l = legacy_page("t", ISO_8859_1_TEXT, iso_8859_1);
        assert!(!l.contains(&b'?') && l.contains(&0xA3));
        assert!(std::str::from_utf8(&l).is_err());
        assert!(std::str::from_utf8(&invalid_utf8_page()).is_err());
        assert!(bom_page().starts_with(&[0xEF, 0xBB, 0xBF]));
    }

    #[test]
    fn nested_page_has_the_depth_asked() {
        let page = nested_page(1000, "/x");
        assert_eq!(page.matches("<div>").count(), 1000);
        let link = page.find("<a href=\"/x\"").expect("link");
        assert_eq!(page[..link].matches("<div>").count(), 1000);
    }

    #[test]
    fn calendar_never_ends_and_rejects_nonsense() {
        let page = calendar_page("/calendar/2026/12").expect("december");
        assert!(page.contains("/calendar/2027/01\"") && page.contains("/calendar/2026/11\""));
        assert!(calendar_page("/calendar/2026/12/31").is_some());
        assert!(calendar_page("/calendar/2026/13").is_none());
        assert!(calendar_page("/calendar/x/1").is_none());
        assert!(calendar_page("/calendar/2026/1/2/3").is_none());
    }
}
