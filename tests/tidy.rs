//! The architecture's invariants, checked on the source as rust-analyzer's `tidy` does: each
//! is stated in `ARCHITECTURE.md`, and a change that breaks one fails here with the file to fix.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// Every `.rs` file of the repository's own code (no build output, no fuzz corpora).
fn rust_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "target" | "corpus" | "artifacts" | "node_modules")
                    && !name.starts_with('.')
                {
                    walk(&path, out);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["src", "crates", "tests", "fuzz"] {
        walk(&repo().join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 100, "the walk found only {} files", files.len());
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repo()).unwrap_or(path).display().to_string()
}

/// The names under a crate manifest's `[dependencies]` (not dev- or build-dependencies).
fn normal_dependencies(manifest: &Path) -> Vec<String> {
    let mut in_section = false;
    let mut names = Vec::new();
    for line in read(manifest).lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[dependencies]";
        } else if in_section && let Some((name, _)) = line.split_once('=') {
            names.push(name.trim().trim_end_matches(".workspace").to_owned());
        }
    }
    names
}

/// The library crates under `crates/`, with their directories.
fn crates() -> Vec<(String, PathBuf)> {
    let mut crates: Vec<(String, PathBuf)> = std::fs::read_dir(repo().join("crates"))
        .expect("crates/")
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(_, path)| path.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    crates
}

#[test]
fn only_crawl_makes_network_requests() {
    let mut offenders = Vec::new();
    for (name, dir) in crates() {
        let deps = normal_dependencies(&dir.join("Cargo.toml"));
        if deps.iter().any(|d| d == "reqwest") && name != "crawl" {
            offenders.push(name);
        }
    }
    if normal_dependencies(&repo().join("Cargo.toml")).iter().any(|d| d == "reqwest") {
        offenders.push("the coursemap binary".to_owned());
    }
    assert!(offenders.is_empty(), "reqwest outside crawl: {offenders:?}");
}

#[test]
fn extract_does_no_io() {
    let forbidden = ["std::fs", "std::net", "std::process", "tokio", "reqwest", "File::"];
    let dir = repo().join("crates/extract/src");
    let mut offenders = Vec::new();
    for file in rust_files().into_iter().filter(|f| f.starts_with(&dir)) {
        let text = read(&file);
        for word in forbidden.iter().filter(|w| text.contains(*w)) {
            offenders.push(format!("{}: {word}", relative(&file)));
        }
    }
    let deps = normal_dependencies(&repo().join("crates/extract/Cargo.toml"));
    for dep in ["tokio", "reqwest"].iter().filter(|d| deps.iter().any(|x| x == *d)) {
        offenders.push(format!("crates/extract/Cargo.toml: {dep}"));
    }
    assert!(offenders.is_empty(), "I/O in the extractor: {offenders:#?}");
}

#[test]
fn no_rust_file_is_over_800_lines() {
    let long: Vec<String> = rust_files()
        .into_iter()
        .map(|f| (read(&f).lines().count(), relative(&f)))
        .filter(|(lines, _)| *lines > 800)
        .map(|(lines, f)| format!("{f}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "split these by what they do: {long:#?}");
}

#[test]
fn every_crate_opens_with_an_overview() {
    let mut bare = Vec::new();
    for (name, dir) in crates() {
        let lib = dir.join("src/lib.rs");
        if !read(&lib).trim_start().starts_with("//!") {
            bare.push(name);
        }
    }
    assert!(bare.is_empty(), "lib.rs without a //! overview: {bare:?}");
}

/// Every public item is documented: `missing_docs` is on for the whole workspace (and CI's
/// clippy denies warnings), and no crate opts out of the workspace's lints.
#[test]
fn every_public_item_is_documented() {
    let root = read(&repo().join("Cargo.toml"));
    let lints = root.split("[workspace.lints.rust]").nth(1).unwrap_or_default();
    let lints = lints.split("\n[").next().unwrap_or_default();
    assert!(
        lints.lines().any(|l| l.trim().starts_with("missing_docs = \"warn\"")),
        "missing_docs is not on in [workspace.lints.rust]"
    );
    let mut opted_out = Vec::new();
    for (name, dir) in crates() {
        if !read(&dir.join("Cargo.toml")).contains("[lints]\nworkspace = true") {
            opted_out.push(name);
        }
    }
    assert!(opted_out.is_empty(), "crates without `[lints] workspace = true`: {opted_out:?}");
}

/// Only `CatalogueDir` (`crates/files/src/layout.rs`) names the files of a catalogue; a place
/// that must spell one out for a reason would be listed here with the reason.
#[test]
fn only_the_layout_names_catalogue_files() {
    const KNOWN: &[&str] = &[];
    let names = [
        "\"records.jsonl\"",
        "\"crawl-summary.json\"",
        "\"crawl-state\"",
        "\"overrides.jsonl\"",
        "\"seeds-check.json\"",
        "\"snapshots\"",
        "\"tantivy\"",
        "join(\"pages\")",
        "join(\"warc\")",
    ];
    let mut found: Vec<String> = Vec::new();
    for file in rust_files() {
        let path = relative(&file);
        let is_test = path.contains("/tests/")
            || path.starts_with("tests/")
            || path.contains("/benches/")
            || path.contains("/examples/")
            || path.starts_with("fuzz/");
        if is_test || path == "crates/files/src/layout.rs" {
            continue;
        }
        // Only the code before a file's unit tests.
        let text = read(&file);
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        if names.iter().any(|n| code.contains(n)) {
            found.push(path);
        }
    }
    assert_eq!(found, KNOWN, "catalogue paths built outside CatalogueDir");
}

/// An error prints its cause or returns it from `source()`, never both, and this workspace
/// prints it (`crates/files/src/lib.rs` says why): no `thiserror` type returns a source
/// (`#[from]`, `#[source]`, a field named `source`) unless it is `#[error(transparent)]`,
/// which forwards its inner error's message and source alike.
#[test]
fn errors_print_their_cause_and_do_not_return_it() {
    let mut offenders = Vec::new();
    for file in rust_files() {
        let text = read(&file);
        let (mut in_error, mut transparent) = (false, false);
        for (number, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.starts_with("#[derive(") && line.contains("thiserror::Error") {
                in_error = true;
                continue;
            }
            if !in_error || line.starts_with("//") {
                continue;
            }
            if line.starts_with("#[") {
                transparent |= line == "#[error(transparent)]";
                continue;
            }
            let returns = ["#[from]", "#[source]", " source:", "{source:", "(source:"];
            let padded = format!(" {line}");
            if !transparent && returns.iter().any(|r| padded.contains(r)) {
                offenders.push(format!("{}:{}: {line}", relative(&file), number + 1));
            }
            transparent = false;
            // The end of the type: its closing brace, or a unit or tuple struct's `;`.
            in_error = !(raw.starts_with('}') || (line.contains("struct ") && line.ends_with(';')));
        }
    }
    assert!(offenders.is_empty(), "errors that return a source they print: {offenders:#?}");
}
