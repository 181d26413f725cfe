//! Final awards and FHEQ levels: "Fd/BA/BSc/MA/MSc" → levels 5, 6, 7; "MRes / MPhil /PhD" →
//! 7, 8; "PG Cert/ Dip/MSc"; professional doctorates; SCQF levels; "credits at level 7";
//! "postgraduate" alone → `postgraduate_unspecified`.

use std::collections::BTreeSet;

use super::{Pattern, re};

/// Awards and levels read from one piece of wording.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Awards {
    /// Normalised award names in order of first mention ("MSc", "PGDip", ...).
    pub awards: Vec<String>,
    /// Sorted distinct FHEQ levels.
    pub levels: Vec<u8>,
    /// Only "postgraduate" is known: no award or level.
    pub postgraduate_unspecified: bool,
}

/// (pattern, normalised name or "" for the matched text's own spelling, FHEQ level).
static PATTERNS: &[(&str, &str, u8)] = &[
    (r"(?i)\bpost[- ]?grad(?:uate)? cert(?:ificate)?\b|\bpg ?cert(?:ificate)?\b", "PGCert", 7),
    (r"(?i)\bpost[- ]?grad(?:uate)? dip(?:loma)?\b|\bpg ?dip(?:loma)?\b|\bPgD\b", "PGDip", 7),
    (r"(?i)\bpgce\b", "PGCE", 7),
    (r"(?i)\bgraduate certificate\b", "Graduate Certificate", 6),
    (r"(?i)\bgraduate diploma\b", "Graduate Diploma", 6),
    (r"(?i)\bhigher diploma\b", "Higher Diploma", 5),
    (r"(?i)\bdiploma of higher education\b|\bDipHE\b|\bDip HE\b", "DipHE", 5),
    (r"(?i)\bcertificate of higher education\b|\bCertHE\b|\bCert HE\b", "CertHE", 4),
    (r"\bHNC\b", "HNC", 4),
    (r"\bHND\b", "HND", 5),
    (r"\bFdA\b", "FdA", 5),
    (r"\bFdSc\b", "FdSc", 5),
    (r"\bFdEng\b", "FdEng", 5),
    (r"\bFd\b", "Fd", 5),
    (r"(?i)\bfoundation degree\b", "Foundation Degree", 5),
    (r"\b(?:BSc|BSC|Bsc)\b|(?i)\bbachelor of science\b", "BSc", 6),
    (r"\bBA\b|(?i)\bbachelor of arts\b", "BA", 6),
    (r"\bBEng\b", "BEng", 6),
    (r"\bLLB\b", "LLB", 6),
    (r"\bBN\b|\bBNurs\b|(?i)\bbachelor of nursing\b", "BN", 6),
    (r"\b(?:MSc|MSC|Msc|M\.Sc\.?)(?:\b|$)|(?i)\bmaster of science\b", "MSc", 7),
    (r"\bMA\b|(?i)\bmaster of arts\b", "MA", 7),
    (
        r"\bMRes\b|\bMRES\b|(?i)\bmasters? of research\b|\bmaster'?s in research\b|\bmasters in research\b",
        "MRes",
        7,
    ),
    (r"\bMPhil\b|\bMPHIL\b|(?i)\bmaster of philosophy\b", "MPhil", 7),
    (r"\bMBA\b", "MBA", 7),
    (r"\bMPA\b", "MPA", 7),
    (r"\bMPH\b|(?i)\bmaster of public health\b", "MPH", 7),
    (r"\bMEd\b", "MEd", 7),
    (r"\bLLM\b", "LLM", 7),
    (r"\bMSt\b", "MSt", 7),
    (r"\bMClinRes\b", "MClinRes", 7),
    (r"\bMMedSci\b", "MMedSci", 7),
    (r"\bMPharm\b", "MPharm", 7),
    (r"\bMEng\b", "MEng", 7),
    (r"\bMSci\b", "MSci", 7),
    (r"\bMNurs\b", "MNurs", 7),
    (r"(?i)\bintegrated master'?s\b", "Integrated Masters", 7),
    (r"\bPhD\b|\bPHD\b|(?i)\bdoctor of philosophy\b", "PhD", 8),
    (r"\bDPhil\b", "DPhil", 8),
    (r"(?i)\bprofessional doctorate\b", "DProf", 8),
    (r"\bDProf\b", "DProf", 8),
    (r"\bDHSc\b|(?i)\bdoctor of health science\b", "DHSc", 8),
    (r"\bDNurs\b|\bDNursSci\b", "DNurs", 8),
    (r"\bDBA\b", "DBA", 8),
    (r"\bEdD\b", "EdD", 8),
    (r"\bDClinPsy\b", "DClinPsy", 8),
    (r"\bDrPH\b", "DrPH", 8),
    (r"\bMD\(Res\)|\bMD \(Res\)", "MD(Res)", 8),
];

