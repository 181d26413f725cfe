//! Entry requirements: the academic minimum (2:1 / upper second / 2.1, 2:2 / lower second,
//! honours degree, master's, level 5 / diploma, none) and the `requires` set (work experience
//! in practice or employment; registration with the NMC, HCPC, GMC, GPhC, GDC, SWE, "registered
//! nurse" and similar).
//!
//! Only the standard route counts: sentences offering an alternative ("may be considered",
//! "alternatively", "welcome to apply") state no requirement.

use std::collections::BTreeSet;

use coursemap_records::{Academic, Entry, Requirement};

use super::{Pattern, re};

static ALTERNATIVE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b((?:may|might|will|can|could|would|also) (?:also )?be considered|be considered (?:on|for|individually|where|if)|consideration|may be|may also|might|welcome to apply|welcomes? applications from|welcomes? applicants|alternatively|if you (?:do not|don't) have|without (?:a|an|these|the)|not meeting|in lieu|rpel|rpl|prior experiential|accreditation of prior|case[- ]by[- ]case|individual basis|taken into account|exceptionally|in exceptional|open to anyone|anyone (?:working|who|with|can|interested))\b",
    )
});
static GRADE: Pattern = Pattern::new(|| {
    re(
        r"(?i)(?P<first>\bfirst[- ]class\b|\bfirst or (?:upper )?second\b|\b1st\b)|(?P<up>\bupper[- ]second|\bupper 2nd|\b2[:.]1\b|\b2:i\b|\b2\(i\))|(?P<low>\blower[- ]second|\blower 2nd|\b2[:.]2\b|\b2:ii\b|\b2\(ii\))|(?P<second>\bsecond[- ]class|\b2nd class)|(?P<third>\bthird[- ]class)",
    )
});
static DEGREE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(degree|honours|bachelor'?s?|bsc|ba|undergraduate qualification|graduates?|mbbs|post[- ]?graduate (?:diploma|certificate)|pg ?dip(?:loma)?|pg ?cert(?:ificate)?)\b",
    )
});
static MASTERS: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:a|an|hold|have|possess|completed|relevant|recognised)\s+(?:relevant\s+|recognised\s+|uk\s+)?(?:master'?s|masters|msc|ma|mres|mphil)\b(?:\s+degree)?",
    )
});
static LEVEL5: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(level 5|level five|diploma of higher education|diphe|foundation degree|hnd|diploma)\b",
    )
});
/// Diplomas taken at school age (level 3), which "diploma" alone in [`LEVEL5`] would count as
/// higher education: "BTEC Extended Diploma", "Access to HE Diploma", "Level 3 Diploma".
static LEVEL3_DIPLOMA: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:btec|extended|access to (?:he|higher education)|level 3|national|ib|international baccalaureate|welsh baccalaureate|cache|t level)\b[\w ()'-]{0,30}?\bdiploma\b",
    )
});
static NONE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(no (?:formal |specific |academic |prior |previous )*(?:entry )?(?:requirements?|qualifications?|criteria)|there are no entry requirements|open to (?:all|anyone|everyone)(?:[.,;!]|$| applicants| comers)|open to (?:people|staff|everyone) at all levels|^\s*anyone!?\s*$|no previous (?:study|experience) (?:is )?(?:needed|required|necessary)|anyone can (?:join|apply|take))\b",
    )
});
static DEPENDS: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(depend(?:s|ing|ent)? on (?:the )?(?:level|module|award|course|programme|pathway)|vary by (?:level|module|award)|varies (?:by|with) (?:level|module|award))\b",
    )
});
static REGISTERED: Pattern =
    Pattern::new(|| re(r"(?i)\b(registered|registration|register|licen[cs]e to practi[cs]e)\b"));
