//! Facts into records: each field normalised from the best source that yields a value, with
//! the wording used kept as the field's evidence.

use std::collections::{BTreeMap, BTreeSet};

use coursemap_records::Field as RecordField;
use coursemap_records::{Delivery, Evidence, Length, Record, Source, StudyMode, record_id};

use crate::facts::{Fact, Facts};
use crate::labels::Field;
use crate::maintext::URL_TITLE;
use crate::normalise::classify::{self, TermMatcher};
use crate::normalise::{awards, cost, delivery, entry, length};
use crate::page::Page;
use crate::text::lead_sentence;
use crate::verdict::{self, Verdict};
use crate::warning::{Warning, WarningKind};
use crate::{intake, jsonld, keyfacts, maintext, prose};

/// Records from one HTML page: one per JSON-LD course when the page lists several, else one
/// for the page (when anything on it says it is a course).
pub(crate) fn records_from_page(
    url: &str,
    page: &Page,
    matcher: &TermMatcher,
    warnings: &mut Vec<Warning>,
) -> Vec<Record> {
    let nodes = jsonld::course_nodes(url, &page.jsonld, warnings);
    // The page's own canonical URL names the record, so duplicate URLs give one id.
    let url = page.canonical.as_deref().unwrap_or(url);
    let content = maintext::content_text(page);
    if nodes.len() > 1 {
        // A listing of several courses: the page's own facts belong to none of them.
        return nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let facts = jsonld::facts_from_course(node, Source::JsonLd);
                let part = facts.identifier.clone().unwrap_or_else(|| format!("course-{i}"));
                build(url, &facts, matcher, "", Some(&part))
            })
            .filter(|r| !r.title.is_empty())
            .collect();
    }
    let mut facts = Facts::default();
    if let Some(node) = nodes.first() {
        facts.extend(jsonld::facts_from_course(node, Source::JsonLd));
    }
    if let Some(item) = page.microdata.first() {
        facts.extend(jsonld::facts_from_course(item, Source::Microdata));
    }
    facts.extend(keyfacts::facts(page));
    facts.extend(maintext::facts(page, url));
    facts.extend(prose::facts(page));
    let structured = !nodes.is_empty() || !page.microdata.is_empty();
    let title = facts.get(Field::Title).first().map(|f| f.text.as_str()).unwrap_or_default();
    match verdict::judge(page, &facts, structured, title, &content, url) {
        Verdict::Course => {}
        Verdict::Listing { cards } => {
            let detail = format!("{cards} linked course cards");
            warnings.push(Warning::new(url, WarningKind::ListingSkipped, detail));
            return Vec::new();
        }
        Verdict::NoCourse => {
            let detail = "no structured data, key facts or course wording";
            warnings.push(Warning::new(url, WarningKind::NoCourse, detail));
            return Vec::new();
        }
    }
    let mut record = build(url, &facts, matcher, &content, None);
    if record.title.is_empty() {
        warnings.push(Warning::new(url, WarningKind::NoTitle, ""));
        return Vec::new();
    }
    let lead = record.description.as_deref().map(lead_sentence).unwrap_or("");
    // An archived copy of a page is not the course; a course whose page says it has ended is
    // still a course the catalogue should know of, as discontinued.
    if ARCHIVED.is_match(&record.title) || ARCHIVED.is_match(lead) {
        warnings.push(Warning::new(url, WarningKind::Archived, ""));
        return Vec::new();
    }
    if ENDED.is_match(&record.title) || ENDED.is_match(lead) {
        record.status = Some(coursemap_records::Status::Discontinued);
        let words = if ENDED.is_match(&record.title) { record.title.as_str() } else { lead };
        record.evidence.insert(
            RecordField::Status,
            Evidence { source: Source::Text, text: crate::text::truncate(words, 400), url: None },
        );
    }
    vec![record]
}

static ARCHIVED: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"(?i)\(archived\)|\bthis archived\b"));

static ENDED: crate::normalise::Pattern = crate::normalise::Pattern::new(|| {
    crate::normalise::re(
        r"(?i)\bno longer (?:running|offered|recruiting|available)\b|\bcourse (?:has )?closed\b|\bdiscontinued\b",
    )
});

fn evidence(fact: &Fact) -> Evidence {
    Evidence { source: fact.source, text: fact.evidence_text(), url: None }
}