static COMPILED: std::sync::LazyLock<Vec<(regex::Regex, &'static str, u8)>> =
    std::sync::LazyLock::new(|| PATTERNS.iter().map(|(p, n, l)| (re(p), *n, *l)).collect());

/// A bare "Dip" or "Cert" in a list after a postgraduate award: "PG Cert/ Dip/MSc".
static BARE_DIP_CERT: Pattern =
    Pattern::new(|| re(r"(?i)(?:/|,|&|\band\b|\bor\b)\s*(dip(?:loma)?|cert(?:ificate)?)\b"));
static LEADING_CERT: Pattern = Pattern::new(|| re(r"(?i)^\s*(cert(?:ificate)?)\s*(?:/|,|&)"));
static SCQF: Pattern = Pattern::new(|| re(r"(?i)\bscqf(?:\s+level)?\s*(\d{1,2})\b"));
/// Scottish HE levels (Glasgow Caledonian and others): SHE 1-4 are SCQF 7-10, SHE M (or 5)
/// is SCQF 11.
static SHE: Pattern = Pattern::new(|| re(r"(?i)\bshe\s+level\s*([1-5m])\b"));
static LEVEL: Pattern = Pattern::new(|| re(r"(?i)\b(?:fheq\s+|rqf\s+|nqf\s+)?level\s*([3-8])\b"));
static LEVEL_RANGE: Pattern =
    Pattern::new(|| re(r"(?i)\blevels?\s*([3-8])\s*(?:-|to|and|or|/|–)\s*(?:level\s*)?([3-8])\b"));
static MASTERS_LEVEL: Pattern = Pattern::new(|| {
    re(
        r"(?i)\bmaster'?s[- ]level\b|\bm[- ]level\b|\bmaster'?s (?:degree|course|programme)\b|\bmasters (?:degree|course|programme)\b",
    )
});
static POSTGRADUATE: Pattern = Pattern::new(|| re(r"(?i)\bpost[- ]?graduate\b"));

/// A name followed by its initials in brackets: "Multi Professional Academy (MPA)".
static NAMED_ACRONYM: Pattern = Pattern::new(|| {
    re(r"((?:\b[A-Z][\w'’-]*\s+(?:(?:of|and|for|in|the|&)\s+)*){2,6})\(([A-Z]{2,6})\)")
});

static AWARD_WORD: Pattern = Pattern::new(|| {
    re(r"(?i)\b(?:master|bachelor|doctor|postgraduate|graduate|diploma|certificate|foundation)\b")
});

/// The text with every bracketed acronym that spells out the words before it removed: such an
/// acronym names an organisation or a programme ("the Multi Professional Academy (MPA)"), not
/// an award, even where it looks like one.
fn without_name_acronyms(text: &str) -> std::borrow::Cow<'_, str> {
    // Most texts have no brackets; they need no scan.
    if !text.contains('(') {
        return std::borrow::Cow::Borrowed(text);
    }
    NAMED_ACRONYM.replace_all(text, |c: &regex::Captures<'_>| {
        let words = c.get(1).map_or("", |m| m.as_str());
        let acronym = c.get(2).map_or("", |m| m.as_str());
        if spells(words, acronym) {
            words.to_string()
        } else {
            c.get(0).map_or("", |m| m.as_str()).to_string()
        }
    })
}

/// The acronyms a text defines as names ("the Multi Professional Academy (MPA)"): later
/// mentions ("places available for MPA") name the same thing, not an award.
pub fn name_acronyms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !text.contains('(') {
        return out;
    }
    for c in NAMED_ACRONYM.captures_iter(text) {
        let (Some(words), Some(acronym)) = (c.get(1), c.get(2)) else { continue };
        if spells(words.as_str(), acronym.as_str()) && !out.iter().any(|a| a == acronym.as_str()) {
            out.push(acronym.as_str().to_string());
        }
    }
    out
}

