//! Cost or stipend: "£9,250", "£9.250", "£1,030 per 15 credits", "£64 per credit",
//! "(Total)", per year / per module, home / EU / international / overseas, full-time /
//! part-time, "free", "fully funded", stipend or salary paid. Amounts are numbers in their
//! currency (GBP for pounds; others keep their code).

use std::ops::Range;

use coursemap_records::{Cost, Fee, FeePer, Student, StudyMode};

use super::{Pattern, re};

static AMOUNT: Pattern = Pattern::new(|| {
    re(
        r"(?i)(£|€|\$|\bGBP\s?|\bEUR\s?|\bUSD\s?|US\$)\s?(\d{1,3}(?:[,.]\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s?(k)\b)?",
    )
});
/// Sentences about money that is not a fee: loans, scholarships, discounts, deposits.
static NOT_A_FEE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(loans?|scholarships?|bursar(?:y|ies)|discounts?|deposit|grants?|prizes?|reduction|alumni|worth|funding|funded (?:by|for)|per fellow|cashback|backfill|refund|cancellation|donate)\b",
    )
});
static STIPEND: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(stipends?|salary|salaries|salaried|backfill|paid (?:post|position|role|placement)|you will be paid|living allowance|bursary of|bursary payment|employed (?:by|as|on)|(?:nhs|training|non-repayable|tax-free) grant)\b",
    )
});
/// Free, fully funded, or fees paid for the learner by someone else.
/// Money paid to the learner's employer (backfill, a grant to the practice), not to them.
static TO_EMPLOYER: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(backfill|to (?:the |your |their )?(?:fellow'?s? )?(?:employer|employing organisation|organisation|practice|trust)|employers? (?:will )?receive|practices? (?:will )?receive)\b",
    )
});

static FREE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(free of charge|free to (?:attend|access|join|study|enrol|register|use|all|you|nhs|participants|learners|students|members|anyone|everyone|health)|free for (?:all|nhs|staff|health|participants|learners|members|everyone|anyone)|(?:course|module|programme|it|this|training|fellowship|access|registration|places?) (?:is|are) (?:completely |entirely |totally |also )?free|are free|for free|free (?:online|e-?learning|course|training|programme)|at no (?:cost|charge)|no (?:cost|charge|fee) (?:to|for)|there (?:is|are) no (?:fee|fees|charge|cost|tuition fees|course fees)|no fees?\b|no (?:course|tuition) fees?|no charge|won'?t have to pay|will not (?:have to|need to) pay|do(?:es)? not (?:have to|need to) pay|fully[- ]funded|funded places?|places? (?:are |is )?(?:fully |centrally )?funded|(?:funded|paid for) centrally|centrally[- ]funded|(?:tuition|course|university|programme|training) fees?(?: are| will be| is)? (?:paid|covered|met|funded)|payment of (?:university|tuition|course) fees|(?:cover|pay|meet|fund)s? (?:for )?(?:the )?(?:cost|costs) of (?:the )?(?:university )?(?:tuition|course|programme|training|fees)|(?:pay|cover|fund|meet)s? (?:for )?(?:your |the |their |all )?(?:(?:tuition|course|university|programme)[ /])*fees|costs? (?:of [\w\s-]{1,40})?(?:are|is|will be) (?:met|covered|paid|funded) by|fees? (?:are|is) (?:paid|covered|waived))",
    )
});
/// Wording that makes a "free" or "funded" only possible: "may be fully funded".
static HEDGED: Pattern = Pattern::new(|| re(r"(?i)\b(?:may|might|could|can) (?:be )?(?:\w+ )?$"));

/// Does this wording say the learner pays nothing ("free of charge", "places are funded
/// centrally", "the DfE will cover the cost of university tuition")? Hedged wording ("may
/// be fully funded") does not.
pub fn says_free(text: &str) -> bool {
    if text.trim().eq_ignore_ascii_case("free") {
        return true;
    }
    FREE.find_iter(text).any(|m| !HEDGED.is_match(crate::text::suffix(&text[..m.start()], 20)))
}

