//! Length of study: years, months, weeks, days, hours; ranges ("2-4 years"); "up to";
//! "flexible" (part-time); "self-paced" / "no time limit"; full- and part-time routes split
//! from one sentence; ISO 8601 durations (`P1Y`, `P4M`). The category is derived by
//! `Length::refresh_category` (the contract's rules).

use coursemap_records::{HourRange, Length, MonthRange, StudyMode};

use super::{Pattern, re};

static ISO: Pattern = Pattern::new(|| {
    re(
        r"\bP(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?\b",
    )
});
static NO_TIME_LIMIT: Pattern = Pattern::new(|| {
    re(
        r"no time limit|no fixed (?:end|duration|length|deadline)|unlimited (?:access|time)|no deadline",
    )
});
/// "Self-paced" means no time limit only when no duration is given ("self-paced, 10 hours"
/// has one).
static OWN_PACE: Pattern = Pattern::new(|| re(r"self[- ]paced|own pace|study at any time"));
/// Wording that makes a course short without a figure: a standalone module, one term.
static SHORT_WORDS: Pattern = Pattern::new(|| {
    re(
        r"\b(?:stand[- ]?alone|single) module\b|\bshort course\b|\b(?:one|a|single) (?:term|semester)\b|\bmasterclass\b|\bone[- ]day\b|\bhalf[- ]day\b",
    )
});
const NUMBER: &str = r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four|an?";
static DURATION: Pattern = Pattern::new(|| {
    re(&format!(
        r"(?:\b(?P<pre>up to|upto|maximum of|maximum|max\.?|minimum of|minimum|min\.?|at least|between|from|within)\s+)?\b(?P<a>{NUMBER})(?:\s*,\s*(?:{NUMBER}))*(?:\s*,?\s*(?:-|to|or|and)\s*(?P<b>{NUMBER}))?[\s-]*(?:academic\s+|calendar\s+)?(?P<unit>years?|yrs?|months?|mths?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?)\b"
    ))
});
static HOURS_AND_MINUTES: Pattern = Pattern::new(|| {
    re(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\s*(?:and\s*)?(\d{1,2})\s*(?:minutes?|mins?)\b")
});
static RATE_AFTER: Pattern = Pattern::new(|| re(r"^\s*(?:per|a|each|/)\s*(?:week|day|month|wk)"));
/// "one session a week", "two evenings a week": a rhythm, not a length.
static RATE_BEFORE: Pattern = Pattern::new(|| {
    re(r"(?:sessions?|days?|evenings?|mornings?|afternoons?|hours?|times|once|twice)\s*$")
});
static PLUS_BEFORE: Pattern =
    Pattern::new(|| re(r"(?:plus|\+|additional|extra|further|and up to)\s*\(?\s*$"));
static FULL_TIME: Pattern = Pattern::new(|| re(r"full[- ]?time|\bft\b|intensive"));
static PART_TIME: Pattern = Pattern::new(|| re(r"part[- ]?time|\bpt\b|flexible"));
static SEPARATOR: Pattern = Pattern::new(|| re(r"[,;|\n•]|\.\s|\bor\b|\band\b|\s/\s"));

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Months(f64),
    Days,
    /// Hours, scaled (minutes are 1/60).
    Hours(f64),
}

#[derive(Debug, Clone, Copy)]
struct Span {
    min: Option<f64>,
    max: f64,
    unit: Unit,
    plus: bool,
}

fn number(word: &str) -> Option<f64> {
    let w = word.trim();
    let n: f64 = match w {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "eighteen" => 18.0,
        "twenty-four" | "twenty four" => 24.0,
        _ => w.parse().ok()?,
    };
    (0.0..10_000.0).contains(&n).then_some(n)
}

fn unit(word: &str) -> Unit {
    if word.starts_with("mi") {
        Unit::Hours(1.0 / 60.0)
    } else if word.starts_with('y') {
        Unit::Months(12.0)
    } else if word.starts_with("mo") || word.starts_with("mt") {
        Unit::Months(1.0)
    } else if word.starts_with('w') {
        Unit::Months(12.0 / 52.0)
    } else if word.starts_with('d') {
        Unit::Days
    } else {
        Unit::Hours(1.0)
    }
}

