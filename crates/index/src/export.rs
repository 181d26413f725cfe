//! Export for search engines beyond one machine.
//!
//! [`write_ndjson`] writes one flat [`SearchDocument`] per line: a string `id` of
//! `[A-Za-z0-9_-]`, plain scalars and arrays, which Meilisearch and Typesense import as is.
//! [`write_es_bulk`] writes the Elasticsearch/OpenSearch `_bulk` form: an `index` action with
//! `_id` before each document, so re-exporting an edited catalogue updates documents in place.
//! `opensearch-mapping.json` in this crate is the matching index mapping.

use std::io::Write;

use coursemap_records::{Nation, Record, Region, UkRegion};
use serde::{Deserialize, Serialize};

use crate::document::home_fee_gbp;
use crate::facets::{Dimension, NOT_KNOWN};
use crate::filters::contract_name;
use crate::{Error, Result};

/// A record flattened for search engines: no nested objects, `null` for unknown scalars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDocument {
    /// The record's id, the engine's document id (`_id` in the `_bulk` form).
    pub id: String,
    /// The record's canonical URL.
    pub url: String,
    /// The course's title.
    pub title: String,
    /// The provider's name; `None` when not known.
    pub provider: Option<String>,
    /// The provider's seeds id; `None` outside the seeded providers.
    pub provider_id: Option<String>,
    /// The provider's report region; `None` outside the seeded providers and for providers
    /// the report's regions do not place.
    pub region: Option<Region>,
    /// Where in the UK the provider is; `None` for UK-wide and online providers.
    #[serde(default)]
    pub uk_region: Option<UkRegion>,
    /// The provider's nation; `None` for UK-wide and online providers.
    #[serde(default)]
    pub nation: Option<Nation>,
    /// The record's kind as the contract spells it (`short_course`).
    pub kind: String,
    /// The final awards; empty when there is none or it is not known.
    pub awards: Vec<String>,
    /// The FHEQ levels (the record's `fheq_levels`); empty when not known.
    pub levels: Vec<u8>,
    /// Only "postgraduate" is known of the level.
    pub postgraduate_unspecified: bool,
    /// The delivery as the contract spells it (`e_learning`); `None` when not known.
    pub delivery: Option<String>,
    /// `main` or `related`; `None` when the record matches no search term.
    pub focus: Option<String>,
    /// The length category as the contract spells it (`1y_ft_only`); `None` when not known.
    pub length_category: Option<String>,
    /// Cheapest home fee in GBP per year of study (see the index's `home_fee_gbp`).
    pub home_fee_gbp: Option<f64>,
    /// Shortest full-time length in months; `None` without a full-time route or a stated
    /// minimum.
    pub full_time_months_min: Option<u32>,
    /// Longest full-time length in months; `None` without a full-time route.
    pub full_time_months_max: Option<u32>,
    /// Shortest part-time length in months; `None` without a part-time route or a stated
    /// minimum.
    pub part_time_months_min: Option<u32>,
    /// Longest part-time length in months; `None` without a part-time route.
    pub part_time_months_max: Option<u32>,
    /// Explicitly free of charge to the learner.
    pub free: bool,
    /// The learner is paid: a stipend, a living bursary or salary.
    pub stipend: bool,
    /// The topics the page lists, in page order.
    pub topics: Vec<String>,
    /// The seed search terms the page matches, spelled as in `seeds/terms.txt`.
    pub matched_terms: Vec<String>,
    /// The plain-text description; `None` when there is none.
    pub description: Option<String>,
    /// The entry requirements in the page's words (the record's `entry.text`).
    pub entry_text: Option<String>,
    /// Confirmed in the verification round trip.
    pub verified: bool,
    /// When the page was fetched (RFC 3339, UTC); `None` for records not made from a crawl.
    pub fetched_at: Option<String>,
}

impl SearchDocument {
    /// Flattens `record`: nested values become prefixed scalars, unknown lists empty ones.
    pub fn from_record(record: &Record) -> SearchDocument {
        let length = &record.length;
        SearchDocument {
            id: record.id.clone(),
            url: record.url.clone(),
            title: record.title.clone(),
            provider: record.provider.clone(),
            provider_id: record.provider_id.clone(),
            region: record.region,
            uk_region: record.uk_region,
            nation: record.nation,
            kind: contract_name(&record.kind),
            awards: record.awards.clone().unwrap_or_default(),
            levels: record.fheq_levels.clone().unwrap_or_default(),
            postgraduate_unspecified: record.postgraduate_unspecified,
            delivery: record.delivery.as_ref().map(contract_name),
            focus: record.focus.as_ref().map(contract_name),
            length_category: Dimension::Length
                .values(record)
                .into_iter()
                .next()
                .filter(|v| v != NOT_KNOWN),
            home_fee_gbp: home_fee_gbp(record),
            full_time_months_min: length.full_time_months.and_then(|r| r.min),
            full_time_months_max: length.full_time_months.map(|r| r.max),
            part_time_months_min: length.part_time_months.and_then(|r| r.min),
            part_time_months_max: length.part_time_months.map(|r| r.max),
            free: record.cost.free,
            stipend: record.cost.stipend,
            topics: record.topics.clone(),
            matched_terms: record.matched_terms.clone(),
            description: record.description.clone(),
            entry_text: record.entry.text.clone(),
            verified: record.verified,
            fetched_at: record.fetched_at.clone(),
        }
    }
}

fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|err| Error::Export(err.into()))?;
    out.write_all(b"\n").map_err(Error::Export)
}

/// One [`SearchDocument`] per line.
pub fn write_ndjson<W: Write>(mut out: W, records: &[Record]) -> Result<()> {
    for record in records {
        write_line(&mut out, &SearchDocument::from_record(record))?;
    }
    out.flush().map_err(Error::Export)
}

/// The `_bulk` body for `index_name`: `{"index":{"_index":..,"_id":..}}` then the document.
pub fn write_es_bulk<W: Write>(mut out: W, index_name: &str, records: &[Record]) -> Result<()> {
    #[derive(Serialize)]
    struct Action<'a> {
        index: Target<'a>,
    }
    #[derive(Serialize)]
    struct Target<'a> {
        #[serde(rename = "_index")]
        index: &'a str,
        #[serde(rename = "_id")]
        id: &'a str,
    }
    for record in records {
        write_line(&mut out, &Action { index: Target { index: index_name, id: &record.id } })?;
        write_line(&mut out, &SearchDocument::from_record(record))?;
    }
    out.flush().map_err(Error::Export)
}
