//! What a page is: one course, a listing of several, or no course — decided from its title
//! and text, so that a course page without structured data or a key-facts layout (most real
//! short courses, CPD modules and fellowships) still gives its record, while news, FAQs
//! about nothing in particular and department pages give none.
//!
//! The decision is data ([`Verdict`]); `assemble` applies it.

use coursemap_records::Source;

use crate::facts::Facts;
use crate::labels::Field;
use crate::normalise::{Pattern, awards, re};
use crate::page::Page;

/// What a page is, and for pages without a course, why (the warning's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// One course (or one programme described by a news post, FAQ or dates page).
    Course,
    /// Course cards linking to the courses' own pages.
    Listing { cards: usize },
    /// Nothing on the page says it is a course.
    NoCourse,
}

/// Linked headings (and more than half of all sub-headings) from which a page is a listing
/// rather than one course.
const LISTING_CARDS: usize = 3;

/// A name that says "course": the kinds of learning opportunity and their awards.
static COURSE_NAME: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(courses?|programmes?|program|modules?|fellowships?|fellows|scheme|training|masterclass(?:es)?|apprenticeships?|internships?|scholarships?|certificate|diploma|degree|cpd|e-?learning|workshops?|study days?|pathway|collaboratives?|return to practice|prescribing|top[- ]up|doctorate|master'?s|postgraduate|undergraduate|(?:level|scqf) \d|credits?|\d+ credits|v300|chief registrar|specialty training)\b",
    )
});

/// The page speaking of itself as one course: "this programme", "the ScIL programme",
/// "our course", "the Fellowship".
static SELF_REFERENCE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:this|the|our)(?: [\w()'&-]+){0,6}? (?:course|programme|program|module|unit|fellowship|scheme|training programme|apprenticeship|internship|masterclass)\b(?: (?:is|will|has|aims|offers|provides|runs|lasts|consists|covers|includes|enables|supports|can|was|gives|prepares|equips|develops|introduces|explores|focuses|teaches))",
    )
});

/// Learning events the page offers, measured in days: "half day training", "these two-day
/// educational events", "2.5 days' attendance", "a one-day workshop". A page that runs
/// training by the day is describing it, whatever its title.
static TRAINING_DAYS: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:half|one|two|three|four|five|\d{1,2}(?:\.5)?)[- ]days?'?s?\b(?: ['‘’\w-]+){0,2}? ['‘]?(?:training|courses?|workshops?|educational events?|masterclass(?:es)?|study days?|attendance)\b",
    )
});

/// A URL path under a course section of a site ("/courses/", "/study/", "/fellowships/",
/// "/cpd/", "/training/") that goes on to a page named in words: one course's slug
/// ("/spin-fellowships/new-to-general-practice-nurses").
static COURSE_PATH: Pattern = Pattern::new(|| {
    re(
        r"(?i)/(?:[\w-]*[-_])?(?:courses?|study|programmes?|programs?|fellowships?|cpd|apprenticeships?|training|modules?|postgraduate|undergraduate|masters-degrees|short-courses|internships?|scholarships?|learning)(?:[-_][\w-]*)?/(?:(?:[^/?#]+/)*[a-z0-9]+[-_][a-z0-9]+[-_][a-z0-9_-]+|(?:[^/?#]+/)+[a-z0-9]+[-_][a-z0-9_-]+)",
    )
});

/// A heading by which a page introduces itself as one course: "Course overview", "Module
/// aims", "About this programme".
static COURSE_HEADING: Pattern = Pattern::new(|| {
    re(
        r"(?i)^\s*(?:(?:course|module|programme|unit) (?:overview|summary|details|description|aims?|content|information|outline|structure|specification)|about (?:this|the) (?:course|module|programme|unit))\s*:?\s*$",
    )
});

/// A module code in a title ("NQCG3135 Mentorship…", "MOD001964"): a catalogue's module.
static MODULE_CODE: Pattern = Pattern::new(|| re(r"\b[A-Z]{2,5}\d{3,6}\b"));

/// Credits stated near the top of a page ("20 credits, total study time: 200 hours").
static CREDITS_STATED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b\d{1,3}(?:\.0+)?[- ](?:cats? |academic |scqf )?credits?\b|\bcredit (?:value|points?):? \d",
    )
});

/// Paths of pages about many courses or none: FAQs, news, searches, catalogues, fee pages.
static NOT_ONE_COURSE_PATH: Pattern = Pattern::new(|| {
    re(
        r"(?i)/(?:[\w-]*-)?(?:news|search|results|catalogue|catalog|a-z|finder|fees|funding|events?|blog|library)(?:-[\w-]*)?(?:/|$)",
    )
});
/// A title naming courses in the plural: "Patient Safety Courses", "Our CPD courses".
static COURSES_TITLE: Pattern = Pattern::new(|| re(r"(?i)\bcourses\s*$"));

/// How much of the page's text is searched for it speaking of itself.
const SELF_REFERENCE_BYTES: usize = 3000;

/// A title that names a search or a catalogue: "Find a course", "Our programmes", "Search
/// results".
static LISTING_TITLE: Pattern = Pattern::new(|| {
    re(
        r"(?i)^(?:find|search|browse|all|our|view)\b.{0,40}\b(?:courses?|programmes?|modules?)\b|\b(?:courses|programmes|modules|search results)\s*$|^course (?:search|finder|listing)",
    )
});

/// Fields whose prose statements mark a course page (delivery alone does not: "online"
/// is said of everything).
const COURSE_FACTS: [Field; 5] =
    [Field::Length, Field::Cost, Field::Entry, Field::Awards, Field::Level];

