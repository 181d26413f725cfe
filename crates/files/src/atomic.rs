//! Writing a file so that a reader, or a crash, sees the old file or the new one, never half;
//! and clearing what a killed writer left.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::Path;

use crate::{Error, Result};

/// Runs `write` against a temporary file beside `path` and renames it into place on success.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<()> {
    let io = |error| Error::Io { path: path.to_owned(), error };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_orphans(dir, &format!(".{file_name}."), ".tmp");
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = File::create(&tmp).map_err(io)?;
        let mut out = BufWriter::new(file);
        write(&mut out).map_err(io)?;
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
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        write_atomically(&path, |out| io::Write::write_all(out, b"old")).expect("first write");
        let err = write_atomically(&path, |_| Err(io::Error::other("disk full")))
            .expect_err("the write fails");
        assert!(err.to_string().contains("state.json"), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }
}