/// Do these words (not an award's own name) spell out this acronym?
fn spells(words: &str, acronym: &str) -> bool {
    let initials: String = words
        .split_whitespace()
        .filter(|w| w.starts_with(|ch: char| ch.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect();
    // "Master of Public Administration (MPA)" is the award spelt out.
    initials.ends_with(acronym) && !AWARD_WORD.is_match(words)
}

/// An award as an abbreviation, written as providers write them ("MSc", "PG Cert").
static ABBREVIATED_AWARD: Pattern = Pattern::new(|| {
    re(
        r"\b(?:MSc|MA|MRes|MPH|MBA|MPhil|PgCert|PGCert|PG Cert|PgDip|PGDip|PG Dip|BSc|BA|PhD|DProf|FdSc|FdA)\b",
    )
});

/// Does this text name an award by its abbreviation ("… Apprenticeship MSc"), rather than in
/// words that may be a course's name ("Professional doctorate Midwifery")?
pub fn names_abbreviated_award(text: &str) -> bool {
    ABBREVIATED_AWARD.is_match(text)
}

/// SCQF level → FHEQ level (SCQF 7 → 4, 8 → 5, 9 and 10 → 6, 11 → 7, 12 → 8).
pub fn scqf_to_fheq(scqf: u8) -> Option<u8> {
    match scqf {
        7 => Some(4),
        8 => Some(5),
        9 | 10 => Some(6),
        11 => Some(7),
        12 => Some(8),
        _ => None,
    }
}

/// Reads awards and levels; `None` when the wording names neither.
pub fn parse(text: &str) -> Option<Awards> {
    let without_acronyms = without_name_acronyms(text);
    let text = without_acronyms.as_ref();
    let mut hits: Vec<(usize, usize, &'static str, u8)> = Vec::new();
    for (pattern, name, level) in COMPILED.iter() {
        for m in pattern.find_iter(text) {
            hits.push((m.start(), m.end(), name, *level));
        }
    }
    // Earliest first, longest first at the same start; then drop overlaps so "Postgraduate
    // Certificate" is not also a "Graduate Certificate".
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize, &'static str, u8)> = Vec::new();
    for hit in hits {
        if kept.last().is_none_or(|last| hit.0 >= last.1) {
            kept.push(hit);
        }
    }
    for m in BARE_DIP_CERT.captures_iter(text) {
        let (Some(whole), Some(word)) = (m.get(0), m.get(1)) else { continue };
        let overlaps = kept.iter().any(|k| whole.start() < k.1 && k.0 < whole.end());
        let after_pg = kept.iter().any(|k| k.1 <= whole.start() && k.2.starts_with("PG"));
        if !overlaps && after_pg {
            let name = if word.as_str().to_ascii_lowercase().starts_with("dip") {
                "PGDip"
            } else {
                "PGCert"
            };
            kept.push((word.start(), word.end(), name, 7));
        }
    }
    // "Cert/PG Dip / MSc": a bare Cert opening a list of postgraduate awards.
    if let Some(c) = LEADING_CERT.captures(text)
        && let Some(word) = c.get(1)
        && !kept.iter().any(|k| word.start() < k.1 && k.0 < word.end())
        && kept.iter().any(|k| k.2 == "PGDip")
    {
        kept.push((word.start(), word.end(), "PGCert", 7));
    }
    kept.sort_by_key(|k| k.0);
    // "Foundation Degree (FdSc)": the abbreviation names the award the long form does.
    if kept.iter().any(|k| k.2.starts_with("Fd") && k.2 != "Fd") {
        kept.retain(|k| k.2 != "Foundation Degree" && k.2 != "Fd");
    }
    let mut out = Awards::default();
    let mut levels = BTreeSet::new();
    for (_, _, name, level) in &kept {
        if !out.awards.iter().any(|a| a == name) {
            out.awards.push((*name).to_string());
        }
        levels.insert(*level);
    }
    for c in SCQF.captures_iter(text) {
        if let Some(l) = c.get(1).and_then(|m| m.as_str().parse().ok()).and_then(scqf_to_fheq) {
            levels.insert(l);
        }
    }
    for c in SHE.captures_iter(text) {
        let scqf = match c.get(1).map(|m| m.as_str()) {
            Some("m" | "M") => Some(11),
            Some(n) => n.parse::<u8>().ok().map(|n| n + 6),
            None => None,
        };
        if let Some(l) = scqf.and_then(scqf_to_fheq) {
            levels.insert(l);
        }
    }
    // A Scottish page's own "Level 4" beside "SCQF 10" is its internal numbering; the SCQF
    // level is the one that maps to FHEQ.
    let has_scqf = SCQF.is_match(text) || SHE.is_match(text);
    let without_scqf = SCQF.replace_all(text, "");
    let without_scqf = SHE.replace_all(&without_scqf, "");
    for c in LEVEL.captures_iter(&without_scqf).filter(|_| !has_scqf) {
        if let Some(l) = c.get(1).and_then(|m| m.as_str().parse::<u8>().ok()) {
            levels.insert(l);
        }
    }
    for c in LEVEL_RANGE.captures_iter(&without_scqf).filter(|_| !has_scqf) {
        let lo = c.get(1).and_then(|m| m.as_str().parse::<u8>().ok());
        let hi = c.get(2).and_then(|m| m.as_str().parse::<u8>().ok());
        if let (Some(lo), Some(hi)) = (lo, hi) {
            levels.extend(lo.min(hi)..=hi.max(lo));
        }
    }
    if MASTERS_LEVEL.is_match(text) {
        levels.insert(7);
    }
    out.levels = levels.into_iter().collect();
    out.postgraduate_unspecified =
        out.awards.is_empty() && out.levels.is_empty() && POSTGRADUATE.is_match(text);
    if out.awards.is_empty() && out.levels.is_empty() && !out.postgraduate_unspecified {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, awards: &[&str], levels: &[u8]) {
        let got = parse(text).unwrap_or_default();
        assert_eq!(got.awards, awards, "{text}");
        assert_eq!(got.levels, levels, "{text}");
    }

    #[test]
    fn award_lists_span_levels() {
        check("Fd/BA/BSc/MA/MSc", &["Fd", "BA", "BSc", "MA", "MSc"], &[5, 6, 7]);
        check("MRes / MPhil /PhD", &["MRes", "MPhil", "PhD"], &[7, 8]);
        check("PG Cert/ Dip/MSc", &["PGCert", "PGDip", "MSc"], &[7]);
        check("Post grad cert/ diploma/MSc in Systems Thinking", &["PGCert", "PGDip", "MSc"], &[7]);
        check("Cert/PG Dip / MSc Advancing Healthcare Practice", &["PGCert", "PGDip", "MSc"], &[7]);
        check("PgCert | PgDip | MSc", &["PGCert", "PGDip", "MSc"], &[7]);
        check("MSc, PGDip, PGCert", &["MSc", "PGDip", "PGCert"], &[7]);
        check("Postgraduate Certificate in Quality Improvement", &["PGCert"], &[7]);
        check("BSc (Hons) Nursing", &["BSc"], &[6]);
        check("Cancer Medicine (MSc/MRes)", &["MSc", "MRes"], &[7]);
        check("MSc , Masters Module", &["MSc"], &[7]);
    }

    #[test]
    fn doctorates_and_diplomas() {
        check("Professional Doctorate in Health (DHSc)", &["DProf", "DHSc"], &[8]);
        check("Professional Doctorate (DProf)", &["DProf"], &[8]);
        check("Levels 4 to 7", &[], &[4, 5, 6, 7]);
        check("Level 6 or 7 (30 credits)", &[], &[6, 7]);
        check("DProf Health and Social Care", &["DProf"], &[8]);
        check("Doctor of Nursing (DNurs)", &["DNurs"], &[8]);
        check("Higher Diploma in Healthcare Practice", &["Higher Diploma"], &[5]);
        check("Diploma of Higher Education", &["DipHE"], &[5]);
        check("Graduate Certificate in Management", &["Graduate Certificate"], &[6]);
    }

    #[test]
    fn levels_without_award_names() {
        check("SCQF level 11", &[], &[7]);
        check("SCQF 12", &[], &[8]);
        check("SCQF level 9", &[], &[6]);
        check("SHE level 4", &[], &[6]);
        check("SHE level M", &[], &[7]);
        // An organisation's initials are not an award.
        assert!(parse("The Multi Professional Academy (MPA) runs a week-long course").is_none());
        check("Master of Public Administration (MPA)", &["MPA"], &[7]);
        assert_eq!(
            name_acronyms("The Multi Professional Academy (MPA) meets. Book MPA early."),
            vec!["MPA".to_string()]
        );
        assert!(name_acronyms("Master of Public Administration (MPA)").is_empty());
        check("60 credits at level 7", &[], &[7]);
        check("FHEQ Level 6", &[], &[6]);
        check("Master's level module", &[], &[7]);
    }

    #[test]
    fn postgraduate_only() {
        let got = parse("Postgraduate").expect("postgraduate is known");
        assert!(got.postgraduate_unspecified);
        assert!(got.awards.is_empty() && got.levels.is_empty());
        assert!(!parse("Postgraduate MSc").expect("msc").postgraduate_unspecified);
        assert_eq!(parse("Certificate of attendance"), None);
        assert_eq!(parse("Manage your MAs"), None);
    }
}
