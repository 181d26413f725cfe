//! Where a UK postcode is: England's region, and in London the report's London region, from
//! the rules in `postcode_regions.txt` (data, so a boundary is corrected there, not in code).

use coursemap_records::{Region, UkRegion};

/// The rules, compiled in: the generator runs anywhere the binary does.
const RULES: &str = include_str!("postcode_regions.txt");

/// The outward code of a postcode: its area letters and its district number (`SW1A 0AA` is
/// area `SW`, district 1; `EC1V` is `EC`, 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outward {
    /// The one or two area letters, upper case.
    pub area: String,
    /// The district number.
    pub district: u32,
}

/// The last UK postcode in `text` (an address ends with it), as its outward code; `None` when
/// there is none. Spaces inside the postcode may be missing or doubled, case does not matter.
pub fn last_postcode(text: &str) -> Option<Outward> {
    let upper = text.to_ascii_uppercase();
    let words: Vec<&str> =
        upper.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // Either "SW1A 0AA" (two words) or "SW1A0AA" (one): the inward code is a digit and two
    // letters.
    for (i, word) in words.iter().enumerate().rev() {
        if is_inward(word)
            && i > 0
            && let Some(outward) = outward(words[i - 1])
        {
            return Some(outward);
        }
        if word.len() > 3 && word.is_char_boundary(word.len() - 3) {
            let (out, inward) = word.split_at(word.len() - 3);
            if is_inward(inward)
                && let Some(outward) = outward(out)
            {
                return Some(outward);
            }
        }
    }
    None
}

fn is_inward(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
}

/// `SW1A`, `M1`, `EC1V`, `B15`: one or two letters, one or two digits, an optional letter.
fn outward(word: &str) -> Option<Outward> {
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    if !(1..=2).contains(&letters) {
        return None;
    }
    let (area, rest) = word.split_at(letters);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let (number, tail) = rest.split_at(digits);
    if tail.len() > 1 || !tail.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(Outward { area: area.to_owned(), district: number.parse().ok()? })
}

/// One line of the rules: an area, perhaps narrowed to districts, and where it is.
#[derive(Debug, Clone)]
struct Rule {
    area: String,
    districts: Option<(u32, u32)>,
    uk_region: UkRegion,
    region: Option<Region>,
}

impl Rule {
    fn parse(line: &str) -> Option<Rule> {
        let mut parts = line.split_whitespace();
        let pattern = parts.next()?;
        let uk_region = parts.next()?.parse().ok()?;
        let region = match parts.next() {
            Some(name) => Some(name.parse().ok()?),
            None => None,
        };
        let letters = pattern.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (area, range) = pattern.split_at(letters);
        let districts = if range.is_empty() {
            None
        } else {
            let (low, high) = range.split_once('-').unwrap_or((range, range));
            Some((low.parse().ok()?, high.parse().ok()?))
        };
        Some(Rule { area: area.to_owned(), districts, uk_region, region })
    }

    fn matches(&self, outward: &Outward) -> bool {
        self.area == outward.area
            && self.districts.is_none_or(|(low, high)| (low..=high).contains(&outward.district))
    }
}

/// The town lines of the rules: (town, region).
fn towns() -> Vec<(&'static str, UkRegion)> {
    RULES
        .lines()
        .filter_map(|line| line.trim().strip_prefix("town "))
        .filter_map(|rest| {
            let (town, region) = rest.split_once(' ')?;
            Some((town, region.trim().parse().ok()?))
        })
        .collect()
}

/// The region of the first town the rules know that `text` names as a whole word, for an
/// address without a postcode (London's report region cannot be told from the town).
pub fn town_region(text: &str) -> Option<UkRegion> {
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    towns()
        .into_iter()
        .find(|(town, _)| words.iter().any(|w| w.eq_ignore_ascii_case(town)))
        .map(|(_, region)| region)
}

/// Every rule, each line checked (a rule that does not read is a bug in the data file, which
/// a unit test catches; at run time it is skipped).
fn rules() -> Vec<Rule> {
    RULES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with("town "))
        .filter_map(Rule::parse)
        .collect()
}

