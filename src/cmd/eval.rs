//! `coursemap eval [--real-pages DIR]`: extraction accuracy on the hand-labelled real pages
//! (`findamasters/labels.jsonl`), per field and overall, scored as the folder's README says;
//! and every XCRI-CAP feed in `xcri-cap/` extracted, with its course count.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use coursemap_extract::eval::{FIELDS, Report, parse_labels};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The real-pages folder (`findamasters/` with `labels.jsonl`, and `xcri-cap/`).
    #[arg(long, default_value = "../shared/real-pages")]
    pub real_pages: PathBuf,
    /// Exit with failure unless overall accuracy reaches this fraction (and every field 0.8).
    #[arg(long, default_value_t = 0.9)]
    pub goal: f64,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    if !(0.0..=1.0).contains(&args.goal) {
        crate::usage_bail!("--goal is a fraction between 0 and 1, not {}", args.goal);
    }
    let fam = args.real_pages.join("findamasters");
    let labels_path = fam.join("labels.jsonl");
    if !labels_path.is_file() {
        crate::usage_bail!("{} not found (give --real-pages DIR)", labels_path.display());
    }
    let text = std::fs::read_to_string(&labels_path)
        .with_context(|| format!("reading {}", labels_path.display()))?;
    let labels =
        parse_labels(&text).with_context(|| format!("parsing {}", labels_path.display()))?;
    let mut report = Report::default();
    for label in &labels {
        let path = fam.join(&label.file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let body = String::from_utf8_lossy(&bytes);
        let (records, _warnings) = coursemap_extract::extract(&label.url, &body, Some("text/html"));
        report.add(label, &records);
    }
    println!("findamasters: {} labelled pages", labels.len());
    print!("{report}");

    let feeds = args.real_pages.join("xcri-cap");
    if let Ok(entries) = std::fs::read_dir(&feeds) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "xml")) {
            let body = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let url = format!("file://{}", path.display());
            let (records, warnings) =
                coursemap_extract::extract(&url, &body, Some("application/xml"));
            println!(
                "xcri-cap {}: {} records{}",
                path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                records.len(),
                if warnings.is_empty() {
                    String::new()
                } else {
                    format!(", {} warnings", warnings.len())
                }
            );
        }
    }

    let below: Vec<&str> = FIELDS.iter().copied().filter(|f| report.field(f) < 0.8).collect();
    if report.overall() < args.goal || !below.is_empty() {
        anyhow::bail!(
            "accuracy goal not met: overall {:.1}% (goal {:.0}%), fields below 80%: {}",
            100.0 * report.overall(),
            100.0 * args.goal,
            if below.is_empty() { "none".to_string() } else { below.join(", ") }
        );
    }
    Ok(())
}
