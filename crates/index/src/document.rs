//! A record as a tantivy document, and the numbers derived for range filters.

use coursemap_records::{FeePer, Focus, Record, Student, to_json_line};
use tantivy::TantivyDocument;

use crate::facets::Dimension;
use crate::schema::{self, Fields};
use crate::vocabulary::{ConceptFinder, Vocabulary, concept_term};

/// Credits in a full-time year of study in England (the FHEQ credit framework).
const CREDITS_PER_YEAR: f64 = 120.0;

/// The cheapest home fee in GBP, per year of study.
///
/// Fees for home students (or for any student) in GBP are converted to a year-equivalent:
/// per year as stated; per course divided by the course's length in years when it is longer
/// than a year (full-time length, else part-time); per credit times 120 (a full-time year);
/// per module or session as stated (that is what a learner buys). Explicitly free courses and
/// funded fellowships (stipend) cost 0. `None` when nothing is known.
pub fn home_fee_gbp(record: &Record) -> Option<f64> {
    if record.cost.free || record.cost.stipend {
        return Some(0.0);
    }
    let months =
        record.length.full_time_months.or(record.length.part_time_months).map(|range| range.max);
    record
        .cost
        .fees
        .iter()
        .filter(|fee| fee.currency == "GBP" && matches!(fee.student, Student::Home | Student::Any))
        .filter(|fee| fee.amount.is_finite() && fee.amount >= 0.0)
        .map(|fee| match fee.per {
            FeePer::Year | FeePer::Module | FeePer::Session => fee.amount,
            FeePer::Credit => fee.amount * CREDITS_PER_YEAR,
            FeePer::Course => match months {
                Some(months) if months > 12 => fee.amount * 12.0 / f64::from(months),
                _ => fee.amount,
            },
        })
        .min_by(f64::total_cmp)
}

/// Added to the text score of a record whose focus is the report's subject ("main") or near
/// it ("related"); of the order of one field match, so a title match still beats focus alone.
const FOCUS_MAIN_LIFT: f64 = 2.0;
const FOCUS_RELATED_LIFT: f64 = 1.0;
/// Breaks ties in favour of provider-confirmed records; smaller than any real difference.
const VERIFIED_LIFT: f64 = 0.01;

/// What a record's own facts add to its text score: main focus above related, and a
/// provider-confirmed record above an unconfirmed one on a tie.
pub fn rank_lift(record: &Record) -> f64 {
    let focus = match record.focus {
        Some(Focus::Main) => FOCUS_MAIN_LIFT,
        Some(Focus::Related) => FOCUS_RELATED_LIFT,
        None => 0.0,
    };
    focus + if record.verified { VERIFIED_LIFT } else { 0.0 }
}

/// Builds the document for `record`.
pub fn to_document(
    fields: &Fields,
    vocabulary: &Vocabulary,
    concepts: &mut ConceptFinder,
    record: &Record,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &record.id);
    doc.add_text(fields.title, &record.title);
    doc.add_text(fields.title_words, &record.title);
    doc.add_text(fields.title_sort, record.title.to_lowercase());
    if let Some(provider) = &record.provider {
        doc.add_text(fields.provider, provider);
    }
    if let Some(provider_id) = &record.provider_id {
        doc.add_text(fields.provider, provider_id);
    }
    if let Some(description) = &record.description {
        doc.add_text(fields.description, description);
    }
    for topic in &record.topics {
        doc.add_text(fields.topics, topic);
        doc.add_text(fields.topics_words, topic);
    }
    if let Some(entry) = &record.entry.text {
        doc.add_text(fields.entry, entry);
    }
    for term in &record.matched_terms {
        doc.add_text(fields.topics, term);
    }
    let texts = std::iter::once(record.title.as_str())
        .chain(record.topics.iter().map(String::as_str))
        .chain(record.matched_terms.iter().map(String::as_str))
        .chain(record.description.as_deref())
        .chain(record.entry.text.as_deref());
    for group in concepts.concepts(texts) {
        doc.add_text(fields.concepts, concept_term(group));
    }
    for facet_words in &vocabulary.facets {
        if facet_words.as_filters.admits(record) {
            for name in facet_words.names.iter().filter(|name| !name.exact_case) {
                doc.add_text(fields.aliases, schema::alias_term(&name.stems));
            }
        }
    }
    doc.add_f64(fields.lift, rank_lift(record));
    for dimension in Dimension::ALL {
        for value in dimension.values(record) {
            doc.add_facet(fields.facets, dimension.facet(&value));
        }
    }
    if let Some(fee) = home_fee_gbp(record) {
        doc.add_f64(fields.home_fee_gbp, fee);
    }
    let months = [
        (record.length.full_time_months, fields.ft_months_min, fields.ft_months_max),
        (record.length.part_time_months, fields.pt_months_min, fields.pt_months_max),
    ];
    for (range, min_field, max_field) in months {
        if let Some(range) = range {
            // "Up to 4 years" has no minimum: 0 keeps "at least" filters from matching it.
            doc.add_u64(min_field, u64::from(range.min.unwrap_or(0)));
            doc.add_u64(max_field, u64::from(range.max));
        }
    }
    doc.add_text(fields.record, to_json_line(record));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use coursemap_records::{Cost, Fee, Length, MonthRange, StudyMode};

    fn record_with(cost: Cost, length: Length) -> Record {
        let line = r#"{"id":"x","url":"https://x.test/","title":"T","provider":null,"provider_id":null,"kind":"programme","awards":null,"fheq_levels":null,"delivery":null,"description":null,"focus":null,"fetched_at":null,"content_sha256":null}"#;
        let mut record: Record = serde_json::from_str(line).expect("minimal record");
        record.cost = cost;
        record.length = length;
        record
    }

    fn fee(amount: f64, per: FeePer, student: Student, currency: &str) -> Fee {
        Fee { amount, currency: currency.to_owned(), per, student, mode: Some(StudyMode::FullTime) }
    }

    #[test]
    fn home_fee_is_the_cheapest_year_equivalent() {
        let length =
            Length { full_time_months: Some(MonthRange::exactly(24)), ..Length::default() };
        let cost = Cost {
            fees: vec![
                fee(20_000.0, FeePer::Course, Student::Home, "GBP"),
                fee(15_000.0, FeePer::Year, Student::Home, "GBP"),
                fee(1_000.0, FeePer::Year, Student::International, "GBP"),
                fee(500.0, FeePer::Year, Student::Home, "EUR"),
            ],
            ..Cost::default()
        };
        assert_eq!(home_fee_gbp(&record_with(cost, length.clone())), Some(10_000.0));
        let per_credit =
            Cost { fees: vec![fee(50.0, FeePer::Credit, Student::Any, "GBP")], ..Cost::default() };
        assert_eq!(home_fee_gbp(&record_with(per_credit, length.clone())), Some(6_000.0));
        let free = Cost { free: true, ..Cost::default() };
        assert_eq!(home_fee_gbp(&record_with(free, length.clone())), Some(0.0));
        assert_eq!(home_fee_gbp(&record_with(Cost::default(), length)), None);
    }
}
