//! Classification: kind (programme / module / short course / fellowship), the search terms a
//! course matches (with the fixed variants), and focus (main / related).

use coursemap_records::{Focus, Kind};

use super::{Pattern, re};

/// The 13 search terms of the 2014 report, spelled as in `seeds/terms.txt`.
pub const DEFAULT_TERMS: &[&str] = &[
    "Improvement Science",
    "Implementation Science",
    "Evidence-based practice",
    "Knowledge mobilization",
    "Knowledge translation",
    "Translational medicine",
    "Clinical Research Training Fellow",
    "Clinician Scientist Fellow",
    "Darzi Fellow",
    "Implementation Science and Improvement Science Fellow",
    "Knowledge Translation Fellow",
    "Quality Improvement Fellow",
    "Masters in Research/Clinical Research",
];

/// The variants each known term matches (case-insensitive, whole words; a trailing `\w*`
/// lets "Fellow" match "Fellowship(s)").
fn variants(term: &str) -> Option<&'static str> {
    let t = term.to_ascii_lowercase();
    Some(match t.as_str() {
        "improvement science" => {
            r"\b(?:improvement science|quality improvement|service improvement|improvement)\b"
        }
        "implementation science" => r"\b(?:implementation science|implementation)\b",
        "evidence-based practice" => r"\bevidence[- ]based\b",
        "knowledge mobilization" | "knowledge mobilisation" => r"\bknowledge mobili[sz]ation\b",
        "knowledge translation" => r"\bknowledge translation\b",
        "translational medicine" => r"\b(?:translational medicine|translational)\b",
        "masters in research/clinical research" => {
            r"\bMRes\b|\bmaster of research\b|\bmasters? in research\b|\bmaster's in research\b|\bclinical research\b"
        }
        _ => return None,
    })
}

/// Compiled term matchers for one term list.
#[derive(Debug, Clone)]
pub struct TermMatcher {
    terms: Vec<(String, regex::Regex)>,
}

impl TermMatcher {
    pub fn new(terms: &[String]) -> Self {
        let terms = terms
            .iter()
            .filter_map(|term| {
                let pattern = match variants(term) {
                    Some(p) => format!("(?i){p}"),
                    None => {
                        let words: Vec<String> = term
                            .split_whitespace()
                            .map(|w| regex::escape(w).replace('-', "[- ]"))
                            .collect();
                        // "Darzi Fellow" also matches "Darzi Fellowship(s)".
                        format!(r"(?i)\b{}\w*", words.join(r"\s+"))
                    }
                };
                match regex::Regex::new(&pattern) {
                    Ok(r) => Some((term.clone(), r)),
                    Err(err) => {
                        tracing::warn!(term, %err, "search term skipped: not a usable pattern");
                        None
                    }
                }
            })
            .collect();
        TermMatcher { terms }
    }

    /// The terms `text` matches, in term-list order.
    pub fn matches(&self, text: &str) -> Vec<String> {
        self.terms.iter().filter(|(_, r)| r.is_match(text)).map(|(t, _)| t.clone()).collect()
    }
}

static TITLE_MAIN: Pattern =
    Pattern::new(|| re(r"(?i)\b(improvement|improving|implementation|innovation)\b"));
static LEAD_MAIN: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(improvement science|quality improvement|service improvement|implementation science|innovation)\b",
    )
});

/// Focus: `main` when the title says improvement / improving / implementation / innovation or
/// the lead sentence of the description says improvement science, quality improvement,
/// service improvement, implementation science or innovation; `related` when any term matches;
/// otherwise none.
pub fn focus(title: &str, lead_sentence: &str, matched_terms: &[String]) -> Option<Focus> {
    if TITLE_MAIN.is_match(title) || LEAD_MAIN.is_match(lead_sentence) {
        Some(Focus::Main)
    } else if !matched_terms.is_empty() {
        Some(Focus::Related)
    } else {
        None
    }
}

static FELLOWSHIP: Pattern = Pattern::new(|| {
    re(r"(?i)\b(fellowships?|fellows?|fellowship programme|funded training post)\b")
});
static MODULE: Pattern = Pattern::new(|| re(r"(?i)\b(module|unit)\b"));
static SHORT: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(short course|e-learning|elearning|webinar|workshop|masterclass|cpd|continuing professional development|online course|training course|programme of learning)\b",
    )
});

