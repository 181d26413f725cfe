//! Where a provider is. Two vocabularies, because the 2014 report's regions are not the
//! country's: [`Region`] is the report's (London's three HEI regions, national, online), kept
//! so a refreshed mapping stays comparable with 2014; [`UkRegion`] is England's nine regions
//! and the three other nations, the places a national catalogue is read by, each in one
//! [`Nation`]. The names of the two never coincide, so one `region` filter takes either.

crate::vocabulary!(
    /// The report's regions: London's three HEI regions, plus national and online providers.
    Region {
        /// London's south region, one of the report's three HEI regions.
        South => "south",
        /// London's north-west region.
        NorthWest => "north_west",
        /// London's north-east and north-central region.
        NorthEastNorthCentral => "north_east_north_central",
        /// A provider for the whole country: the Open University, NIHR, the Health Foundation.
        National => "national",
        /// A provider that teaches online only, wherever the learner is: IHI, BMJ Learning.
        Online => "online",
    }
);

impl Region {
    /// The report's own words for the region (its table of HEIs by region).
    pub fn label(self) -> &'static str {
        match self {
            Region::South => "South",
            Region::NorthWest => "North west",
            Region::NorthEastNorthCentral => "North east and north central",
            Region::National => "National",
            Region::Online => "Online",
        }
    }
}

crate::vocabulary!(
    /// The four nations of the UK.
    Nation {
        /// England.
        England => "england",
        /// Scotland.
        Scotland => "scotland",
        /// Wales.
        Wales => "wales",
        /// Northern Ireland.
        NorthernIreland => "northern_ireland",
    }
);

impl Nation {
    /// The nation's name.
    pub fn label(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Scotland => "Scotland",
            Nation::Wales => "Wales",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }
}

crate::vocabulary!(
    /// England's nine regions (the ONS's, as ITL1 names them) and the three other nations, which
    /// are their own region: the places a national catalogue is tabled and filtered by.
    UkRegion {
        /// North East England.
        NorthEastEngland => "north_east_england",
        /// North West England.
        NorthWestEngland => "north_west_england",
        /// Yorkshire and the Humber.
        YorkshireAndTheHumber => "yorkshire_and_the_humber",
        /// The East Midlands.
        EastMidlands => "east_midlands",
        /// The West Midlands.
        WestMidlands => "west_midlands",
        /// The East of England.
        EastOfEngland => "east_of_england",
        /// London (the report's three London regions divide it further).
        London => "london",
        /// South East England.
        SouthEastEngland => "south_east_england",
        /// South West England.
        SouthWestEngland => "south_west_england",
        /// Scotland.
        Scotland => "scotland",
        /// Wales.
        Wales => "wales",
        /// Northern Ireland.
        NorthernIreland => "northern_ireland",
    }
);

impl UkRegion {
    /// The region's name.
    pub fn label(self) -> &'static str {
        match self {
            UkRegion::NorthEastEngland => "North East England",
            UkRegion::NorthWestEngland => "North West England",
            UkRegion::YorkshireAndTheHumber => "Yorkshire and the Humber",
            UkRegion::EastMidlands => "East Midlands",
            UkRegion::WestMidlands => "West Midlands",
            UkRegion::EastOfEngland => "East of England",
            UkRegion::London => "London",
            UkRegion::SouthEastEngland => "South East England",
            UkRegion::SouthWestEngland => "South West England",
            UkRegion::Scotland => "Scotland",
            UkRegion::Wales => "Wales",
            UkRegion::NorthernIreland => "Northern Ireland",
        }
    }

    /// The nation the region is in.
    pub fn nation(self) -> Nation {
        match self {
            UkRegion::Scotland => Nation::Scotland,
            UkRegion::Wales => Nation::Wales,
            UkRegion::NorthernIreland => Nation::NorthernIreland,
            _ => Nation::England,
        }
    }
}

impl Region {
    /// The country's region a report region lies in: London for London's three; none for
    /// national and online providers, which are everywhere.
    pub fn uk_region(self) -> Option<UkRegion> {
        match self {
            Region::South | Region::NorthWest | Region::NorthEastNorthCentral => {
                Some(UkRegion::London)
            }
            Region::National | Region::Online => None,
        }
    }
}

