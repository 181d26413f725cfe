//! Where teaching happens, as prose says it: online, at a distance, in person, or a blend,
//! collected over a page's sentences (and the headings that speak of the course itself).

use crate::normalise::{Pattern, re};

/// A heading that speaks of the course itself: "Using this online distance learning program",
/// "The programme combines classroom, online and work-based learning".
pub(super) static SELF_HEADING: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:this|the|our) (?:[\w-]+ ){0,3}(?:course|programme|program|module|fellowship|apprenticeship)\b",
    )
});

/// Teaching online, at a distance, or in person, as prose says it.
static REMOTE_CUE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b((?:taught|delivered|studied|run|held|conducted|available|offered|completed|study|learn(?:ing)?) (?:entirely |fully |wholly |mainly |mostly |completely |primarily )?online|(?:fully|entirely|wholly|completely|100%) online|online (?:courses?|programmes?|learning|modules?|sessions?|workshops?|webinars?|teaching|tutorials?|lessons?|classes|lectures?|seminars?|delivery|study|content|masters|msc|degrees?|training|cohorts?|classroom|platform)|distance learning|by distance|e-?learning|elearning|virtual(?:ly)? (?:sessions?|workshops?|cohorts?|classroom|learning|events?|delivery|teaching)|(?:sessions?|workshops?|teaching|delivery|learning) (?:are|is|will be) (?:virtual|online)|(?:are|is|will be|mostly|most sessions are) virtual|via (?:ms )?teams|via zoom|mooc|self[- ]directed online|from your own home)\b",
    )
});
static ONSITE_CUE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(face[- ]to[- ]face|in[- ]person(?:$|[^\w-])|on[- ]campus|campus[- ]based|at (?:our|the) (?:[\w-]+ ){0,3}campus(?:es)?|(?-i:(?:attend|attending|based|held|taught) at (?:[A-Z][\w'’-]+ ){1,3}[Cc]ampus)|at one of our campuses|taught at|classroom[- ]based|residential|study days?|taught days?|(?:clinical )?skills days?|attend (?:the |a |our )?(?:university|campus|sessions|workshops|study days|taught)|workshops (?:held )?at|held at|simulation suite|skills (?:lab|laborator)|in the classroom|delivered within the university|(?:learning|study|studying|taught|teaching|time|lectures?) (?:[\w-]+ ){0,2}(?:at|in) (?:the|a) university)\b",
    )
});
/// Places that suggest teaching on site, but give way to a clear statement of online study.
static ONSITE_WEAK: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(campus(?:es)?|classroom|lectures?)\b|(?-i:\b(?:at|in) (?:either )?(?:the )?(?:[A-Z][\w'’]+,? (?:or |and )?){1,4}(?:University|Campus|Hospital|Medical Centre|Institute)\b)",
    )
});
/// A comparison with other students: "your certificate will look the same as those of
/// students who study on campus" says nothing of how this course is taught.
static COMPARISON: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:same|identical) (?:as|to) (?:those (?:of|for) )?(?:students|graduates)|will not (?:state|show|say)\b",
    )
});

/// Words that make "face-to-face" or "campus" about something other than teaching.
static NOT_ONSITE_TEACHING: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(interview|interviews|selection|admissions?|assessment centre|open days?|open evenings?|visit us|tour|library|accommodation|parking|guide|league tables?|ranked|rankings?)\b",
    )
});
static BLENDED_CUE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(blended|hybrid|hyflex|mixed[- ](?:mode|delivery)|mix(?:ture)? of (?:online|face|virtual|in[- ]person|on[- ]campus)|combination of (?:online|face|virtual|in[- ]person)|(?:online|virtual) (?:and|or|with) (?:[\w-]+ )?(?:face[- ]to[- ]face|in[- ]person|on[- ]campus|classroom)|(?:face[- ]to[- ]face|in[- ]person|on[- ]campus|classroom)(?:,| and| or| with) (?:[\w-]+ )?(?:online|virtual))\b",
    )
});
/// "Blended" of academic study and practice placements, not of online and in-person teaching:
/// the teaching is on site.
static BLEND_OF_SETTINGS: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:academic|university|classroom|theory|theoretical)(?: [\w-]+)? and (?:[\w-]+ )?(?:practice|clinical|work|workplace|work-based)\b",
    )
});
/// Any word of online study, to tell a blend of settings from a blend of modes.
static ANY_ONLINE: Pattern =
    Pattern::new(|| re(r"(?i)\b(online|on-line|virtual|distance|e-?learning|remote)\b"));
