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
    /// Matchers for `terms` (spelled as in `seeds/terms.txt`): a term the classifier knows
    /// variants for matches them too; any other term matches its own words, ignoring case.
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
    re(
        r"(?i)\b(fellowships?|fellows?|fellowship programme|funded training post|internships?|scholarships?|chief registrar|specialty training|clinical academic training|training posts?)\b",
    )
});
/// A learner employed or paid to train: a funded post, whatever it is called.
static PAID_POST: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(receive a salary|salary whilst|paid a salary|employed on a (?:fixed[- ]term|full[- ]time|part[- ]time)? ?contract|fixed[- ]term contract|you will be employed|training post|funded post|salary backfill|backfill (?:for|of) (?:your|the fellow)|stipend|specialty registrars?|registrars (?:are|will))\b",
    )
});
/// A page speaking of itself as a fellowship ("the Fellowship is open to", "your fellowship").
static FELLOWSHIP_SELF: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:the|this|your|a) (?:[\w-]+ ){0,3}fellowships? (?:is|will|offers|provides|programme|scheme|role|portfolio|post)\b",
    )
});
/// Credits asked for at entry ("15 level 3 credits at Merit"), not the module's own.
static ENTRY_CREDITS: Pattern = Pattern::new(|| {
    re(r"(?i)\b\d+ (?:level \d )?credits? at (?:merit|pass|distinction)|level \d credits")
});
/// A course of several modules ("this six-module course", "6 modules over 12 weeks") is not
/// one module.
static SEVERAL_MODULES: Pattern = Pattern::new(|| {
    re(r"(?i)\b(?:[2-9]|1\d|two|three|four|five|six|seven|eight|nine|ten|twelve)[- ]modules?\b")
});
/// Participants called Fellows ("70 Leadership and Management Fellows", "the Fellow"): a
/// fellowship whatever its title says.
static FELLOWS_NAMED: Pattern = Pattern::new(|| {
    re(
        r"\b(?:the|our|each|all|current|new|\d+) (?:[A-Z][\w&-]* ){0,4}Fellows?\b|\bthe (?:[A-Z][\w&-]* ){0,4}Fellowship\b",
    )
});
/// "Level 7 module" names a module's level, not a count of modules.
static LEVEL_NUMBER: Pattern = Pattern::new(|| re(r"(?i)\blevels? \d"));
static APPRENTICESHIP_TITLE: Pattern = Pattern::new(|| re(r"(?i)\bapprenticeships?\b"));
static MODULE: Pattern = Pattern::new(|| re(r"(?i)\b(module|unit)\b"));
static SHORT: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(short course|e-learning|elearning|webinar|workshop|masterclass|cpd|continuing professional development|online course|training course|programme of learning)\b",
    )
});
/// One credit-bearing module: "a 20 credit module", "Credits: 40", "standalone module",
/// "30 credits at level 7", "academic credit".
static CREDIT_SIGNAL: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:stand[- ]?alone|single|credit[- ]bearing|independent) module\b|\b(?:[1-9]|[1-5]\d|60)[- ]?(?:cats? )?credits?\b|\bcredits?:? (?:[1-9]|[1-5]\d|60)\b|\b\d+ cats\b|\bacademic credit\b",
    )
});
/// A page speaking of itself as a module ("this module", "module leader"), which is a
/// university module unless it is e-learning (BMJ Learning's "modules" are CPD e-learning).
static MODULE_WORDING: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:this|the)(?: [\w&-]+){0,4} module (?:is|will|aims|has|enables|provides|offers|runs|covers)\b|\b(?:this|the|cpd|inter-?professional|standalone) module\b|\bmodule (?:code|leader|aims|descriptor)\b",
    )
});
static E_LEARNING: Pattern = Pattern::new(|| {
    re(r"(?i)\b(e-?learning|self[- ]paced|cpd hours?|\d+ minutes|webinar|mooc|online course)\b")
});
/// Wording of a course that leads to a degree-level award without naming it: "Masters course",
/// an apprenticeship, a foundation degree, a year or more of full-time study ("an intensive,
/// 14-month, full-time programme": short courses are not studied full-time for a year).
static PROGRAMME_SIGNAL: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(apprenticeship (?:programme|standard|route|course)|(?:(?:1[2-9]|[2-4]\d)[- ]months?|(?:[1-4]|one|two|three|four)[- ]years?)\W{1,3}(?:[\w-]+\W{1,3})?full[- ]time (?:programme|course)|(?:this|our|the) (?:[\w-]+ ){0,3}apprenticeship (?:is|will|programme)|master'?s (?:course|programme)|masters (?:course|programme)|degree programme|foundation degree|top[- ]up degree|postgraduate (?:course|programme))\b",
    )
});