static MODULE_SIGNAL: Pattern = Pattern::new(|| {
    re(r"(?i)\b(?:stand[- ]?alone|single|individual|credit[- ]bearing) module\b|\b\d+ credits?\b")
});

/// What sort of opportunity this is. Fellowships by their name; modules by their name (or,
/// without an award, by credits or "standalone module" in `facts_text`: level, length and
/// lead sentence); award-bearing courses are programmes; the rest short courses.
pub fn kind(title: &str, has_awards: bool, facts_text: &str) -> Kind {
    if FELLOWSHIP.is_match(title) {
        Kind::Fellowship
    } else if MODULE.is_match(title) && !SHORT.is_match(title) {
        Kind::Module
    } else if has_awards {
        Kind::Programme
    } else if MODULE_SIGNAL.is_match(facts_text) {
        Kind::Module
    } else {
        Kind::ShortCourse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let all: Vec<String> = DEFAULT_TERMS.iter().map(|t| (*t).to_string()).collect();
        TermMatcher::new(&all).matches(text)
    }

    #[test]
    fn term_variants() {
        for text in [
            "improvement science",
            "Quality Improvement",
            "service improvement",
            "continuous improvement",
        ] {
            assert_eq!(terms(text), vec!["Improvement Science"], "{text}");
        }
        assert_eq!(terms("Implementation of policy"), vec!["Implementation Science"]);
        assert_eq!(terms("evidence-based practice"), vec!["Evidence-based practice"]);
        assert_eq!(terms("evidence based decision making"), vec!["Evidence-based practice"]);
        assert_eq!(terms("knowledge mobilisation"), vec!["Knowledge mobilization"]);
        assert_eq!(terms("knowledge mobilization"), vec!["Knowledge mobilization"]);
        assert_eq!(terms("Knowledge translation"), vec!["Knowledge translation"]);
        assert_eq!(terms("translational research"), vec!["Translational medicine"]);
        assert_eq!(terms("Darzi Fellowships"), vec!["Darzi Fellow"]);
        assert_eq!(
            terms("Quality Improvement Fellowship"),
            vec!["Improvement Science", "Quality Improvement Fellow"]
        );
        assert_eq!(
            terms("Clinical Research Training Fellowship"),
            vec!["Clinical Research Training Fellow", "Masters in Research/Clinical Research"]
        );
        for text in ["MRes", "Master of Research", "Masters in Research", "clinical research"] {
            assert_eq!(terms(text), vec!["Masters in Research/Clinical Research"], "{text}");
        }
        assert!(terms("Nursing and midwifery").is_empty());
        assert!(terms("improvements").is_empty(), "whole words only");
    }

    #[test]
    fn focus_rule() {
        let some = vec!["Improvement Science".to_string()];
        assert_eq!(focus("MSc Improvement Science", "", &some), Some(Focus::Main));
        assert_eq!(focus("Improving Patient Safety", "", &[]), Some(Focus::Main));
        assert_eq!(focus("Healthcare Innovation MSc", "", &[]), Some(Focus::Main));
        assert_eq!(
            focus("MSc Nursing", "This course develops quality improvement skills.", &some),
            Some(Focus::Main)
        );
        assert_eq!(focus("MSc Nursing", "Nursing leaders.", &some), Some(Focus::Related));
        assert_eq!(focus("MSc Nursing", "Nursing leaders.", &[]), None);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("Darzi Fellowship", false, ""), Kind::Fellowship);
        assert_eq!(kind("Improvement Science module", true, ""), Kind::Module);
        assert_eq!(kind("MSc Improvement Science", true, "20 credits"), Kind::Programme);
        assert_eq!(kind("Health Improvement Project", false, "Level 7 (30 credits)"), Kind::Module);
        assert_eq!(kind("Evidence", false, "One semester (standalone module)"), Kind::Module);
        assert_eq!(
            kind("Open School: Improvement Capability", false, "About 2 hours"),
            Kind::ShortCourse
        );
    }
}
