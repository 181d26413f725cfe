//! What the tables need to know about providers that records do not carry: the seeds' name,
//! region and fellowship scope.

use std::collections::BTreeMap;

use coursemap_records::{Record, Region, UkRegion};
use coursemap_seeds::{Scope, Seeds};

use crate::labels::NOT_KNOWN;

/// Whether a fellowship is open nationally or to one area (the report's fellowship split).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FellowshipScope {
    /// Open across the country (the seeds' `scope = "national"`).
    National,
    /// Open to one area only (the seeds' `scope = "local"`).
    Local,
}

impl FellowshipScope {
    /// Plain words ("National", "Local").
    pub fn label(self) -> &'static str {
        match self {
            FellowshipScope::National => "National",
            FellowshipScope::Local => "Local",
        }
    }
}

/// One provider's facts for the tables.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderInfo {
    /// The provider's name as the seeds spell it: the one name the tables use.
    pub name: String,
    /// The provider's report region (London's three, national, online), where it has one.
    pub region: Option<Region>,
    /// Where in the UK the provider is, where it is in one place.
    pub uk_region: Option<UkRegion>,
    /// The scope of its fellowships; `None` for providers that offer none.
    pub scope: Option<FellowshipScope>,
}

/// Provider facts by provider id.
#[derive(Debug, Clone, Default)]
pub struct ProviderDirectory {
    providers: BTreeMap<String, ProviderInfo>,
}

impl ProviderDirectory {
    /// Takes every provider's name, region and scope from the seeds.
    pub fn from_seeds(seeds: &Seeds) -> Self {
        let mut directory = ProviderDirectory::default();
        for provider in &seeds.providers {
            directory.insert(
                &provider.id,
                ProviderInfo {
                    name: provider.name.clone(),
                    region: provider.region,
                    uk_region: provider.uk_region,
                    scope: provider.scope.as_ref().map(|scope| match scope {
                        Scope::National => FellowshipScope::National,
                        Scope::Local => FellowshipScope::Local,
                    }),
                },
            );
        }
        directory
    }

    /// Adds or replaces one provider.
    pub fn insert(&mut self, id: &str, info: ProviderInfo) {
        self.providers.insert(id.to_owned(), info);
    }

    /// The provider's facts, by id.
    pub fn get(&self, id: &str) -> Option<&ProviderInfo> {
        self.providers.get(id)
    }

    fn of(&self, record: &Record) -> Option<&ProviderInfo> {
        record.provider_id.as_deref().and_then(|id| self.get(id))
    }

    /// A stable key for the record's provider: its id, else its name, else "Not known".
    pub fn key_of(&self, record: &Record) -> String {
        record
            .provider_id
            .clone()
            .or_else(|| record.provider.clone())
            .unwrap_or_else(|| NOT_KNOWN.to_owned())
    }

    /// The provider's name: from the seeds, else as the record has it.
    pub fn name_of(&self, record: &Record) -> String {
        self.of(record)
            .map(|info| info.name.clone())
            .or_else(|| record.provider.clone())
            .or_else(|| record.provider_id.clone())
            .unwrap_or_else(|| NOT_KNOWN.to_owned())
    }

    /// The provider's region: from the seeds, else the record's own `region` extension.
    pub fn region_of(&self, record: &Record) -> Option<Region> {
        self.of(record).and_then(|info| info.region).or(record.region)
    }

    /// Where in the UK the record's provider is: from the seeds, else the record's own
    /// `uk_region` extension.
    pub fn uk_region_of(&self, record: &Record) -> Option<UkRegion> {
        self.of(record).and_then(|info| info.uk_region).or(record.uk_region)
    }

    /// The fellowship scope of the record's provider.
    pub fn scope_of(&self, record: &Record) -> Option<FellowshipScope> {
        self.of(record).and_then(|info| info.scope)
    }
}
