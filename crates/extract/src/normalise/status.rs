//! Whether a course is taking applications, from its page's words: `discontinued` ("last
//! intake", "no longer running", "this course has been withdrawn"), `closed` ("not
//! recruiting for 2026 entry", "applications are now closed") or `recruiting` ("apply now",
//! "applications open"); nothing when the page does not say.
//!
//! The stronger claim wins where a page says two: a course taking its last intake may still
//! say "apply now", and a closed course's page may keep its apply button.

use coursemap_records::Status;

use super::{Pattern, re};

static DISCONTINUED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:(?:last|final) (?:intake|cohort|year of (?:entry|recruitment))|no longer (?:be )?(?:running|recruiting|offered|available|accepting (?:new )?(?:applications|students|applicants)|taking (?:new )?(?:applications|students))|(?:course|programme|module|qualification) (?:has been|is being|will be|is|was) (?:discontinued|withdrawn|closed permanently)|(?:has|have) been (?:discontinued|withdrawn)|will not run (?:again|after)|is closing (?:and|to new)|being phased out)\b",
    )
});
static CLOSED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:not (?:currently )?(?:be )?recruiting|not (?:currently )?accepting (?:new )?applications|not (?:be )?running (?:in|for) (?:19|20)\d\d|not (?:open|available) for (?:19|20)\d\d|applications (?:for [^.]{1,40}? )?(?:are |is |have |has )?(?:now )?closed|(?:applications|recruitment|entry) (?:for [^.]{1,40}? )?(?:is |are )?(?:now )?closed|closed (?:to|for) (?:new )?applications|recruitment (?:is )?(?:currently )?(?:paused|suspended)|(?:course|programme) is (?:currently )?(?:full|suspended))\b",
    )
});
static RECRUITING: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:apply now|now recruiting|recruiting now|apply (?:now |today )?for (?:[a-z]+ )?(?:19|20)\d\d|applications (?:for [^.]{1,40}? )?(?:are )?(?:now )?open|open for applications|now accepting applications|accepting applications|applications (?:are )?welcome|book (?:your place )?now)\b",
    )
});

/// How many bytes of words either side of a match make its evidence.
const AROUND: usize = 60;

/// The status `text` states, with the words it was read from: discontinued, then closed,
/// then recruiting.
pub fn find(text: &str) -> Option<(Status, &str)> {
    [
        (&DISCONTINUED, Status::Discontinued),
        (&CLOSED, Status::Closed),
        (&RECRUITING, Status::Recruiting),
    ]
    .into_iter()
    .find_map(|(pattern, status)| {
        pattern
            .find(text)
            .map(|m| (status, crate::text::around(text, m.start(), m.end(), AROUND, AROUND)))
    })
}

/// The status `text` states, without its evidence.
pub fn parse(text: &str) -> Option<Status> {
    find(text).map(|(status, _)| status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stronger_claim_wins() {
        assert_eq!(
            parse("2025/26 is the last intake for this MSc. Apply now."),
            Some(Status::Discontinued)
        );
        assert_eq!(parse("Apply now. We are not recruiting for 2026 entry."), Some(Status::Closed));
        assert_eq!(parse("Applications open in October."), Some(Status::Recruiting));
        assert_eq!(parse("Our graduates are recruited by the NHS."), None);
    }
}
