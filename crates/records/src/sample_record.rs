//! One realistic record for this crate's unit tests.

use crate::record::*;

/// An MSc at King's: level 7, on campus, £9,250 a year, improvement science.
pub(crate) fn msc(id: &str, title: &str) -> Record {
    Record {
        provider: Some("King's College London".to_owned()),
        provider_id: Some("kcl".to_owned()),
        awards: Some(vec!["MSc".to_owned()]),
        fheq_levels: Some(vec![7]),
        delivery: Some(Delivery::Campus),
        cost: Cost {
            fees: vec![Fee::gbp(9250.0, FeePer::Year, Student::Home, Some(StudyMode::FullTime))],
            ..Cost::default()
        },
        matched_terms: vec!["Improvement Science".to_owned()],
        focus: Some(Focus::Main),
        fetched_at: Some("2026-11-01T00:00:00Z".to_owned()),
        content_sha256: Some("aa".to_owned()),
        ..Record::new(id, format!("https://www.kcl.ac.uk/{id}"), title, Kind::Programme)
    }
}
