//! The report's table 7 length categories, derived from the structured length.

use crate::record::{Length, LengthCategory};

impl Length {
    /// Applies the contract's rules in order; the first that matches wins.
    ///
    /// A range with no stated minimum ("up to 4 years part-time") never satisfies an
    /// "at least" condition: nothing says the course takes that long.
    pub fn derive_category(&self) -> Option<LengthCategory> {
        use LengthCategory as C;
        if self.short {
            return Some(C::Short);
        }
        if self.no_time_limit {
            return Some(C::NoTimeLimit);
        }
        let ft = self.full_time_months;
        let pt = self.part_time_months;
        match (ft, pt) {
            (None, None) => None,
            (Some(ft), None) if ft.max <= 12 => Some(C::OneYearFullTimeOnly),
            (Some(ft), Some(pt))
                if ft.max <= 12 && pt.min.is_some_and(|min| min >= 24) && pt.max <= 48 =>
            {
                Some(C::OneYearFullTimeOrTwoToFourPartTime)
            }
            (None, Some(pt)) if pt.max <= 36 => Some(C::UpToThreeYearsPartTimeOnly),
            (None, Some(pt)) if pt.min.is_some_and(|min| min >= 36) => {
                Some(C::ThreeToNineYearsPartTimeOnly)
            }
            _ if ft.is_some_and(|ft| ft.min.is_some_and(|min| min >= 36))
                || pt.is_some_and(|pt| pt.min.is_some_and(|min| min >= 48)) =>
            {
                Some(C::ThreeYearsPlusFullTimeOrFourPlusPartTime)
            }
            _ => Some(C::Other),
        }
    }

    /// Sets `category` from the other fields and returns it.
    pub fn refresh_category(&mut self) -> Option<LengthCategory> {
        self.category = self.derive_category();
        self.category
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::MonthRange;

    fn length(ft: Option<MonthRange>, pt: Option<MonthRange>) -> Length {
        Length { full_time_months: ft, part_time_months: pt, ..Length::default() }
    }

    #[test]
    fn rules_in_contract_order() {
        use LengthCategory as C;
        let cases = [
            (length(None, None), None),
            (length(Some(MonthRange::exactly(12)), None), Some(C::OneYearFullTimeOnly)),
            (
                length(Some(MonthRange::exactly(12)), Some(MonthRange::between(24, 48))),
                Some(C::OneYearFullTimeOrTwoToFourPartTime),
            ),
            (length(None, Some(MonthRange::between(12, 36))), Some(C::UpToThreeYearsPartTimeOnly)),
            (length(None, Some(MonthRange::up_to(36))), Some(C::UpToThreeYearsPartTimeOnly)),
            (
                length(None, Some(MonthRange::between(36, 108))),
                Some(C::ThreeToNineYearsPartTimeOnly),
            ),
            (
                length(Some(MonthRange::exactly(36)), Some(MonthRange::between(48, 72))),
                Some(C::ThreeYearsPlusFullTimeOrFourPlusPartTime),
            ),
            (length(Some(MonthRange::exactly(24)), None), Some(C::Other)),
            // Up to 4 years part-time with no minimum stated is not "4 years or more".
            (length(None, Some(MonthRange::up_to(48))), Some(C::Other)),
        ];
        for (len, want) in cases {
            assert_eq!(len.derive_category(), want, "{len:?}");
        }
    }

    #[test]
    fn short_and_no_time_limit_win() {
        let mut len = length(Some(MonthRange::exactly(12)), None);
        len.no_time_limit = true;
        assert_eq!(len.derive_category(), Some(LengthCategory::NoTimeLimit));
        len.short = true;
        assert_eq!(len.refresh_category(), Some(LengthCategory::Short));
        assert_eq!(len.category, Some(LengthCategory::Short));
    }
}
