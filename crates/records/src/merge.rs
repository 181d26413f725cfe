//! Dedup and merge: one course described by several records becomes one record.
//!
//! The same course turns up more than once: reached by two URLs (a trailing-slash variant, a
//! listing page and the course page), or both in a provider's XCRI-CAP feed and on its web
//! page. Records are the same course when they share an `id`, or the same canonical title and
//! provider (`provider_id`, else the provider name).
//!
//! The merge rule, field by field: **a manual override always wins; otherwise the value from
//! the best source wins** (json-ld > microdata > xcri-cap > key-facts > text > no evidence), a
//! tie going to the record whose id sorts first. Unknown (`null`) values never win over known
//! ones. List-valued topics and matched terms are unions. The merged record keeps the first
//! id and URL (and with the URL its `archived` capture), lists the others in `merged_urls`, and each evidence entry taken from another
//! record names that record's page in `Evidence::url`, so a person can still check it.

use std::collections::{BTreeMap, BTreeSet};

use crate::Field;
use crate::record::{Evidence, Focus, Record, Source};

/// Merges records that describe the same course; returns one record per course, sorted by id.
///
/// Deterministic: the result does not depend on the order of `records`.
pub fn merge_duplicates(records: Vec<Record>) -> Vec<Record> {
    let mut records = records;
    // Sorting first makes every later choice (primary record, tie breaks) order-independent.
    records.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.url.cmp(&b.url)));
    let groups = duplicate_groups(&records);
    let mut slots: Vec<Option<Record>> = records.into_iter().map(Some).collect();
    let mut merged: Vec<Record> = groups
        .into_iter()
        .map(|members| {
            let group: Vec<Record> = members.iter().filter_map(|&i| slots[i].take()).collect();
            merge_group(group)
        })
        .collect();
    merged.sort_by(|a, b| a.id.cmp(&b.id));
    merged
}

/// The key under which two records with different ids are still the same course.
fn title_key(record: &Record) -> Option<String> {
    let title = canonical_title(&record.title);
    let provider = record
        .provider_id
        .clone()
        .or_else(|| record.provider.as_deref().map(canonical_title))
        .filter(|p| !p.is_empty())?;
    (!title.is_empty()).then(|| format!("{provider}\u{1f}{title}"))
}

