//! Facts stated in running prose, where most real course pages put them: "This free,
//! five-week online programme…", "The Fellowship is for 24 months", "Applicants must be
//! employed in the NHS…", "On completion you will receive a Postgraduate Diploma".
//!
//! The page's text is read sentence by sentence. A sentence is evidence for a field only when
//! it says something of that field in the way UK providers word it (a length of the course,
//! not of the experience asked for; a fee, not a loan; a condition of entry, not the audience
//! the course is "aimed at"). Sentences under a heading that names a field ("Who can apply?",
//! "How long is the programme?") are read with that field in mind. Every fact is tagged
//! [`Source::Text`], so labelled key facts and structured data always win over it.

mod delivery;

use coursemap_records::Source;

use crate::facts::Facts;
use crate::labels::{Field, field_for_label};
use crate::normalise::{Pattern, re};
use crate::page::Page;
use crate::text::sentences;
use delivery::{DeliveryCues, NOT_TEACHING, SELF_HEADING};

/// Longest sentence read (longer "sentences" are lists run together).
const MAX_SENTENCE: usize = 600;
/// Most entry sentences kept (the standard route comes first).
const MAX_ENTRY_SENTENCES: usize = 8;

/// Blocks at the top of a page where a line of its own naming an award is the course's.
const AWARD_LINE_WITHIN: usize = 15;
/// Longest such line.
const MAX_AWARD_LINE: usize = 90;
/// The label of an award line's fact: a list of awards there ("MSc/PGDip Advanced Clinical
/// Practice") names the course's award family.
pub(crate) const AWARD_LINE: &str = "award line";

/// A-level grades on a line of their own: "BCC/BBC", "AAB - ABB", "A*AA".
static A_LEVEL_GRADES: Pattern =
    Pattern::new(|| re(r"^(?:[A-E]\*?){3,4}(?:\s*(?:/|-|–|to|or)\s*(?:[A-E]\*?){3,4})*$"));

/// A label whose value is a person: "Course Leader", "Programme director", "Contact".
static PERSON_LABEL: Pattern = Pattern::new(|| {
    re(
        r"(?i)^\W*(?:(?:course|programme|program|module|academic|admissions) (?:leaders?|lead|directors?|co-?ordinators?|tutors?|contacts?|team)|contacts?|tutors?|lecturers?|led by|taught by)\s*:?\s*$",
    )
});

/// "If you:" before a list of what the applicant is or has.
static IF_YOU: Pattern = Pattern::new(|| re(r"(?i)^\s*if you(?: are| have)?:\s*$"));

/// A line of a numbered or lettered list: "1. be a regulated health professional", "a) hold".
static ENUMERATED: Pattern = Pattern::new(|| re(r"^\s*(?:\d{1,2}|[a-hA-H]|[ivx]{1,4})[.)]\s+\S"));

/// The label prose facts carry in evidence.
const PROSE: &str = "text";

/// Headings that ask a field's question: "Who can apply?", "Am I eligible?", "How long is the
/// programme?", "What does it cost?".
static QUESTION_HEADING: Pattern = Pattern::new(|| {
    re(
        r"(?i)^(?:(?P<entry>who (?:can|should|is eligible to) apply|who (?:is|are) (?:it|this|the [\w\s&()-]{1,60}?) for|am i eligible|eligibility|is (?:this|it) (?:for|right for) me|what (?:do i need|are the (?:entry )?requirements)|entry (?:criteria|requirements)|who can (?:take part|join|attend))|(?P<length>how long (?:is|does|will)|when (?:is|will)[\w\s]{0,60}(?:how long|last))|(?P<cost>(?:how much|what) does (?:it|the [\w\s]{1,40}) cost|is (?:there|it) (?:a fee|free|any cost)|will i (?:receive|get) (?:funding|paid)|funding|cost|costs|fees?))\b",
    )
});

