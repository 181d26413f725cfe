//! Plain-text helpers shared by the sources: whitespace, sentences, truncation.

/// Collapses runs of whitespace (including non-breaking spaces) to single spaces and trims.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Splits text into sentences at `.`, `!`, `?` followed by a space and a capital, a digit or a
/// quote, and at line breaks. Abbreviations ("e.g. the") rarely start a capital, so they stay.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let sentence_end = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(|n| n.is_ascii_uppercase() || n.is_ascii_digit());
        let boundary = (b == b'\n' || sentence_end).then_some(i + 1);
        if let Some(end) = boundary {
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
        i += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The first sentence of a description: the "lead sentence" the focus rule reads.
pub(crate) fn lead_sentence(text: &str) -> &str {
    sentences(text).into_iter().next().unwrap_or("")
}

/// The first `max` bytes of `s`, cut back to a character boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last `max` bytes of `s`, cut forward to a character boundary.
pub(crate) fn suffix(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The words around `start..end` of `s`: `before` bytes ahead and `after` bytes past, widened
/// to character boundaries.
pub(crate) fn around(s: &str, start: usize, end: usize, before: usize, after: usize) -> &str {
    let mut lo = start.saturating_sub(before);
    while !s.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = end.saturating_add(after).min(s.len());
    while !s.is_char_boundary(hi) {
        hi += 1;
    }
    &s[lo..hi]
}

/// Cuts `s` to at most `max` bytes at a character boundary, adding an ellipsis when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", s[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_on_character_boundaries() {
        assert_eq!(suffix("£100 fee", 8), "100 fee");
        assert_eq!(prefix("a £5", 3), "a ");
        let s = "xx £5 yy";
        assert_eq!(around(s, 5, 6, 1, 1), "£5 ");
        assert_eq!(around(s, 0, 2, 10, 100), s);
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_ws("  a \n\t b\u{a0}c  "), "a b c");
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            sentences("A 2:1 degree. Applicants with e.g. experience may apply! Next\nline"),
            vec!["A 2:1 degree.", "Applicants with e.g. experience may apply!", "Next", "line"]
        );
        assert_eq!(
            lead_sentence("This MSc teaches improvement science. It is great."),
            "This MSc teaches improvement science."
        );
    }

    #[test]
    fn truncates_at_char_boundary() {
        assert_eq!(truncate("£££", 3), "£…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