/// Whether `text` says "full-time" and "part-time", in any spelling ("Full time",
/// "part_time", "PartTime").
fn names_modes(text: &str) -> (bool, bool) {
    let compact = text.to_ascii_lowercase().replace(['-', '_', ' '], "");
    (compact.contains("fulltime"), compact.contains("parttime"))
}

/// Offered study modes from the study-mode wording: (full-time, part-time); "flexible" study
/// is part-time.
fn study_modes(facts: &Facts) -> (bool, bool) {
    let mut ft = false;
    let mut pt = false;
    for f in facts.get(Field::StudyMode) {
        let (full, part) = names_modes(&f.text);
        ft |= full;
        pt |= part || f.text.to_ascii_lowercase().contains("flexible");
    }
    (ft, pt)
}

/// The key facts' durations, each joined to the study mode listed in the same place, when
/// both are lists of one length and only the modes name full- or part-time: (the durations'
/// wording, the paired wording).
fn paired_lengths(facts: &Facts) -> Option<(String, String)> {
    let keyfacts = |field| facts.get(field).iter().find(|f| f.source == Source::KeyFacts);
    let durations = keyfacts(Field::Length)?;
    let modes = keyfacts(Field::StudyMode)?;
    let duration_lines: Vec<&str> = durations.text.lines().map(str::trim).collect();
    let mode_lines: Vec<&str> = modes.text.lines().map(str::trim).collect();
    let paired = duration_lines.len() >= 2
        && duration_lines.len() == mode_lines.len()
        && duration_lines.iter().all(|d| names_modes(d) == (false, false))
        && mode_lines.iter().all(|m| matches!(names_modes(m), (true, false) | (false, true)));
    if !paired {
        return None;
    }
    let lines: Vec<String> = duration_lines
        .iter()
        .zip(&mode_lines)
        .map(|(d, m)| {
            let mode = if names_modes(m).0 { "full-time" } else { "part-time" };
            format!("{d} {mode}")
        })
        .collect();
    Some((durations.text.clone(), lines.join("\n")))
}

/// How much of the page's text the kind is read from (the start says what a page is).
const KIND_TEXT_BYTES: usize = 4000;

/// Builds one record from its facts. `content` is the page's visible text for term matching
/// (empty for feeds and listings, whose facts carry all their words).
pub(crate) fn build(
    url: &str,
    facts: &Facts,
    matcher: &TermMatcher,
    content: &str,
    id_part: Option<&str>,
) -> Record {
    let mut ev = BTreeMap::new();
    let title_fact = facts.get(Field::Title).first();
    let title = title_fact.map(|f| crate::text::collapse_ws(&f.text)).unwrap_or_default();
    if let Some(f) = title_fact {
        ev.insert(RecordField::Title, evidence(f));
    }
    let provider_fact = facts.get(Field::Provider).first();
    if let Some(f) = provider_fact {
        ev.insert(RecordField::Provider, evidence(f));
    }

    let AwardFacts { names: award_names, levels, postgraduate_unspecified } =
        awards_and_levels(facts, title_fact, &awards::name_acronyms(content), &mut ev);

    let len = length_of(facts, &mut ev);

    let description_fact = facts.get(Field::Description).first();
    let description = description_fact.map(|f| f.text.clone());
    let lead = description.as_deref().map(lead_sentence).unwrap_or("");
    let has_awards = award_names.as_ref().is_some_and(|a| !a.is_empty());
    let kind_text = kind_text(facts, lead, content);
    let kind = classify::kind_of(classify::KindWords {
        title: &title,
        has_awards,
        // A postgraduate course whose award the page does not name is still an
        // award-bearing programme (CPD short courses do not state a postgraduate level).
        postgraduate: postgraduate_unspecified || (!has_awards && levels.iter().any(|l| *l >= 7)),
        text: &kind_text,
    });

    let delivery_value = delivery_of(facts, &mut ev);

    let cost_value = cost_of(facts, kind, &mut ev);
    let entry_value = entry_of(facts, &mut ev);
    let topics = topics_of(facts);
    let matched_terms = terms_matched(matcher, &title, description.as_deref(), content);
    let focus = classify::focus(&title, lead, &matched_terms);
    // Short courses, fellowships and standalone modules carry no final award unless one is
    // named; only a programme's unnamed award is "not known".
    let award_names = match award_names {
        None if kind != coursemap_records::Kind::Programme => Some(Vec::new()),
        other => other,
    };
    if let Some(f) = description_fact
        && focus.is_some()
    {
        ev.insert(
            RecordField::Focus,
            Evidence {
                source: f.source,
                text: crate::text::truncate(if lead.is_empty() { &title } else { lead }, 400),
                url: None,
            },
        );
    }

    let wording = intake::Wording { title: &title, description: description.as_deref(), content };
    let entry_year = intake::entry_year(facts, &wording, &mut ev);
    let status = intake::status(&wording, &mut ev);

    Record {
        id: record_id(url, id_part),
        url: url.to_string(),
        title,
        provider: provider_fact.map(|f| crate::text::collapse_ws(&f.text)),
        provider_id: None,
        kind,
        awards: award_names,
        fheq_levels: (!levels.is_empty()).then(|| levels.into_iter().collect()),
        postgraduate_unspecified,
        entry: entry_value,
        length: len,
        delivery: delivery_value,
        cost: cost_value,
        topics,
        description,
        matched_terms,
        focus,
        evidence: ev,
        verified: false,
        fetched_at: None,
        content_sha256: None,
        region: None,
        nation: None,
        uk_region: None,
        entry_year,
        status,
        merged_urls: Vec::new(),
        archived: None,
    }
}