static PER_AFTER: Pattern = Pattern::new(|| {
    re(
        r"(?i)^[^£€$\d]{0,30}?(?:(?P<total>\(?\s*total\s*\)?|for the (?:whole |full |entire )?(?:course|programme)|whole course|full course|in total|over (?:the )?(?:duration|course|programme|whole|length|(?:\w+|\d+) years))|(?P<thismod>for (?:this|the|each|a) (?:\d+[- ]credit )?module)|(?:per|a|each|/)\s*(?:(?P<credits>\d+)[- ]?credits?(?P<cmod>\s+module)?|(?P<credit>credit)\b|(?P<module>module|unit)\b|(?P<year>year|annum|academic year|yr)\b|(?P<session>session|day|workshop|event)\b|(?P<course>course|programme|place|person|delegate|participant|learner)\b)|(?P<pa>p\.?a\.?\b|annually))",
    )
});
static PER_BEFORE: Pattern = Pattern::new(|| {
    re(
        r"(?i)(?:(?P<total>total(?: fee| cost| course fee| price)?|course fee|programme fee|whole course|full course)|(?P<year>annual(?: fee)?|per year|yearly)|(?P<module>module fee|per module|each module|per 15 credits|per 30 credits))\W{0,5}$",
    )
});
static HOME: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(home|uk|u\.k\.|england|scotland|wales|northern ireland|ireland|islands|uk/eu|eu/uk|home/eu|domestic)\b",
    )
});
static INTERNATIONAL: Pattern = Pattern::new(|| {
    re(r"(?i)\b(international|overseas|non-eu|non-uk|eu|outside the uk|rest of (?:the )?world)\b")
});
static HOME_EU: Pattern =
    Pattern::new(|| re(r"(?i)\b(uk/eu|eu/uk|home/eu|home and eu|uk and eu)\b"));
static FULL_TIME: Pattern = Pattern::new(|| re(r"(?i)full[- ]?time"));
static PART_TIME: Pattern = Pattern::new(|| re(r"(?i)part[- ]?time"));
static AWARD_BEFORE: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(phd|doctorate|msc|ma|mres|mba|masters?|pg ?dip(?:loma)?|postgraduate diploma|pg ?cert(?:ificate)?|postgraduate certificate)\b[^£€$.]{0,15}$",
    )
});
/// The price of a whole award, said with an article: "an MSc from £7,800", "the full MSc
/// costs £9,000". A label ("MSc: £11,475") is a price like any other, per year unless it
/// says otherwise.
static AWARD_PRICED: Pattern = Pattern::new(|| {
    re(
        r"(?i)\b(?:an?|the|your)\s+(?:full\s+)?(?:phd|doctorate|msc|ma|mres|mba|masters?|pg ?dip(?:loma)?|postgraduate diploma|pg ?cert(?:ificate)?|postgraduate certificate)\b[^£€$.]{0,15}$",
    )
});
static PAREN_STUDENT: Pattern = Pattern::new(|| {
    re(
        r"(?i)^\s*\(\s*(?P<home>home|uk|uk/eu|eu/uk)|^\s*\(\s*(?P<intl>international|overseas|eu|non-eu)",
    )
});

/// A stipend's figure and period: per year when it says so ("£5,000 per year"), else the
/// whole of it ("£19,833, paid over the duration of the course").
fn stipend_amount(c: &regex::Captures<'_>, after: &str) -> Option<Fee> {
    let (symbol, number) = (c.get(1)?, c.get(2)?);
    let value = amount(number.as_str(), c.get(3).map(|m| m.as_str()), c.get(4).is_some())?;
    let per = match PER_AFTER.captures(after) {
        Some(p) if p.name("year").is_some() || p.name("pa").is_some() => FeePer::Year,
        _ => FeePer::Course,
    };
    (value > 0.0).then(|| Fee {
        amount: value,
        currency: currency(symbol.as_str()),
        per,
        student: Student::Any,
        mode: None,
    })
}

fn award_rank(word: &str) -> u8 {
    let w = word.to_ascii_lowercase().replace(' ', "");
    match w.as_str() {
        "phd" | "doctorate" => 5,
        "msc" | "ma" | "mres" | "mba" | "master" | "masters" => 4,
        _ if w.contains("dip") => 3,
        _ => 2,
    }
}

fn amount(number: &str, decimals: Option<&str>, thousands: bool) -> Option<f64> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mut value: f64 = digits.parse().ok()?;
    if let Some(d) = decimals {
        let frac: f64 = format!("0.{d}").parse().ok()?;
        value += frac;
    }
    if thousands {
        value *= 1000.0;
    }
    value.is_finite().then_some(value)
}

fn currency(symbol: &str) -> String {
    match symbol.trim().to_ascii_uppercase().as_str() {
        "£" | "GBP" => "GBP".into(),
        "€" | "EUR" => "EUR".into(),
        "$" | "USD" | "US$" => "USD".into(),
        other => other.to_string(),
    }
}

