//! The JSONL records file: one record per line, written atomically.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use coursemap_files::write_atomically;

use crate::{Error, Record, Result};

/// A line of a records file that could not be read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    /// The records file the line is in.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// Why it could not be read: not UTF-8, or the JSON parser's message.
    pub reason: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.reason)
    }
}

/// Reads every record of a JSONL file.
///
/// A line that does not parse is reported in the second list, naming file and line, and the
/// rest of the file is still read: one corrupt line must not cost the whole catalogue.
pub fn read_jsonl(path: &Path) -> Result<(Vec<Record>, Vec<BadLine>)> {
    let file = File::open(path).map_err(|error| Error::Io { path: path.to_owned(), error })?;
    let mut records = Vec::new();
    let mut bad = Vec::new();
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(err) => {
                // Invalid UTF-8 and the like: report the line, keep going.
                bad.push(BadLine {
                    path: path.to_owned(),
                    line: index + 1,
                    reason: err.to_string(),
                });
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(record) => records.push(record),
            Err(err) => bad.push(BadLine {
                path: path.to_owned(),
                line: index + 1,
                reason: err.to_string(),
            }),
        }
    }
    Ok((records, bad))
}

/// Writes `records` to `path` atomically: a temporary file beside it, flushed and synced, then
/// renamed over the old file, so a reader (or a crash) sees the old file or the new, never half.
pub fn write_jsonl(path: &Path, records: &[Record]) -> Result<()> {
    write_atomically(path, |out| {
        for record in records {
            out.write_all(to_json_line(record).as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Serialises one record as a JSON line (no trailing newline).
pub fn to_json_line(record: &Record) -> String {
    // A Record holds only strings, numbers, booleans, maps with string keys and sequences,
    // which serde_json always serialises; an error here would be a bug in this crate.
    serde_json::to_string(record).unwrap_or_else(|err| panic!("record serialises: {err}"))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::record::*;
    use crate::sample_record::msc;

    #[test]
    fn round_trip_and_contract_spelling() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("records.jsonl");
        // A multi-word variant, to check the contract's snake_case spelling.
        let work_based = Record {
            delivery: Some(Delivery::CampusAndWorkBased),
            ..msc("b", "MSc Improvement Science")
        };
        let records = vec![msc("a", "MSc Improvement Science"), work_based];
        write_jsonl(&path, &records).expect("write");
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains(r#""amount":9250,"#), "{text}");
        assert!(text.contains(r#""delivery":"campus_and_work_based""#), "{text}");
        assert!(text.contains(r#""focus":"main""#), "{text}");
        let (back, bad) = read_jsonl(&path).expect("read back");
        assert!(bad.is_empty());
        assert_eq!(back, records);
        // No temporary file is left behind.
        let names: Vec<_> =
            fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn corrupt_line_is_reported_and_rest_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("records.jsonl");
        let good = to_json_line(&msc("a", "MSc Improvement Science"));
        fs::write(&path, format!("{good}\n{{\"id\": \"trunc\n{good}\n")).expect("write");
        let (records, bad) = read_jsonl(&path).expect("read");
        assert_eq!(records.len(), 2);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 2);
        assert!(bad[0].to_string().contains("records.jsonl:2:"), "{}", bad[0]);
    }
}
