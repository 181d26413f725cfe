//! The national seeds: every UK higher-education provider with a website in the Discover Uni
//! institution table, joined with the project's own providers file (its entries win), as a
//! providers file the loader accepts. Generated, not written by hand, so a newer Discover Uni
//! release regenerates it (`coursemap seeds national`).
//!
//! Each generated provider starts at its homepage: the crawler finds the course pages from
//! there (robots.txt sitemaps, `/sitemap.xml`, links scored by the terms). Its nation comes
//! from the table's `COUNTRY`, England's region from the postcode at the end of `PROVADDRESS`
//! (`postcode_regions.txt`), and a London provider also gets the report's London region.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use url::Url;

use crate::postcode::{english_region, last_postcode, town_region};
use crate::{Error, Nation, Provider, Region, Result, UkRegion};

/// One row of the Discover Uni INSTITUTION table, the columns the generator reads.
#[derive(Debug, Clone, Deserialize)]
struct Row {
    #[serde(rename = "LEGAL_NAME")]
    legal_name: String,
    #[serde(rename = "FIRST_TRADING_NAME", default)]
    trading_name: String,
    #[serde(rename = "PROVADDRESS", default)]
    address: String,
    #[serde(rename = "PROVURL", default)]
    url: String,
    #[serde(rename = "PUBUKPRN")]
    pub_ukprn: String,
    #[serde(rename = "UKPRN", default)]
    ukprn: String,
    #[serde(rename = "COUNTRY", default)]
    country: String,
}

/// What the generator did, for the command to print: every count a researcher would check
/// against the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NationalSummary {
    /// Rows in the table.
    pub rows: usize,
    /// Distinct publishing providers (`PUBUKPRN`).
    pub providers: usize,
    /// Of those, without a website: left out (nothing to crawl).
    pub without_website: usize,
    /// Providers of the table that are already in the project's file, by its id: the
    /// project's entry is kept.
    pub joined: BTreeMap<String, String>,
    /// Providers generated from the table.
    pub generated: usize,
    /// Entries of the project's file, all kept.
    pub own: usize,
    /// Generated providers in England whose postcode no rule places: no UK region.
    pub unplaced: Vec<String>,
    /// Providers left out because their website's host is another provider's.
    pub shared_host: Vec<String>,
}

/// The national providers file and what went into it.
#[derive(Debug, Clone)]
pub struct NationalSeeds {
    /// The providers file, TOML, ready to write.
    pub toml: String,
    /// The counts.
    pub summary: NationalSummary,
}

/// The providers a national crawl covers: `own_text` (the project's providers file, whose
/// providers are `own`) kept whole, then one generated entry per provider of the Discover Uni
/// table (`csv`, read from `csv_path`) that has a website and is not already in it.
pub fn national_seeds(
    csv: &str,
    csv_path: &Path,
    own_text: &str,
    own: &[Provider],
) -> Result<NationalSeeds> {
    let rows = read_rows(csv, csv_path)?;
    let mut summary = NationalSummary { rows: rows.len(), own: own.len(), ..Default::default() };

    let mut ids: BTreeSet<String> = own.iter().map(|p| p.id.clone()).collect();
    let mut hosts: BTreeSet<String> =
        own.iter().flat_map(|p| p.allowed_hosts.iter().cloned()).collect();
    let own_names: BTreeMap<String, &str> =
        own.iter().map(|p| (name_key(&p.name), p.id.as_str())).collect();

    let mut generated = Vec::new();
    for row in one_row_per_provider(rows) {
        summary.providers += 1;
        let Some(homepage) = homepage(&row.url) else {
            summary.without_website += 1;
            continue;
        };
        let host = homepage.host_str().unwrap_or_default().to_owned();
        let name = provider_name(&row);
        let joined = own
            .iter()
            .find(|p| p.allows_host(&host) || p.allows_host(&other_form(&host)))
            .map(|p| p.id.as_str())
            .or_else(|| own_names.get(&name_key(&name)).copied());
        if let Some(id) = joined {
            summary.joined.insert(row.pub_ukprn.clone(), id.to_owned());
            continue;
        }
        if hosts.contains(&host) {
            summary.shared_host.push(name);
            continue;
        }
        let place = place(&row);
        if place.0.is_none() && row.country == "XF" {
            summary.unplaced.push(name.clone());
        }
        let id = unique_id(&host, &row.pub_ukprn, &mut ids);
        let mut allowed = vec![host.clone()];
        let other = other_form(&host);
        if !hosts.contains(&other) {
            allowed.push(other);
        }
        hosts.extend(allowed.iter().cloned());
        let start = start_url(&row.url, &homepage);
        generated.push(Generated {
            id,
            name,
            ukprn: row.pub_ukprn,
            place,
            homepage,
            start,
            allowed,
        });
    }
    summary.generated = generated.len();
    generated.sort_by(|a, b| (a.place.0, &a.name).cmp(&(b.place.0, &b.name)));

    let mut toml = String::from(HEADER);
    toml.push_str(
        "\n# ---- The project's own providers (seeds/providers.toml), kept whole ----\n\n",
    );
    toml.push_str(own_entries(own_text));
    toml.push_str("\n# ---- Generated from the Discover Uni institution table ----\n");
    for entry in &generated {
        toml.push('\n');
        toml.push_str(&entry.to_toml());
    }
    Ok(NationalSeeds { toml, summary })
}