/// Professions whose members are registered by definition, said as such: "a regulated
/// health and care professional", "newly qualified GP", "on the NMC register".
static REGISTERED_PROFESSION: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(regulated (?:health|healthcare|health and care|health and social care|social care|allied health)? ?professionals?|on the (?:nmc|hcpc|gmc|gphc|gdc) (?:professional )?register|qualified (?:gps?|gpns?|nurses?|midwi(?:fe|ves)|doctors?|pharmacists?|social workers?|paramedics?)|full gmc registration|current licen[cs]e|(?:for|to) (?:all )?(?:newly[- ]qualified )?(?:gps|doctors|dentists)\b|must be (?:a |an )?(?:[\w-]+ ){0,3}(?:doctors?|nurses?|midwi(?:fe|ves)|pharmacists?|dentists?|paramedics?|physiotherapists?|social workers?|gps?|allied health professionals?|ahps?|health ?care professionals?)|(?:available|open) to (?:all )?(?:[\w-]+ ){0,2}(?:nurses|midwives|doctors|gps|dentists|pharmacists|allied health professionals|ahps))\b",
    )
});
/// Registration the course leads to, not one it asks for.
static REGISTRATION_OUTCOME: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b((?:will|to|then|would|you'll|you will) (?:be|become) eligible|becom(?:e|ing) eligible|eligibility to (?:apply|register)|eligible to be recorded|annotation|(?:leads?|leading) to (?:registration|eligibility)|(?:prepare|preparing|qualify|qualifies) (?:you|students|nurses|midwives)?\s*(?:to|for) (?:register|registration|practi[cs]e)|to register (?:and|as|with)|has lapsed|have lapsed|lapsed registration|re-?enter the register|regaining your registration|renew your registration)\b",
    )
});
static PRE_REGISTRATION: Pattern = Pattern::new(|| re(r"(?i)\bpre[- ]?registration\b"));
static PROFESSION: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(nmc|hcpc|gmc|gphc|gdc|goc|gosc|gcc|swe|social work england|nursing and midwifery council|health and care professions council|general medical council|general pharmaceutical council|general dental council|general optical council|nurses?|midwi(?:fe|ves)|health ?care professionals?|health professionals?|(?:health|care|health and care|health and social care|social care) professionals?|professionals?|healthcare practitioners?|allied health professionals?|practitioners?|pharmacists?|optometrists?|social workers?|doctors?|dentists?|physiotherapists?|paramedics?|regulatory (?:authority|body)|regulator|professional body|clinicians?)\b",
    )
});
static EXPERIENCE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(experience|employed|employment|employees?|currently work(?:ing)?|working (?:in|as|within|at|on|for|substantively)|(?:currently )?practi[cs]ing (?:in|as|within|at) (?:an? |the )?(?:[\w-]+ ){0,4}(?:setting|service|role|organisation|trust|practice)|work (?:in|for|within|at)|post[- ]qualification|post[- ]?qualified|years? (?:post[- ]?)?qualified|\d+ years?'? (?:of )?(?:[\w-]+ ){0,2}(?:registration|practice)|minimum of (?:\w+ ){0,2}years?|(?:care|health|nhs|trust|practice|clinical|council|primary care|social care|member) (?:staff|teams?)|staff (?:can|may|are eligible)|apply (?:direct(?:ly)? )?(?:to|through|via) (?:an|your) employer|support (?:from|of) (?:your|their) (?:training programme director|educational supervisor|line manager|manager|employer|head of school)|(?:your|their) line manager|protected time|approval (?:from|of) (?:your|their|the) (?:employer|training programme director|line manager|manager)|employer'?s? (?:must|will need to|should|agrees?|support)|in practice|(?:hold|holding|have|in) an? (?:[\w-]+ ){0,4}(?:role|post|position|job|training programme)|substantive|staff (?:in|of|at|from|working|employed|member)|(?:all|nhs|trust|practice|our) staff|trainees?|doctors in training|sponsored by (?:an?|your|their) employer|support of (?:your|their|a) (?:employer|manager|line manager|organisation)|employer|employing (?:organisation|trust|body)|letter (?:of support )?from (?:your|their|the applicant's) (?:organisation|employer|manager|line manager|trust)|band [5-9][a-d]? (?:or|and) (?:above|higher)|at band [5-9]|band [5-9][a-d]? (?:post|role|position)|completed (?:ct2|st2|core training|foundation)|workforce)\b",
    )
});
/// Study at level 3, the entry of undergraduate degrees: A levels, UCAS tariff points (with a
/// figure: "Points required:" alone says nothing), Highers, BTEC, Access to HE.
static SCHOOL: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(ucas (?:tariff )?points?(?: required)?:? ?\d|points required:? ?\d|\d+ (?:ucas )?tariff points|\d+ ucas points|a[- ]levels?|at a level|btec|(?:scottish )?highers|access to (?:he|higher education)|international baccalaureate|typical offer|a-level grades)\b",
    )
});
/// School qualifications below level 3: an academic requirement with no category of its own.
static GCSE: Pattern =
    Pattern::new(|| re(r"(?i)\b(gcses?|functional skills|maths and english at level 2)\b"));
