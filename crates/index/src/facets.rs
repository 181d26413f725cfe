//! Facet dimensions: what a record contributes to each, and the counts a search returns.
//!
//! Every dimension lives under one facet field as `/<dimension>/<value>`. A record whose value
//! is unknown (`null`) counts under [`NOT_KNOWN`], as the 2014 report's "Not known" rows did.

use std::collections::BTreeMap;

use coursemap_records::{Record, Region, UkRegion};
use serde::Serialize;
use tantivy::schema::Facet;

use crate::filters::contract_name;

/// The facet value of a `null` record field.
pub const NOT_KNOWN: &str = "not_known";

/// A facet dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// FHEQ level (`3` to `8`), one value per level a course is offered at.
    Level,
    /// Delivery mode, spelled as in the contract (`distance`).
    Delivery,
    /// Programme, module, short course or fellowship.
    Kind,
    /// Provider, by seeds id (`lsbu`).
    Provider,
    /// The provider's regions: the report's (`south`) and the UK's (`london`), each where known.
    Region,
    /// The provider's nation (`scotland`).
    Nation,
    /// The academic year of entry (`2025/26`).
    EntryYear,
    /// Whether the course is recruiting, closed this year or discontinued.
    Status,
    /// `main` or `related`.
    Focus,
    /// The report's table 7 length category (`1y_ft_or_2_4y_pt`).
    Length,
    /// A seed search term the course matches, one value per term; counted, not filtered on.
    MatchedTerm,
    /// A final award as the records spell it (`MSc`), one value per award.
    Award,
}

impl Dimension {
    /// Every dimension, in declaration order.
    pub const ALL: [Dimension; 12] = [
        Dimension::Level,
        Dimension::Delivery,
        Dimension::Kind,
        Dimension::Provider,
        Dimension::Region,
        Dimension::Nation,
        Dimension::EntryYear,
        Dimension::Status,
        Dimension::Focus,
        Dimension::Length,
        Dimension::MatchedTerm,
        Dimension::Award,
    ];

    /// The first path segment of this dimension's facets.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Level => "level",
            Dimension::Delivery => "delivery",
            Dimension::Kind => "kind",
            Dimension::Provider => "provider",
            Dimension::Region => "region",
            Dimension::Nation => "nation",
            Dimension::EntryYear => "entry_year",
            Dimension::Status => "status",
            Dimension::Focus => "focus",
            Dimension::Length => "length",
            Dimension::MatchedTerm => "term",
            Dimension::Award => "award",
        }
    }

    /// Whether searches filter on this dimension, with a repeatable filter of the same name
    /// (see [`crate::Filters::apply`]); matched terms are counted but not filtered on.
    pub fn is_filter(self) -> bool {
        !matches!(self, Dimension::MatchedTerm)
    }

    /// The dimension whose [`Dimension::as_str`] is `name`.
    pub fn from_name(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == name)
    }

    /// The facet `/<dimension>`, under which all of its values lie.
    pub fn root(self) -> Facet {
        Facet::from_path([self.as_str()])
    }

    /// The facet `/<dimension>/<value>` a record with `value` is indexed under.
    pub fn facet(self, value: &str) -> Facet {
        Facet::from_path([self.as_str(), value])
    }

    /// The values `record` has in this dimension (at least one: [`NOT_KNOWN`] stands in).
    pub fn values(self, record: &Record) -> Vec<String> {
        let known = |v: Option<String>| vec![v.unwrap_or_else(|| NOT_KNOWN.to_owned())];
        let values = match self {
            Dimension::Level => match &record.fheq_levels {
                Some(levels) if !levels.is_empty() => levels.iter().map(u8::to_string).collect(),
                _ => vec![],
            },
            Dimension::Delivery => known(record.delivery.as_ref().map(contract_name)),
            Dimension::Kind => vec![contract_name(&record.kind)],
            Dimension::Provider => known(record.provider_id.clone()),
            // Both vocabularies in one dimension (their names never coincide), so one
            // `region` filter takes either.
            Dimension::Region => {
                [record.region.map(Region::as_str), record.uk_region.map(UkRegion::as_str)]
                    .into_iter()
                    .flatten()
                    .map(str::to_owned)
                    .collect()
            }
            Dimension::Nation => known(record.nation.map(|n| n.as_str().to_owned())),
            Dimension::EntryYear => known(record.entry_year.map(|y| y.to_string())),
            Dimension::Status => known(record.status.map(|s| s.as_str().to_owned())),
            Dimension::Focus => known(record.focus.as_ref().map(contract_name)),
            Dimension::Length => known(record.length.category.as_ref().map(contract_name)),
            Dimension::MatchedTerm => record.matched_terms.clone(),
            Dimension::Award => record.awards.clone().unwrap_or_default(),
        };
        if values.is_empty() { vec![NOT_KNOWN.to_owned()] } else { values }
    }
}