/// Lower-cased words of a title, so "MSc  Improvement Science" and "MSc improvement science."
/// compare equal.
fn canonical_title(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups of indices (ascending) into `records` that are the same course: connected
/// components of "same id" or "same title key", via union-find.
fn duplicate_groups(records: &[Record]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..records.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        let keys = std::iter::once(format!("id\u{1f}{}", record.id))
            .chain(title_key(record).map(|k| format!("title\u{1f}{k}")));
        for key in keys {
            let j = *first_by_key.entry(key).or_insert(i);
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            // The smaller index becomes the root, so roots are each group's first record.
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..records.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().collect()
}

/// How good the source behind a field of a record is; smaller is better, as [`Source`]'s
/// order says, and a value without evidence comes after every source.
fn source_rank(record: &Record, field: Field) -> (bool, Option<Source>) {
    let source = record.evidence.get(&field).map(|e| e.source);
    (source.is_none(), source)
}

/// Index of the member whose value for `field` wins: known values only, best source, then
/// the first member (lowest id).
fn winner(group: &[Record], field: Field, known: impl Fn(&Record) -> bool) -> Option<usize> {
    (0..group.len())
        .filter(|&i| known(&group[i]))
        .min_by_key(|&i| (source_rank(&group[i], field), i))
}

fn merge_group(mut group: Vec<Record>) -> Record {
    if group.len() == 1 {
        return group.remove(0);
    }
    let mut merged = group[0].clone();
    let primary_url = merged.url.clone();
    let mut evidence: BTreeMap<Field, Evidence> = BTreeMap::new();

    // Copies field `$name` from the winning member, with that member's evidence (pointing at
    // its page when it is not the primary one).
    macro_rules! take {
        ($name:expr, $known:expr, |$from:ident| $assign:expr) => {{
            if let Some(i) = winner(&group, $name, $known) {
                let $from = &group[i];
                $assign;
                if let Some(found) = $from.evidence.get(&$name) {
                    let mut found = found.clone();
                    if found.url.is_none() && $from.url != primary_url {
                        found.url = Some($from.url.clone());
                    }
                    evidence.insert($name, found);
                }
            }
        }};
    }

    take!(Field::Title, |r: &Record| !r.title.trim().is_empty(), |from| merged.title =
        from.title.clone());
    take!(Field::Provider, |r: &Record| r.provider.is_some(), |from| merged.provider =
        from.provider.clone());
    take!(Field::ProviderId, |r: &Record| r.provider_id.is_some(), |from| merged.provider_id =
        from.provider_id.clone());
    take!(Field::Kind, |_: &Record| true, |from| merged.kind = from.kind);
    take!(Field::Awards, |r: &Record| r.awards.is_some(), |from| merged.awards =
        from.awards.clone());
    take!(Field::FheqLevels, |r: &Record| r.fheq_levels.is_some(), |from| {
        merged.fheq_levels = from.fheq_levels.clone();
        merged.postgraduate_unspecified = from.postgraduate_unspecified;
    });
    take!(
        Field::Entry,
        |r: &Record| r.entry.requires.is_some() || r.entry.academic.is_some(),
        |from| { merged.entry = from.entry.clone() }
    );
    take!(Field::Length, |r: &Record| r.length.category.is_some(), |from| merged.length =
        from.length.clone());
    take!(Field::Delivery, |r: &Record| r.delivery.is_some(), |from| merged.delivery =
        from.delivery);
    take!(
        Field::Cost,
        |r: &Record| !r.cost.fees.is_empty() || r.cost.free || r.cost.stipend,
        |from| { merged.cost = from.cost.clone() }
    );
    take!(Field::Description, |r: &Record| r.description.is_some(), |from| merged.description =
        from.description.clone());
    take!(Field::Region, |r: &Record| r.region.is_some(), |from| merged.region = from.region);
    take!(Field::Nation, |r: &Record| r.nation.is_some(), |from| merged.nation = from.nation);
    take!(Field::UkRegion, |r: &Record| r.uk_region.is_some(), |from| merged.uk_region =
        from.uk_region);
    take!(Field::EntryYear, |r: &Record| r.entry_year.is_some(), |from| merged.entry_year =
        from.entry_year);
    take!(Field::Status, |r: &Record| r.status.is_some(), |from| merged.status = from.status);

    // Evidence for fields no rule above covers (topics, matched terms, ...) is kept from the
    // best member that has it.
    for member in &group {
        for (field, found) in &member.evidence {
            if evidence.contains_key(field) {
                continue;
            }
            if winner(&group, *field, |r| r.evidence.contains_key(field))
                .is_some_and(|i| std::ptr::eq(&group[i], member))
            {
                let mut found = found.clone();
                if found.url.is_none() && member.url != primary_url {
                    found.url = Some(member.url.clone());
                }
                evidence.insert(*field, found);
            }
        }
    }
    merged.evidence = evidence;

    // Sets: every member's topics and matched terms belong to the course.
    let mut topics: Vec<String> = Vec::new();
    for topic in group.iter().flat_map(|r| &r.topics) {
        if !topics.iter().any(|t| t.eq_ignore_ascii_case(topic)) {
            topics.push(topic.clone());
        }
    }
    merged.topics = topics;
    let terms: BTreeSet<&String> = group.iter().flat_map(|r| &r.matched_terms).collect();
    merged.matched_terms = terms.into_iter().cloned().collect();
    // Focus: the strongest claim wins (main over related over none); it is derived from the
    // title and lead sentence, so a member that shows it as the subject is right about it.
    merged.focus = group.iter().filter_map(|r| r.focus).min_by_key(|f| match f {
        Focus::Main => 0,
        Focus::Related => 1,
    });
    merged.verified = group.iter().any(|r| r.verified);
    // `archived` points at the capture of the record's own page, so it goes with the primary
    // URL the merged record keeps: `merged` is the primary member, whose pointer it already
    // has. Taking another member's would point the record at a page that is not its `url`.
    merged.fetched_at = group.iter().filter_map(|r| r.fetched_at.clone()).max();

    let mut urls: BTreeSet<String> = group
        .iter()
        .flat_map(|r| std::iter::once(r.url.clone()).chain(r.merged_urls.iter().cloned()))
        .collect();
    urls.remove(&primary_url);
    merged.merged_urls = urls.into_iter().collect();
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Archived;
    use crate::record::*;

    fn record(id: &str, url: &str, title: &str) -> Record {
        Record {
            provider: Some("University of West London".to_owned()),
            provider_id: Some("uwl".to_owned()),
            ..Record::new(id, url, title, Kind::Programme)
        }
    }

    fn evidence(source: Source, text: &str) -> Evidence {
        Evidence { source, text: text.to_owned(), url: None }
    }

    fn fee(amount: f64) -> Cost {
        Cost {
            fees: vec![Fee::gbp(amount, FeePer::Year, Student::Home, Some(StudyMode::FullTime))],
            ..Cost::default()
        }
    }

    fn archived(file: &str) -> Archived {
        Archived {
            warc_file: file.to_owned(),
            warc_offset: 1234,
            warc_record_id: format!("<urn:uuid:{file}>"),
        }
    }

    #[test]
    fn archived_capture_goes_with_the_primary_url() {
        let mut page = record("uwl-b", "https://www.uwl.ac.uk/course/msc-is", "MSc IS");
        page.archived = Some(archived("page.warc.gz"));
        let mut feed = record("uwl-a", "https://www.uwl.ac.uk/xcri.xml", "MSc IS");
        feed.archived = Some(archived("feed.warc.gz"));
        let merged = merge_duplicates(vec![page.clone(), feed]);
        assert_eq!(merged[0].url, "https://www.uwl.ac.uk/xcri.xml");
        assert_eq!(merged[0].archived, Some(archived("feed.warc.gz")));
        // A primary without a capture keeps none rather than another page's.
        let bare = record("uwl-a", "https://www.uwl.ac.uk/xcri.xml", "MSc IS");
        let merged = merge_duplicates(vec![page, bare]);
        assert_eq!(merged[0].archived, None);
    }

    #[test]
    fn feed_and_page_merge_best_source_first_and_keep_both_urls() {
        let mut page =
            record("uwl-b", "https://www.uwl.ac.uk/course/msc-is", "MSc Improvement Science");
        page.cost = fee(9000.0);
        page.evidence.insert(Field::Cost, evidence(Source::Text, "about £9,000"));
        page.delivery = Some(Delivery::Blended);
        page.evidence.insert(Field::Delivery, evidence(Source::KeyFacts, "Blended"));
        page.topics = vec!["measurement".into()];
        page.matched_terms = vec!["Improvement Science".into()];

        let mut feed =
            record("uwl-a", "https://www.uwl.ac.uk/xcri.xml", "MSc improvement science.");
        feed.cost = fee(9250.0);
        feed.evidence.insert(Field::Cost, evidence(Source::XcriCap, "9250 GBP"));
        feed.fheq_levels = Some(vec![7]);
        feed.evidence.insert(Field::FheqLevels, evidence(Source::XcriCap, "level 7"));
        feed.topics = vec!["Measurement".into(), "leadership".into()];
        feed.matched_terms = vec!["Quality Improvement Fellow".into()];

        let merged = merge_duplicates(vec![page.clone(), feed.clone()]);
        assert_eq!(merged.len(), 1, "{merged:#?}");
        let m = &merged[0];
        // Primary is the lowest id; the other page is listed.
        assert_eq!(m.id, "uwl-a");
        assert_eq!(m.url, "https://www.uwl.ac.uk/xcri.xml");
        assert_eq!(m.merged_urls, vec!["https://www.uwl.ac.uk/course/msc-is".to_owned()]);
        // xcri-cap beats text for cost; the feed's fee wins.
        assert_eq!(m.cost.fees[0].amount, 9250.0);
        assert_eq!(m.evidence[&Field::Cost].source, Source::XcriCap);
        assert_eq!(m.evidence[&Field::Cost].url, None);
        // Only the page knows the delivery: taken, and its evidence names the page.
        assert_eq!(m.delivery, Some(Delivery::Blended));
        assert_eq!(
            m.evidence[&Field::Delivery].url.as_deref(),
            Some("https://www.uwl.ac.uk/course/msc-is")
        );
        assert_eq!(m.fheq_levels, Some(vec![7]));
        assert_eq!(m.topics, vec!["Measurement".to_owned(), "leadership".to_owned()]);
        assert_eq!(
            m.matched_terms,
            vec!["Improvement Science".to_owned(), "Quality Improvement Fellow".to_owned()]
        );
        // Order of input does not matter.
        assert_eq!(merge_duplicates(vec![feed, page]), merged);
    }

    #[test]
    fn manual_override_beats_json_ld() {
        let mut a = record("x-1", "https://www.uwl.ac.uk/a", "MSc Nursing");
        a.delivery = Some(Delivery::Campus);
        a.evidence.insert(Field::Delivery, evidence(Source::JsonLd, "OnCampus"));
        let mut b = record("x-1", "https://www.uwl.ac.uk/a", "MSc Nursing");
        b.delivery = Some(Delivery::Distance);
        b.evidence.insert(Field::Delivery, evidence(Source::Manual, "provider says distance"));
        let merged = merge_duplicates(vec![a, b]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].delivery, Some(Delivery::Distance));
        assert_eq!(merged[0].evidence[&Field::Delivery].source, Source::Manual);
        // Same URL twice is not a "merged" URL.
        assert!(merged[0].merged_urls.is_empty());
    }

    #[test]
    fn unknown_never_beats_known_and_distinct_courses_stay_apart() {
        let mut a = record("p-1", "https://www.uwl.ac.uk/a", "MSc Nursing");
        a.evidence.insert(Field::Delivery, evidence(Source::JsonLd, "nothing useful"));
        let mut b = record("p-2", "https://www.uwl.ac.uk/b", "MSc Nursing");
        b.delivery = Some(Delivery::Campus);
        let mut c = record("p-3", "https://www.lsbu.ac.uk/c", "MSc Nursing");
        c.provider_id = Some("lsbu".into());
        let merged = merge_duplicates(vec![c, b, a]);
        let ids: Vec<&str> = merged.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, vec!["p-1", "p-3"]);
        assert_eq!(merged[0].delivery, Some(Delivery::Campus));
        assert_eq!(merged[0].merged_urls, vec!["https://www.uwl.ac.uk/b".to_owned()]);
    }

    #[test]
    fn chains_of_duplicates_collapse_transitively() {
        // a~b by title, b~c by id: one course.
        let a = record("q-1", "https://www.uwl.ac.uk/1", "PGCert Leadership");
        let mut b = record("q-2", "https://www.uwl.ac.uk/2", "PGCert  leadership");
        b.verified = true;
        let mut c = record("q-2", "https://www.uwl.ac.uk/3", "Something else entirely");
        c.fetched_at = Some("2026-11-22T10:00:00Z".into());
        let merged = merge_duplicates(vec![a, b, c]);
        assert_eq!(merged.len(), 1);
        assert!(merged[0].verified);
        assert_eq!(merged[0].fetched_at.as_deref(), Some("2026-11-22T10:00:00Z"));
        assert_eq!(merged[0].merged_urls.len(), 2);
    }
}