/// A doctorate asked for: the highest category the contract has is a master's.
static DOCTORATE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b((?:awarded|hold|holding|have|completed|possess|obtained|gained)\w* (?:a |an |their |your )?(?:phd|doctorate|doctoral degree|md\b)|postdoctoral|post-doctoral)",
    )
});
/// "This degree programme", "a degree apprenticeship", "whilst studying for the three-year MSc
/// degree": the course itself, not a degree held.
static DEGREE_COURSE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\bdegree (?:programmes?|courses?|apprenticeships?)\b|\b(?:this|the|our) (?:[\w-]+ ){0,2}degree\b|\bstudying for (?:a|an|the|their|your) (?:[\w-]+ ){0,3}degree\b|\b(?:study|studying|studied|work|working) at (?:degree|honours|master'?s|postgraduate) level\b",
    )
});
/// Experience words that are not work: "experience of using computers" is not employment.
static NOT_WORK: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(experience of (?:using|studying)|learning experience|student experience|proofs? of employment|no more than [\w\s().-]{0,60}experience|employment rate|employability|entered employment|(?:gain|find|secure|into) employment|experience as,|hands[- ]on experience|first[- ]hand experience|gain(?:ing)? (?:\w+ ){0,2}experience|clinical experience to gain)\b",
    )
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grade {
    Third,
    Second22,
    Upper21,
    First,
}