/// A heading naming the course, then its entry: "Step Up to Social Work entry criteria",
/// "Other requirements".
static ENTRY_HEADING_END: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:(?:entry|admissions?|other|additional|further) (?:criteria|requirements)|eligibility(?: criteria)?)\s*:?\s*$",
    )
});
/// "If you are … and you have …, this course is for you": who may join, as a condition.
static IF_YOU_ARE: Pattern = Pattern::new(|| {
    re(
        r"(?i)^\W*if you (?:are|have|hold)\b.{0,200}\b(?:(?:developed|designed|intended) (?:specifically )?for you|(?:is|are) for you|you (?:can|are eligible to|may) (?:apply|join|enrol|register for))\b",
    )
});
/// The employer route into a course, which is itself a condition of entry (an apprentice is
/// employed by definition): "Apply direct to an employer offering opportunities",
/// "Apprentices are in full time employment whilst studying".
static EMPLOYER_ROUTE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:apply (?:direct(?:ly)? )?(?:to|through|via|with) (?:an|your|their) (?:current )?employer|apprentices (?:are|must be) (?:in |employed )(?:full[- ]time |paid )?(?:employment|by))\b",
    )
});
/// A condition said as one: "applicants must", "you are required to".
static MUST: Pattern = Pattern::new(|| re(r"(?i)\b(?:must|required to)\b"));

/// A length of the course itself: "a 6 month programme", "lasts approximately 6 months",
/// "is for 24 months", "over 12 months", "up to 3 years full-time funding".
static LENGTH_SUBJECT: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(programmes?|program|courses?|fellowships?|scheme|training|module|internships?|apprenticeships?|placement|post|secondment|msc|ma|degree|diploma|certificate|pg ?cert|pg ?dip|pathway|collaborative|sprint|scholarship|funding|study|studies|it|this|cohort|award)\b",
    )
});
static DURATION: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four|a|an|half a)(?:\s*(?:-|to|or|and)\s*(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?[\s-]*(?:academic\s+|calendar\s+)?(?:years?|months?|weeks?|days?|hours?)(?:[- ]long)?\b|\byear[- ]long\b",
    )
});
/// Durations that are not the course's, by the words just before them: time since
/// qualifying, history, ages, deadlines, frequencies ("qualified within the last 12 months",
/// "every 2 years", "over the last 10 years").
static NOT_COURSE_LENGTH_BEFORE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:experienc\w*|represents?|education|qualified|qualification|graduat\w*|ago|since|(?:the|their|your|its) (?:last|past|previous)|previously|every|each|per|old|aged?|notice|deadline|closing|within|first|employed|employment|worked|working|out of practice|away from|break|leave|career|history|over the (?:last|past)|salary|pay|paid|contract)\W+(?:[\w-]+\W+){0,3}$",
    )
});
/// Durations that are not the course's, by the words just after them: experience asked for,
/// ages, rates ("2 years' post-qualification experience", "6 months of graduating", "per week").
static NOT_COURSE_LENGTH_AFTER: Pattern = Pattern::new(|| {
    re(
        r"(?i)^\W*(?:['’]s?\s*)?(?:\([^)]*\)\s*)?(?:of\s+)?(?:[\w-]+\s+){0,2}(?:experience|post[- ]?qualification|post[- ]?registration|ago|old|of age|after (?:qualif|graduat)|since|of (?:graduating|qualifying|practice|working|employment|qualification)|in (?:practice|post|role)|notice|prior to)|^\W*(?:full|whole)[- ]time equivalent\s*(?:\([^)]*\)\s*)?(?:[\w-]+\s+){0,3}experience|^\s*(?:per|a|each|every)\s+(?:week|month|year|day)\b",
    )
});
/// A duration with its study mode beside it is a course's length wherever it stands: "2-4
/// years part-time", "Full-time: 1 year", "12 months full-time; 24 months part-time".
static MODE_DURATION: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|a)(?:\s*(?:-|–|to|or)\s*(?:\d+|two|three|four|five|six|seven))?\s*(?:academic\s+|calendar\s+)?(?:years?|months?|weeks?)\W{0,3}(?:\(\s*)?(?:full|part)[- ]?time\b|\b(?:full|part)[- ]?time\W{0,4}(?:\w+\W+){0,2}(?:\d+(?:\.\d+)?|one|two|three|four|five|six|a)(?:\s*(?:-|–|to|or)\s*(?:\d+|two|three|four|five|six|seven))?\s*(?:years?|months?)\b",
    )
});
/// A duration sentence must be about length: a verb of lasting or a preposition of span.
static LENGTH_VERB: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(lasts?|lasting|last for|runs?|running|run for|takes?|is for|are for|over|for|of|spans?|duration|length|complete(?:d)? (?:in|over|within)|delivered (?:over|across|in)|studied over|taught over|spread over|commitment|programme|course|fellowship|scheme|year[- ]long|up to|between|approximately|about|around)\b",
    )
});

