//! `coursemap extract FILE… [--url URL]`: records from saved pages or XCRI-CAP feeds (detected
//! by content), printed as JSON lines; warnings go to standard error.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Saved HTML pages or XCRI-CAP feeds.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The URL the page was fetched from (ids derive from it); default: the file's `file://` URL.
    /// With several files every one gets this URL, so give it only for one.
    #[arg(long)]
    pub url: Option<String>,
    /// The Content-Type the page was served with, if known (e.g. `application/xml`).
    #[arg(long)]
    pub content_type: Option<String>,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<()> {
    if args.url.is_some() && args.files.len() > 1 {
        crate::usage_bail!("--url names one page; give it with a single FILE");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in &args.files {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        // As a build decodes a stored page: a byte-order mark wins over a `<meta>` that says
        // otherwise (pages saved as UTF-16 by tools that kept their old declaration).
        let body = coursemap_pages::decode_body(&bytes, args.content_type.as_deref());
        let url = match &args.url {
            Some(url) => url.clone(),
            None => {
                let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                format!("file://{}", abs.display())
            }
        };
        let (records, warnings) =
            coursemap_extract::extract(&url, &body, args.content_type.as_deref());
        for warning in &warnings {
            tracing::warn!("{warning}");
        }
        for record in &records {
            writeln!(out, "{}", coursemap_records::to_json_line(record))?;
        }
        tracing::info!(file = %path.display(), records = records.len(), "extracted");
    }
    Ok(())
}