/// The length from the first length fact that parses, in the page's own words where they
/// say the same as structured data.
fn length_of(facts: &Facts, ev: &mut BTreeMap<RecordField, Evidence>) -> Length {
    // Durations with no mode are part-time when part-time is the only mode offered.
    let (ft, pt) = study_modes(facts);
    let default_mode = match (ft, pt) {
        (false, true) => Some(StudyMode::PartTime),
        (true, _) => Some(StudyMode::FullTime),
        _ => None,
    };
    let mut len = Length::default();
    // Option cards flattened into parallel lists ("Study option: Full-time… / Part-time…",
    // then "Duration: 3 Years / 5 Years"): each duration belongs to the option in its place.
    let paired = paired_lengths(facts);
    if let Some((l, f)) = first_parsed(facts.get(Field::Length), |t| {
        let t = paired.as_ref().filter(|(of, _)| of == t).map_or(t, |(_, p)| p.as_str());
        length::parse(t, default_mode)
    }) {
        ev.insert(RecordField::Length, evidence(f));
        len = l;
    }
    // Structured data often says "P1Y"; the page's own words for the same length read better.
    if let Some(words) = facts
        .get(Field::Length)
        .iter()
        .filter(|f| matches!(f.source, Source::KeyFacts | Source::Text))
        .find(|f| length::parse(&f.text, default_mode).is_some_and(|l| same_length(&l, &len)))
    {
        len.text = Some(crate::text::truncate(&crate::text::collapse_ws(&words.text), 300));
    }
    len
}

/// The words the kind is read from: levels, credits, lengths, awards and costs, the lead
/// sentence, and the start of the page.
fn kind_text(facts: &Facts, lead: &str, content: &str) -> String {
    let mut kind_text = String::new();
    for field in [Field::Level, Field::Credits, Field::Length, Field::Awards, Field::Cost] {
        for f in facts.get(field) {
            kind_text.push_str(&f.text);
            kind_text.push('\n');
        }
    }
    kind_text.push_str(lead);
    kind_text.push('\n');
    kind_text.push_str(crate::text::prefix(content, KIND_TEXT_BYTES));
    kind_text
}

/// The cost from the first cost fact that parses.
fn cost_of(
    facts: &Facts,
    kind: coursemap_records::Kind,
    ev: &mut BTreeMap<RecordField, Evidence>,
) -> coursemap_records::Cost {
    // A price with no period is per year for a programme, and the price of the whole thing
    // for a module, short course or fellowship.
    let default_per = if kind != coursemap_records::Kind::Programme {
        coursemap_records::FeePer::Course
    } else {
        coursemap_records::FeePer::Year
    };
    let mut cost_value = coursemap_records::Cost::default();
    if let Some((c, f)) =
        first_parsed(facts.get(Field::Cost), |t| cost::parse_with_default(t, default_per))
    {
        ev.insert(RecordField::Cost, evidence(f));
        cost_value = c;
        // "The award will fund backfill of salary…" then "Tuition fees are covered by…": a
        // stipend read first does not hide fees paid in another sentence of the prose.
        if f.source == Source::Text && !cost_value.free && cost_value.fees.is_empty() {
            cost_value.free = facts
                .get(Field::Cost)
                .iter()
                .filter(|g| g.source == Source::Text)
                .any(|g| cost::says_free(&g.text));
        }
    }
    cost_value
}