/// Money or a fee word with a figure.
static MONEY: Pattern = Pattern::new(|| re(r"£\s?\d|\bGBP\s?\d|\d\s?(?:GBP|pounds)\b"));
static FEE_WORD: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(fees?|costs?|price|priced|tuition|charges?|charged|pay|payable|payment|£\s?\d[\d,.]*\s*(?:\+\s*vat|plus vat|per (?:person|delegate|participant|place|course|module|day|session|credit|year|annum)))\b",
    )
});
/// Money that is not this course's fee for the learner.
static NOT_THE_FEE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(loans?|bursar(?:y|ies)|grants?|scholarships?|prizes?|discounts?|deposit|refund|cancellation|salary|salaries|stipend|backfill|allowance|paid (?:directly )?to (?:the |your )?(?:employer|organisation|practice|trust)|to (?:your|the) (?:employer|organisation)|employers? (?:will )?receive|practices? (?:will )?receive|contribution to|towards the cost|award of up to|worth|funding|funded (?:by|for)|per fellow|reimburs\w*|expenses|travel|accommodation|parking|vat registration|donate)\b",
    )
});
/// Money paid to the learner: stipends, salaries, bursaries for living costs.
static STIPEND_WORDING: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(stipend|salary|salaried|paid (?:post|position|role)|you will be paid|receive a (?:salary|tax-free bursary|bursary)|tax-free bursary|bursary (?:payment )?of £|living allowance|employed on a (?:fixed[- ]term|full[- ]time|part[- ]time) contract)\b",
    )
});

/// Conditions of entry: what an applicant must be, have or hold.
static REQUIREMENT_CUE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b((?:you|applicants?|candidates?|participants?|students?|trainees?|fellows?|learners?|individuals?|staff|you'll)(?: \w+)?(?: \([^)]{0,40}\))? must|must (?:be|have|hold|possess|already|currently|work|demonstrate|provide evidence|meet|also)|(?:you|applicants?|candidates?)(?: will)? need to|you(?:['’]ll| will) need (?:a|an)|need to (?:be|have|hold)|you need|points required|(?:individuals|applicants|candidates|those|people|staff|professionals) (?:who|with) (?:have|hold|are|work)|required to (?:hold|have|be)|entry requirements?|essential criteria|eligib(?:le|ility) (?:to apply|for|criteria|to join|applicants|if)|to be eligible|eligibility|open to|available (?:to|for)|to apply,|must be secured|employer'?s? (?:must|will need to|should)|approval (?:from|of) (?:your|their) (?:employer|training programme director|line manager|manager)|statement of support|applicants? (?:should|will|must|need|are expected|with)|candidates? (?:should|will|must|need|are expected)|you should (?:have|hold|be)|should (?:hold|possess)|to apply,? you|criteria|prerequisites?|entry is|entry to|admission|is an entitlement|currently employed|currently working|staff currently|in a substantive|(?:take up|hold|have|on) a substantive (?:contract|post)|working substantively|sponsored by|support of (?:your|their|a) (?:employer|manager|line manager|organisation)|(?:free|open|available) (?:to|for) (?:all )?(?:[\w&-]+ ){0,4}(?:staff|employees|trainees)|(?:minimum of|at least) (?:\w+ ){0,3}(?:years?|months?)'?s? (?:of )?(?:[\w-]+ ){0,2}(?:experience|post|practice|registration)|2[:.][12]|(?:upper|lower) second|honours degree|ucas|a[- ]levels?|btec|highers|access to (?:he|higher education))\b",
    )
});
/// Who a course is for, said as audience rather than condition.
static AUDIENCE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(aimed at|designed (?:for|to)|(?:course|programme|module|scheme|it) is (?:aimed )?(?:for|at)\b|focus(?:es)? on those|(?:be|is|are|prove) of (?:particular |special |great )?interest|ideal for|suitable for|would suit|will suit|(?:is|are) (?:for|relevant to) (?:you|those|anyone|people|staff|all)|it'?s for you|particularly relevant|useful for|typically|typical|we welcome|welcomes|encourage|if you are curious|might consider|may consider|could be|such as|for example|e\.g\.)\b",
    )
});
/// Entry wording about what happens after admission, not before it.
static NOT_ENTRY: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(you will (?:need to )?(?:complete|submit|attend|undertake|study|be assessed)|successful (?:apprentices|students|completion|candidates|participants) will|on your way to|equivalent to the first|needs must|work up to|first step|progress(?:ion)? (?:on)?to|(?:be|become|are|is|will be) eligible (?:to|for) (?:apply (?:for|to)|register|be recorded|registration|annotation|membership)|eligibility to (?:apply|register)|leads? to|fulfil the requirements|requirements of the|students must (?:pass|complete|submit|attend)|must (?:pass|complete|submit|attend|be completed)|assessment|assessed|deadline|closing date|application form|apply (?:online|by|via|through)|must (?:first )?apply (?:for|to) the|interviews? (?:will|are|take)|places are limited|to (?:successfully )?complete the|on completion|will be required to complete|requirements? (?:of|for) (?:the )?(?:nmc|hcpc|module|programme|award|course)|standards)\b",
    )
});

