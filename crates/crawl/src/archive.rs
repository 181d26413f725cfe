//! Every response the crawler receives, with its request, into the WARC archive, before
//! anything is decided about it: so a page-store entry (written after) can point at its
//! capture, and a kill between the two leaves a capture without an entry (fetched again on
//! resume), never an entry pointing at nothing.

use chrono::Utc;
use coursemap_warc::{
    Archived, Exchange, Revisit, Truncation, WarcOptions, WarcWriter, request_head, response_head,
};
use url::{Position, Url};

use crate::Result;
use crate::config::CrawlConfig;
use crate::crawler::Crawler;
use crate::fetch::{Body, FetchedResponse};
use crate::responses::NOT_MODIFIED_NOTE;

/// Opens the archive the configuration asks for (none with `warc(false)`).
pub(crate) fn open(config: &CrawlConfig) -> Result<Option<WarcWriter>> {
    if !config.warc {
        return Ok(None);
    }
    let options =
        WarcOptions { max_file_bytes: config.warc_max_file_bytes, ..WarcOptions::default() };
    Ok(Some(WarcWriter::open(config.warc_dir(), options)?))
}

impl Crawler {
    /// Archives `response` to the request for `url` (stored under `store_key`): a `request`
    /// and a `response`, or for a 304 a `request` and a `revisit` naming the capture it
    /// revalidated. Returns the capture's pointer; None without an archive.
    pub(crate) fn archive(
        &mut self,
        url: &Url,
        store_key: &str,
        response: &FetchedResponse,
    ) -> Result<Option<Archived>> {
        let Some(warc) = self.warc.as_mut() else { return Ok(None) };
        let target = &url[Position::BeforePath..Position::AfterQuery];
        let request = request_head("GET", target, &response.request_headers);
        let reason = reqwest::StatusCode::from_u16(response.status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or_default();
        let date = Utc::now();
        if response.status == 304 {
            let head = response_head(response.status, reason, &response.headers, 0);
            let previous = self.store.latest(store_key)?;
            let previous = previous.as_ref();
            let refers_to = previous.and_then(|entry| entry.archived.as_ref());
            // A 304's entry keeps the time of its revalidation, not of the capture.
            let refers_to_date = previous
                .filter(|entry| entry.note.as_deref() != Some(NOT_MODIFIED_NOTE))
                .map(|entry| entry.fetched_at);
            let revisit = Revisit {
                target_uri: url.as_str(),
                date,
                ip: response.remote_ip,
                request: &request,
                response_head: &head,
                refers_to,
                refers_to_target: previous.map(|entry| entry.final_url.as_str()),
                refers_to_date,
                payload_sha256_hex: previous.and_then(|entry| entry.body_sha256.as_deref()),
            };
            return Ok(Some(warc.write_revisit(&revisit)?));
        }
        let (body, truncated): (&[u8], _) = match &response.body {
            Body::Kept(body) => (body, None),
            Body::NotRead | Body::NotKept(_) => (&[], Some(Truncation::Unspecified)),
            Body::TooLarge(_) => (&[], Some(Truncation::Length)),
        };
        let head = response_head(response.status, reason, &response.headers, body.len());
        let exchange = Exchange {
            target_uri: url.as_str(),
            date,
            ip: response.remote_ip,
            request: &request,
            response_head: &head,
            body,
            truncated,
        };
        Ok(Some(warc.write_exchange(&exchange)?))
    }

    /// Flushes the archive to the disk itself, with the page store.
    pub(crate) fn sync_archive(&self) -> Result<()> {
        match &self.warc {
            Some(warc) => Ok(warc.sync()?),
            None => Ok(()),
        }
    }
}
