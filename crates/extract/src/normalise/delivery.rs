//! Delivery mode, per the contract: `campus`, `campus_and_work_based` (a research project,
//! placement or other work-based element), `distance`, `e_learning` (wholly online), `blended`.

use coursemap_records::Delivery;

use super::{Pattern, re};

static NO_ATTENDANCE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(without attendance|no attendance|no campus attendance|not required to attend|no need to attend|no requirement to attend)\b",
    )
});
static BLENDED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(blended|hybrid|mixed[- ]mode|with attendance|combination of (?:online|face[- ]to[- ]face|campus)|online and (?:on[- ]campus|face[- ]to[- ]face|in[- ]person)|(?:on[- ]campus|face[- ]to[- ]face|in[- ]person) and online)\b",
    )
});
static DISTANCE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(distance|self[- ]study|correspondence|open learning|without attendance|no attendance)\b",
    )
});
static ONLINE: Pattern = Pattern::new(|| {
    re(r"(?i)\b(online|on-line|e-?learning|web[- ]based|virtual(?:ly)?|internet|webinars?)\b")
});
static CAMPUS: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(campus|on[- ]?site|face[- ]to[- ]face|in[- ]person|classroom|attendance|attend|taught sessions|taught at|based at|lectures|study days?|residential|day release|workshops?|seminars?|laborator(?:y|ies))\b",
    )
});
static WORK_BASED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(work[- ]based|workplace|placements?|practice[- ]based|in practice|clinical practice|(?:research|dissertation|improvement|work|laboratory research) projects?|dissertation|research (?:is )?carried out|partner organisations?|work[- ]place|on the job|in your (?:own )?(?:workplace|organisation|service|practice))\b",
    )
});

/// Reads a delivery mode from key-fact or structured wording ("On Campus", "Online",
/// "Distance learning", "Onsite", "Blended").
pub fn parse(text: &str) -> Option<Delivery> {
    let no_attendance = NO_ATTENDANCE.is_match(text);
    let stripped = NO_ATTENDANCE.replace_all(text, " ");
    let online = ONLINE.is_match(&stripped);
    let distance = DISTANCE.is_match(&stripped) || (no_attendance && !online);
    let campus = !no_attendance && CAMPUS.is_match(&stripped);
    if BLENDED.is_match(&stripped) && !no_attendance {
        return Some(Delivery::Blended);
    }
    if (online || distance) && campus {
        return Some(Delivery::Blended);
    }
    if distance {
        return Some(Delivery::Distance);
    }
    if online {
        return Some(Delivery::ELearning);
    }
    if campus || WORK_BASED.is_match(text) {
        return Some(if WORK_BASED.is_match(text) {
            Delivery::CampusAndWorkBased
        } else {
            Delivery::Campus
        });
    }
    None
}

/// Labels that name where a course is taught.
const PLACE_LABELS: &[&str] = &[
    "location",
    "locations",
    "campus",
    "campuses",
    "campus location",
    "study location",
    "teaching location",
    "location of study",
    "place of study",
    "where you will study",
    "where you ll study",
    "venue",
    "site",
];

/// Values under a place label that name no place.
static NOT_A_PLACE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(online|distance|virtual|various|tbc|to be confirmed|n/a|not applicable|see|various|anywhere|home)\b",
    )
});

/// Is this labelled value a named campus or place of study ("Location: Loughborough",
/// "Campus: Glenside")? The report counts such a course as taught on site.
pub fn is_place_of_study(label: &str, value: &str) -> bool {
    let label = crate::labels::normalise_label(label);
    let value = value.trim();
    PLACE_LABELS.contains(&label.as_str())
        && !value.is_empty()
        && value.len() <= 120
        && value.chars().next().is_some_and(char::is_uppercase)
        && !NOT_A_PLACE.is_match(value)
}

/// Reads a labelled delivery fact: a place label naming both a place and online study
/// ("Location: Virtual and London") is blended; otherwise as [`parse`].
pub fn parse_labelled(label: &str, value: &str) -> Option<Delivery> {
    if is_place_and_online(label, value) { Some(Delivery::Blended) } else { parse(value) }
}

/// "Location: Virtual and London", "Venue: Online or Leeds": some cohorts online, some on site
/// (a value that only describes online study, "Distance learning through King's online
/// learning environment", is not).
fn is_place_and_online(label: &str, value: &str) -> bool {
    let label = crate::labels::normalise_label(label);
    PLACE_LABELS.contains(&label.as_str()) && value.len() <= 120 && PLACE_AND_ONLINE.is_match(value)
}