/// Writes ISO 8601 durations out in words so one grammar reads both.
fn expand_iso(text: &str) -> String {
    ISO.replace_all(text, |c: &regex::Captures<'_>| {
        let names = ["years", "months", "weeks", "days", "hours", "minutes"];
        let parts: Vec<String> = (1..=6)
            .filter_map(|i| c.get(i).map(|m| format!("{} {}", m.as_str(), names[i - 1])))
            .collect();
        if parts.is_empty() { c[0].to_string() } else { parts.join(" plus ") }
    })
    .into_owned()
}

#[derive(Default)]
struct ModeRanges {
    min: Option<f64>,
    max: Option<f64>,
}

impl ModeRanges {
    fn add(&mut self, min: Option<f64>, max: f64) {
        if let Some(m) = min {
            self.min = Some(self.min.map_or(m, |cur| cur.min(m)));
        }
        self.max = Some(self.max.map_or(max, |cur| cur.max(max)));
    }

    fn range(&self) -> Option<MonthRange> {
        let max = self.max?;
        let max_m = months(max);
        if max_m == 0 {
            return None;
        }
        Some(match self.min {
            Some(min) => MonthRange::between(months(min), max_m),
            None => MonthRange::up_to(max_m),
        })
    }
}

fn months(v: f64) -> u32 {
    // Guarded by `number` (finite, < 10,000) times at most 12.
    v.round().clamp(0.0, 1_000_000.0) as u32
}

/// A duration found in the wording, with the byte range it covers.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    span: Span,
}

/// A range of months: (min, max), no min for "up to".
type Months = (Option<f64>, f64);

/// What durations in hours and days say about a course, over every clause.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Units {
    /// The widest range of hours stated.
    hours: Option<(f64, f64)>,
    /// Some duration is in hours, days, or under six months.
    short: bool,
    /// Some duration is six months or more.
    long: bool,
}

impl Units {
    fn merge(&mut self, other: Units) {
        if let Some((lo, hi)) = other.hours {
            self.hours = Some(widen(self.hours, lo, hi));
        }
        self.short |= other.short;
        self.long |= other.long;
    }
}

fn widen(range: Option<(f64, f64)>, lo: f64, hi: f64) -> (f64, f64) {
    match range {
        Some((a, b)) => (a.min(lo), b.max(hi)),
        None => (lo, hi),
    }
}

/// What the durations of one clause add up to.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct ClauseFigures {
    /// The clause's months, one range however many durations it gives.
    months: Option<Months>,
    units: Units,
}

/// A duration in months and the study mode it is for (`None`: the clauses name none).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Route {
    mode: Option<StudyMode>,
    min: Option<f64>,
    max: f64,
}

/// Gives each clause's duration a study mode, as the wording carries a mode from one clause
/// to the next.
#[derive(Debug, Default)]
struct RouteReader {
    routes: Vec<Route>,
    /// "Part-time: PG Cert 1 year, PG Dip 2 years": a named mode carries to the clauses after.
    pending_mode: Option<StudyMode>,
    /// The last route was pushed without a mode, so a mode-only clause may name it.
    previous_unmoded: bool,
    /// The duration a mode-only clause gave a mode to ("12 months, full-time or part-time").
    last_given: Option<Months>,
}

impl RouteReader {
    /// A clause naming a mode and no duration ("1 year, full-time"): the mode names the
    /// duration just before it.
    fn mode_alone(&mut self, mode: StudyMode) {
        match self.routes.last_mut() {
            Some(last) if self.previous_unmoded => {
                last.mode = Some(mode);
                self.last_given = Some((last.min, last.max));
            }
            _ => match self.last_given {
                Some((min, max)) => self.routes.push(Route { mode: Some(mode), min, max }),
                None => self.pending_mode = Some(mode),
            },
        }
        self.previous_unmoded = false;
    }

    /// A clause giving a duration, naming its mode or not.
    fn duration(&mut self, mode: Option<StudyMode>, (min, max): Months) {
        if mode.is_some() {
            self.pending_mode = mode;
        }
        let mode = mode.or(self.pending_mode);
        self.previous_unmoded = mode.is_none();
        self.last_given = None;
        self.routes.push(Route { mode, min, max });
    }
}