/// "leads to a Postgraduate Diploma", "you will receive an MSc", "is a 12-month Postgraduate
/// Diploma": an award this course gives.
static AWARD_CUE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(leads? to|leading to|awarded|award of|you will (?:receive|gain|obtain|achieve|be awarded)|will receive|receive an?|obtain an?|gain an?|achieve an?|successful (?:completion|candidates|students|apprentices|participants)|on completion|upon completion|(?:study(?:ing)?|work(?:ing)?)(?: [\w-]+){0,4} towards|studying for an?|achieve the (?:full )?|exit (?:your programme |the programme )?with|(?:the|this|our) (?:[\w-]+ )?(?:msc|ma|mres|mph|mba|bsc|ba|pg ?cert|pg ?dip|postgraduate (?:certificate|diploma)|fdsc|fda|dprof)\b[^.]{0,60}\b(?:programme|course|apprenticeship)|qualify with|exit with|graduate with|(?:is|are) an? (?:[\w-]+,? ){0,6}(?:postgraduate|pg|msc|ma|degree|diploma|certificate|foundation)|fully accredited|accredited (?:postgraduate|pg)|the (?:programme|course|scheme) includes the)\b",
    )
});
/// Awards named as somewhere else to go.
static NOT_THIS_AWARD: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(progress(?:ion)? (?:on)?to|progression route|been awarded|were awarded|their (?:phd|doctorate|degree)|(?:mba|masters?|msc|postgraduate)[- ]level|i\.e\.|continue (?:on )?to|continuing to|option of continuing|contribute to|count towards|top[- ]up to|go on to|further study|work up to|first step|already (?:hold|have)|if you (?:hold|have)|entry requirements?|must (?:hold|have)|applicants|prior|previous|equivalent|alongside|as well as|also offer|other courses)\b",
    )
});

/// A level of study: "Level 7", "levels 6 and 7", "level 6 or level 7", SCQF levels, and
/// master's level, read only beside words of study (`LEVEL_CONTEXT`).
static LEVEL: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:levels? ?[4-8](?: ?(?:\([^)]{0,25}\) )?(?:and|or|&|/|to) (?:level )?[4-8])?|scqf (?:level )?\d{1,2}|master'?s[- ]level|masters?'? level|(?:this|a|the|our) masters? (?:course|programme))\b",
    )
});
static LEVEL_CONTEXT: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(fheq|academic|study|studied|credits?|cats|module|modules|programme|course|apprenticeship|cpd|degree|taught|offered|available|delivered|awarded|postgraduate|undergraduate|bsc|masters?|master's|at level|qualification|learning appropriate to)\b",
    )
});
/// Levels that are not FHEQ levels of this course: vocational frameworks, school subjects,
/// pay bands, internal tiers, prior learning.
static NOT_FHEQ_LEVEL: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(ilm|cmi|nvq|rqf|qcf|ocn|open college|functional skills|gcse|maths and english|english and maths|band|syllabus|tier|registered nurse \(level|recognition of prior|rpel|rpl|prior learning|entry requirements?|applicants|equivalent|access to|credits? at merit|at merit|at pass|patient safety)\b",
    )
});

