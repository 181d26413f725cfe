//! Loading the real seeds, and rejecting broken ones with the file and line to fix.

use std::path::{Path, PathBuf};

use coursemap_seeds::{Error, Problem, ProviderKind, Region, Scope, Seeds};

fn repo_seeds(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds").join(file)
}

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(file)
}

fn load_real() -> Seeds {
    Seeds::load(&repo_seeds("providers.toml"), &repo_seeds("terms.txt"))
        .expect("the real seeds load")
}

#[test]
fn real_seeds_match_the_brief_table() {
    let seeds = load_real();
    // The brief's 39, with hosts as corrected from the evidence, then the bodies it missed.
    assert_eq!(seeds.providers.len(), 46);
    let table = std::fs::read_to_string(data("providers_table.tsv")).expect("read the table");
    let rows: Vec<Vec<&str>> = table.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 39);
    for row in rows {
        let [id, name, host, kind, region] = row[..] else {
            panic!("bad table row {row:?}");
        };
        let p = seeds.provider(id).unwrap_or_else(|| panic!("provider {id} missing"));
        assert_eq!(p.name, name, "{id}");
        assert_eq!(p.allowed_hosts[0], host, "{id}");
        assert_eq!(p.kind.as_str(), kind, "{id}");
        assert_eq!(p.region.map(|r| r.to_string()).as_deref(), Some(region), "{id}");
        assert_eq!(p.homepage.scheme(), "https", "{id}");
        assert_eq!(seeds.provider_for_host(host).map(|p| p.id.as_str()), Some(id));
    }
}