/// The entry conditions from the first entry fact that parses, with what the same source's
/// other entry facts add.
fn entry_of(facts: &Facts, ev: &mut BTreeMap<RecordField, Evidence>) -> coursemap_records::Entry {
    let mut entry_value = coursemap_records::Entry::default();
    if let Some((e, f)) = first_parsed(facts.get(Field::Entry), entry::parse) {
        ev.insert(RecordField::Entry, evidence(f));
        entry_value = e;
        // "Entry requirements: a 2:2 degree" then "Other requirements: registration, your
        // employer's agreement": one source's entry facts together are the conditions.
        let more = facts
            .get(Field::Entry)
            .iter()
            .filter(|g| g.source == f.source && !std::ptr::eq(*g, f))
            .filter_map(|g| entry::parse(&g.text));
        for extra in more {
            if let (Some(have), Some(add)) = (entry_value.requires.as_mut(), extra.requires) {
                for r in add {
                    if !have.contains(&r) {
                        have.push(r);
                    }
                }
                have.sort();
            }
        }
    }
    entry_value
}

/// Topics from the best source that lists any (a description's "Modules cover …" is prose
/// about the course, not its topic list).
fn topics_of(facts: &Facts) -> Vec<String> {
    let mut topics: Vec<String> = Vec::new();
    for text in facts.get(Field::Topics).iter().map(|f| f.text.as_str()) {
        for t in split_topics(text) {
            if !topics.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                topics.push(t);
            }
        }
        if !topics.is_empty() {
            break;
        }
    }
    topics
}

/// The seed terms the title, description and page text match.
fn terms_matched(
    matcher: &TermMatcher,
    title: &str,
    description: Option<&str>,
    content: &str,
) -> Vec<String> {
    let mut term_text = String::with_capacity(title.len() + content.len() + 256);
    term_text.push_str(title);
    term_text.push('\n');
    if let Some(d) = description {
        term_text.push_str(d);
        term_text.push('\n');
    }
    term_text.push_str(content);
    matcher.matches(&term_text)
}

/// A page that calls itself postgraduate in its titles.
static POSTGRADUATE_PAGE: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"(?i)\bpost[- ]?graduate\b"));

/// Frameworks whose levels are not FHEQ levels: "Asthma Level 5 Open College Network (OCN)".
static VOCATIONAL_FRAMEWORK: crate::normalise::Pattern = crate::normalise::Pattern::new(|| {
    crate::normalise::re(
        r"(?i)\b(?:ilm|cmi|nvq|rqf|qcf|ocn|open college|city (?:&|and) guilds|btec|syllabus|curriculum|tiers?|bands?)\b",
    )
});

/// What a record says about awards and levels.
struct AwardFacts {
    names: Option<Vec<String>>,
    levels: BTreeSet<u8>,
    postgraduate_unspecified: bool,
}