/// A region a filter names: one of the report's or one of the UK's. Their names never
/// coincide, so one `region` filter (`--region south`, `--region london`) takes either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// One of the 2014 report's regions.
    Report(Region),
    /// One of England's regions or the other nations.
    Uk(UkRegion),
}

impl Place {
    /// The name, as in seeds, records and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Report(region) => region.as_str(),
            Place::Uk(region) => region.as_str(),
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Place::Report(region) => region.label(),
            Place::Uk(region) => region.label(),
        }
    }

    /// Whether a provider with this report region and UK region is in the place.
    pub fn contains(self, region: Option<Region>, uk_region: Option<UkRegion>) -> bool {
        match self {
            Place::Report(wanted) => region == Some(wanted),
            Place::Uk(wanted) => uk_region == Some(wanted),
        }
    }
}

impl From<Region> for Place {
    fn from(region: Region) -> Place {
        Place::Report(region)
    }
}

impl From<UkRegion> for Place {
    fn from(region: UkRegion) -> Place {
        Place::Uk(region)
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Place {
    type Err = crate::UnknownName;

    fn from_str(name: &str) -> Result<Place, Self::Err> {
        if let Ok(region) = name.parse::<Region>() {
            return Ok(Place::Report(region));
        }
        name.parse::<UkRegion>().map(Place::Uk).map_err(|_| {
            let names = Region::ALL.iter().map(|r| r.as_str());
            let names = names.chain(UkRegion::ALL.iter().map(|r| r.as_str()));
            crate::UnknownName {
                what: "region",
                name: name.to_owned(),
                expected: names.collect::<Vec<_>>().join(", "),
            }
        })
    }
}

impl serde::Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_text_and_json() {
        for region in Region::ALL {
            assert_eq!(region.as_str().parse::<Region>(), Ok(*region));
            assert_eq!(region.to_string(), region.as_str());
            let json = serde_json::to_string(region).expect("serialises");
            assert_eq!(json, format!("\"{}\"", region.as_str()));
            assert_eq!(serde_json::from_str::<Region>(&json).expect("reads back"), *region);
        }
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones() {
        let err = "sout".parse::<Region>().expect_err("not a region");
        assert_eq!(
            err.to_string(),
            "unknown Region `sout` (expected one of: south, north_west, north_east_north_central, national, online)"
        );
        assert!(serde_json::from_str::<Region>("\"sout\"").is_err());
    }

    /// One `region` filter takes either vocabulary's names, so none may be in both.
    #[test]
    fn no_name_is_both_a_report_region_and_a_uk_region() {
        for region in Region::ALL {
            assert!(region.as_str().parse::<UkRegion>().is_err(), "{region}");
        }
    }

    #[test]
    fn every_uk_region_is_in_its_nation_and_london_holds_the_report_regions() {
        let english = UkRegion::ALL.iter().filter(|r| r.nation() == Nation::England).count();
        assert_eq!(english, 9);
        for nation in [Nation::Scotland, Nation::Wales, Nation::NorthernIreland] {
            let own: Vec<_> = UkRegion::ALL.iter().filter(|r| r.nation() == nation).collect();
            assert_eq!(own.len(), 1, "{nation}");
            assert_eq!(own[0].as_str(), nation.as_str());
        }
        assert_eq!(Region::South.uk_region(), Some(UkRegion::London));
        assert_eq!(Region::Online.uk_region(), None);
    }

    #[test]
    fn a_place_is_either_vocabulary_by_its_name() {
        assert_eq!("south".parse::<Place>(), Ok(Place::Report(Region::South)));
        assert_eq!("london".parse::<Place>(), Ok(Place::Uk(UkRegion::London)));
        let err = "mars".parse::<Place>().expect_err("no such region");
        assert!(err.to_string().contains("south, north_west"), "{err}");
        assert!(err.to_string().contains("london"), "{err}");
        let london = Place::Uk(UkRegion::London);
        assert!(london.contains(Some(Region::South), Some(UkRegion::London)));
        assert!(!Place::Report(Region::NorthWest).contains(Some(Region::South), None));
    }
}