/// The byte range of the sentence (split at ". ", ";" and line breaks) holding byte `at`, for
/// sentence-level exclusions.
fn sentence_range(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind(['\n', ';']).map_or(0, |i| i + 1);
    let start = text[start..at].rfind(". ").map_or(start, |i| start + i + 2);
    let end = text[at..].find(['\n', ';']).map_or(text.len(), |i| at + i);
    let end = text[at..end].find(". ").map_or(end, |i| at + i + 1);
    start..end
}
/// Lines (table rows, list items) joined with "; ".
fn one_line(text: &str) -> String {
    let lines: Vec<String> =
        text.lines().map(crate::text::collapse_ws).filter(|l| !l.is_empty()).collect();
    lines.join("; ")
}

/// Reads a cost; `None` when the wording states no amount and is neither free nor paid. A
/// fee with no stated period is per year (a course's whole price when per course: see
/// [`parse_with_default`]).
pub fn parse(text: &str) -> Option<Cost> {
    parse_with_default(text, FeePer::Year)
}

/// As [`parse`], with `default_per` for fees that state no period.
pub fn parse_with_default(text: &str, default_per: FeePer) -> Option<Cost> {
    let mut cost = Cost {
        free: says_free(text),
        stipend: STIPEND.is_match(text),
        text: Some(crate::text::truncate(&one_line(text), 400)),
        ..Cost::default()
    };
    let matches: Vec<regex::Captures<'_>> = AMOUNT.captures_iter(text).collect();
    let mut fees: Vec<(u8, Fee)> = Vec::new();
    let mut prev_end = 0;
    // An amount naming no student is for the student the amount before it named.
    let mut student = Student::Any;
    for (i, c) in matches.iter().enumerate() {
        let Some(whole) = c.get(0) else { continue };
        let next_start =
            matches.get(i + 1).and_then(|n| n.get(0)).map_or(text.len(), |m| m.start());
        let place = AmountPlace::new(text, whole, prev_end, next_start);
        prev_end = whole.end();
        match read_amount(c, &place, student, default_per) {
            AmountReading::Stipend(fee) => {
                if cost.stipend_amount.is_none() {
                    cost.stipend_amount = fee;
                }
            }
            AmountReading::Ignored => {}
            AmountReading::Nothing => cost.free = true,
            AmountReading::Fee { award_rank, fee } => {
                student = fee.student;
                fees.push((award_rank, fee));
            }
        }
    }
    // Where prices are per award, the full award's price comes first.
    if fees.iter().any(|(rank, _)| *rank > 0) {
        fees.sort_by_key(|f| std::cmp::Reverse(f.0));
    }
    cost.fees = fees.into_iter().map(|(_, f)| f).collect();
    if cost.fees.is_empty() && !cost.free && !cost.stipend {
        return None;
    }
    Some(cost)
}

/// Where one amount sits in the wording.
#[derive(Debug, Clone, Copy)]
struct AmountPlace<'t> {
    /// The sentence holding the amount.
    sentence: &'t str,
    /// Words before the amount, within its sentence and after the previous amount.
    before: &'t str,
    /// Words after the amount, up to the next amount.
    after: &'t str,
}

impl<'t> AmountPlace<'t> {
    fn new(text: &'t str, whole: regex::Match<'t>, prev_end: usize, next_start: usize) -> Self {
        let sentence = sentence_range(text, whole.start());
        let before = &text[prev_end.max(sentence.start).min(whole.start())..whole.start()];
        AmountPlace { sentence: &text[sentence], before, after: &text[whole.end()..next_start] }
    }
}

/// What one amount in the wording is.
#[derive(Debug, Clone, PartialEq)]
enum AmountReading {
    /// An amount in a sentence about a stipend: its figure, when it reads as one.
    Stipend(Option<Fee>),
    /// Money that is not a fee (a loan, a scholarship), or no readable figure.
    Ignored,
    /// A fee of nothing ("£0"): free.
    Nothing,
    /// A fee, with the rank of the award it is the price of (0 when it names none).
    Fee { award_rank: u8, fee: Fee },
}

