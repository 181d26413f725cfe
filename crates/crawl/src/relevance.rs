//! How promising a link is: its anchor text, URL and surrounding text against the search
//! terms and course words. The frontier fetches high scores first, so a page budget is spent
//! on course pages before news, events and staff pages.

/// Spellings the pages use for the report's terms ("quality improvement" is an Improvement
/// Science course, "MRes" a Masters in Research), matched as well as the terms themselves.
const TERM_VARIANTS: &[&str] = &[
    "improvement science",
    "quality improvement",
    "service improvement",
    "improvement",
    "implementation science",
    "implementation",
    "evidence based",
    "knowledge mobilisation",
    "knowledge mobilization",
    "knowledge translation",
    "translational medicine",
    "translational",
    "darzi",
    "clinical research",
    "master of research",
    "masters in research",
    "mres",
    "innovation",
];

/// Words that mark a page about a course or fellowship, whatever its subject.
const COURSE_WORDS: &[&str] = &[
    "course",
    "courses",
    "programme",
    "programmes",
    "program",
    "msc",
    "ma",
    "pgcert",
    "pgdip",
    "pg cert",
    "pg dip",
    "postgraduate",
    "module",
    "modules",
    "fellowship",
    "fellowships",
    "fellow",
    "short course",
    "cpd",
    "training",
    "study",
];

const ANCHOR_TERM: u32 = 40;
const ANCHOR_COURSE: u32 = 15;
const URL_TERM: u32 = 20;
const URL_COURSE: u32 = 10;
const CONTEXT_TERM: u32 = 6;
const CONTEXT_COURSE: u32 = 2;

/// Scores links against the terms; built once per crawl.
#[derive(Debug, Clone)]
pub struct Relevance {
    /// Normalised term phrases, padded with spaces for whole-word matching.
    terms: Vec<String>,
    course_words: Vec<String>,
}

impl Relevance {
    /// A scorer for `terms` (the seeds' search terms) plus their known variants.
    pub fn new(terms: &[String]) -> Self {
        let mut phrases: Vec<String> = terms
            .iter()
            .flat_map(|term| term.split('/'))
            .map(padded)
            .chain(TERM_VARIANTS.iter().map(|v| padded(v)))
            .filter(|p| p.trim().len() > 1)
            .collect();
        phrases.sort();
        phrases.dedup();
        Relevance { terms: phrases, course_words: COURSE_WORDS.iter().map(|w| padded(w)).collect() }
    }

    /// The score of a link: higher is fetched sooner. Anchor text counts most (it is what the
    /// site says the target is), then the URL, then the text around the link.
    pub fn score(&self, anchor: &str, url: &str, context: &str) -> u32 {
        let anchor = padded(anchor);
        let url = padded(url.split_once("://").map_or(url, |(_, rest)| rest));
        let context = padded(context);
        self.count(&self.terms, &anchor) * ANCHOR_TERM
            + self.count(&self.course_words, &anchor) * ANCHOR_COURSE
            + self.count(&self.terms, &url) * URL_TERM
            + self.count(&self.course_words, &url) * URL_COURSE
            + self.count(&self.terms, &context) * CONTEXT_TERM
            + self.count(&self.course_words, &context) * CONTEXT_COURSE
    }

    fn count(&self, phrases: &[String], text: &str) -> u32 {
        let hits = phrases.iter().filter(|phrase| text.contains(phrase.as_str())).count();
        u32::try_from(hits).unwrap_or(u32::MAX)
    }
}

/// Lower-case words separated by single spaces, with a space at each end, so `contains`
/// matches whole words and phrases: "MSc-Quality_Improvement" -> " msc quality improvement ".
fn padded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        out.extend(word.chars().flat_map(char::to_lowercase));
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relevance() -> Relevance {
        Relevance::new(&["Improvement Science".to_owned(), "Darzi Fellow".to_owned()])
    }

    #[test]
    fn course_links_outrank_news() {
        let r = relevance();
        let course = r.score(
            "MSc Quality Improvement",
            "https://www.uwl.ac.uk/course/msc-quality-improvement",
            "Postgraduate courses",
        );
        let news = r.score("Latest news", "https://www.uwl.ac.uk/news/2026/11/open-day", "");
        let darzi = r.score("Darzi Fellowship", "https://healthinnovationnetwork.com/darzi", "");
        assert!(course > darzi && darzi > news, "{course} {darzi} {news}");
        assert_eq!(news, 0);
    }

    #[test]
    fn whole_words_only() {
        let r = relevance();
        // "ma" is a course word, but not inside "management" or "email".
        assert_eq!(r.score("email management", "https://x.org/a", ""), 0);
        assert_eq!(r.score("MA Health", "https://x.org/a", ""), ANCHOR_COURSE);
    }
}