/// Reads a length; `default_mode` is the study mode of durations that name none (the page's
/// only mode, say "Part time"); without one they are no route, only words.
pub fn parse(text: &str, default_mode: Option<StudyMode>) -> Option<Length> {
    let lower = comparable_wording(text);
    let found = durations(&lower);
    let cuts = clause_cuts(&lower, &found);
    let (routes, units) = read_clauses(&lower, &found, &cuts);
    let (full_time_months, part_time_months) = mode_ranges(&routes, default_mode);
    let short = (SHORT_WORDS.is_match(&lower) || units.short) && !units.long;
    let own_pace =
        !units.long && units.hours.is_none() && OWN_PACE.is_match(&lower) && !units.short;
    let mut length = Length {
        no_time_limit: NO_TIME_LIMIT.is_match(&lower) || own_pace,
        short,
        // A short course's weeks or months are not a full-time route.
        full_time_months: full_time_months.filter(|_| !short),
        part_time_months: part_time_months.filter(|_| !short),
        hours: units.hours.map(|(lo, hi)| HourRange { min: Some(lo), max: hi }),
        text: Some(crate::text::truncate(&crate::text::collapse_ws(text), 300)),
        ..Length::default()
    };
    // A duration no study mode is stated for is not a full- or part-time route: the page says
    // how long, not how ("Course duration: 3 years" beside no mode). Its words stay as text.
    let known = length.full_time_months.is_some()
        || length.part_time_months.is_some()
        || length.short
        || length.no_time_limit
        || !routes.is_empty();
    if !known {
        return None;
    }
    length.refresh_category();
    Some(length)
}

/// The wording lower-cased, with dashes as hyphens and ISO durations in words, so one grammar
/// reads every spelling.
fn comparable_wording(text: &str) -> String {
    let expanded = expand_iso(text);
    let lower = expanded.to_lowercase().replace(['–', '—', '‑', '‒'], "-");
    // "1 hour 30 minutes" is one span of 1.5 hours.
    HOURS_AND_MINUTES
        .replace_all(&lower, |c: &regex::Captures<'_>| {
            let h: f64 = c[1].parse().unwrap_or(0.0);
            let m: f64 = c[2].parse().unwrap_or(0.0);
            format!("{} hours", h + m / 60.0)
        })
        .into_owned()
}

/// The durations of the wording that are lengths (not rates such as "6 hours per week").
fn durations(lower: &str) -> Vec<Found> {
    DURATION.captures_iter(lower).filter_map(|c| duration_at(&c, lower)).collect()
}

fn duration_at(c: &regex::Captures<'_>, lower: &str) -> Option<Found> {
    let (whole, a, u) = (c.get(0)?, c.name("a")?, c.name("unit")?);
    if RATE_AFTER.is_match(&lower[whole.end()..]) || RATE_BEFORE.is_match(&lower[..whole.start()]) {
        return None;
    }
    let a = number(a.as_str())?;
    let b = c.name("b").and_then(|b| number(b.as_str()));
    let pre = c.name("pre").map(|p| p.as_str()).unwrap_or("");
    let up_to =
        matches!(pre, "up to" | "upto" | "maximum of" | "maximum" | "max" | "max." | "within");
    let (min, max) = match b {
        Some(b) => (Some(a.min(b)), a.max(b)),
        None if up_to => (None, a),
        None => (Some(a), a),
    };
    let plus = PLUS_BEFORE.is_match(&lower[..whole.start()]);
    let span = Span { min, max, unit: unit(u.as_str()), plus };
    Some(Found { start: whole.start(), end: whole.end(), span })
}

