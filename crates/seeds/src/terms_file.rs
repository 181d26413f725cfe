//! Reading `terms.txt`: one search term per line.

use std::collections::HashMap;
use std::path::Path;

use crate::{Error, Location, Problem, Result};

/// Parses the text of a terms file; `path` is only used in errors. Lines are trimmed and blank
/// lines skipped; an empty file or a repeated term is an error.
pub fn parse_terms(text: &str, path: &Path) -> Result<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut first_line_of: HashMap<&str, usize> = HashMap::new();
    let mut terms = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let term = line.trim();
        if term.is_empty() {
            continue;
        }
        let line_no = index + 1;
        if let Some(&first_line) = first_line_of.get(term) {
            let problem = Problem::DuplicateTerm { term: term.to_owned(), first_line };
            return Err(Error::Invalid { at: Location::line(path, line_no), problem });
        }
        first_line_of.insert(term, line_no);
        terms.push(term.to_owned());
    }
    if terms.is_empty() {
        return Err(Error::Invalid { at: Location::line(path, 1), problem: Problem::NoTerms });
    }
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_skips_blank_lines() {
        let terms =
            parse_terms("\u{feff}Darzi Fellow\r\n\n  Implementation Science \n", Path::new("t"))
                .expect("valid terms");
        assert_eq!(terms, ["Darzi Fellow", "Implementation Science"]);
    }

    #[test]
    fn rejects_empty_and_repeated() {
        let err = parse_terms("\n  \n", Path::new("terms.txt")).expect_err("empty");
        assert_eq!(err.to_string(), "terms.txt:1: no search terms (the file is empty)");
        let err = parse_terms("a\nb\n\na\n", Path::new("terms.txt")).expect_err("repeated");
        assert_eq!(err.to_string(), "terms.txt:4: duplicate search term \"a\" (first on line 1)");
    }
}