/// Reads the amount `c` at `place`; `student` is who the amount before it was for.
fn read_amount(
    c: &regex::Captures<'_>,
    place: &AmountPlace<'_>,
    student: Student,
    default_per: FeePer,
) -> AmountReading {
    if STIPEND.is_match(place.sentence) && !TO_EMPLOYER.is_match(place.sentence) {
        return AmountReading::Stipend(stipend_amount(c, place.after));
    }
    if NOT_A_FEE.is_match(place.sentence) || STIPEND.is_match(place.sentence) {
        return AmountReading::Ignored;
    }
    let (Some(symbol), Some(number)) = (c.get(1), c.get(2)) else {
        return AmountReading::Ignored;
    };
    let Some(value) = amount(number.as_str(), c.get(3).map(|m| m.as_str()), c.get(4).is_some())
    else {
        return AmountReading::Ignored;
    };
    if value == 0.0 {
        return AmountReading::Nothing;
    }
    let period = period_of(place, default_per);
    let amount = match period.credits {
        Some(count) => (value / count * 100.0).round() / 100.0,
        None => value,
    };
    // Module and credit prices are how part-time study is charged.
    let part_time_by_price =
        matches!(period.per, FeePer::Module | FeePer::Credit).then_some(StudyMode::PartTime);
    let fee = Fee {
        amount,
        currency: currency(symbol.as_str()),
        per: period.per,
        student: student_of(place, student),
        mode: study_mode_before(place.before).or(part_time_by_price),
    };
    let award_rank = AWARD_BEFORE
        .captures(place.before)
        .and_then(|a| a.get(1))
        .map_or(0, |a| award_rank(a.as_str()));
    AmountReading::Fee { award_rank, fee }
}

/// Who an amount is for: a bracket after it ("(UK)"), else the nearest word before it, else
/// `previous`.
fn student_of(place: &AmountPlace<'_>, previous: Student) -> Student {
    if let Some(p) = PAREN_STUDENT.captures(place.after) {
        return if p.name("home").is_some() { Student::Home } else { Student::International };
    }
    let before = HOME_EU.replace_all(place.before, "home");
    let home = HOME.find_iter(&before).last().map(|m| m.start());
    let intl = INTERNATIONAL.find_iter(&before).last().map(|m| m.start());
    match (home, intl) {
        (Some(h), Some(x)) if h > x => Student::Home,
        (Some(_), Some(_)) | (None, Some(_)) => Student::International,
        (Some(_), None) => Student::Home,
        (None, None) => previous,
    }
}

/// The study mode named last before an amount.
fn study_mode_before(before: &str) -> Option<StudyMode> {
    let ft = FULL_TIME.find_iter(before).last().map(|m| m.start());
    let pt = PART_TIME.find_iter(before).last().map(|m| m.start());
    match (ft, pt) {
        (Some(f), Some(p)) => Some(if f > p { StudyMode::FullTime } else { StudyMode::PartTime }),
        (Some(_), None) => Some(StudyMode::FullTime),
        (None, Some(_)) => Some(StudyMode::PartTime),
        (None, None) => None,
    }
}

/// The period a fee is charged for, and the credits it is quoted for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Period {
    per: FeePer,
    /// "£1,590 per 30 credits" is a price per credit (£53) quoted for a block of 30.
    credits: Option<f64>,
}

/// The period the words after an amount name, else the words before it, else the price of
/// an award named before it, else `default_per`.
fn period_of(place: &AmountPlace<'_>, default_per: FeePer) -> Period {
    if let Some(period) = period_after(place.after) {
        return period;
    }
    let per = period_before(place.before).unwrap_or(
        // A price named for an award ("an MSc from £7,800") is the price of that award.
        if AWARD_PRICED.is_match(place.before) { FeePer::Course } else { default_per },
    );
    Period { per, credits: None }
}

fn period_after(after: &str) -> Option<Period> {
    let p = PER_AFTER.captures(after)?;
    let per = if p.name("thismod").is_some() {
        FeePer::Module
    } else if p.name("total").is_some() || p.name("course").is_some() {
        FeePer::Course
    } else if p.name("cmod").is_some() {
        FeePer::Module
    } else if let Some(n) = p.name("credits") {
        let credits = n.as_str().parse::<f64>().ok().filter(|count| *count > 0.0);
        return Some(Period { per: FeePer::Credit, credits });
    } else if p.name("credit").is_some() {
        FeePer::Credit
    } else if p.name("module").is_some() {
        FeePer::Module
    } else if p.name("year").is_some() || p.name("pa").is_some() {
        FeePer::Year
    } else if p.name("session").is_some() {
        FeePer::Session
    } else {
        return None;
    };
    Some(Period { per, credits: None })
}