/// Where clauses start, with the wording's length last. Separators inside a duration ("2 or
/// 3 years") don't split.
fn clause_cuts(lower: &str, found: &[Found]) -> Vec<usize> {
    let mut cuts: Vec<usize> = vec![0];
    for m in SEPARATOR.find_iter(lower) {
        if !found.iter().any(|f| m.start() >= f.start && m.start() < f.end) {
            cuts.push(m.start());
        }
    }
    // "1 year full-time (2 years part-time)": a bracket opens a clause, unless it qualifies the
    // duration before it ("(plus up to 1 year for dissertation)").
    for (i, _) in lower.match_indices('(') {
        let inside = lower[i + 1..].trim_start();
        let qualifier =
            ["plus", "+", "additional", "extra", "up to", "including", "with", "max", "min"]
                .iter()
                .any(|w| inside.starts_with(w));
        if !qualifier {
            cuts.push(i);
        }
    }
    cuts.sort_unstable();
    cuts.push(lower.len());
    cuts
}

/// The routes the clauses give, and what their hours and days say.
fn read_clauses(lower: &str, found: &[Found], cuts: &[usize]) -> (Vec<Route>, Units) {
    let mut reader = RouteReader::default();
    let mut units = Units::default();
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let mode = clause_mode(&lower[start..end]);
        let in_clause: Vec<Span> =
            found.iter().filter(|f| f.start >= start && f.start < end).map(|f| f.span).collect();
        if in_clause.is_empty() {
            if let Some(mode) = mode {
                reader.mode_alone(mode);
            }
            continue;
        }
        let figures = clause_figures(&in_clause);
        units.merge(figures.units);
        if let Some(months) = figures.months {
            reader.duration(mode, months);
        }
    }
    (reader.routes, units)
}

fn clause_mode(clause: &str) -> Option<StudyMode> {
    if FULL_TIME.is_match(clause) {
        Some(StudyMode::FullTime)
    } else if PART_TIME.is_match(clause) {
        Some(StudyMode::PartTime)
    } else {
        None
    }
}

fn clause_figures(spans: &[Span]) -> ClauseFigures {
    let mut figures = ClauseFigures::default();
    for sp in spans {
        match sp.unit {
            Unit::Hours(factor) => {
                let (lo, hi) = (sp.min.unwrap_or(sp.max) * factor, sp.max * factor);
                figures.units.hours = Some(widen(figures.units.hours, lo, hi));
                figures.units.short = true;
            }
            Unit::Days => figures.units.short = true,
            Unit::Months(factor) => {
                let (min, max) = (sp.min.map(|m| m * factor), sp.max * factor);
                if max < 6.0 {
                    figures.units.short = true;
                } else {
                    figures.units.long = true;
                }
                figures.months = Some(add_months(figures.months, (min, max), sp.plus));
            }
        }
    }
    figures
}

/// One clause's months with another duration of it: added on when it is "plus" one ("1 year
/// (plus up to 1 year for dissertation)"), else the range covering both.
fn add_months(so_far: Option<Months>, (min, max): Months, plus: bool) -> Months {
    match so_far {
        None => (min, max),
        Some((rmin, rmax)) if plus => (rmin, rmax + max),
        Some((rmin, rmax)) => {
            let m = match (rmin, min) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            (m, rmax.max(max))
        }
    }
}

/// Full- and part-time month ranges of the routes; a route naming no mode takes
/// `default_mode`, or is neither.
fn mode_ranges(
    routes: &[Route],
    default_mode: Option<StudyMode>,
) -> (Option<MonthRange>, Option<MonthRange>) {
    let mut ft = ModeRanges::default();
    let mut pt = ModeRanges::default();
    for route in routes {
        match route.mode.or(default_mode) {
            Some(StudyMode::PartTime) => pt.add(route.min, route.max),
            Some(StudyMode::FullTime) => ft.add(route.min, route.max),
            None => {}
        }
    }
    (ft.range(), pt.range())
}

#[cfg(test)]
mod tests {
    use super::*;
    use coursemap_records::LengthCategory as C;

    fn ft_pt(text: &str, default: Option<StudyMode>) -> (Option<MonthRange>, Option<MonthRange>) {
        let l = parse(text, default).unwrap_or_default();
        (l.full_time_months, l.part_time_months)
    }