/// Reads entry requirements; `None` when the wording states none we can recognise
/// (e.g. "see our website").
pub fn parse(text: &str) -> Option<Entry> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut requires = BTreeSet::new();
    let mut grade: Option<Grade> = None;
    let mut degree = false;
    let mut masters = false;
    let mut level5 = false;
    let mut grade_sentence_seen = false;
    let clauses = crate::text::sentences(text)
        .into_iter()
        .flat_map(|s| s.split([';', '–', '—', '\n']))
        .map(str::trim)
        .filter(|s| !s.is_empty());
    for sentence in clauses {
        if ALTERNATIVE.is_match(sentence) {
            continue;
        }
        // The first sentence naming grades sets the minimum: its lowest grade.
        if !grade_sentence_seen {
            let mut lowest: Option<Grade> = None;
            for c in GRADE.captures_iter(sentence) {
                let g = if c.name("first").is_some() {
                    let words =
                        c.get(0).map(|m| m.as_str().to_ascii_lowercase()).unwrap_or_default();
                    if words.contains("upper") {
                        Grade::Upper21
                    } else if words.contains("second") {
                        Grade::Second22
                    } else {
                        Grade::First
                    }
                } else if c.name("up").is_some() {
                    Grade::Upper21
                } else if c.name("third").is_some() {
                    Grade::Third
                } else {
                    Grade::Second22
                };
                lowest = Some(lowest.map_or(g, |l| l.min(g)));
            }
            if lowest.is_some() {
                grade = lowest;
                grade_sentence_seen = true;
            }
        }
        let without_pre = PRE_REGISTRATION.replace_all(sentence, "");
        let held = DEGREE_COURSE.replace_all(&without_pre, "");
        // "a master's degree" is a master's, not a first degree.
        degree |= DEGREE.is_match(&MASTERS.replace_all(&held, ""));
        masters |= MASTERS.is_match(sentence) || DOCTORATE.is_match(sentence);
        level5 |= LEVEL5.is_match(&LEVEL3_DIPLOMA.replace_all(sentence, ""));
        if !REGISTRATION_OUTCOME.is_match(sentence)
            && (registration_required(&without_pre) || REGISTERED_PROFESSION.is_match(sentence))
        {
            requires.insert(Requirement::ProfessionalRegistration);
        }
        if EXPERIENCE.is_match(sentence) && !NOT_WORK.is_match(sentence) {
            requires.insert(Requirement::WorkExperience);
        }
    }
    let none = NONE.is_match(text);
    let school = SCHOOL.is_match(text);
    let academic = if DEPENDS.is_match(text) {
        Some(Academic::DependsOnLevel)
    } else if let Some(g) = grade {
        Some(match g {
            Grade::First | Grade::Upper21 => Academic::Degree21,
            Grade::Second22 => Academic::Degree22,
            Grade::Third => Academic::Degree,
        })
    } else if degree {
        Some(Academic::Degree)
    } else if masters {
        Some(Academic::Masters)
    } else if level5 {
        Some(Academic::Level5Study)
    } else if school {
        Some(Academic::Level3Study)
    } else if none {
        Some(Academic::None)
    } else {
        None
    };
    if academic.is_some_and(|a| a != Academic::None) || GCSE.is_match(text) {
        requires.insert(Requirement::Academic);
    }
    if academic.is_none() && requires.is_empty() {
        return None;
    }
    Some(Entry {
        requires: Some(requires.into_iter().collect()),
        academic,
        text: Some(crate::text::truncate(&crate::text::collapse_ws(text), 1000)),
    })
}

