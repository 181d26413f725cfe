//! The provider's region: where the 2014 report placed it, and the filter users choose by.

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
}
