//! Cost or stipend: "£9,250", "£9.250", "£1,030 per 15 credits", "£64 per credit",
//! "(Total)", per year / per module, home / EU / international / overseas, full-time /
//! part-time, "free", "fully funded", stipend or salary paid. Amounts are numbers in their
//! currency (GBP for pounds; others keep their code).

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

/// Byte ranges of sentences (split at ". " and line breaks), for sentence-level exclusions.
fn sentence_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(['\n', ';']).map_or(0, |i| i + 1);
    let start = text[start..at].rfind(". ").map_or(start, |i| start + i + 2);
    let end = text[at..].find(['\n', ';']).map_or(text.len(), |i| at + i);
    let end = text[at..end].find(". ").map_or(end, |i| at + i + 1);
    &text[start..end]
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
    let mut student = Student::Any;
    for (i, c) in matches.iter().enumerate() {
        let Some(whole) = c.get(0) else { continue };
        let sentence = sentence_of(text, whole.start());
        // Words before the amount, within its sentence and after the previous amount.
        let sentence_start = sentence.as_ptr() as usize - text.as_ptr() as usize;
        let before = &text[prev_end.max(sentence_start).min(whole.start())..whole.start()];
        let next_start =
            matches.get(i + 1).and_then(|n| n.get(0)).map_or(text.len(), |m| m.start());
        let after = &text[whole.end()..next_start];
        prev_end = whole.end();
        if STIPEND.is_match(sentence) && !TO_EMPLOYER.is_match(sentence) {
            if cost.stipend_amount.is_none() {
                cost.stipend_amount = stipend_amount(c, after);
            }
            continue;
        }
        if NOT_A_FEE.is_match(sentence) || STIPEND.is_match(sentence) {
            continue;
        }
        let (Some(symbol), Some(number)) = (c.get(1), c.get(2)) else { continue };
        let Some(value) = amount(number.as_str(), c.get(3).map(|m| m.as_str()), c.get(4).is_some())
        else {
            continue;
        };
        if value == 0.0 {
            cost.free = true;
            continue;
        }
        // Student: a bracket after the amount, else the nearest word before it, else as before.
        if let Some(p) = PAREN_STUDENT.captures(after) {
            student = if p.name("home").is_some() { Student::Home } else { Student::International };
        } else {
            let before = HOME_EU.replace_all(before, "home");
            let home = HOME.find_iter(&before).last().map(|m| m.start());
            let intl = INTERNATIONAL.find_iter(&before).last().map(|m| m.start());
            student = match (home, intl) {
                (Some(h), Some(x)) if h > x => Student::Home,
                (Some(_), Some(_)) | (None, Some(_)) => Student::International,
                (Some(_), None) => Student::Home,
                (None, None) => student,
            };
        }
        let ft = FULL_TIME.find_iter(before).last().map(|m| m.start());
        let pt = PART_TIME.find_iter(before).last().map(|m| m.start());
        let mode = match (ft, pt) {
            (Some(f), Some(p)) => {
                Some(if f > p { StudyMode::FullTime } else { StudyMode::PartTime })
            }
            (Some(_), None) => Some(StudyMode::FullTime),
            (None, Some(_)) => Some(StudyMode::PartTime),
            (None, None) => None,
        };
        let award =
            AWARD_BEFORE.captures(before).and_then(|a| a.get(1)).map(|a| award_rank(a.as_str()));
        let mut per = None;
        let mut per_credits: Option<f64> = None;
        if let Some(p) = PER_AFTER.captures(after) {
            per = if p.name("thismod").is_some() {
                Some(FeePer::Module)
            } else if p.name("total").is_some() || p.name("course").is_some() {
                Some(FeePer::Course)
            } else if p.name("cmod").is_some() {
                Some(FeePer::Module)
            } else if let Some(n) = p.name("credits") {
                // "£1,590 per 30 credits" is a price per credit (£53) quoted for a block.
                if let Ok(count) = n.as_str().parse::<f64>()
                    && count > 0.0
                {
                    per_credits = Some(count);
                }
                Some(FeePer::Credit)
            } else if p.name("credit").is_some() {
                Some(FeePer::Credit)
            } else if p.name("module").is_some() {
                Some(FeePer::Module)
            } else if p.name("year").is_some() || p.name("pa").is_some() {
                Some(FeePer::Year)
            } else if p.name("session").is_some() {
                Some(FeePer::Session)
            } else {
                None
            };
        }
        if per.is_none()
            && let Some(p) = PER_BEFORE.captures(before)
        {
            per = if p.name("total").is_some() {
                Some(FeePer::Course)
            } else if p.name("year").is_some() {
                Some(FeePer::Year)
            } else {
                Some(FeePer::Module)
            };
        }
        // A price named for an award ("an MSc from £7,800") is the price of that award.
        let per =
            per.unwrap_or(if AWARD_PRICED.is_match(before) { FeePer::Course } else { default_per });
        let value = match per_credits {
            Some(count) => (value / count * 100.0).round() / 100.0,
            None => value,
        };
        // Module and credit prices are how part-time study is charged.
        let mode =
            mode.or(matches!(per, FeePer::Module | FeePer::Credit).then_some(StudyMode::PartTime));
        fees.push((
            award.unwrap_or(0),
            Fee { amount: value, currency: currency(symbol.as_str()), per, student, mode },
        ));
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