#[test]
fn real_seeds_carry_the_report_facts() {
    let seeds = load_real();
    if let Some(shared_terms) = coursemap_shared_material::dir(
        "report-2014/search_terms.txt",
        "the comparison with the report's search terms",
    ) {
        let text = std::fs::read_to_string(&shared_terms).expect("search terms readable");
        assert_eq!(seeds.terms, text.lines().collect::<Vec<_>>());
    }
    assert_eq!(seeds.terms.len(), 13);
    assert_eq!(seeds.terms[0], "Improvement Science");
    assert_eq!(seeds.terms[12], "Masters in Research/Clinical Research");

    let count = |kind| seeds.providers.iter().filter(|p| p.kind == kind).count();
    assert_eq!(count(ProviderKind::Hei), 21);

    let scoped = |scope| {
        let mut ids: Vec<&str> = seeds
            .providers
            .iter()
            .filter(|p| p.scope == Some(scope))
            .map(|p| p.id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(scoped(Scope::National), ["health_foundation", "nihr", "rcgp"]);
    assert_eq!(scoped(Scope::Local), ["arc_nt", "arc_nwl", "hin_sl", "kis", "lla"]);

    let successor = |id| seeds.provider(id).and_then(|p| p.successor_of.as_deref());
    assert_eq!(successor("nhs_england"), Some("NHS Improving Quality"));
    assert_eq!(successor("arc_sl"), Some("NIHR CLAHRC South London"));
    assert_eq!(successor("arc_nwl"), Some("NIHR CLAHRC North West London"));
    assert_eq!(successor("arc_nt"), Some("NIHR CLAHRC North Thames"));

    let with_search: Vec<_> = seeds.providers.iter().filter(|p| p.search.is_some()).collect();
    assert!(with_search.len() >= 3);
    for p in with_search {
        let urls = p.search_urls(&seeds.terms);
        assert_eq!(urls.len(), 13, "{}", p.id);
        assert!(urls.iter().all(|u| u.host_str().is_some_and(|h| p.allows_host(h))), "{}", p.id);
    }
    assert!(seeds.providers.iter().filter(|p| p.rate.is_some()).count() >= 2);
    assert_eq!(
        seeds.provider_for_host("WWW.LSBU.AC.UK").map(|p| p.region),
        Some(Some(Region::South))
    );
    assert!(seeds.provider_for_host("www.example.com").is_none());
}

#[test]
fn optional_fields_default_to_nothing() {
    let seeds = Seeds::load(&data("minimal.toml"), &repo_seeds("terms.txt")).expect("loads");
    let p = &seeds.providers[0];
    assert_eq!(
        (p.scope, p.rate, &p.search, &p.successor_of, &p.notes),
        (None, None, &None, &None, &None)
    );
    assert!(p.sitemaps.is_empty());
    assert!(p.search_urls(&seeds.terms).is_empty());
    assert_eq!(seeds.provider_for_host("saasoft.com").map(|p| p.id.as_str()), Some("saasoft"));
}

/// The 1-based line of `file` marked `# <- error`.
fn marked_line(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("read test data");
    text.lines().position(|l| l.contains("# <- error")).expect("test data marks its error line") + 1
}

/// Loads a broken providers file and checks the error names it and its marked line.
fn reject(file: &str) -> Error {
    let path = data(file);
    let err = Seeds::load(&path, &repo_seeds("terms.txt")).expect_err("broken seeds are rejected");
    let message = err.to_string();
    let want = format!("{}:{}: ", path.display(), marked_line(&path));
    assert!(message.starts_with(&want), "{file}: expected `{want}…`, got `{message}`");
    err
}

fn problem(err: &Error) -> &Problem {
    match err {
        Error::Invalid { problem, .. } => problem,
        other => panic!("expected a validation error, got {other}"),
    }
}

#[test]
fn unknown_key_is_rejected() {
    let err = reject("unknown_key.toml");
    assert!(matches!(err, Error::Syntax { .. }), "{err}");
    assert!(err.to_string().contains("unknown field `start_url`"), "{err}");
}

#[test]
fn bad_region_is_rejected() {
    let err = reject("bad_region.toml");
    assert!(err.to_string().contains("south_east"), "{err}");
}

#[test]
fn bad_url_is_rejected() {
    let err = reject("bad_url.toml");
    assert!(
        matches!(problem(&err), Problem::BadUrl { field: "start_urls", value, .. } if value.starts_with("https:www")),
        "{err}"
    );
}

#[test]
fn duplicate_id_is_rejected_at_the_second() {
    let err = reject("duplicate_id.toml");
    assert_eq!(problem(&err), &Problem::DuplicateId { id: "kcl".into(), first_line: 3 });
}

#[test]
fn template_without_term_is_rejected() {
    let err = reject("template_without_term.toml");
    assert!(matches!(problem(&err), Problem::TemplateWithoutTerm { .. }), "{err}");
    assert!(err.to_string().contains("no {term} placeholder"), "{err}");
}

#[test]
fn host_not_allowed_is_rejected() {
    let err = reject("host_not_allowed.toml");
    assert!(
        matches!(problem(&err), Problem::HostNotAllowed { field: "start_urls", host, .. } if host == "q.health.org.uk"),
        "{err}"
    );
}

#[test]
fn non_positive_rate_is_rejected() {
    let err = reject("bad_rate.toml");
    assert_eq!(problem(&err), &Problem::BadRate { rate: 0.0 });
}

#[test]
fn host_claimed_twice_is_rejected() {
    let err = reject("host_claimed_twice.toml");
    assert!(
        matches!(problem(&err), Problem::HostClaimedTwice { host, other } if host == "learning.bmj.com" && other == "bmj_learning"),
        "{err}"
    );
}

#[test]
fn empty_terms_file_is_rejected() {
    let terms = data("empty_terms.txt");
    let err = Seeds::load(&repo_seeds("providers.toml"), &terms).expect_err("no terms");
    assert_eq!(
        err.to_string(),
        format!("{}:1: no search terms (the file is empty)", terms.display())
    );
}

#[test]
fn missing_file_names_the_path() {
    let missing = data("no_such_file.toml");
    let err = Seeds::load(&missing, &repo_seeds("terms.txt")).expect_err("missing file");
    assert!(matches!(err, Error::Read { .. }));
    assert!(err.to_string().contains("no_such_file.toml"), "{err}");
}

/// The seeds compiled into the binary are the repository's files.
#[test]
fn built_in_seeds_are_the_files() {
    assert_eq!(Seeds::built_in().expect("the built-in seeds load"), load_real());
}

/// Every correction in section 3 of `../shared/real-web/providers-evidence.md`, and the
/// missing providers of its section 4, as the seeds carry them.
#[test]
fn real_seeds_carry_the_evidence_corrections() {
    let seeds = load_real();
    let p = |id: &str| seeds.provider(id).unwrap_or_else(|| panic!("provider {id} missing"));
    let starts = |id: &str| p(id).start_urls.iter().map(|u| u.to_string()).collect::<Vec<_>>();
    let url = |s: &str| url::Url::parse(s).expect("valid URL");

    assert_eq!(p("city").allowed_hosts, ["www.citystgeorges.ac.uk"]);
    assert!(starts("city").iter().all(|u| u.starts_with("https://www.citystgeorges.ac.uk/")));
    assert!(seeds.provider_for_host("www.city.ac.uk").is_none(), "the old host redirects away");
    assert_eq!(p("sgul").allowed_hosts, ["www.sgul.ac.uk"]);

    let kcl = p("kcl");
    assert_eq!(kcl.sitemaps, [url("https://www.kcl.ac.uk/sitemap.xml")]);
    assert!(
        kcl.search
            .as_deref()
            .is_some_and(|t| t.starts_with("https://www.kcl.ac.uk/search/courses?"))
    );
    assert!(starts("kcl").contains(&"https://www.kcl.ac.uk/research/cis".to_owned()));

    assert_eq!(p("bmj_quality").closed.map(|m| m.to_string()).as_deref(), Some("2017-12"));
    assert_eq!(p("kis").closed.map(|m| m.to_string()).as_deref(), Some("2025-09"));
    assert_eq!(p("kis").allowed_hosts, ["kingsimprovementscience.org"]);
    assert_eq!(p("saasoft").allowed_hosts, ["www.improvementscience.net"]);
    assert_eq!(starts("saasoft"), ["https://www.improvementscience.net/fish/course/"]);
    assert_eq!(starts("uel"), ["https://www.uel.ac.uk/study/postgraduate"]);
    assert_eq!(starts("uwl"), ["https://www.uwl.ac.uk/courses/search?query="]);
    assert!(p("uwl").search.is_some());
    assert_eq!(
        starts("roehampton"),
        ["https://www.roehampton.ac.uk/study/postgraduate-taught-courses/"]
    );
    assert_eq!(starts("brunel"), ["https://www.brunel.ac.uk/study/courses"]);
    assert_eq!(starts("kingston"), ["https://www.kingston.ac.uk/study/postgraduate"]);
    assert!(
        starts("ucl").contains(
            &"https://www.ucl.ac.uk/study/prospective-students/graduate/courses".to_owned()
        )
    );
    assert!(starts("nihr").contains(&"https://www.nihr.ac.uk/funding-opportunities".to_owned()));
    assert!(
        starts("lla").contains(
            &"https://www.londonleadershipacademy.nhs.uk/leadership-programmes".to_owned()
        )
    );
    assert_eq!(p("arc_nt").allowed_hosts, ["arc-nt.nihr.ac.uk"]);
    assert!(p("bmj_learning").allows_host("new-learning.bmj.com"));
    assert_eq!(p("open").search, None);
    assert_eq!(p("greenwich").sitemaps, [url("https://www.gre.ac.uk/sitemap.xml")]);

    // The URL families it notes: course page patterns and real search parameters.
    let course_page =
        url("https://www.kcl.ac.uk/study/postgraduate-taught/courses/healthcare-management-msc");
    assert!(p("kcl").is_course_path(&course_page));
    let westminster = url(
        "https://westminster.ac.uk/psychology-courses/2025-26/september/part-time-day/health-psychology-msc",
    );
    assert!(p("westminster").is_course_path(&westminster));
    assert!(
        p("westminster")
            .search
            .as_deref()
            .is_some_and(|t| t.contains("course-search?course={term}"))
    );
    assert!(starts("city").iter().any(|u| u.contains("meta_subject_sand=health+and+social+care")));
    let with_patterns = seeds.providers.iter().filter(|p| !p.course_paths.is_empty()).count();
    assert!(with_patterns >= 20, "{with_patterns}");

    let lsbu = p("lsbu");
    let api = lsbu.search_api.as_ref().expect("LSBU's finder is a JSON search API");
    assert!(api.template.starts_with("https://lsbu-search.funnelback.squiz.cloud/s/search.json?"));
    assert_eq!(api.results.to_string(), "response.resultPacket.results[].liveUrl");
    assert_eq!(api.urls(&seeds.terms).len(), 13);
    let cpd = url("https://applycpd.com/LSBU/courses/118211");
    assert_eq!(seeds.provider_for_url(&cpd).map(|p| p.id.as_str()), Some("lsbu"));
    assert!(seeds.provider_for_url(&url("https://applycpd.com/OTHER/courses/1")).is_none());

    for (id, host) in [
        ("nhs_horizons", "horizonsnhs.com"),
        ("aqua", "aqua.nhs.uk"),
        ("improvement_academy", "improvementacademy.org"),
        ("nhs_leadership_academy", "www.leadershipacademy.nhs.uk"),
        ("q_community", "q.health.org.uk"),
        ("haelo", "www.haelo.org.uk"),
        ("healthy_london", "www.healthylondon.org"),
    ] {
        assert_eq!(p(id).allowed_hosts, [host], "{id}");
    }
}

#[test]
fn broken_discovery_fields_are_rejected_with_their_line() {
    assert!(matches!(problem(&reject("bad_json_path.toml")), Problem::BadJsonPath { .. }));
    assert!(matches!(problem(&reject("bad_closed.toml")), Problem::BadMonth { .. }));
    assert!(matches!(
        problem(&reject("prefix_on_owned_host.toml")),
        Problem::PrefixOnOwnedHost { .. }
    ));
    assert!(matches!(problem(&reject("prefixes_overlap.toml")), Problem::PrefixesOverlap { .. }));
}

/// `seeds/uk-providers.toml` is what the generator makes of the Discover Uni table and the
/// project's own file today: regenerated, it comes out the same, loads, and covers the UK.
#[test]
fn the_national_seeds_are_the_discover_uni_table_joined_with_ours() {
    let Some(dir) = coursemap_shared_material::dir("uk-providers", "the national seeds check")
    else {
        return;
    };
    let csv_path = dir.join("discoveruni-institution.csv");
    let csv = std::fs::read_to_string(&csv_path).expect("read the table");
    let own_text = std::fs::read_to_string(repo_seeds("providers.toml")).expect("read ours");
    let own = load_real().providers;
    let national =
        coursemap_seeds::national_seeds(&csv, &csv_path, &own_text, &own).expect("generates");
    let committed = std::fs::read_to_string(repo_seeds("uk-providers.toml")).expect("read");
    assert!(
        national.toml == committed,
        "seeds/uk-providers.toml is stale: run `coursemap seeds national --csv {}`",
        csv_path.display()
    );

    let seeds = Seeds::load(&repo_seeds("uk-providers.toml"), &repo_seeds("terms.txt"))
        .expect("the national seeds load");
    assert!(seeds.providers.len() >= 400, "{} providers", seeds.providers.len());
    // Every one of ours is in, as we wrote it.
    for provider in &own {
        assert_eq!(seeds.provider(&provider.id), Some(provider), "{}", provider.id);
    }
    // Every nation is there, and all but a handful of providers are placed.
    for nation in coursemap_seeds::Nation::ALL {
        assert!(seeds.providers.iter().any(|p| p.nation() == Some(*nation)), "{nation}");
    }
    let unplaced = national.summary.unplaced.len();
    assert!(unplaced <= 5, "{unplaced} providers in England without a region");
    // The universities the issue names outside London, each in its region.
    for (host, region) in [
        ("www.ox.ac.uk", coursemap_seeds::UkRegion::SouthEastEngland),
        ("www.nottingham.ac.uk", coursemap_seeds::UkRegion::EastMidlands),
        ("www.plymouth.ac.uk", coursemap_seeds::UkRegion::SouthWestEngland),
        ("www.abdn.ac.uk", coursemap_seeds::UkRegion::Scotland),
        ("www.shef.ac.uk", coursemap_seeds::UkRegion::YorkshireAndTheHumber),
    ] {
        let provider = seeds.provider_for_host(host).unwrap_or_else(|| panic!("{host} missing"));
        assert_eq!(provider.uk_region, Some(region), "{host}");
    }
}