fn period_before(before: &str) -> Option<FeePer> {
    let p = PER_BEFORE.captures(before)?;
    Some(if p.name("total").is_some() {
        FeePer::Course
    } else if p.name("year").is_some() {
        FeePer::Year
    } else {
        FeePer::Module
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Fee {
        parse(text)
            .and_then(|c| c.fees.into_iter().next())
            .unwrap_or_else(|| panic!("no fee in {text}"))
    }

    #[test]
    fn amounts() {
        assert_eq!(first("£9,250").amount, 9250.0);
        assert_eq!(first("£9.250").amount, 9250.0);
        assert_eq!(first("£10,605").per, FeePer::Year);
        assert_eq!(first("GBP155.00").amount, 155.0);
        assert_eq!(first("£1.5k").amount, 1500.0);
        let eur = first("€4,500 per year");
        assert_eq!((eur.amount, eur.currency.as_str()), (4500.0, "EUR"));
        assert_eq!(first("$1,200").currency, "USD");
    }

    #[test]
    fn periods() {
        let f = first("£1,030 per 15 credits");
        assert_eq!((f.amount, f.per, f.mode), (68.67, FeePer::Credit, Some(StudyMode::PartTime)));
        assert_eq!(first("Module fee (UK): £1,590 per 30 credits").amount, 53.0);
        let f = first("£64 per credit");
        assert_eq!((f.amount, f.per), (64.0, FeePer::Credit));
        assert_eq!(first("£12,000 (Total)").per, FeePer::Course);
        assert_eq!(first("£9,250 per year").per, FeePer::Year);
        assert_eq!(first("£1,850 Per 30 credit module").per, FeePer::Module);
        assert_eq!(first("£950 per module").per, FeePer::Module);
        assert_eq!(first("England: £1,450 for this 30-credit module").per, FeePer::Module);
        assert_eq!(first("Total fee: £14,000").per, FeePer::Course);
        assert_eq!(first("£150 per day").per, FeePer::Session);
    }

    #[test]
    fn students_and_modes() {
        let c = parse("Home Full time, 1 year £11,100 Per year Part time £1,850 Per 30 credit module International Full time, 1 year £14,280 Per year").expect("fees");
        let got: Vec<(f64, FeePer, Student, Option<StudyMode>)> =
            c.fees.iter().map(|f| (f.amount, f.per, f.student, f.mode)).collect();
        assert_eq!(
            got,
            vec![
                (11100.0, FeePer::Year, Student::Home, Some(StudyMode::FullTime)),
                (1850.0, FeePer::Module, Student::Home, Some(StudyMode::PartTime)),
                (14280.0, FeePer::Year, Student::International, Some(StudyMode::FullTime)),
            ]
        );
        let c = parse(
            "New UK/Republic of Ireland students: £12,550 New international students: £26,950",
        )
        .expect("fees");
        assert_eq!(c.fees[0].student, Student::Home);
        assert_eq!(c.fees[1].student, Student::International);
        assert_eq!(first("£9,250 (UK) / £15,000 (international)").student, Student::Home);
        let c = parse("UK/EU: £9,250; Overseas: £17,000").expect("fees");
        assert_eq!((c.fees[0].student, c.fees[1].student), (Student::Home, Student::International));
        assert_eq!(first("EU students: £12,000").student, Student::International);
    }

    /// Where the first amount of `text` sits.
    fn first_place(text: &str) -> AmountPlace<'_> {
        let matches: Vec<regex::Match<'_>> = AMOUNT.find_iter(text).collect();
        let next = matches.get(1).map_or(text.len(), |m| m.start());
        AmountPlace::new(text, matches[0], 0, next)
    }

    #[test]
    fn an_amount_sits_in_its_sentence() {
        let text = "We do not add an international surcharge. Get a PgDip from £3,900 or an MSc from £7,800 - the most affordable.";
        let place = first_place(text);
        assert_eq!(
            place.sentence,
            "Get a PgDip from £3,900 or an MSc from £7,800 - the most affordable."
        );
        assert_eq!(place.before, "Get a PgDip from ");
        assert_eq!(place.after, " or an MSc from ");
    }

    #[test]
    fn periods_are_read_after_then_before() {
        let credit = |credits| Some(Period { per: FeePer::Credit, credits });
        assert_eq!(period_after(" per 30 credits"), credit(Some(30.0)));
        assert_eq!(period_after(" per credit"), credit(None));
        assert_eq!(period_after(" Per 30 credit module").map(|p| p.per), Some(FeePer::Module));
        assert_eq!(period_after(" for this 30-credit module").map(|p| p.per), Some(FeePer::Module));
        assert_eq!(period_after(" (Total)").map(|p| p.per), Some(FeePer::Course));
        assert_eq!(period_after(" - the most affordable."), None);
        assert_eq!(period_before("Total fee: "), Some(FeePer::Course));
        // A label is a price like any other; an award with an article is the award's price.
        let place = first_place("MSc: £11,475");
        assert_eq!(period_of(&place, FeePer::Year).per, FeePer::Year);
        let place = first_place("Get a PgDip from £3,900 or an MSc from £7,800");
        assert_eq!(period_of(&place, FeePer::Year).per, FeePer::Course);
    }

    #[test]
    fn students_and_modes_are_read_before_an_amount() {
        let place = first_place("New UK/Republic of Ireland students: £12,550");
        assert_eq!(student_of(&place, Student::Any), Student::Home);
        let place = first_place("£9,250 (international)");
        assert_eq!(student_of(&place, Student::Home), Student::International);
        let place = first_place("Per year £14,280");
        assert_eq!(student_of(&place, Student::International), Student::International);
        assert_eq!(study_mode_before("Home Full time, 1 year "), Some(StudyMode::FullTime));
        assert_eq!(study_mode_before("Full time, 1 year. Part time "), Some(StudyMode::PartTime));
        assert_eq!(study_mode_before("UK/EU: "), None);
    }

    #[test]
    fn money_paid_to_an_employer_is_not_the_fellow_s() {
        let text = "A bursary of up to £15,000 is paid to the fellow's employer.";
        let c = AMOUNT.captures(text).expect("an amount");
        let reading = read_amount(&c, &first_place(text), Student::Any, FeePer::Year);
        assert_eq!(reading, AmountReading::Ignored);
        let text = "Fellows receive a salary paid by the NIHR of £35,000";
        let c = AMOUNT.captures(text).expect("an amount");
        let AmountReading::Stipend(Some(fee)) =
            read_amount(&c, &first_place(text), Student::Any, FeePer::Year)
        else {
            panic!("a stipend")
        };
        assert_eq!((fee.amount, fee.per), (35000.0, FeePer::Course));
    }

    #[test]
    fn award_prices_put_the_full_award_first() {
        let f = first(
            "We do not add an international surcharge. Get a PgDip from £3,900 or an MSc from £7,800 - the most affordable.",
        );
        assert_eq!((f.amount, f.per, f.student), (7800.0, FeePer::Course, Student::Any));
    }

    #[test]
    fn free_funded_and_paid() {
        let c = parse("Free").expect("free");
        assert!(c.free && c.fees.is_empty());
        assert!(parse("This course is free of charge").expect("free").free);
        assert!(parse("Places are fully funded by Health Education England").expect("funded").free);
        assert!(
            parse("HEE will pay for the tuition/university fees associated with the programme.")
                .expect("paid")
                .free
        );
        let c = parse("Fellows receive a salary paid by the NIHR of £35,000").expect("stipend");
        assert!(c.stipend && c.fees.is_empty());
        assert_eq!(c.stipend_amount.map(|f| (f.amount, f.per)), Some((35000.0, FeePer::Course)));
        let c = parse("Candidates receive a tax-free bursary payment of £19,833 over the duration of the programme and payment of University fees.").expect("bursary");
        assert!(c.stipend && c.free);
        assert_eq!(c.stipend_amount.map(|f| f.amount), Some(19833.0));
        let c = parse("£5,000 per year NHS grant for students usually domiciled in England")
            .expect("grant");
        assert_eq!(c.stipend_amount.map(|f| (f.amount, f.per)), Some((5000.0, FeePer::Year)));
        let c = parse("A bursary of up to £15,000 is paid to the fellow's employer.")
            .expect("not the fellow's");
        assert_eq!(c.stipend_amount, None);
        assert!(parse("A stipend is paid").expect("stipend").stipend);
        let c = parse(
            "Your salary is covered (backfill paid to your employer) and programme fees are paid.",
        )
        .expect("paid");
        assert!(c.stipend && c.free, "fees paid for a paid learner: both");
        assert!(parse("Backfill funding covers one session a week.").expect("backfill").stipend);
        assert!(parse("There is no fee for fellows.").expect("free").free);
        assert!(parse("No cost to participants.").expect("free").free);
        assert_eq!(
            parse("Government loans of up to £11,836 are available for some courses."),
            None
        );
        assert_eq!(
            parse(
                "Please see the university website for further information on fees for this course."
            ),
            None
        );
    }
}