/// Awards from the first source naming any (else the title); levels from those awards plus
/// any stated level or credit level.
///
/// A page that states its level only as "Postgraduate" is taken at its word: the title is
/// not mined for an award then ("Professional doctorate ..." says what the course is about,
/// the page says what it leads to), as the 2014 researchers recorded such courses.
fn awards_and_levels(
    facts: &Facts,
    title_fact: Option<&Fact>,
    acronyms: &[String],
    ev: &mut BTreeMap<RecordField, Evidence>,
) -> AwardFacts {
    // Awards as the page names them, less the names it defines as acronyms of something else.
    let parse = |text: &str| {
        if acronyms.is_empty() {
            return awards::parse(text);
        }
        let mut text = text.to_string();
        for acronym in acronyms {
            text = text
                .split_inclusive(|c: char| !c.is_alphanumeric())
                .filter(|word| word.trim_end_matches(|c: char| !c.is_alphanumeric()) != acronym)
                .collect();
        }
        awards::parse(&text)
    };
    let states_postgraduate_only = facts.get(Field::Level).iter().any(|f| {
        awards::parse(&f.text).is_some_and(|a| a.levels.is_empty() && a.postgraduate_unspecified)
    });
    // A title made up from the URL names the page, not its award; a page stating its level
    // only as "Postgraduate" keeps the title's award only where it is abbreviated ("…
    // Apprenticeship MSc"), not a phrase that may be the course's name ("Professional
    // doctorate Midwifery").
    let title_fact = title_fact.filter(|f| {
        f.label != URL_TITLE
            && (!states_postgraduate_only || awards::names_abbreviated_award(&f.text))
    });
    let (mut prose_awards, labelled_awards): (Vec<&Fact>, Vec<&Fact>) =
        facts.get(Field::Awards).iter().partition(|f| f.source == Source::Text);
    if states_postgraduate_only {
        prose_awards.clear();
    }
    let mut chosen_awards: Option<awards::Awards> = None;
    // Labelled awards, then the title, then what the prose says the course leads to.
    for f in labelled_awards.iter().copied().chain(title_fact).chain(prose_awards.iter().copied()) {
        if let Some(a) = parse(&f.text).filter(|a| !a.awards.is_empty()) {
            ev.insert(RecordField::Awards, evidence(f));
            ev.insert(RecordField::FheqLevels, evidence(f));
            chosen_awards = Some(a);
            break;
        }
    }
    // A line listing this award with others ("MSc/PGDip Advanced Clinical Practice",
    // "PgCert/PgDip/MSc") names the course's award family; exit awards belong to it too.
    if let Some(chosen) = chosen_awards.as_mut() {
        for f in &prose_awards {
            let family = (f.label == prose::AWARD_LINE).then(|| parse(&f.text)).flatten();
            let joins = match &family {
                Some(a) => a.awards.iter().any(|x| chosen.awards.contains(x)),
                None => false,
            };
            let exit = prose::is_exit_award(&f.text);
            let Some(more) = (if joins {
                family
            } else if exit {
                parse(&f.text)
            } else {
                None
            }) else {
                continue;
            };
            for (name, level) in more.awards.iter().zip(more.levels.iter().cycle()) {
                let _ = level;
                if !chosen.awards.contains(name) {
                    chosen.awards.push(name.clone());
                }
            }
            chosen.levels.extend(more.levels);
            chosen.levels.sort_unstable();
            chosen.levels.dedup();
        }
    }
    let mut levels: BTreeSet<u8> =
        chosen_awards.iter().flat_map(|a| a.levels.iter().copied()).collect();
    let mut postgraduate_unspecified = false;
    let stated = facts.get(Field::Level).iter().chain(facts.get(Field::Credits));
    let (prose_levels, labelled_levels): (Vec<&Fact>, Vec<&Fact>) =
        stated.chain(labelled_awards.iter().copied()).partition(|f| f.source == Source::Text);
    for f in labelled_levels {
        if let Some(a) = awards::parse(&f.text) {
            if a.levels.is_empty() && a.postgraduate_unspecified {
                postgraduate_unspecified = true;
            }
            if !a.levels.is_empty() && chosen_awards.is_none() {
                ev.entry(RecordField::FheqLevels).or_insert_with(|| evidence(f));
            }
            levels.extend(a.levels);
        }
    }
    // "Principles of Prescribing (Level 7)": a level in the title, where no label says; it
    // outranks the prose ("this module can be studied at level 6 or at level 7": the page is
    // the level-7 one).
    if levels.is_empty()
        && let Some(f) = title_fact.filter(|f| !VOCATIONAL_FRAMEWORK.is_match(&f.text))
        && let Some(a) = awards::parse(&f.text).filter(|a| !a.levels.is_empty())
    {
        ev.entry(RecordField::FheqLevels).or_insert_with(|| evidence(f));
        levels.extend(a.levels);
    }
    // Prose levels ("a 20 credit level 6 or level 7 module") only where nothing else says.
    if levels.is_empty() {
        for f in prose_levels {
            if let Some(a) = awards::parse(&f.text).filter(|a| !a.levels.is_empty()) {
                ev.entry(RecordField::FheqLevels).or_insert_with(|| evidence(f));
                levels.extend(a.levels);
            }
        }
    }
    // FHEQ levels 4 and 5 are never postgraduate: a "Postgraduate Module Handbook" giving
    // "Level 4" numbers its own levels (Durham's postgraduate level is its "4").
    let says_postgraduate = facts
        .get(Field::Title)
        .iter()
        .any(|f| f.label != URL_TITLE && POSTGRADUATE_PAGE.is_match(&f.text));
    if says_postgraduate && levels.last().is_some_and(|top| *top <= 5) {
        levels.clear();
        levels.insert(7);
    }
    let postgraduate_unspecified = postgraduate_unspecified && levels.is_empty();
    AwardFacts { names: chosen_awards.map(|a| a.awards), levels, postgraduate_unspecified }
}

