//! Checking the search parameters of `/api/search` and `/api/search.csv`.
//!
//! The raw query string is parsed here rather than by a serde extractor so that repeated
//! scalar parameters (`limit=1&limit=99`) and unknown names are seen and rejected with the
//! parameter named, instead of one value silently winning. Filter values are parsed by the
//! index crate's [`Filters::apply`], so the CLI and the API accept exactly the same spellings.

use coursemap_index::{Dimension, Filters};

use crate::api_error::ApiError;

/// Longest accepted `q`, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// Largest `limit` for JSON results.
pub const MAX_LIMIT: usize = 100;
/// `limit` when none is given.
pub const DEFAULT_LIMIT: usize = 20;
/// Largest `offset`: deep paging is a scraper's habit, and costs the index most.
pub const MAX_OFFSET: usize = 10_000;
/// Largest number of CSV rows (the CSV's `limit` default and maximum): all one search gives.
pub const MAX_CSV_ROWS: usize = coursemap_index::MAX_HITS;
/// Longest accepted raw query string, in bytes, checked before any decoding.
pub const MAX_QUERY_STRING_BYTES: usize = 4_096;
/// Most filter values (all repeatable parameters together) in one request.
const MAX_FILTER_VALUES: usize = 64;
/// Longest client-supplied text echoed back in an error message, in characters.
const MAX_ECHOED_CHARS: usize = 40;

/// The checked parameters of one search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    pub q: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    /// `literal=true`: every word of `q` is text; none becomes a filter.
    pub literal: bool,
}

/// Which endpoint the parameters are for: the CSV export allows more rows per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Json,
    Csv,
}

/// The API's own parameters, given once only (the index's scalar filters are the others).
const API_SCALARS: [&str; 4] = ["q", "literal", "limit", "offset"];

/// Whether `name` is a filter parameter that may be repeated (values are alternatives): one
/// per facet dimension the index filters on.
fn is_repeatable(name: &str) -> bool {
    Dimension::from_name(name).is_some_and(Dimension::is_filter)
}

impl SearchParams {
    /// Parses and checks a raw query string (`None` when the URL had no `?`).
    pub fn parse(raw: Option<&str>, purpose: Purpose) -> Result<SearchParams, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_STRING_BYTES {
            return Err(ApiError::bad(
                "query",
                format!("the query string is longer than {MAX_QUERY_STRING_BYTES} bytes"),
            ));
        }
        let (max_limit, default_limit) = match purpose {
            Purpose::Json => (MAX_LIMIT, DEFAULT_LIMIT),
            Purpose::Csv => (MAX_CSV_ROWS, MAX_CSV_ROWS),
        };
        let mut params = SearchParams { limit: default_limit, ..SearchParams::default() };
        let mut seen_scalars: Vec<&'static str> = Vec::new();
        let mut filter_values = 0;
        for (name, value) in url::form_urlencoded::parse(raw.as_bytes()) {
            let value = value.trim();
            let scalars = API_SCALARS.iter().chain(&coursemap_index::filters::SCALAR_FILTERS);
            if let Some(&scalar) = scalars.into_iter().find(|&&s| s == name) {
                if seen_scalars.contains(&scalar) {
                    return Err(ApiError::bad(
                        scalar,
                        format!("'{scalar}' may be given only once"),
                    ));
                }
                seen_scalars.push(scalar);
            } else if is_repeatable(&name) {
                filter_values += 1;
                if filter_values > MAX_FILTER_VALUES {
                    return Err(ApiError::bad(name, "too many filter values"));
                }
            } else {
                let name = shown(&name);
                return Err(ApiError::bad(name.clone(), format!("unknown parameter '{name}'")));
            }
            match name.as_ref() {
                "q" => params.q = check_query(value)?,
                "limit" => {
                    params.limit = parse_count(value, "limit", max_limit)?;
                    if params.limit == 0 {
                        return Err(ApiError::bad("limit", "limit must be at least 1"));
                    }
                }
                "offset" => params.offset = parse_count(value, "offset", MAX_OFFSET)?,
                "literal" => {
                    params.literal = match value {
                        "" | "true" | "1" => true,
                        "false" | "0" => false,
                        _ => return Err(ApiError::bad("literal", "literal is true or false")),
                    }
                }
                filter => params
                    .filters
                    .apply(filter, value)
                    .map_err(|err| ApiError::bad(filter, err.to_string()))?,
            }
        }
        Ok(params)
    }
}

