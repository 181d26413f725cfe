//! `coursemap search QUERY [filters]`: query the catalogue's index.

use std::path::PathBuf;

use coursemap_catalogue::CatalogueDir;
use coursemap_index::filters::{
    parse_award, parse_delivery, parse_entry_year, parse_fee, parse_focus, parse_kind,
    parse_length, parse_provider,
};
use coursemap_index::{
    CatalogueIndex, Dimension, EntryYear, Filters, Level, Nation, Place, SearchRequest,
    SearchResults, Status,
};

use crate::cmd::UsageError;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words (AND-ed), "phrases", -excluded words, field:word (title, provider, description,
    /// topics, entry). Empty lists everything that passes the filters.
    #[arg(default_value = "")]
    pub query: String,
    /// FHEQ level 3-8; repeat for any of several (a course at 6 and 7 matches both).
    #[arg(long, value_parser = |s: &str| s.parse::<Level>().map_err(|e| e.to_string()))]
    pub level: Vec<Level>,
    /// campus, campus_and_work_based, distance, e_learning or blended; repeatable.
    #[arg(long, value_parser = |s: &str| parse_delivery(s).map_err(|e| e.to_string()))]
    pub delivery: Vec<coursemap_records::Delivery>,
    /// programme, module, short_course or fellowship; repeatable.
    #[arg(long, value_parser = |s: &str| parse_kind(s).map_err(|e| e.to_string()))]
    pub kind: Vec<coursemap_records::Kind>,
    /// Provider id from the seeds (lsbu, ihi, ...); repeatable.
    #[arg(long, value_parser = |s: &str| parse_provider(s).map_err(|e| e.to_string()))]
    pub provider: Vec<String>,
    /// The report's regions (south, north_west, north_east_north_central, national, online)
    /// or the UK's (london, north_west_england, yorkshire_and_the_humber, scotland, ...);
    /// repeatable.
    #[arg(long, value_parser = |s: &str| s.parse::<Place>().map_err(|e| e.to_string()))]
    pub region: Vec<Place>,
    /// england, scotland, wales or northern_ireland; repeatable.
    #[arg(long, value_parser = |s: &str| s.parse::<Nation>().map_err(|e| e.to_string()))]
    pub nation: Vec<Nation>,
    /// Academic year of entry (2025/26, also written 2025-26); repeatable.
    #[arg(long, value_name = "YEAR", value_parser = |s: &str| parse_entry_year(s).map_err(|e| e.to_string()))]
    pub entry_year: Vec<EntryYear>,
    /// recruiting, closed (not recruiting this year) or discontinued; repeatable.
    #[arg(long, value_parser = |s: &str| s.parse::<Status>().map_err(|e| e.to_string()))]
    pub status: Vec<Status>,
    /// main or related; repeatable.
    #[arg(long, value_parser = |s: &str| parse_focus(s).map_err(|e| e.to_string()))]
    pub focus: Vec<coursemap_records::Focus>,
    /// The report's length category: short, 1y_ft_only, 1y_ft_or_2_4y_pt, up_to_3y_pt_only,
    /// 3_9y_pt_only, 3y_plus_ft_or_4y_plus_pt, no_time_limit or other; repeatable.
    #[arg(long, value_name = "CATEGORY", value_parser = |s: &str| parse_length(s).map_err(|e| e.to_string()))]
    pub length: Vec<coursemap_records::LengthCategory>,
    /// Cheapest home fee per year, in pounds.
    #[arg(long, value_parser = |s: &str| parse_fee(s).map_err(|e| e.to_string()))]
    pub max_fee: Option<f64>,
    /// Longest full-time duration in months (part-time with --part-time).
    #[arg(long)]
    pub max_months: Option<u32>,
    /// Only courses with a part-time route; --max-months then caps that route.
    #[arg(long)]
    pub part_time: bool,
    /// Only courses with a full-time route.
    #[arg(long)]
    pub full_time: bool,
    /// Final award as the records spell it (MSc, PGCert, DProf); repeatable.
    #[arg(long, value_parser = |s: &str| parse_award(s).map_err(|e| e.to_string()))]
    pub award: Vec<String>,
    /// Take every word of the query as text: words such as "part time", "online", "MSc" or
    /// "level 7" otherwise become filters (and the output says which).
    #[arg(long)]
    pub literal: bool,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print hits and facet counts as JSON.
    #[arg(long)]
    pub json: bool,
    /// Catalogue directory (the index is its `tantivy/`).
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
}

pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    let filters = Filters {
        levels: args.level,
        delivery: args.delivery,
        kind: args.kind,
        provider: args.provider,
        region: args.region,
        nation: args.nation,
        entry_year: args.entry_year,
        status: args.status,
        focus: args.focus,
        length: args.length,
        max_fee: args.max_fee,
        max_months: args.max_months,
        part_time: args.part_time,
        full_time: args.full_time,
        award: args.award,
    };
    let request = SearchRequest {
        query: args.query,
        filters,
        limit: args.limit,
        offset: args.offset,
        literal: args.literal,
    };
    let index = CatalogueIndex::open(&CatalogueDir::new(&args.catalogue).search_index())?;
    let results = match index.search(&request) {
        Ok(results) => results,
        Err(err) if err.is_user_error() => {
            return Err(anyhow::Error::new(UsageError(err.to_string())));
        }
        Err(err) => return Err(err.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print_table(&results, request.offset);
    }
    Ok(())
}

fn print_table(results: &SearchResults, offset: usize) {
    if !results.query_filters.is_empty() {
        let applied: Vec<String> = results
            .query_filters
            .iter()
            .map(|f| format!("{}={} (\"{}\")", f.filter, f.value, f.words))
            .collect();
        println!(
            "filters from the query: {}; quote the words or pass --literal to search them as text",
            applied.join(", ")
        );
    }
    if results.any_word {
        println!("(no course matches every word; showing courses matching some of them)");
    } else if results.fuzzy_retry {
        println!("(no exact matches; showing close spellings)");
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let record = &hit.record;
        let levels = record
            .fheq_levels
            .as_ref()
            .map(|l| l.iter().map(|l| format!("L{l}")).collect::<Vec<_>>().join("/"))
            .unwrap_or_else(|| "L?".to_owned());
        let delivery = record
            .delivery
            .map(|d| coursemap_index::filters::contract_name(&d))
            .unwrap_or_else(|| "delivery?".to_owned());
        let fee = match coursemap_index::home_fee_gbp(record) {
            Some(0.0) => "free".to_owned(),
            // A short course's fee is the whole cost, not a yearly one.
            Some(fee) if record.length.short => format!("£{fee:.0}"),
            Some(fee) => format!("£{fee:.0}/yr"),
            None => "fee?".to_owned(),
        };
        // The year and a status other than recruiting only where the page says them.
        let year = record.entry_year.map(|y| format!(" · {y} entry")).unwrap_or_default();
        let status = match record.status {
            Some(s @ (Status::Closed | Status::Discontinued)) => format!(" · {s}"),
            _ => String::new(),
        };
        println!(
            "{:>3}. {}  [{} · {} · {} · {} · {}{year}{status}]",
            offset + i + 1,
            record.title,
            record.provider_id.as_deref().unwrap_or("?"),
            levels,
            coursemap_index::filters::contract_name(&record.kind),
            delivery,
            fee,
        );
        if !hit.snippet_text.is_empty() {
            println!("     {}", hit.snippet_text);
        }
        println!("     {}", record.url);
    }
    let shown = results.hits.len();
    let plural = if results.total == 1 { "" } else { "s" };
    if shown == 0 {
        println!("\nno hits shown; {} result{plural}", results.total);
    } else {
        println!("\n{}-{} of {} result{plural}", offset + 1, offset + shown, results.total);
    }
    for dimension in Dimension::ALL {
        let counts = results.facets.dimension(dimension);
        if counts.is_empty() {
            continue;
        }
        let mut sorted: Vec<(&String, &u64)> = counts.iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let line: Vec<String> = sorted.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!("  {:<9} {}", dimension.as_str(), line.join(", "));
    }
}