    #[test]
    fn years_months_and_splits() {
        let r = MonthRange::between;
        assert_eq!(
            ft_pt("1 year full-time, 2 years part-time", None),
            (Some(r(12, 12)), Some(r(24, 24)))
        );
        assert_eq!(
            ft_pt("1 year full-time, 2 years part-time, 5 years flexible", None),
            (Some(r(12, 12)), Some(r(24, 60)))
        );
        assert_eq!(
            ft_pt("1 year full-time, 2-4 years part-time", None),
            (Some(r(12, 12)), Some(r(24, 48)))
        );
        assert_eq!(
            ft_pt("Full time: 1 year | Part time: 1-3 years", None),
            (Some(r(12, 12)), Some(r(12, 36)))
        );
        assert_eq!(
            ft_pt("18 months full time, 3 years part time", None),
            (Some(r(18, 18)), Some(r(36, 36)))
        );
        assert_eq!(ft_pt("1 year, full-time", Some(StudyMode::PartTime)), (Some(r(12, 12)), None));
        assert_eq!(
            ft_pt(
                "1 year full time, 2 years full time including professional placement, 2 years part time",
                None
            ),
            (Some(r(12, 24)), Some(r(24, 24)))
        );
        assert_eq!(
            ft_pt(
                "1 year full time (plus up to 1 year for dissertation), 2 years part time (plus up to 1 year for dissertation)",
                None
            ),
            (Some(r(12, 24)), Some(r(24, 36)))
        );
        assert_eq!(ft_pt("24 Months Part Time", None), (None, Some(r(24, 24))));
        assert_eq!(ft_pt("26 months", Some(StudyMode::PartTime)), (None, Some(r(26, 26))));
        assert_eq!(
            ft_pt("PGCert: 6 months; PGDip: 12 months; MSc: 22 months", Some(StudyMode::PartTime)),
            (None, Some(r(6, 22)))
        );
        assert_eq!(ft_pt("one year", Some(StudyMode::FullTime)), (Some(r(12, 12)), None));
        // A length with no study mode stated anywhere is no route, only words.
        assert_eq!(ft_pt("one year", None), (None, None));
        let words = parse("Course duration: 3 years", None).expect("words kept");
        assert_eq!(words.text.as_deref(), Some("Course duration: 3 years"));
        assert_eq!(words.category, None);
        assert_eq!(ft_pt("Two to four years part-time", None), (None, Some(r(24, 48))));
        assert_eq!(
            ft_pt("Part-time: PG Cert 1 year, PG Dip 2 years, MSc 3 years", None),
            (None, Some(r(12, 36)))
        );
        assert_eq!(
            ft_pt("Full-time: 1 year. Part-time: 2 to 3 years.", None),
            (Some(r(12, 12)), Some(r(24, 36)))
        );
        assert_eq!(
            ft_pt("1 year full-time (2 years part-time)", None),
            (Some(r(12, 12)), Some(r(24, 24)))
        );
        assert_eq!(
            ft_pt("12 to 36 months, full-time or part-time", None),
            (Some(r(12, 36)), Some(r(12, 36)))
        );
        assert_eq!(
            ft_pt("12 months, part-time (one session a week)", None),
            (None, Some(r(12, 12)))
        );
    }

    #[test]
    fn up_to_and_flexible() {
        assert_eq!(ft_pt("up to 4 years part-time", None), (None, Some(MonthRange::up_to(48))));
        assert_eq!(ft_pt("Flexible, up to 5 years", None), (None, Some(MonthRange::up_to(60))));
        let l = parse("up to 4 years part-time", None).expect("length");
        assert_eq!(l.category, Some(C::Other));
    }

    #[test]
    fn iso_durations() {
        assert_eq!(ft_pt("P1Y", Some(StudyMode::FullTime)), (Some(MonthRange::exactly(12)), None));
        assert_eq!(ft_pt("P2Y part-time", None), (None, Some(MonthRange::exactly(24))));
        let l = parse("P4M", None).expect("length");
        assert!(l.short, "{l:?}");
        let l = parse("PT2H", None).expect("length");
        assert_eq!(l.hours, Some(HourRange { min: Some(2.0), max: 2.0 }));
        assert_eq!(l.category, Some(C::Short));
    }