/// The page calling itself a degree course: "This Masters course", "our postgraduate
/// programme" (its modules and credits are then parts of it, not the course).
static PROGRAMME_SELF: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:this|our) (?:[\w-]+ ){0,2}(?:master'?s|masters|degree|postgraduate|undergraduate) (?:course|programme|degree)\b",
    )
});

/// A course's total credits, as only whole awards have them: "modules totalling 180 credits".
static PROGRAMME_CREDITS: Pattern =
    Pattern::new(|| re(r"(?i)\b(?:120|180|240|300|360|480)[- ]?credits?\b"));

/// What the classifier reads: the title, whether an award is named, and the page's wording
/// (key facts, lead sentence and the start of the text).
#[derive(Debug, Clone, Copy)]
pub struct KindWords<'a> {
    /// The course's title.
    pub title: &'a str,
    /// The page names at least one final award.
    pub has_awards: bool,
    /// A stated FHEQ level of 7 or 8 with no award, or "postgraduate" alone.
    pub postgraduate: bool,
    /// The page's wording: key facts, the lead sentence and the start of the text.
    pub text: &'a str,
}

/// What sort of opportunity this is, from the words UK providers use:
/// - fellowships by name (fellowship, internship, scholarship, Chief Registrar, specialty
///   training), or a paid post even where it includes an award (salary, fixed-term contract,
///   training post, registrars working towards an MPH);
/// - modules by name, or with no award by one module's wording (credits, "this module");
/// - award-bearing courses, apprenticeships and unnamed postgraduate awards are programmes;
/// - the rest (CPD, masterclasses, training programmes, e-learning) short courses.
pub fn kind_of(words: KindWords<'_>) -> Kind {
    let KindWords { title, has_awards, postgraduate, text } = words;
    let credits_text = ENTRY_CREDITS.replace_all(text, "");
    if FELLOWSHIP.is_match(title) {
        Kind::Fellowship
    } else if MODULE.is_match(title) && !SHORT.is_match(title) {
        Kind::Module
    } else if APPRENTICESHIP_TITLE.is_match(title) {
        Kind::Programme
    } else if PAID_POST.is_match(text) {
        Kind::Fellowship
    } else if has_awards {
        Kind::Programme
    } else if FELLOWSHIP_SELF.is_match(text) || FELLOWS_NAMED.is_match(text) {
        Kind::Fellowship
    } else if PROGRAMME_SELF.is_match(text)
        || (PROGRAMME_CREDITS.is_match(text) && !MODULE_WORDING.is_match(text))
    {
        Kind::Programme
    } else if !SEVERAL_MODULES.is_match(&LEVEL_NUMBER.replace_all(text, ""))
        && (CREDIT_SIGNAL.is_match(title)
            || CREDIT_SIGNAL.is_match(&credits_text)
            || (MODULE_WORDING.is_match(text) && !E_LEARNING.is_match(text)))
    {
        Kind::Module
    } else if postgraduate || PROGRAMME_SIGNAL.is_match(title) || PROGRAMME_SIGNAL.is_match(text) {
        Kind::Programme
    } else {
        Kind::ShortCourse
    }
}

/// What sort of opportunity this is, from the title, whether it names an award and its key
/// facts alone (structured data and feeds, which carry no page text).
pub fn kind(title: &str, has_awards: bool, facts_text: &str) -> Kind {
    kind_of(KindWords { title, has_awards, postgraduate: false, text: facts_text })
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
        assert_eq!(
            kind(
                "Teaching",
                false,
                "Students take modules totalling 180 credits. 60 credits of optional modules."
            ),
            Kind::Programme
        );
        // A salaried training post is a fellowship though it includes an award; a year or
        // more of full-time study is a programme, three months of it a short course.
        assert_eq!(
            kind(
                "Public health training programme",
                true,
                "Registrars are supported by supervisors while studying for an MPH."
            ),
            Kind::Fellowship
        );
        assert_eq!(
            kind("Step up", false, "An intensive, 14-month, full-time programme."),
            Kind::Programme
        );
        assert_eq!(
            kind("Tropical medicine", false, "An intensive, three-month, full-time course."),
            Kind::ShortCourse
        );
        // The page calling itself a Masters course: its modules are parts of it.
        assert_eq!(
            kind("Course summary", false, "This Masters course is made of 30 credit modules."),
            Kind::Programme
        );
    }
}