/// Words that make "online" about something other than teaching.
pub(super) static NOT_TEACHING: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(apply|application|applications|register|registration|book|booking|enquir\w*|form|portal|prospectus|brochure|open day|open evening|recording|recordings|watch|video|library|resources?|community|newsletter|interview|interviews|selection|information session|webinar (?:for|about) (?:potential )?applicants|hosted (?:two )?webinars)\b",
    )
});

/// What the prose says about where teaching happens, collected over the whole page.
#[derive(Debug, Default)]
pub(super) struct DeliveryCues {
    remote: Option<String>,
    onsite: Option<String>,
    onsite_weak: Option<String>,
    blended: Option<String>,
}

impl DeliveryCues {
    pub(super) fn read(&mut self, sentence: &str) {
        if COMPARISON.is_match(sentence) {
            return;
        }
        if self.blended.is_none()
            && let Some(m) = BLENDED_CUE.find(sentence)
        {
            if let Some(settings) = BLEND_OF_SETTINGS.find(sentence)
                && !ANY_ONLINE.is_match(sentence)
            {
                self.onsite.get_or_insert_with(|| settings.as_str().to_string());
            } else {
                self.blended = Some(m.as_str().to_string());
            }
        }
        if !NOT_TEACHING.is_match(sentence)
            && self.remote.is_none()
            && let Some(m) = REMOTE_CUE.find(sentence)
        {
            self.remote = Some(m.as_str().to_string());
        }
        if NOT_ONSITE_TEACHING.is_match(sentence) {
            return;
        }
        if self.onsite.is_none()
            && let Some(m) = ONSITE_CUE.find(sentence)
        {
            self.onsite = Some(m.as_str().to_string());
        }
        if self.onsite_weak.is_none()
            && let Some(m) = ONSITE_WEAK.find(sentence)
        {
            self.onsite_weak = Some(m.as_str().to_string());
        }
    }

    /// The cues found, in words the delivery normaliser reads, then the page's own words:
    /// "online and on campus (virtual cohorts; study days)".
    pub(super) fn wording(&self) -> Option<String> {
        let onsite =
            self.onsite.as_ref().or(self.onsite_weak.as_ref().filter(|_| self.remote.is_none()));
        let (mode, words) = match (&self.blended, &self.remote, onsite) {
            (Some(b), _, _) => ("blended", b.clone()),
            (None, Some(r), Some(o)) => ("online and on campus", format!("{r}; {o}")),
            (None, Some(r), None) => ("online", r.clone()),
            (None, None, Some(o)) => ("on campus", o.clone()),
            (None, None, None) => return None,
        };
        Some(format!("{mode} ({words})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The normaliser's reading of what the cues found in these sentences.
    fn mode(sentences: &[&str]) -> Option<String> {
        let mut cues = DeliveryCues::default();
        for s in sentences {
            cues.read(s);
        }
        cues.wording()
    }

    #[test]
    fn blends_of_modes_are_blended() {
        for s in [
            "The programme combines classroom, online and work-based learning.",
            "It is delivered through a mixed delivery model including group virtual and group face-to-face sessions.",
            "Teaching is online with two study days on campus, a blended programme.",
        ] {
            let m = mode(&[s]).unwrap_or_default();
            assert!(m.starts_with("blended"), "{s}: {m}");
        }
    }

    #[test]
    fn a_blend_of_academic_and_practice_settings_is_on_site() {
        let s = "This apprenticeship is delivered through a blended approach, consisting of \
                 learning in both academic and practice settings.";
        let m = mode(&[s]).unwrap_or_default();
        assert!(m.starts_with("on campus"), "{m}");
    }

    #[test]
    fn comparisons_with_campus_students_say_nothing() {
        let s = "Your degree certificate will not state you have studied online and will look \
                 the same as those of students who study on-campus.";
        assert_eq!(mode(&[s]), None);
        let m = mode(&[s, "These online programmes will include a dissertation."]);
        assert!(m.unwrap_or_default().starts_with("online"));
    }

    #[test]
    fn headings_that_speak_of_the_course() {
        assert!(SELF_HEADING.is_match("Using this online distance learning program"));
        assert!(SELF_HEADING.is_match("The programme combines classroom, online and work"));
        assert!(!SELF_HEADING.is_match("Online learning"));
    }
}