/// Which field a heading names, for the sentences under it.
fn section_field(heading: &str) -> Option<Field> {
    if let Some(field) = field_for_label(heading) {
        return Some(field);
    }
    if ENTRY_HEADING_END.is_match(heading) {
        return Some(Field::Entry);
    }
    let caps = QUESTION_HEADING.captures(heading.trim())?;
    if caps.name("entry").is_some() {
        Some(Field::Entry)
    } else if caps.name("length").is_some() {
        Some(Field::Length)
    } else {
        Some(Field::Cost)
    }
}

/// What reading a page's prose collects before it becomes facts.
#[derive(Default)]
struct Reading<'p> {
    facts: Facts,
    /// Entry sentences in page order (the standard route first).
    entry: Vec<&'p str>,
    delivery: DeliveryCues,
    /// Length statements, each with the last block it came from: statements in neighbouring
    /// blocks ("MSc: 12 months full-time" / "PgCert: 3 months full-time") are one fact, so
    /// the range spans the awards.
    lengths: Vec<(usize, String)>,
    /// Award lines, neighbours joined the same way ("MSc: 12 months" / "PgDip: 9 months").
    award_lines: Vec<(usize, String)>,
}

/// Appends `text` to the run that ends at the block before `block`, or starts a run.
fn add_to_runs(runs: &mut Vec<(usize, String)>, block: usize, text: &str) {
    match runs.last_mut() {
        Some((last, run)) if block <= *last + 1 => {
            run.push('\n');
            run.push_str(text);
            *last = block;
        }
        _ => runs.push((block, text.to_string())),
    }
}

impl Reading<'_> {
    fn add_length(&mut self, block: usize, phrase: &str) {
        add_to_runs(&mut self.lengths, block, phrase);
    }

    fn add_award_line(&mut self, block: usize, line: &str) {
        add_to_runs(&mut self.award_lines, block, line);
    }
}

/// The facts the page's prose states, each tagged [`Source::Text`].
pub(crate) fn facts(page: &Page) -> Facts {
    let mut reading = Reading::default();
    let mut section: Option<Field> = None;
    // A condition that ends "…who:" is followed by the list of what the applicant must be.
    let mut conditions_list = false;
    for (i, block) in page.blocks.iter().enumerate() {
        // A short line near the top that is an award's name ("(MSc) Master of Science",
        // "PGCert Leadership in Health (Darzi)") is the award a course page announces.
        // The line after "Course Leader" is a person, and the awards after a name are theirs
        // ("Chris Rigby, MBA (Henley)").
        if i < AWARD_LINE_WITHIN
            && !i
                .checked_sub(1)
                .and_then(|p| page.blocks.get(p))
                .is_some_and(|b| PERSON_LABEL.is_match(&b.text))
            && is_award_line(&block.text)
        {
            reading.add_award_line(i, &block.text);
        }
        // "1. be a regulated health and care professional" set alone, after "you must:".
        if conditions_list && block.heading.is_some() && ENUMERATED.is_match(&block.text) {
            if reading.entry.len() < MAX_ENTRY_SENTENCES {
                reading.entry.push(&block.text);
            }
            continue;
        }
        if block.heading.is_some() {
            // "One year full-time, two years part-time" set as a heading is still the length.
            if MODE_DURATION.is_match(&block.text) && block.text.len() <= MAX_SENTENCE {
                reading.add_length(i, &block.text);
            }
            // "Using this online distance learning programme": a heading that speaks of the
            // course itself says how it is taught (menu headings such as "Online learning"
            // do not).
            if SELF_HEADING.is_match(&block.text) && !NOT_TEACHING.is_match(&block.text) {
                reading.delivery.read(&block.text);
            }
            // "Admission requirements" then "Students will all have:-": a lead-in set as a
            // heading continues the section above it and opens its list.
            let new_section = section_field(&block.text);
            if new_section.is_none() && section.is_some() && is_lead_in(&block.text) {
                conditions_list = section == Some(Field::Entry);
                continue;
            }
            section = new_section;
            conditions_list = false;
            continue;
        }
        // A line of A-level grades ("BCC/BBC") near the top is the typical offer.
        if i < AWARD_LINE_WITHIN && A_LEVEL_GRADES.is_match(block.text.trim()) {
            let offer = format!("A-level grades {}", block.text);
            reading.facts.push(Field::Entry, Source::Text, PROSE, &offer);
        }
        if conditions_list && (block.list_item || ENUMERATED.is_match(&block.text)) {
            if reading.entry.len() < MAX_ENTRY_SENTENCES && !NOT_ENTRY.is_match(&block.text) {
                reading.entry.push(&block.text);
            }
            continue;
        }
        conditions_list = is_lead_in(&block.text)
            && (section == Some(Field::Entry)
                || REQUIREMENT_CUE.is_match(&block.text)
                || IF_YOU.is_match(&block.text));
        for sentence in sentences(&block.text) {
            if sentence.len() <= MAX_SENTENCE {
                reading.read_sentence(sentence, section, i);
            }
        }
    }
    let Reading { mut facts, entry, delivery, lengths, award_lines } = reading;
    for (_, text) in &award_lines {
        facts.push(Field::Awards, Source::Text, AWARD_LINE, text);
    }
    // A length with its study mode beside it ("Part time – 2 years") says more than one
    // without ("a three-year programme"): it is read first.
    let (with_mode, without_mode): (Vec<_>, Vec<_>) =
        lengths.iter().partition(|(_, text)| MODE_DURATION.is_match(text));
    for (_, text) in with_mode.into_iter().chain(without_mode) {
        facts.push(Field::Length, Source::Text, PROSE, text);
    }
    if !entry.is_empty() {
        // One line each: a list item is a clause of its own ("…or above" / "Relevant work
        // experience is desirable but … will be considered").
        facts.push(Field::Entry, Source::Text, PROSE, &entry.join("\n"));
    }
    if let Some(words) = delivery.wording() {
        facts.push(Field::Delivery, Source::Text, PROSE, &words);
    }
    facts
}