/// Where in England the postcode is, and its report region in London: the district rule if
/// one matches, else the area's. `None` for an area the rules do not know.
pub fn english_region(outward: &Outward) -> Option<(UkRegion, Option<Region>)> {
    let rules = rules();
    let matching = || rules.iter().filter(|rule| rule.matches(outward));
    matching()
        .find(|rule| rule.districts.is_some())
        .or_else(|| matching().next())
        .map(|rule| (rule.uk_region, rule.region))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reads() {
        let lines = RULES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        let (towns, postcodes): (Vec<&str>, Vec<&str>) =
            lines.partition(|line| line.starts_with("town "));
        for line in postcodes {
            assert!(Rule::parse(line).is_some(), "unreadable rule `{line}`");
        }
        assert_eq!(towns.len(), super::towns().len(), "an unreadable town line");
    }

    #[test]
    fn no_area_has_two_rules_for_the_whole_area() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in rules().iter().filter(|r| r.districts.is_none()) {
            assert!(seen.insert(rule.area.clone()), "two area rules for {}", rule.area);
        }
    }

    #[test]
    fn the_postcode_is_the_last_one_in_the_address() {
        let at = |text| last_postcode(text).map(|o| (o.area, o.district));
        assert_eq!(at("Bishop Hall Lane, Chelmsford, CM1 1SQ"), Some(("CM".into(), 1)));
        assert_eq!(at("Northampton Square, London, ec1v 0hb"), Some(("EC".into(), 1)));
        assert_eq!(at("The Burroughs, Hendon, London NW4 4BT"), Some(("NW".into(), 4)));
        assert_eq!(at("Strand, London, WC2R2LS"), Some(("WC".into(), 2)));
        assert_eq!(at("1 Road, Town"), None);
        assert_eq!(at(""), None);
    }

    /// The report's London HEIs land in the region the report gave them (KCL's registered
    /// address is the Strand, in Westminster; the report counts it with its south London
    /// campuses, and its own seeds entry says so).
    #[test]
    fn london_postcodes_fall_in_the_report_regions() {
        let cases = [
            ("St Mary's Road, Ealing, London, W5 5RF", Region::NorthWest),
            ("309 Regent Street, London, W1B 2HW", Region::NorthWest),
            ("Exhibition Road, London, SW7 2AZ", Region::NorthWest),
            ("Kingston Lane, Uxbridge, UB8 3PH", Region::NorthWest),
            ("103 Borough Road, London, SE1 0AA", Region::South),
            ("Cranmer Terrace, London, SW17 0RE", Region::South),
            ("River House, Kingston upon Thames, KT1 1LQ", Region::South),
            ("Roehampton Lane, London, SW15 5PU", Region::South),
            ("New Cross, London, SE14 6NW", Region::South),
            ("Houghton Street, London, WC2A 2AE", Region::NorthEastNorthCentral),
            ("Gower Street, London, WC1E 6BT", Region::NorthEastNorthCentral),
            ("The Burroughs, London, NW4 4BT", Region::NorthEastNorthCentral),
            ("Mile End Road, London, E1 4NS", Region::NorthEastNorthCentral),
            ("166-220 Holloway Road, London, N7 8DB", Region::NorthEastNorthCentral),
        ];
        for (address, region) in cases {
            let outward = last_postcode(address).expect("a postcode");
            assert_eq!(
                english_region(&outward),
                Some((UkRegion::London, Some(region))),
                "{address}"
            );
        }
    }

    #[test]
    fn a_town_places_an_address_without_a_postcode() {
        assert_eq!(town_region("SOAS University of London"), Some(UkRegion::London));
        assert_eq!(
            town_region("Park Lane Campus, Park Lane, Leeds"),
            Some(UkRegion::YorkshireAndTheHumber)
        );
        assert_eq!(town_region("Yorkshire Dales College"), None);
    }

    #[test]
    fn english_postcodes_fall_in_their_regions() {
        let cases = [
            ("OX1 2JD", UkRegion::SouthEastEngland),
            ("NG7 2RD", UkRegion::EastMidlands),
            ("PL4 8AA", UkRegion::SouthWestEngland),
            ("S10 2TN", UkRegion::YorkshireAndTheHumber),
            ("M13 9PL", UkRegion::NorthWestEngland),
            ("NE1 7RU", UkRegion::NorthEastEngland),
            ("B15 2TT", UkRegion::WestMidlands),
            ("CB2 1TN", UkRegion::EastOfEngland),
            ("KT22 8DN", UkRegion::SouthEastEngland),
            ("EN11 0AA", UkRegion::EastOfEngland),
            ("MK7 6AA", UkRegion::SouthEastEngland),
            ("S41 7NA", UkRegion::EastMidlands),
        ];
        for (postcode, uk_region) in cases {
            let outward = last_postcode(postcode).expect("a postcode");
            assert_eq!(english_region(&outward).map(|(r, _)| r), Some(uk_region), "{postcode}");
        }
        let outward = last_postcode("Kingston Lane, KT2 7LB").expect("a postcode");
        assert_eq!(english_region(&outward), Some((UkRegion::London, Some(Region::South))));
        let unknown = Outward { area: "ZZ".into(), district: 1 };
        assert_eq!(english_region(&unknown), None);
    }
}