fn check_query(value: &str) -> Result<String, ApiError> {
    if value.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad("q", format!("q is longer than {MAX_QUERY_CHARS} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::bad("q", "q contains control characters"));
    }
    Ok(value.to_owned())
}

/// Shortens client-supplied text before it is echoed in an error message.
fn shown(value: &str) -> String {
    let mut shown: String =
        value.chars().filter(|c| !c.is_control()).take(MAX_ECHOED_CHARS).collect();
    if value.chars().count() > MAX_ECHOED_CHARS {
        shown.push('…');
    }
    shown
}

fn parse_count(value: &str, name: &str, max: usize) -> Result<usize, ApiError> {
    match value.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(ApiError::bad(name, format!("{name} must be at most {max}"))),
        Err(_) => Err(ApiError::bad(
            name,
            format!("{name} must be a whole number, not '{}'", shown(value)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use coursemap_records::{Delivery, Kind, LengthCategory};

    use super::*;

    fn parameter_of(raw: &str) -> String {
        match SearchParams::parse(Some(raw), Purpose::Json) {
            Err(ApiError::BadParameter { parameter, .. }) => parameter,
            other => panic!("expected a bad parameter for {raw:?}, got {other:?}"),
        }
    }

    #[test]
    fn parses_repeatable_filters_and_scalars() {
        let params = SearchParams::parse(
            Some(
                "q=quality+improvement&level=7&level=6&delivery=distance&kind=programme\
                 &length=short&length=3_9y_pt_only&max_fee=5000&limit=5&offset=10",
            ),
            Purpose::Json,
        )
        .expect("valid parameters");
        assert_eq!(params.q, "quality improvement");
        let levels: Vec<u8> = params.filters.levels.iter().map(|l| l.get()).collect();
        assert_eq!(levels, vec![7, 6]);
        assert_eq!(params.filters.delivery, vec![Delivery::Distance]);
        assert_eq!(params.filters.kind, vec![Kind::Programme]);
        assert_eq!(
            params.filters.length,
            vec![LengthCategory::Short, LengthCategory::ThreeToNineYearsPartTimeOnly]
        );
        assert_eq!(params.filters.max_fee, Some(5000.0));
        assert_eq!((params.limit, params.offset), (5, 10));
    }

    #[test]
    fn defaults_depend_on_purpose() {
        let json = SearchParams::parse(None, Purpose::Json).expect("empty is valid");
        let csv = SearchParams::parse(None, Purpose::Csv).expect("empty is valid");
        assert_eq!(json.limit, DEFAULT_LIMIT);
        assert_eq!(csv.limit, MAX_CSV_ROWS);
        assert_eq!(json.filters, Filters::default());
    }

    #[test]
    fn names_the_bad_parameter() {
        assert_eq!(parameter_of("level=9"), "level");
        assert_eq!(parameter_of("level=seven"), "level");
        assert_eq!(parameter_of("delivery=carrier+pigeon"), "delivery");
        assert_eq!(parameter_of("kind=degree"), "kind");
        assert_eq!(parameter_of("focus=some"), "focus");
        assert_eq!(parameter_of("length=2y"), "length");
        assert_eq!(parameter_of("region=mars"), "region");
        assert_eq!(parameter_of("provider=%3Cscript%3E"), "provider");
        assert_eq!(parameter_of("limit=101"), "limit");
        assert_eq!(parameter_of("limit=0"), "limit");
        assert_eq!(parameter_of("limit=-1"), "limit");
        assert_eq!(parameter_of("offset=10001"), "offset");
        assert_eq!(parameter_of("max_fee=cheap"), "max_fee");
        assert_eq!(parameter_of("max_fee=1&max_fee=2"), "max_fee");
        assert_eq!(parameter_of("limit=1&limit=2"), "limit");
        assert_eq!(parameter_of("q=a&q=b"), "q");
        assert_eq!(parameter_of("colour=blue"), "colour");
        assert_eq!(parameter_of(&format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1))), "q");
        assert_eq!(parameter_of("q=a%00b"), "q");
        assert_eq!(parameter_of(&"level=7&".repeat(MAX_QUERY_STRING_BYTES / 8 + 1)), "query");
        assert_eq!(parameter_of(&"level=7&".repeat(MAX_FILTER_VALUES + 1)), "level");
    }

    #[test]
    fn query_of_exactly_the_limit_is_accepted() {
        let q = "é".repeat(MAX_QUERY_CHARS);
        let raw =
            url::form_urlencoded::Serializer::new(String::new()).append_pair("q", &q).finish();
        let params =
            SearchParams::parse(Some(&raw), Purpose::Json).expect("256 characters is allowed");
        assert_eq!(params.q.chars().count(), MAX_QUERY_CHARS);
    }
}
