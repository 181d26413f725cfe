//! The JSON shape of one search hit: the fields a result card shows, not the whole record
//! (`/api/courses/{id}` has that).

use coursemap_index::Hit;
use coursemap_records::{
    Cost, Delivery, Entry, EntryYear, Focus, Kind, Length, Nation, Region, Status, UkRegion,
};
use serde::Serialize;

/// One result, borrowed from the index's hit.
#[derive(Debug, Serialize)]
pub struct HitView<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub title: &'a str,
    pub provider: Option<&'a str>,
    pub provider_id: Option<&'a str>,
    pub kind: Kind,
    pub levels: Option<&'a [u8]>,
    pub postgraduate_unspecified: bool,
    pub delivery: Option<Delivery>,
    pub length: &'a Length,
    pub cost: &'a Cost,
    pub entry: &'a Entry,
    pub focus: Option<Focus>,
    pub region: Option<Region>,
    pub uk_region: Option<UkRegion>,
    pub nation: Option<Nation>,
    pub entry_year: Option<EntryYear>,
    pub status: Option<Status>,
    pub verified: bool,
    pub score: f32,
    /// The index's snippet: HTML-escaped text with the matched words in `<b>`.
    pub snippet_html: &'a str,
    pub snippet_text: &'a str,
}

impl<'a> From<&'a Hit> for HitView<'a> {
    fn from(hit: &'a Hit) -> Self {
        let r = &hit.record;
        HitView {
            id: &r.id,
            url: &r.url,
            title: &r.title,
            provider: r.provider.as_deref(),
            provider_id: r.provider_id.as_deref(),
            kind: r.kind,
            levels: r.fheq_levels.as_deref(),
            postgraduate_unspecified: r.postgraduate_unspecified,
            delivery: r.delivery,
            length: &r.length,
            cost: &r.cost,
            entry: &r.entry,
            focus: r.focus,
            region: r.region,
            uk_region: r.uk_region,
            nation: r.nation,
            entry_year: r.entry_year,
            status: r.status,
            verified: r.verified,
            score: hit.score,
            snippet_html: &hit.snippet_html,
            snippet_text: &hit.snippet_text,
        }
    }
}