/// "Registered nurse", "registration with the NMC": a registration word near a profession or
/// regulator ("pre-registration degree" removed beforehand; "registrable" is not registered).
fn registration_required(sentence: &str) -> bool {
    for reg in REGISTERED.find_iter(sentence) {
        if PROFESSION.is_match(crate::text::around(sentence, reg.start(), reg.end(), 70, 90)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use Requirement::{Academic as A, ProfessionalRegistration, WorkExperience};

    fn check(text: &str, requires: &[Requirement], academic: Option<Academic>) {
        let e = parse(text).unwrap_or_else(|| panic!("no entry read from {text}"));
        assert_eq!(e.requires.as_deref(), Some(requires), "{text}");
        assert_eq!(e.academic, academic, "{text}");
    }

    #[test]
    fn employers_who_must_agree_make_employment_a_condition() {
        check(
            "For this the applicant must provide a letter from their organisation confirming this agreement.",
            &[WorkExperience],
            None,
        );
        check("Open to primary care teams and GP practices.", &[WorkExperience], None);
        check(
            "Open to applicants who are currently practising in a health or social care setting.",
            &[WorkExperience],
            None,
        );
        // The degree an apprentice studies for is the course, not a degree asked for.
        check(
            "Apprentices are in full time employment whilst studying for the three-year MSc degree.",
            &[WorkExperience],
            None,
        );
    }

    #[test]
    fn studying_at_degree_level_is_not_holding_a_degree() {
        assert_eq!(parse("It is open to practitioners who choose to study at degree level."), None);
    }

    #[test]
    fn grades() {
        check("A 2:1 honours degree in a health subject", &[A], Some(Academic::Degree21));
        check("An upper second class degree", &[A], Some(Academic::Degree21));
        check("Normally a minimum of a 2.1 Honours degree", &[A], Some(Academic::Degree21));
        check("A 2:2 or above honours degree", &[A], Some(Academic::Degree22));
        check("A lower second-class honours degree (2:2)", &[A], Some(Academic::Degree22));
        check("Minimum 2.2 Honours in any subject.", &[A], Some(Academic::Degree22));
        check("A second-class honours degree of a UK university", &[A], Some(Academic::Degree22));
        check("a first or second class UK honours degree", &[A], Some(Academic::Degree22));
        check(
            "a first-class or strong upper second-class undergraduate degree with honours",
            &[A],
            Some(Academic::Degree21),
        );
        check(
            "You should hold an honours degree from a UK University or equivalent.",
            &[A],
            Some(Academic::Degree),
        );
        check("A relevant first degree.", &[A], Some(Academic::Degree));
        check(
            "A UK first or upper second class honours degree (2:1)",
            &[A],
            Some(Academic::Degree21),
        );
        check("112 UCAS tariff points, including two A levels.", &[A], Some(Academic::Level3Study));
    }

    #[test]
    fn other_academic_minimums() {
        check(
            "Applicants must hold a master's degree in a relevant subject",
            &[A],
            Some(Academic::Masters),
        );
        check("Successful study at level 5", &[A], Some(Academic::Level5Study));
        check("A diploma in nursing", &[A], Some(Academic::Level5Study));
        check("BTEC Extended Diploma – DMM-MMM", &[A], Some(Academic::Level3Study));
        check("Access to HE Diploma in Health (60 credits)", &[A], Some(Academic::Level3Study));
        check("There are no formal entry requirements.", &[], Some(Academic::None));
        check(
            "Open to anyone working in health and care; no prior qualifications are needed.",
            &[],
            Some(Academic::None),
        );
        check(
            "No formal qualifications are needed, but you must be working in health care",
            &[WorkExperience],
            Some(Academic::None),
        );
        check(
            "Entry requirements depend on the level of the module you choose.",
            &[A],
            Some(Academic::DependsOnLevel),
        );
    }

    #[test]
    fn registration_and_experience() {
        check(
            "You must be a registered nurse with a 2:1 degree",
            &[A, ProfessionalRegistration],
            Some(Academic::Degree21),
        );
        for regulator in ["NMC", "HCPC", "GMC", "GPhC", "GDC", "SWE"] {
            check(
                &format!("Current registration with the {regulator} and a degree."),
                &[A, ProfessionalRegistration],
                Some(Academic::Degree),
            );
        }
        check(
            "Must have a pre-registration degree in a relevant allied health profession with at least one year of specialist clinical work experience.",
            &[A, WorkExperience],
            Some(Academic::Degree),
        );
        check(
            "A degree, and you should be employed within a healthcare setting.",
            &[A, WorkExperience],
            Some(Academic::Degree),
        );
        check(
            "A degree and two years' experience in practice.",
            &[A, WorkExperience],
            Some(Academic::Degree),
        );
        check(
            "Applicants need a first degree and should currently hold a leadership or management role in health or social care.",
            &[A, WorkExperience],
            Some(Academic::Degree),
        );
    }

    #[test]
    fn alternatives_are_not_requirements() {
        check(
            "A 2:2 or above honours degree. Candidates with non-standard qualifications but with relevant experience are also welcome to apply.",
            &[A],
            Some(Academic::Degree22),
        );
        check(
            "2:1 honours degree (or equivalent). Individuals not meeting the above requirement who have equivalent relevant work experience will be considered on a case-by-case basis.",
            &[A],
            Some(Academic::Degree21),
        );
        check(
            "A second-class honours degree, or a registrable qualification in medicine",
            &[A],
            Some(Academic::Degree22),
        );
    }

    #[test]
    fn nothing_stated() {
        assert_eq!(parse("For entry requirements for this course, please visit our website"), None);
        assert_eq!(parse("Get your programme guide to find out more: View Website"), None);
    }
}