/// One online word and one named place, joined.
static PLACE_AND_ONLINE: Pattern = Pattern::new(|| {
    re(
        r"^\s*(?i:online|virtual|virtually|remote)\s*(?:(?i:and|or|plus)|&|/|,|\+)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$|^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*(?:(?i:and|or|plus)|&|/|,|\+)\s*(?i:online|virtual|virtually|remote)\s*$",
    )
});

static STRONG_REMOTE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b((?:fully|entirely|wholly|completely|100%|exclusively|delivered|taught|studied|conducted|run) (?:entirely |fully |wholly )?online|online (?:course|programme|masters|msc|degree|learning|module)s?\b|by distance learning|distance learning (?:course|programme|module)|via distance learning|e-learning (?:course|module|programme))",
    )
});
static STRONG_BLENDED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(blended learning|blended (?:course|programme|delivery)|hybrid (?:course|programme|delivery))\b",
    )
});
static STRONG_CAMPUS: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(taught on campus|campus[- ]based|delivered on campus|face[- ]to[- ]face teaching|attend (?:the )?(?:university|campus)|on[- ]campus (?:teaching|sessions|study))\b",
    )
});

/// Reads a delivery mode from running prose, where only unmistakable phrases count
/// ("delivered entirely online", "blended learning", "taught on campus").
pub fn from_prose(text: &str) -> Option<Delivery> {
    let blended = STRONG_BLENDED.is_match(text);
    let remote = STRONG_REMOTE.find(text);
    let campus = STRONG_CAMPUS.is_match(text);
    if blended || (remote.is_some() && campus) {
        return Some(Delivery::Blended);
    }
    if let Some(m) = remote {
        let phrase = m.as_str().to_ascii_lowercase();
        return Some(if phrase.contains("distance") {
            Delivery::Distance
        } else {
            Delivery::ELearning
        });
    }
    if campus {
        return Some(if WORK_BASED.is_match(text) {
            Delivery::CampusAndWorkBased
        } else {
            Delivery::Campus
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Delivery::*;

    #[test]
    fn a_place_with_online_study_is_blended() {
        assert_eq!(parse_labelled("Location", "Virtual and London"), Some(Blended));
        assert_eq!(parse_labelled("Location", "Online"), Some(ELearning));
        assert_eq!(parse_labelled("Study mode", "Online"), Some(ELearning));
        assert_eq!(parse_labelled("Location", "Online (various)"), Some(ELearning));
        assert_eq!(parse_labelled("Venue", "London or online"), Some(Blended));
        assert_eq!(
            parse_labelled(
                "Location",
                "Distance learning through King's online learning environment."
            ),
            Some(Distance)
        );
    }

    #[test]
    fn key_fact_wording() {
        let cases = [
            ("On Campus", Some(Campus)),
            ("Onsite", Some(Campus)),
            ("Face-to-face", Some(Campus)),
            ("Campus, with a work-based research project", Some(CampusAndWorkBased)),
            ("On campus with clinical placements", Some(CampusAndWorkBased)),
            ("Distance learning", Some(Distance)),
            ("Distance without attendance", Some(Distance)),
            ("Distance with attendance", Some(Blended)),
            ("Online (no attendance)", Some(ELearning)),
            ("Online", Some(ELearning)),
            ("E-learning", Some(ELearning)),
            ("Blended", Some(Blended)),
            ("Online On Campus", Some(Blended)),
            ("Online distance learning, with no need to attend", Some(Distance)),
            ("Taught at Kingston Hill.", Some(Campus)),
            ("Lectures on campus and a dissertation project.", Some(CampusAndWorkBased)),
            (
                "Based at UCL's Bloomsbury campus; research is carried out with partner organisations.",
                Some(CampusAndWorkBased),
            ),
            ("Face-to-face teaching, two evenings a week", Some(Campus)),
            ("Blended learning: online and on campus", Some(Blended)),
            ("Full time & Part time", None),
            ("London", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn prose_needs_strong_phrases() {
        assert_eq!(
            from_prose("Our courses are conducted entirely online and are accessible to all."),
            Some(ELearning)
        );
        assert_eq!(from_prose("This is a fully online postgraduate programme."), Some(ELearning));
        assert_eq!(from_prose("Study by distance learning from anywhere."), Some(Distance));
        assert_eq!(from_prose("The course uses blended learning."), Some(Blended));
        assert_eq!(from_prose("Resources are available online and in the library."), None);
    }
}