/// Facet counts under the current query: value -> number of matching records. For each
/// dimension the counts apply the query and every filter *except* that dimension's own, so
/// a user choosing `level=7` still sees how many level-6 courses there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Records per FHEQ level (`"7"`); a course at two levels counts under each.
    pub level: BTreeMap<String, u64>,
    /// Records per delivery mode (`distance`).
    pub delivery: BTreeMap<String, u64>,
    /// Records per kind (`programme`).
    pub kind: BTreeMap<String, u64>,
    /// Records per provider seeds id (`lsbu`).
    pub provider: BTreeMap<String, u64>,
    /// Records per region: the report's (`south`) and the UK's (`london`).
    pub region: BTreeMap<String, u64>,
    /// Records per nation (`england`).
    pub nation: BTreeMap<String, u64>,
    /// Records per academic year of entry (`2025/26`).
    pub entry_year: BTreeMap<String, u64>,
    /// Records per status (`recruiting`, `closed`, `discontinued`).
    pub status: BTreeMap<String, u64>,
    /// Records per focus (`main`, `related`).
    pub focus: BTreeMap<String, u64>,
    /// Records per length category (`1y_ft_only`).
    pub length: BTreeMap<String, u64>,
    /// Records per seed search term, spelled as in `seeds/terms.txt`.
    pub matched_terms: BTreeMap<String, u64>,
    /// Final awards as the records spell them (`MSc`, `PGCert`).
    pub award: BTreeMap<String, u64>,
}

impl Facets {
    /// The counts of one dimension.
    pub fn dimension(&self, dimension: Dimension) -> &BTreeMap<String, u64> {
        match dimension {
            Dimension::Level => &self.level,
            Dimension::Delivery => &self.delivery,
            Dimension::Kind => &self.kind,
            Dimension::Provider => &self.provider,
            Dimension::Region => &self.region,
            Dimension::Nation => &self.nation,
            Dimension::EntryYear => &self.entry_year,
            Dimension::Status => &self.status,
            Dimension::Focus => &self.focus,
            Dimension::Length => &self.length,
            Dimension::MatchedTerm => &self.matched_terms,
            Dimension::Award => &self.award,
        }
    }

    /// The counts of one dimension, to fill in.
    pub fn dimension_mut(&mut self, dimension: Dimension) -> &mut BTreeMap<String, u64> {
        match dimension {
            Dimension::Level => &mut self.level,
            Dimension::Delivery => &mut self.delivery,
            Dimension::Kind => &mut self.kind,
            Dimension::Provider => &mut self.provider,
            Dimension::Region => &mut self.region,
            Dimension::Nation => &mut self.nation,
            Dimension::EntryYear => &mut self.entry_year,
            Dimension::Status => &mut self.status,
            Dimension::Focus => &mut self.focus,
            Dimension::Length => &mut self.length,
            Dimension::MatchedTerm => &mut self.matched_terms,
            Dimension::Award => &mut self.award,
        }
    }
}