const HEADER: &str = "\
# Every UK higher-education provider with a website, for a national crawl: the project's own
# providers file (seeds/providers.toml, whose entries win), then one provider per publishing
# UKPRN of the Discover Uni institution table. GENERATED: do not edit by hand. Correct a
# provider by adding it to seeds/providers.toml, or a region in
# crates/seeds/src/postcode_regions.txt, then regenerate:
#
#   coursemap seeds national --csv ../shared/uk-providers/discoveruni-institution.csv \\
#       --out seeds/uk-providers.toml
#
# A generated provider starts at its homepage: the crawler reads robots.txt's sitemaps and
# /sitemap.xml and follows links scored by the search terms to the course pages. Its nation
# is the table's COUNTRY; England's region comes from the postcode of PROVADDRESS; a London
# provider also gets the 2014 report's London region. See seeds/providers.toml for the fields.
";

/// A generated provider.
struct Generated {
    id: String,
    name: String,
    ukprn: String,
    place: (Option<UkRegion>, Option<Region>),
    homepage: Url,
    start: Url,
    allowed: Vec<String>,
}

impl Generated {
    fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let list = |items: &[String]| {
            let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
            format!("[{}]", quoted.join(", "))
        };
        let mut out = String::from("[[provider]]\n");
        out.push_str(&format!("id = {}\n", quote(&self.id)));
        out.push_str(&format!("name = {}\n", quote(&self.name)));
        out.push_str("kind = \"hei\"\n");
        if let Some(region) = self.place.1 {
            out.push_str(&format!("region = {}\n", quote(region.as_str())));
        }
        if let Some(uk_region) = self.place.0 {
            out.push_str(&format!("uk_region = {}\n", quote(uk_region.as_str())));
        }
        out.push_str(&format!("ukprn = {}\n", quote(&self.ukprn)));
        out.push_str(&format!("homepage = {}\n", quote(self.homepage.as_str())));
        out.push_str(&format!("start_urls = {}\n", list(&[self.start.to_string()])));
        out.push_str(&format!("allowed_hosts = {}\n", list(&self.allowed)));
        out
    }
}

fn read_rows(csv: &str, csv_path: &Path) -> Result<Vec<Row>> {
    // The published file starts with a byte-order mark, which would be part of the first
    // column's name.
    let csv = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .deserialize::<Row>()
        .map(|row| row.map_err(|error| Error::Csv { path: csv_path.to_owned(), error }))
        .collect()
}

/// The table repeats a provider that publishes through several UKPRNs: one row each, the
/// provider's own row (`UKPRN` = `PUBUKPRN`) when there is one, else the first.
fn one_row_per_provider(rows: Vec<Row>) -> Vec<Row> {
    let mut by_ukprn: BTreeMap<String, Row> = BTreeMap::new();
    for row in rows {
        let own_row = row.ukprn == row.pub_ukprn;
        match by_ukprn.get(&row.pub_ukprn) {
            Some(kept) if kept.ukprn == kept.pub_ukprn || !own_row => {}
            _ => {
                by_ukprn.insert(row.pub_ukprn.clone(), row);
            }
        }
    }
    by_ukprn.into_values().collect()
}

