//! Cutting the tables: only records of given kinds, providers, regions, nations or focus.

use coursemap_records::{Focus, Kind, Nation, Place, Record};

use crate::directory::ProviderDirectory;

/// Which records the tables count. Empty lists admit everything; within a list any value
/// matches, across lists all must.
#[derive(Debug, Clone, Default)]
pub struct TableFilter {
    kinds: Vec<Kind>,
    providers: Vec<String>,
    regions: Vec<Place>,
    nations: Vec<Nation>,
    focuses: Vec<Focus>,
}

impl TableFilter {
    /// A filter that admits every record.
    pub fn new() -> Self {
        TableFilter::default()
    }

    /// Admits records of this kind (repeatable).
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kinds.push(kind);
        self
    }

    /// Admits records of this provider, by seeds id or by name (repeatable).
    pub fn provider(mut self, provider: impl Into<String>) -> Self {
        self.providers.push(provider.into());
        self
    }

    /// Admits records whose provider is in this region, the report's or the UK's
    /// (repeatable).
    pub fn region(mut self, region: impl Into<Place>) -> Self {
        self.regions.push(region.into());
        self
    }

    /// Admits records whose provider is in this nation (repeatable).
    pub fn nation(mut self, nation: Nation) -> Self {
        self.nations.push(nation);
        self
    }

    /// Admits records with this focus (repeatable).
    pub fn focus(mut self, focus: Focus) -> Self {
        self.focuses.push(focus);
        self
    }

    /// True when no condition is set.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.providers.is_empty()
            && self.regions.is_empty()
            && self.nations.is_empty()
            && self.focuses.is_empty()
    }

    /// Whether `record` passes every condition.
    pub fn admits(&self, record: &Record, directory: &ProviderDirectory) -> bool {
        let kind_ok = self.kinds.is_empty() || self.kinds.contains(&record.kind);
        let provider_ok = self.providers.is_empty()
            || self.providers.iter().any(|wanted| {
                record.provider_id.as_deref() == Some(wanted.as_str())
                    || record.provider.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(wanted))
            });
        let region_ok = self.regions.is_empty() || {
            let (region, uk_region) = (directory.region_of(record), directory.uk_region_of(record));
            self.regions.iter().any(|place| place.contains(region, uk_region))
        };
        let nation_ok = self.nations.is_empty()
            || directory
                .uk_region_of(record)
                .is_some_and(|uk_region| self.nations.contains(&uk_region.nation()));
        let focus_ok = self.focuses.is_empty()
            || record.focus.is_some_and(|focus| self.focuses.contains(&focus));
        kind_ok && provider_ok && region_ok && nation_ok && focus_ok
    }
}
