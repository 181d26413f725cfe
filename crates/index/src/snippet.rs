//! Snippets: the passage of a record that best shows why it matched, matched words marked.
//!
//! tantivy's `SnippetGenerator` only knows the exact terms of a query, so fuzzy and prefix
//! matches would go unmarked; this marks a word when its stem is a query stem, when it is
//! within the query's edit distance of a fuzzy word, or when it starts with the last word.

use coursemap_records::Record;
use tantivy::tokenizer::TextAnalyzer;

use crate::query::Highlight;
use crate::schema;

/// Longest snippet, in characters (plus an ellipsis either side when cut).
pub const SNIPPET_CHARS: usize = 200;

/// A snippet as marked-up HTML (`<b>` around matched words, text escaped) and as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub html: String,
    pub text: String,
}

/// Finds matched words in record text.
pub struct Highlighter {
    highlight: Highlight,
    stemmed: TextAnalyzer,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter").field("highlight", &self.highlight).finish_non_exhaustive()
    }
}

impl Highlighter {
    pub fn new(highlight: Highlight) -> Self {
        Highlighter { highlight, stemmed: schema::stemmed_analyzer() }
    }

    /// Byte ranges of the matched words of `text`.
    fn matches(&mut self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut stream = self.stemmed.token_stream(text);
        while let Some(token) = stream.next() {
            let Some(raw) = text.get(token.offset_from..token.offset_to) else { continue };
            let raw = raw.to_lowercase();
            let hit =
                self.highlight.stems.contains(&token.text)
                    || self.highlight.prefix.as_deref().is_some_and(|p| raw.starts_with(p))
                    || self.highlight.fuzzy.iter().any(|(word, distance)| {
                        edit_distance(word, &raw) <= usize::from(*distance)
                    });
            if hit {
                found.push((token.offset_from, token.offset_to));
            }
        }
        found
    }

    /// The snippet of `record`: the window of its description with most matched words, else
    /// of its entry text, topics or title; the start of the description when nothing matches.
    pub fn snippet(&mut self, record: &Record) -> Snippet {
        let topics = record.topics.join(", ");
        let candidates =
            [record.description.as_deref(), record.entry.text.as_deref(), Some(topics.as_str())];
        for text in candidates.into_iter().flatten() {
            let found = self.matches(text);
            if !found.is_empty() {
                return window(text, &found);
            }
        }
        let found = self.matches(&record.title);
        if !found.is_empty() {
            return window(&record.title, &found);
        }
        window(record.description.as_deref().unwrap_or_default(), &[])
    }
}

/// The `SNIPPET_CHARS` window of `text` holding most of `found`, marked up.
fn window(text: &str, found: &[(usize, usize)]) -> Snippet {
    let budget = SNIPPET_CHARS;
    // Start at the matched word that has most matched words within the budget after it.
    let best_start = found
        .iter()
        .map(|&(start, _)| {
            let count = found.iter().filter(|&&(s, e)| s >= start && e <= start + budget).count();
            (count, std::cmp::Reverse(start))
        })
        .max()
        .map(|(_, std::cmp::Reverse(start))| start)
        .unwrap_or(0);
    // Back up a little for context, to a word boundary.
    let mut start = floor_boundary(text, best_start.saturating_sub(40));
    if start > 0 {
        start = text[start..].find(' ').map_or(start, |space| start + space + 1);
        if start > best_start {
            start = best_start;
        }
    }
    let mut end = floor_boundary(text, (start + budget).min(text.len()));
    if end < text.len() {
        end = text[..end].rfind(' ').filter(|&e| e > start).unwrap_or(end);
    }
    let mut html = String::new();
    let mut plain = String::new();
    if start > 0 {
        html.push('…');
        plain.push('…');
    }
    let mut at = start;
    for &(s, e) in found.iter().filter(|&&(s, e)| s >= start && e <= end) {
        html.push_str(&escape(&text[at..s]));
        html.push_str("<b>");
        html.push_str(&escape(&text[s..e]));
        html.push_str("</b>");
        at = e;
    }
    html.push_str(&escape(&text[at..end]));
    plain.push_str(&text[start..end]);
    if end < text.len() {
        html.push('…');
        plain.push('…');
    }
    Snippet { html, text: plain }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Escapes text for HTML element content and quoted attribute values alike (`&<>"'`).
fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// Edit distance with adjacent transpositions costing one (as the fuzzy queries count).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best =
                (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("sciense", "science"), 1);
        assert_eq!(edit_distance("improvment", "improvement"), 1);
        assert_eq!(edit_distance("lead", "lade"), 2);
        assert_eq!(edit_distance("lead", "elad"), 1);
    }

    #[test]
    fn marks_stems_fuzzy_and_prefix_and_escapes() {
        let highlight = Highlight {
            stems: ["improv".to_owned()].into_iter().collect(),
            fuzzy: vec![("sciense".to_owned(), 1)],
            prefix: Some("lead".to_owned()),
        };
        let mut highlighter = Highlighter::new(highlight);
        let text = "Improving <care> & Science for leaders";
        let found = highlighter.matches(text);
        let snippet = window(text, &found);
        assert_eq!(
            snippet.html,
            "<b>Improving</b> &lt;care&gt; &amp; <b>Science</b> for <b>leaders</b>"
        );
        assert_eq!(snippet.text, text);
    }

    #[test]
    fn long_text_is_cut_around_the_matches() {
        let text =
            format!("{} quality improvement here {}", "filler ".repeat(60), "tail ".repeat(60));
        let mut highlighter = Highlighter::new(Highlight {
            stems: ["qualiti".to_owned()].into_iter().collect(),
            ..Highlight::default()
        });
        let snippet = window(&text, &highlighter.matches(&text));
        assert!(snippet.html.starts_with('…') && snippet.html.ends_with('…'), "{}", snippet.html);
        assert!(snippet.html.contains("<b>quality</b> improvement"), "{}", snippet.html);
        assert!(snippet.text.chars().count() <= SNIPPET_CHARS + 2, "{}", snippet.text);
    }
}