/// The provider's front page from `PROVURL` (often without a scheme: `www.aub.ac.uk`): https,
/// the host lower-cased, no path.
fn homepage(provurl: &str) -> Option<Url> {
    let url = parse_web(provurl)?;
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    if !host.contains('.') {
        return None;
    }
    Url::parse(&format!("https://{host}/")).ok()
}

/// Where the crawl starts: the page `PROVURL` names when it is more than the homepage.
fn start_url(provurl: &str, homepage: &Url) -> Url {
    match parse_web(provurl) {
        Some(mut url) if url.path() != "/" || url.query().is_some() => {
            let _ = url.set_scheme("https");
            if url.set_host(homepage.host_str()).is_ok() { url } else { homepage.clone() }
        }
        _ => homepage.clone(),
    }
}

fn parse_web(provurl: &str) -> Option<Url> {
    let text = provurl.trim();
    if text.is_empty() {
        return None;
    }
    let with_scheme =
        if text.contains("://") { text.to_owned() } else { format!("https://{text}") };
    let url = Url::parse(&with_scheme).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// `www.x.ac.uk` for `x.ac.uk` and back: sites answer on both and redirect one to the other.
fn other_form(host: &str) -> String {
    match host.strip_prefix("www.") {
        Some(apex) => apex.to_owned(),
        None => format!("www.{host}"),
    }
}

/// The trading name where the table has one ("The Arts University Bournemouth" rather than
/// "Arts University Bournemouth, the").
fn provider_name(row: &Row) -> String {
    let trading = row.trading_name.trim();
    let name = if trading.is_empty() { row.legal_name.trim() } else { trading };
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names compared loosely: case, punctuation and a leading or trailing "the" aside.
fn name_key(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w != "the")
        .collect();
    words.join(" ")
}

/// The nation from `COUNTRY`, England's region (and London's report region) from the postcode.
fn place(row: &Row) -> (Option<UkRegion>, Option<Region>) {
    let nation = match row.country.as_str() {
        "XF" => Nation::England,
        "XG" => Nation::NorthernIreland,
        "XH" => Nation::Scotland,
        "XI" => Nation::Wales,
        _ => return (None, None),
    };
    match nation {
        Nation::England => match last_postcode(&row.address).and_then(|o| english_region(&o)) {
            Some((uk_region, region)) => (Some(uk_region), region),
            // No postcode (the table leaves some addresses empty): the town in the address,
            // else in the name ("SOAS University of London").
            None => {
                let town = town_region(&row.address).or_else(|| town_region(&provider_name(row)));
                (town, None)
            }
        },
        Nation::Scotland => (Some(UkRegion::Scotland), None),
        Nation::Wales => (Some(UkRegion::Wales), None),
        Nation::NorthernIreland => (Some(UkRegion::NorthernIreland), None),
    }
}

/// An id from the host's first label (`abingdon-witney.ac.uk` → `abingdon_witney`), with the
/// UKPRN after it when another provider has that id already. Hosts outlive names; the UKPRN
/// keeps it unique.
fn unique_id(host: &str, ukprn: &str, ids: &mut BTreeSet<String>) -> String {
    let label = host.strip_prefix("www.").unwrap_or(host).split('.').next().unwrap_or_default();
    let mut id: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect();
    if id.is_empty() {
        id = "provider".to_owned();
    }
    if ids.contains(&id) {
        id = format!("{id}_{ukprn}");
    }
    ids.insert(id.clone());
    id
}

/// The project's providers file from its first `[[provider]]` line on: its own header
/// describes only itself (and names `[[provider]]` in its prose).
fn own_entries(text: &str) -> &str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "[[provider]]" {
            return &text[at..];
        }
        at += line.len();
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\u{feff}LEGAL_NAME,FIRST_TRADING_NAME,OTHER_NAMES,PROVADDRESS,PROVTEL,PROVURL,PUBUKPRN,UKPRN,COUNTRY,PUBUKPRNCOUNTRY
Abingdon and Witney College,,,\"Wootton Road, Abingdon, Oxfordshire, OX14 1GG\",0,www.abingdon-witney.ac.uk,10000055,10004930,XF,XF
\"Arts University Bournemouth, the\",The Arts University Bournemouth,,\"Fern Barrow, Poole, BH12 5HH\",0,http://www.aub.ac.uk/,10000385,10000385,XF,XF
University of Aberdeen,,,\"King's College, Aberdeen, AB24 3FX\",0,www.abdn.ac.uk,10007783,10007783,XH,XH
London South Bank University,,,\"103 Borough Road, London, SE1 0AA\",0,www.lsbu.ac.uk,10004078,10004078,XF,XF
Arts Educational Schools(The),Arts Educational Schools,,\"14 Bath Road, London, W4 1LY\",0,https://artsed.co.uk,10000381,10000381,XF,XF
No Website College,,,\"A Road, Leeds, LS1 1AA\",0,,10009999,10009999,XF,XF
";

    const OWN: &str = "# own header: one [[provider]] table per provider\n[[provider]]\nid = \"lsbu\"\nname = \"London South Bank University\"\nkind = \"hei\"\nregion = \"south\"\nhomepage = \"https://www.lsbu.ac.uk/\"\nstart_urls = [\"https://www.lsbu.ac.uk/courses\"]\nallowed_hosts = [\"www.lsbu.ac.uk\"]\n";

    fn generate() -> NationalSeeds {
        let own = crate::parse_providers(OWN, Path::new("own.toml")).expect("own file");
        national_seeds(CSV, Path::new("t.csv"), OWN, &own).expect("generates")
    }

    #[test]
    fn every_provider_with_a_website_is_in_and_the_projects_entries_win() {
        let national = generate();
        let summary = &national.summary;
        assert_eq!((summary.rows, summary.providers, summary.without_website), (6, 6, 1));
        assert_eq!(summary.joined.get("10004078").map(String::as_str), Some("lsbu"));
        assert_eq!((summary.generated, summary.own), (4, 1));
        assert!(summary.unplaced.is_empty() && summary.shared_host.is_empty());

        let providers = crate::parse_providers(&national.toml, Path::new("uk.toml"))
            .expect("the generated file loads");
        assert_eq!(providers.len(), 5);
        let lsbu = providers.iter().find(|p| p.id == "lsbu").expect("lsbu kept");
        assert_eq!(lsbu.start_urls[0].as_str(), "https://www.lsbu.ac.uk/courses");
        let by_id = |id: &str| providers.iter().find(|p| p.id == id).expect(id);

        let abingdon = by_id("abingdon_witney");
        assert_eq!(abingdon.name, "Abingdon and Witney College");
        assert_eq!(abingdon.uk_region, Some(UkRegion::SouthEastEngland));
        assert_eq!(abingdon.region, None);
        assert_eq!(abingdon.ukprn.as_deref(), Some("10000055"));
        assert_eq!(abingdon.homepage.as_str(), "https://www.abingdon-witney.ac.uk/");
        assert_eq!(abingdon.allowed_hosts, ["www.abingdon-witney.ac.uk", "abingdon-witney.ac.uk"]);

        let aub = by_id("aub");
        assert_eq!(aub.name, "The Arts University Bournemouth");
        assert_eq!(aub.homepage.as_str(), "https://www.aub.ac.uk/");
        assert_eq!(aub.uk_region, Some(UkRegion::SouthWestEngland));

        assert_eq!(by_id("abdn").nation(), Some(Nation::Scotland));
        let artsed = by_id("artsed");
        assert_eq!(artsed.uk_region, Some(UkRegion::London));
        assert_eq!(artsed.region, Some(Region::NorthWest));
        assert_eq!(artsed.allowed_hosts, ["artsed.co.uk", "www.artsed.co.uk"]);
    }

    #[test]
    fn the_same_table_gives_the_same_file() {
        assert_eq!(generate().toml, generate().toml);
    }

    #[test]
    fn a_table_without_its_columns_is_an_error_naming_the_file() {
        let own = crate::parse_providers(OWN, Path::new("own.toml")).expect("own file");
        let err = national_seeds("A,B\n1,2\n", Path::new("t.csv"), OWN, &own)
            .expect_err("no PUBUKPRN column");
        assert!(err.to_string().starts_with("t.csv: "), "{err}");
    }

    #[test]
    fn ids_stay_unique() {
        let mut ids = BTreeSet::from(["aub".to_owned()]);
        assert_eq!(unique_id("www.aub.ac.uk", "10000385", &mut ids), "aub_10000385");
        assert_eq!(unique_id("www.st-marys.ac.uk", "1", &mut ids), "st_marys");
    }
}
