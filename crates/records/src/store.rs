//! The JSONL records file: one record per line, written atomically.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Record, Result};

/// A line of a records file that could not be read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
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
    let file = File::open(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
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
        let io = |source| Error::Io { path: path.to_owned(), source };
        for record in records {
            out.write_all(to_json_line(record).as_bytes()).map_err(io)?;
            out.write_all(b"\n").map_err(io)?;
        }
        Ok(())
    })
}

/// Serialises one record as a JSON line (no trailing newline).
pub fn to_json_line(record: &Record) -> String {
    // A Record holds only strings, numbers, booleans, maps with string keys and sequences,
    // which serde_json always serialises; an error here would be a bug in this crate.
    serde_json::to_string(record).unwrap_or_else(|err| panic!("record serialises: {err}"))
}

/// Runs `write` against a temporary file beside `path` and renames it into place on success.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_orphans(dir, &format!(".{file_name}."), ".tmp");
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = File::create(&tmp).map_err(io)?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(|err| io(err.into_error()))?;
        file.sync_all().map_err(io)?;
        fs::rename(&tmp, path).map_err(io)?;
        // Make the rename itself durable.
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes what killed writers left in `dir`: files or directories named
/// `{prefix}…{pid}{suffix}` (the pid is the last `.`-separated part before the suffix) whose
/// process is no longer running. A live writer's entry is kept, so this is safe while another
/// process writes; where there is no `/proc` to ask, nothing is removed.
pub fn remove_orphans(dir: &Path, prefix: &str, suffix: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(prefix))
            .and_then(|rest| rest.strip_suffix(suffix))
            .and_then(|middle| middle.rsplit('.').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if proc.join(pid.to_string()).exists() {
            continue;
        }
        let path = entry.path();
        let removed =
            if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        match removed {
            Ok(()) => {
                tracing::info!(path = %path.display(), "removed what an interrupted write left")
            }
            Err(err) => {
                tracing::warn!(path = %path.display(), "cannot remove an interrupted write's leftovers: {err}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::*;
    use crate::sample_record::msc;

    #[test]
    fn leftovers_of_dead_writers_are_removed_and_a_live_writers_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut finished = std::process::Command::new("true").spawn().expect("`true` runs");
        let dead = finished.id();
        finished.wait().expect("reaped");
        let live = std::process::id();
        let names = [
            format!(".records.jsonl.{dead}.tmp"),
            format!(".records.jsonl.{live}.tmp"),
            format!(".state.json.{dead}.tmp"),
            "records.jsonl".to_owned(),
        ];
        for name in &names {
            fs::write(dir.path().join(name), "x").expect("write");
        }
        fs::create_dir(dir.path().join(format!(".records.jsonl.{dead}.tmp.d"))).expect("mkdir");
        remove_orphans(dir.path(), ".records.jsonl.", ".tmp");
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = vec![
            format!(".records.jsonl.{dead}.tmp.d"),
            format!(".records.jsonl.{live}.tmp"),
            format!(".state.json.{dead}.tmp"),
            "records.jsonl".to_owned(),
        ];
        want.sort();
        assert_eq!(left, want);
    }

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
