//! Properties of the length category rules (record contract, "Length categories"): whatever
//! structured length the extractor produces, the derived category obeys the contract's
//! ordered rules.
//!
//! Month values are drawn mostly around the rules' thresholds (12, 24, 36, 48 months), where a
//! wrong `<` for `<=` would show, and otherwise anywhere up to 15 years.

use coursemap_records::{HourRange, Length, LengthCategory, MonthRange};
use proptest::prelude::*;

/// A month count, biased towards the thresholds the rules compare against.
fn months() -> impl Strategy<Value = u32> {
    prop_oneof![
        3 => prop::sample::select(vec![0u32, 1, 11, 12, 13, 23, 24, 25, 35, 36, 37, 47, 48, 49, 108]),
        1 => 0u32..=180,
    ]
}

/// A well-formed range: `min <= max`, or only a maximum ("up to 4 years").
fn month_range() -> impl Strategy<Value = MonthRange> {
    (months(), months(), any::<bool>()).prop_map(|(a, b, open_below)| {
        if open_below { MonthRange::up_to(a.max(b)) } else { MonthRange::between(a, b) }
    })
}

fn hours() -> impl Strategy<Value = Option<HourRange>> {
    prop::option::of(
        (0.0f64..100.0, 0.0f64..100.0)
            .prop_map(|(a, b)| HourRange { min: Some(a.min(b)), max: a.max(b) }),
    )
}

/// Any length the extractor could build, with a random (possibly stale) stored category.
fn length() -> impl Strategy<Value = Length> {
    (
        prop::option::of(month_range()),
        prop::option::of(month_range()),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
        hours(),
        prop::option::of(stored_category()),
        prop::option::of("[ -~]{0,40}"),
    )
        .prop_map(|(ft, pt, short, no_time_limit, hours, category, text)| Length {
            full_time_months: ft,
            part_time_months: pt,
            short,
            no_time_limit,
            hours,
            category,
            text,
        })
}

fn stored_category() -> impl Strategy<Value = LengthCategory> {
    use LengthCategory as C;
    prop::sample::select(vec![
        C::Short,
        C::OneYearFullTimeOnly,
        C::OneYearFullTimeOrTwoToFourPartTime,
        C::UpToThreeYearsPartTimeOnly,
        C::ThreeToNineYearsPartTimeOnly,
        C::ThreeYearsPlusFullTimeOrFourPlusPartTime,
        C::NoTimeLimit,
        C::Other,
    ])
}