/// Prose fields from which a page is a course whatever its title says.
const FACTS_WITHOUT_NAME: usize = 3;

/// Judges a page from its facts (all sources) and its title.
pub(crate) fn judge(
    page: &Page,
    facts: &Facts,
    structured: bool,
    title: &str,
    content: &str,
    url: &str,
) -> Verdict {
    if structured {
        return Verdict::Course;
    }
    // A listing's cards are headings that link to course pages: the courses live there.
    let cards = page.linked_headings;
    if (cards >= LISTING_CARDS || (cards >= 1 && LISTING_TITLE.is_match(title)))
        && cards * 2 > page.subheadings
    {
        return Verdict::Listing { cards };
    }
    let labelled = |fields: &[Field]| {
        fields.iter().any(|f| facts.get(*f).iter().any(|fact| fact.source == Source::KeyFacts))
    };
    let key_facts =
        labelled(&[Field::Length, Field::Cost, Field::Entry, Field::Awards, Field::StudyMode]);
    if key_facts || awards::parse(title).is_some_and(|a| !a.awards.is_empty()) {
        return Verdict::Course;
    }
    let start = crate::text::prefix(content, SELF_REFERENCE_BYTES);
    // Facts the prose states, and a level or credits in a labelled line ("SCQF credit value:
    // 20"), which only a course has.
    let labelled_scale = labelled(&[Field::Level, Field::Credits]);
    let prose = COURSE_FACTS
        .iter()
        .filter(|f| facts.get(**f).iter().any(|fact| fact.source == Source::Text))
        .count();
    // Credits say "course" only of a page that names or speaks of itself as one (a
    // department's page mentions credits too).
    let scale = labelled_scale || CREDITS_STATED.is_match(start);
    let titled = COURSE_NAME.is_match(title) || MODULE_CODE.is_match(title);
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let course_path = COURSE_PATH.is_match(path) && !NOT_ONE_COURSE_PATH.is_match(path);
    let speaks_as_course = SELF_REFERENCE.is_match(start)
        || TRAINING_DAYS.is_match(start)
        || page.blocks.iter().any(|b| b.heading.is_some() && COURSE_HEADING.is_match(&b.text));
    let self_named = speaks_as_course || course_path;
    if COURSES_TITLE.is_match(title) {
        return Verdict::NoCourse;
    }
    // A page filed under a course section that speaks of itself as a course ("This short
    // course will be delivered online") is that course even when its title is a bare topic.
    if ((titled || self_named) && (prose >= 1 || scale))
        || (titled && self_named)
        || (speaks_as_course && course_path)
        || prose >= FACTS_WITHOUT_NAME
    {
        Verdict::Course
    } else {
        Verdict::NoCourse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(html: &str, title: &str) -> Verdict {
        let page = Page::parse(html);
        let mut facts = crate::keyfacts::facts(&page);
        facts.extend(crate::prose::facts(&page));
        judge(
            &page,
            &facts,
            false,
            title,
            &crate::maintext::content_text(&page),
            "https://x.example/",
        )
    }

    #[test]
    fn a_fellowship_in_prose_is_a_course() {
        let html = "<main><h1>Topol Digital Fellowship</h1><p>The Fellowship is approximately \
                    12 months in length.</p><p>You must be employed by the NHS.</p></main>";
        assert_eq!(verdict(html, "Topol Digital Fellowship"), Verdict::Course);
    }

    #[test]
    fn a_course_section_page_speaking_of_itself_as_a_course_is_one() {
        let html = "<main><h1>Health Policy &amp; Systems</h1><p>This short course will be \
                    delivered online and builds on our teaching.</p></main>";
        let page = Page::parse(html);
        let facts = crate::prose::facts(&page);
        let content = crate::maintext::content_text(&page);
        let title = "Health Policy & Systems";
        let under_courses =
            "https://www.lshtm.ac.uk/study/courses/short-courses/health-policy-systems";
        assert_eq!(judge(&page, &facts, false, title, &content, under_courses), Verdict::Course);
        let elsewhere = "https://www.lshtm.ac.uk/research/health-policy";
        assert_eq!(judge(&page, &facts, false, title, &content, elsewhere), Verdict::NoCourse);
    }

    #[test]
    fn catalogue_modules_are_courses() {
        // A module code in the title and the page speaking of "this module".
        let html = "<main><h1>NQCG3135 Mentorship</h1><p>This module aims to prepare you to \
                    undertake the role of practice facilitator.</p></main>";
        assert_eq!(verdict(html, "NQCG3135 Mentorship"), Verdict::Course);
        // Credits stated, and a heading introducing the course.
        let html = "<main><h1>How finance works</h1><p>20 credits, total study time: 200 \
                    hours</p><h2>Course overview</h2><p>Context for healthcare finance.</p></main>";
        assert_eq!(verdict(html, "How finance works"), Verdict::Course);
        // Credits alone, on a page that neither names nor introduces a course, are not.
        let html = "<main><h1>Department for Health</h1><p>Each unit is worth 12 credits.</p>\
                    </main>";
        assert_eq!(verdict(html, "Department for Health"), Verdict::NoCourse);
    }

    #[test]
    fn news_without_course_facts_is_not() {
        let html = "<main><h1>Our news</h1><p>The library is open late this week.</p></main>";
        assert_eq!(verdict(html, "Our news"), Verdict::NoCourse);
        let html = "<main><h1>Research training day</h1><p>Join us to celebrate ten years of \
                    the unit.</p></main>";
        assert_eq!(verdict(html, "Research training day"), Verdict::NoCourse);
    }
}