    #[test]
    fn short_courses() {
        let l = parse("1-2 hours", None).expect("hours");
        assert_eq!(l.hours, Some(HourRange { min: Some(1.0), max: 2.0 }));
        assert!(l.short);
        assert_eq!(l.category, Some(C::Short));
        assert!(parse("3 days", None).expect("days").short);
        assert!(parse("12 weeks", None).expect("weeks").short);
        assert!(parse("one-day workshop", None).expect("day").short);
        assert!(parse("Standalone module, taught over one term", None).expect("module").short);
        assert!(parse("One semester (standalone module)", None).expect("semester").short);
        assert_eq!(parse("6 hours per week, 1 year", None).expect("rate").hours, None);
        let l = parse("Time to complete: 1 hour 30 minutes", None).expect("minutes");
        assert_eq!(l.hours, Some(HourRange { min: Some(1.5), max: 1.5 }));
        let l = parse("60 minutes (1 CPD hour)", None).expect("minutes");
        assert_eq!(l.hours, Some(HourRange { min: Some(1.0), max: 1.0 }));
    }

    #[test]
    fn no_time_limit() {
        assert!(!parse("Self-paced, approx. 10 hours", None).expect("hours").no_time_limit);
        for text in ["Self-paced", "No time limit", "Study at your own pace"] {
            let l = parse(text, None).expect("no time limit");
            assert!(l.no_time_limit, "{text}");
            assert_eq!(l.category, Some(C::NoTimeLimit), "{text}");
        }
    }

    #[test]
    fn wording_is_made_comparable() {
        assert_eq!(
            comparable_wording("Time to complete: 1 hour 30 minutes"),
            "time to complete: 1.5 hours"
        );
        assert_eq!(comparable_wording("2–4 years Part-time"), "2-4 years part-time");
        assert_eq!(comparable_wording("P1Y"), "1 years");
    }

    #[test]
    fn a_bracket_opens_a_clause_unless_it_qualifies() {
        let lower = "1 year full-time (2 years part-time)";
        assert_eq!(clause_cuts(lower, &durations(lower)), vec![0, 17, lower.len()]);
        let lower = "1 year full time (plus up to 1 year for dissertation)";
        assert_eq!(clause_cuts(lower, &durations(lower)), vec![0, lower.len()]);
    }

    #[test]
    fn a_mode_alone_names_the_duration_before_it() {
        let lower = "12 to 36 months, full-time or part-time";
        let found = durations(lower);
        let (routes, units) = read_clauses(lower, &found, &clause_cuts(lower, &found));
        let route = |mode| Route { mode: Some(mode), min: Some(12.0), max: 36.0 };
        assert_eq!(routes, vec![route(StudyMode::FullTime), route(StudyMode::PartTime)]);
        assert_eq!(units, Units { hours: None, short: false, long: true });
    }

    #[test]
    fn a_named_mode_carries_to_the_clauses_after() {
        let lower = "part-time: pg cert 1 year, pg dip 2 years, msc 3 years";
        let found = durations(lower);
        let (routes, _) = read_clauses(lower, &found, &clause_cuts(lower, &found));
        let maxima: Vec<(Option<StudyMode>, f64)> =
            routes.iter().map(|r| (r.mode, r.max)).collect();
        let pt = Some(StudyMode::PartTime);
        assert_eq!(maxima, vec![(pt, 12.0), (pt, 24.0), (pt, 36.0)]);
    }

    #[test]
    fn rates_are_not_durations() {
        let found = durations("6 hours per week, 1 year");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.unit, Unit::Months(12.0));
        assert_eq!((found[0].span.min, found[0].span.max), (Some(1.0), 1.0));
    }

    #[test]
    fn categories() {
        assert_eq!(
            parse("1 year full-time", None).and_then(|l| l.category),
            Some(C::OneYearFullTimeOnly)
        );
        assert_eq!(
            parse("1 year full-time, 2-4 years part-time", None).and_then(|l| l.category),
            Some(C::OneYearFullTimeOrTwoToFourPartTime)
        );
        assert_eq!(parse("2 years full-time", None).and_then(|l| l.category), Some(C::Other));
        assert_eq!(parse("Please see website", None), None);
    }
}