fn at_least(range: Option<MonthRange>, months: u32) -> bool {
    range.and_then(|r| r.min).is_some_and(|min| min >= months)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn short_always_wins(mut len in length()) {
        len.short = true;
        prop_assert_eq!(len.derive_category(), Some(LengthCategory::Short));
    }

    #[test]
    fn no_time_limit_wins_over_any_ranges(mut len in length()) {
        len.short = false;
        len.no_time_limit = true;
        prop_assert_eq!(len.derive_category(), Some(LengthCategory::NoTimeLimit));
    }

    #[test]
    fn one_year_full_time_without_part_time_is_1y_ft_only(mut len in length(), ft in month_range()) {
        len.short = false;
        len.no_time_limit = false;
        len.full_time_months = Some(MonthRange { min: ft.min.map(|m| m.min(12)), max: ft.max.min(12) });
        len.part_time_months = None;
        prop_assert_eq!(len.derive_category(), Some(LengthCategory::OneYearFullTimeOnly));
    }

    #[test]
    fn nothing_known_gives_no_category(mut len in length()) {
        len.short = false;
        len.no_time_limit = false;
        len.full_time_months = None;
        len.part_time_months = None;
        prop_assert_eq!(len.derive_category(), None);
    }

    #[test]
    fn category_ignores_text_hours_and_the_stored_category(len in length(), text in "[ -~]{0,80}") {
        let derived = len.derive_category();
        let mut other = len.clone();
        other.text = Some(text);
        other.hours = Some(HourRange { min: None, max: 7.5 });
        other.category = Some(LengthCategory::Other);
        prop_assert_eq!(other.derive_category(), derived);
    }

    #[test]
    fn refresh_stores_the_derived_category_and_is_idempotent(mut len in length()) {
        let derived = len.derive_category();
        prop_assert_eq!(len.refresh_category(), derived);
        prop_assert_eq!(len.category, derived);
        let once = len.clone();
        len.refresh_category();
        prop_assert_eq!(len, once);
    }

    /// Every category's defining condition holds, and no earlier rule's does.
    #[test]
    fn each_category_meets_its_rule_and_no_earlier_one(len in length()) {
        use LengthCategory as C;
        let ft = len.full_time_months;
        let pt = len.part_time_months;
        let rule4 = ft.is_some_and(|f| f.max <= 12) && pt.is_none();
        let rule5 = ft.is_some_and(|f| f.max <= 12) && at_least(pt, 24) && pt.is_some_and(|p| p.max <= 48);
        let rule6 = ft.is_none() && pt.is_some_and(|p| p.max <= 36);
        let rule7 = ft.is_none() && at_least(pt, 36);
        let rule8 = at_least(ft, 36) || at_least(pt, 48);
        let earlier_than = |n: u8| {
            [(4, rule4), (5, rule5), (6, rule6), (7, rule7), (8, rule8)]
                .iter()
                .any(|&(rule, holds)| rule < n && holds)
        };
        let plain = !len.short && !len.no_time_limit;
        match len.derive_category() {
            Some(C::Short) => prop_assert!(len.short),
            Some(C::NoTimeLimit) => prop_assert!(!len.short && len.no_time_limit),
            None => prop_assert!(plain && ft.is_none() && pt.is_none()),
            Some(C::OneYearFullTimeOnly) => prop_assert!(plain && rule4),
            Some(C::OneYearFullTimeOrTwoToFourPartTime) => prop_assert!(plain && rule5 && !earlier_than(5)),
            Some(C::UpToThreeYearsPartTimeOnly) => prop_assert!(plain && rule6 && !earlier_than(6)),
            Some(C::ThreeToNineYearsPartTimeOnly) => prop_assert!(plain && rule7 && !earlier_than(7)),
            Some(C::ThreeYearsPlusFullTimeOrFourPlusPartTime) => prop_assert!(plain && rule8 && !earlier_than(8)),
            Some(C::Other) => prop_assert!(
                plain && (ft.is_some() || pt.is_some()) && !earlier_than(9),
                "other, yet a rule matches: {:?}", len
            ),
        }
    }

    /// An open-ended range ("up to N") never counts as "at least" anything.
    #[test]
    fn an_unstated_minimum_never_reaches_the_long_categories(max in months(), ft_known in any::<bool>()) {
        use LengthCategory as C;
        let len = Length {
            full_time_months: ft_known.then_some(MonthRange::up_to(max)),
            part_time_months: Some(MonthRange::up_to(max)),
            ..Length::default()
        };
        let category = len.derive_category();
        prop_assert!(!matches!(
            category,
            Some(C::ThreeToNineYearsPartTimeOnly | C::ThreeYearsPlusFullTimeOrFourPlusPartTime | C::OneYearFullTimeOrTwoToFourPartTime)
        ), "{:?} -> {:?}", len, category);
    }

    /// Lengthening the part-time span of a part-time-only course never moves it from
    /// "3-9 years" back to "up to 3 years".
    #[test]
    fn part_time_only_categories_follow_the_span(min in months(), extra in 0u32..60) {
        use LengthCategory as C;
        let short_span = Length { part_time_months: Some(MonthRange::between(min, min)), ..Length::default() };
        let long_span = Length { part_time_months: Some(MonthRange::between(min, min + extra)), ..Length::default() };
        if long_span.derive_category() == Some(C::UpToThreeYearsPartTimeOnly) {
            prop_assert_eq!(short_span.derive_category(), Some(C::UpToThreeYearsPartTimeOnly));
        }
        if short_span.derive_category() == Some(C::ThreeToNineYearsPartTimeOnly) {
            prop_assert_eq!(long_span.derive_category(), Some(C::ThreeToNineYearsPartTimeOnly));
        }
    }
}