impl<'p> Reading<'p> {
    fn read_sentence(&mut self, sentence: &'p str, section: Option<Field>, block: usize) {
        if let Some(phrase) = length_phrase(sentence, section == Some(Field::Length)) {
            self.add_length(block, &phrase);
        }
        if is_cost_sentence(sentence, section == Some(Field::Cost)) {
            self.facts.push(Field::Cost, Source::Text, PROSE, sentence);
        }
        if self.entry.len() < MAX_ENTRY_SENTENCES
            && is_entry_sentence(sentence, section == Some(Field::Entry))
        {
            self.entry.push(sentence);
        }
        self.delivery.read(sentence);
        if AWARD_CUE.is_match(sentence) && !NOT_THIS_AWARD.is_match(sentence) {
            self.facts.push(Field::Awards, Source::Text, PROSE, sentence);
        }
        if let Some(level) = level_phrase(sentence) {
            self.facts.push(Field::Level, Source::Text, PROSE, &level);
        }
    }
}

/// The words of a sentence that state the course's length, with any study mode they carry;
/// `None` when its durations are about something else.
fn length_phrase(sentence: &str, in_length_section: bool) -> Option<String> {
    let mut kept_end: Option<usize> = None;
    // Where the first duration that is not the course's, after the last that is, starts.
    let mut other_after: Option<usize> = None;
    for m in DURATION.find_iter(sentence) {
        // The words just around the duration decide what it measures.
        let before = crate::text::suffix(&sentence[..m.start()], 40);
        let after = crate::text::prefix(&sentence[m.end()..], 60);
        if NOT_COURSE_LENGTH_BEFORE.is_match(before) || NOT_COURSE_LENGTH_AFTER.is_match(after) {
            other_after = other_after.or(Some(m.start()));
            continue;
        }
        kept_end = Some(m.end());
        other_after = None;
    }
    let kept_end = kept_end?;
    let about_length = in_length_section
        || MODE_DURATION.is_match(sentence)
        || (LENGTH_SUBJECT.is_match(sentence) && LENGTH_VERB.is_match(sentence));
    if !about_length {
        return None;
    }
    // The clause around the durations keeps "full-time" / "part-time" beside them; a
    // trailing clause about another duration ("…part-time), to individuals with no more than
    // 60 months' full-time equivalent experience") goes.
    let end = other_after.map_or(sentence.len(), |start| {
        sentence[kept_end..start].rfind([',', ';', '(']).map_or(start, |i| kept_end + i)
    });
    Some(crate::text::collapse_ws(&sentence[..end]))
}