/// Delivery from labelled wording first ("Delivery mode: In person"), then what the prose
/// says about where teaching happens. A named campus or place of study ("Location:
/// Loughborough") is teaching on site, or blended where the prose also teaches online.
fn delivery_of(facts: &Facts, ev: &mut BTreeMap<RecordField, Evidence>) -> Option<Delivery> {
    let (prose, labelled): (Vec<&Fact>, Vec<&Fact>) = facts
        .get(Field::Delivery)
        .iter()
        .chain(facts.get(Field::StudyMode))
        .partition(|f| f.source == Source::Text);
    let said = first_parsed(prose.iter().copied(), delivery::parse);
    let readings: Vec<(Delivery, &Fact)> = labelled
        .iter()
        .filter_map(|f| delivery::parse_labelled(&f.label, &f.text).map(|d| (d, *f)))
        .collect();
    // Structured data and feeds say delivery in one field meant for it; page key facts are
    // read together, since a box may say "Location: Hendon campus" and "Study mode: Online".
    if let Some((d, f)) = readings.first().filter(|(_, f)| f.source != Source::KeyFacts) {
        ev.insert(RecordField::Delivery, evidence(f));
        return Some(*d);
    }
    // Labels that disagree ("Location: Hendon campus", "Study mode: Online") mean both.
    let remote = |d: &Delivery| matches!(d, Delivery::Distance | Delivery::ELearning);
    let campus = |d: &Delivery| matches!(d, Delivery::Campus | Delivery::CampusAndWorkBased);
    let chosen = if let Some(b) = readings.iter().find(|(d, _)| *d == Delivery::Blended) {
        Some(*b)
    } else if readings.iter().any(|(d, _)| remote(d)) && readings.iter().any(|(d, _)| campus(d)) {
        readings.first().map(|(_, f)| (Delivery::Blended, *f))
    } else {
        readings.first().copied()
    };
    // A named place of study is teaching on site; prose that also teaches online makes it
    // blended. So is a campus the labels name while the prose says blended or online.
    let place = labelled.iter().copied().find(|f| delivery::is_place_of_study(&f.label, &f.text));
    let (value, f) = match (chosen, place, said) {
        (Some((d, f)), _, Some((s, _)))
            if campus(&d) && is_place(f) && (remote(&s) || s == Delivery::Blended) =>
        {
            (Delivery::Blended, f)
        }
        (Some(c), _, _) => c,
        (None, Some(p), Some((s, _))) if remote(&s) || s == Delivery::Blended => {
            (Delivery::Blended, p)
        }
        (None, Some(p), _) => (Delivery::Campus, p),
        (None, None, Some(s)) => s,
        (None, None, None) => return None,
    };
    ev.insert(RecordField::Delivery, evidence(f));
    Some(value)
}

/// Is this delivery fact a place (a campus or location label) rather than a mode?
fn is_place(fact: &Fact) -> bool {
    delivery::is_place_of_study(&fact.label, &fact.text)
        || matches!(crate::labels::normalise_label(&fact.label).as_str(), "location" | "campus")
}

/// The first fact (best source first) the normaliser reads a value from, with that fact.
fn first_parsed<'f, T>(
    facts: impl IntoIterator<Item = &'f Fact>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<(T, &'f Fact)> {
    facts.into_iter().find_map(|f| parse(&f.text).map(|v| (v, f)))
}

/// Topics from a list (one per line) or a sentence's list ("a, b and c").
fn split_topics(text: &str) -> Vec<String> {
    let items: Vec<&str> = if text.contains('\n') {
        text.lines().collect()
    } else {
        let mut items: Vec<&str> = text.split([',', ';']).collect();
        if let Some(last) = items.pop() {
            items.extend(last.split(" and "));
        }
        items
    };
    items
        .into_iter()
        .map(|t| crate::text::collapse_ws(t.trim().trim_end_matches('.')))
        .filter(|t| !t.is_empty() && t.len() <= 80)
        .collect()
}

fn same_length(a: &Length, b: &Length) -> bool {
    a.full_time_months == b.full_time_months
        && a.part_time_months == b.part_time_months
        && a.short == b.short
        && a.no_time_limit == b.no_time_limit
        && a.hours == b.hours
}
