//! Which state of the web is served.

/// The two states of the sample web, for the "what changed" test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Edition {
    /// The catalogue as the 2014 report found it.
    #[default]
    Report2014,
    /// A later state: "MSc Podiatric medicine" (UEL) removed (its page is 404), the home
    /// full-time fee of "MSc Improvement Science" (UWL) changed from £7,250 to £7,600, and
    /// "MSc Quality Improvement in Health Care" (Kingston) added.
    Changed,
}

impl Edition {
    /// `Last-Modified` of every page in this edition.
    pub(crate) fn last_modified(self) -> std::time::SystemTime {
        // 2014-10-01 and 2015-03-01, 09:00 UTC: the report's month and a later one.
        let secs = match self {
            Edition::Report2014 => 1_412_154_000,
            Edition::Changed => 1_425_200_400,
        };
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
    }
}

impl std::fmt::Display for Edition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Edition::Report2014 => "2014",
            Edition::Changed => "changed",
        })
    }
}

impl std::str::FromStr for Edition {
    type Err = String;

    /// `2014` (or `report2014`) and `changed`, for command-line flags.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "2014" | "report2014" | "report-2014" => Ok(Edition::Report2014),
            "changed" => Ok(Edition::Changed),
            other => {
                Err(format!("unknown sample web edition {other:?} (expected 2014 or changed)"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Edition;

    #[test]
    fn parses_and_prints() {
        for edition in [Edition::Report2014, Edition::Changed] {
            assert_eq!(edition.to_string().parse::<Edition>(), Ok(edition));
        }
        assert!("2015".parse::<Edition>().is_err());
        assert!(Edition::Changed.last_modified() > Edition::Report2014.last_modified());
    }
}