static EXIT_AWARD: Pattern = Pattern::new(|| {
    re(r"(?i)\bexit (?:your programme |the programme |the course )?with\b|\bexit awards?\b")
});

/// Does this award sentence name exit awards ("exit with a Postgraduate Certificate after 60
/// credits")? They are awards of the same course.
pub(crate) fn is_exit_award(text: &str) -> bool {
    EXIT_AWARD.is_match(text)
}

/// A line that leads into a list: "…you must:", "Students will all have:-".
fn is_lead_in(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with(':') || text.ends_with(":-")
}

fn is_award_line(text: &str) -> bool {
    text.len() <= MAX_AWARD_LINE
        && !text.contains(". ")
        && !NOT_THIS_AWARD.is_match(text)
        && crate::normalise::awards::parse(text).is_some_and(|a| !a.awards.is_empty())
}

fn is_cost_sentence(sentence: &str, in_cost_section: bool) -> bool {
    if crate::normalise::cost::says_free(sentence) || STIPEND_WORDING.is_match(sentence) {
        return true;
    }
    MONEY.is_match(sentence)
        && (in_cost_section || FEE_WORD.is_match(sentence))
        && !NOT_THE_FEE.is_match(sentence)
}

fn is_entry_sentence(sentence: &str, in_entry_section: bool) -> bool {
    // "All applicants must be qualified health care professionals, typically with five
    // years of experience": a condition stated with "must" stays one whatever follows.
    // "If you are a registered nurse and you have a DipHE, this degree has been developed for
    // you": a condition, though worded as the audience.
    if EMPLOYER_ROUTE.is_match(sentence) {
        return true;
    }
    let conditional = IF_YOU_ARE.is_match(sentence);
    if (AUDIENCE.is_match(sentence) && !MUST.is_match(sentence) && !conditional)
        || NOT_ENTRY.is_match(sentence)
    {
        return false;
    }
    if conditional {
        return true;
    }
    in_entry_section || REQUIREMENT_CUE.is_match(sentence)
}

