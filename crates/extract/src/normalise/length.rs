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

/// Reads a length; `default_mode` is the study mode of durations that name none (the page's
/// only mode, say "Part time"); without one they are no route, only words.
pub fn parse(text: &str, default_mode: Option<StudyMode>) -> Option<Length> {
    let expanded = expand_iso(text);
    let lower = expanded.to_lowercase().replace(['–', '—', '‑', '‒'], "-");
    // "1 hour 30 minutes" is one span of 1.5 hours.
    let lower = HOURS_AND_MINUTES
        .replace_all(&lower, |c: &regex::Captures<'_>| {
            let h: f64 = c[1].parse().unwrap_or(0.0);
            let m: f64 = c[2].parse().unwrap_or(0.0);
            format!("{} hours", h + m / 60.0)
        })
        .into_owned();
    let mut length = Length {
        no_time_limit: NO_TIME_LIMIT.is_match(&lower),
        short: SHORT_WORDS.is_match(&lower),
        text: Some(crate::text::truncate(&crate::text::collapse_ws(text), 300)),
        ..Length::default()
    };
    // Durations with their positions; separators inside a duration ("2 or 3 years") don't split.
    let mut spans: Vec<(usize, usize, Span)> = Vec::new();
    for c in DURATION.captures_iter(&lower) {
        let (Some(whole), Some(a), Some(u)) = (c.get(0), c.name("a"), c.name("unit")) else {
            continue;
        };
        if RATE_AFTER.is_match(&lower[whole.end()..])
            || RATE_BEFORE.is_match(&lower[..whole.start()])
        {
            continue;
        }
        let Some(a) = number(a.as_str()) else { continue };
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
        spans.push((whole.start(), whole.end(), Span { min, max, unit: unit(u.as_str()), plus }));
    }
    // Clause boundaries: separators outside durations.
    let mut cuts: Vec<usize> = vec![0];
    for m in SEPARATOR.find_iter(&lower) {
        if !spans.iter().any(|(s, e, _)| m.start() >= *s && m.start() < *e) {
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

    let mut ft = ModeRanges::default();
    let mut pt = ModeRanges::default();
    let mut hours: Option<(f64, f64)> = None;
    let mut short_units = false;
    let mut long_units = false;
    let mut pending_mode: Option<StudyMode> = None;
    // (mode, min, max) per clause; a clause naming no mode is placed after the loop.
    let mut routes: Vec<(Option<StudyMode>, Option<f64>, f64)> = Vec::new();
    let mut previous_unmoded = false;
    // The duration a mode-only clause gave a mode to ("12 months, full-time or part-time").
    let mut last_given: Option<(Option<f64>, f64)> = None;
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let clause = &lower[start..end];
        let mode = if FULL_TIME.is_match(clause) {
            Some(StudyMode::FullTime)
        } else if PART_TIME.is_match(clause) {
            Some(StudyMode::PartTime)
        } else {
            None
        };
        let in_clause: Vec<Span> = spans
            .iter()
            .filter(|(s, _, _)| *s >= start && *s < end)
            .map(|(_, _, sp)| *sp)
            .collect();
        if in_clause.is_empty() {
            // "1 year, full-time": a mode on its own names the duration just before it.
            if let Some(m) = mode {
                match routes.last_mut() {
                    Some(last) if previous_unmoded => {
                        last.0 = Some(m);
                        last_given = Some((last.1, last.2));
                    }
                    _ => match last_given {
                        Some((min, max)) => routes.push((Some(m), min, max)),
                        None => pending_mode = Some(m),
                    },
                }
                previous_unmoded = false;
            }
            continue;
        }
        let mut range: Option<(Option<f64>, f64)> = None;
        for sp in &in_clause {
            match sp.unit {
                Unit::Hours(factor) => {
                    let (lo, hi) = (sp.min.unwrap_or(sp.max) * factor, sp.max * factor);
                    hours = Some(match hours {
                        Some((a, b)) => (a.min(lo), b.max(hi)),
                        None => (lo, hi),
                    });
                    short_units = true;
                }
                Unit::Days => short_units = true,
                Unit::Months(factor) => {
                    let (min, max) = (sp.min.map(|m| m * factor), sp.max * factor);
                    if max < 6.0 {
                        short_units = true;
                    } else {
                        long_units = true;
                    }
                    range = Some(match range {
                        None => (min, max),
                        Some((rmin, rmax)) if sp.plus => (rmin, rmax + max),
                        Some((rmin, rmax)) => {
                            let m = match (rmin, min) {
                                (Some(a), Some(b)) => Some(a.min(b)),
                                (a, b) => a.or(b),
                            };
                            (m, rmax.max(max))
                        }
                    });
                }
            }
        }
        let Some((min, max)) = range else { continue };
        // "Part-time: PG Cert 1 year, PG Dip 2 years": a named mode carries to the clauses after.
        if mode.is_some() {
            pending_mode = mode;
        }
        let mode = mode.or(pending_mode);
        previous_unmoded = mode.is_none();
        last_given = None;
        routes.push((mode, min, max));
    }
    // A duration no study mode is stated for is not a full- or part-time route: the page says
    // how long, not how ("Course duration: 3 years" beside no mode). Its words stay as text.
    let stated_durations = !routes.is_empty();
    for (mode, min, max) in routes {
        match mode.or(default_mode) {
            Some(StudyMode::PartTime) => pt.add(min, max),
            Some(StudyMode::FullTime) => ft.add(min, max),
            None => {}
        }
    }
    length.full_time_months = ft.range();
    length.part_time_months = pt.range();
    if let Some((lo, hi)) = hours {
        length.hours = Some(HourRange { min: Some(lo), max: hi });
    }
    length.short = (length.short || short_units) && !long_units;
    if !long_units && length.hours.is_none() && OWN_PACE.is_match(&lower) && !short_units {
        length.no_time_limit = true;
    }
    if length.short {
        // A short course's weeks or months are not a full-time route.
        length.full_time_months = None;
        length.part_time_months = None;
    }
    let known = length.full_time_months.is_some()
        || length.part_time_months.is_some()
        || length.short
        || length.no_time_limit
        || stated_durations;
    if !known {
        return None;
    }
    length.refresh_category();
    Some(length)
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