/// The levels a sentence gives this course, joined ("level 6 or level 7; level 7").
fn level_phrase(sentence: &str) -> Option<String> {
    let mut found: Vec<&str> = Vec::new();
    for m in LEVEL.find_iter(sentence) {
        let around = crate::text::around(sentence, m.start(), m.end(), 60, 30);
        if LEVEL_CONTEXT.is_match(around) && !NOT_FHEQ_LEVEL.is_match(around) {
            found.push(m.as_str());
        }
    }
    (!found.is_empty()).then(|| found.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_lengths_not_other_durations() {
        let yes = [
            "The Improvement Coaching Programme (ICP) is a 6 month professional development programme.",
            "Cohort 2 will begin in January 2021 and the programme will last for 12 months.",
            "The Fellowship is for 24 months and is supported by national funding.",
            "It requires a commitment of 15 days over 10 months.",
            "The fellowship offers up to 3 years full-time funding, or up to 6-years part-time funding.",
            "This is a year-long, out of programme experience (OOPE).",
        ];
        for s in yes {
            assert!(length_phrase(s, false).is_some(), "{s}");
        }
        let no = [
            "Students must have a minimum of 2 years post-qualification experience.",
            "Are you a GP in your first 12 months of practice?",
            "95% of graduates entered employment within 6 months of graduating.",
            "Step up to social work currently accepts applications every 2 years.",
            "Over the last 10 years hundreds have qualified.",
        ];
        for s in no {
            assert_eq!(length_phrase(s, false), None, "{s}");
        }
        // A trailing clause about experience goes with its duration.
        assert_eq!(
            length_phrase(
                "The fellowship offers up to three years full-time funding (or four or five years \
                 part-time), to individuals who have no more than 60-months Full-Time Equivalent \
                 (FTE) postdoctoral research experience.",
                false
            )
            .as_deref(),
            Some(
                "The fellowship offers up to three years full-time funding (or four or five years \
                 part-time)"
            )
        );
        assert!(length_phrase("3 calendar years (Full Time)", false).is_some());
    }

    #[test]
    fn fees_not_other_money() {
        assert!(is_cost_sentence(
            "This training is free for all staff in our member organisations.",
            false
        ));
        assert!(is_cost_sentence(
            "There is no fee charged for participation in the course.",
            false
        ));
        assert!(is_cost_sentence(
            "Fees for the course will be a maximum of £12,000 over three years.",
            false
        ));
        assert!(!is_cost_sentence(
            "A bursary up to £15,000 paid to the fellow's employer to be used as they wish.",
            false
        ));
        assert!(!is_cost_sentence("Government loans of up to £11,836 are available.", false));
    }

    #[test]
    fn conditions_not_audience() {
        assert!(is_entry_sentence("You must be employed by the NHS.", false));
        assert!(is_entry_sentence(
            "The internship is open to all registered health and social care professionals working in the West Midlands.",
            false
        ));
        assert!(!is_entry_sentence(
            "This Masters course is aimed at advanced practitioners.",
            false
        ));
        assert!(!is_entry_sentence(
            "The course will suit graduates of a bioscience discipline.",
            false
        ));
        assert!(!is_entry_sentence("Students must pass both parts to gain the credits.", false));
        // "Expressions of interest" is not "of interest to"; "must" outweighs "typically".
        assert!(is_entry_sentence(
            "We are open to expressions of interest from primary care teams.",
            false
        ));
        assert!(is_entry_sentence(
            "All applicants must be qualified health care professionals, typically with five years of experience.",
            false
        ));
        assert!(is_entry_sentence("To apply to the programme, you'll need a minimum of:", false));
        assert!(is_entry_sentence(
            "If you are registered nurse and you have a Diploma in Higher Education, this degree has been specifically developed for you.",
            false
        ));
        assert!(is_entry_sentence("The applicant (prospective fellow) must:", false));
        // The employer route is a condition even where application wording would not be.
        assert!(is_entry_sentence("Apply directly through your employer.", false));
        assert!(is_entry_sentence(
            "Apprentices are in full time employment whilst studying for the degree.",
            false
        ));
    }

    #[test]
    fn a_lead_in_heading_continues_the_entry_section() {
        let html = "<main><h1>PGCert</h1><h3>Admission requirements</h3><h3>Students will all \
                    have:-</h3><ul><li>A first degree classified second class or above</li>\
                    <li>Relevant work experience is desirable but your profile will be \
                    considered.</li></ul></main>";
        let facts = facts(&crate::page::Page::parse(html));
        let entry = facts.get(Field::Entry).first().map(|f| f.text.clone()).unwrap_or_default();
        let parsed = crate::normalise::entry::parse(&entry).expect("entry read");
        // Each item is its own clause: the hedged one does not swallow the degree.
        assert_eq!(parsed.academic, Some(coursemap_records::Academic::Degree22), "{entry}");
    }

    #[test]
    fn levels_of_this_course_only() {
        assert_eq!(
            level_phrase("This is a 20 credit level 6 or level 7 module.").as_deref(),
            Some("level 6 or level 7")
        );
        assert_eq!(
            level_phrase("It is offered at both level 6 and level 7.").as_deref(),
            Some("level 6 and level 7")
        );
        assert!(
            level_phrase("The Advanced Clinical Practitioner is a Level 7 Apprenticeship.")
                .is_some()
        );
        assert_eq!(level_phrase("Level 2 Functional Skills in English and maths."), None);
        assert_eq!(level_phrase("Gain an ILM Level 5 qualification."), None);
    }

    #[test]
    fn question_headings_name_fields() {
        assert_eq!(section_field("Who can apply?"), Some(Field::Entry));
        assert_eq!(section_field("Am I eligible to apply?"), Some(Field::Entry));
        assert_eq!(
            section_field("Who is the Mary Seacole Local Programme for?"),
            Some(Field::Entry)
        );
        assert_eq!(section_field("How long is the programme?"), Some(Field::Length));
        assert_eq!(section_field("Will I receive funding?"), Some(Field::Cost));
        assert_eq!(section_field("Benefits of the scheme"), None);
        assert_eq!(section_field("Step Up to Social Work entry criteria"), Some(Field::Entry));
        assert_eq!(section_field("Other requirements"), Some(Field::Entry));
    }
}
