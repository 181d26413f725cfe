//! The access log of the loopback test webs (this sample web and `coursemap-faultweb`): what
//! tests and benchmarks read to check a crawler's politeness.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use hyper::Request;
use hyper::header;

/// One request as the server saw it, logged when its head arrived (before any stall).
#[derive(Debug, Clone)]
pub struct AccessLogEntry {
    /// Wall-clock time the request head arrived.
    pub time: SystemTime,
    /// Monotonic time the request head arrived, for gaps between requests.
    pub instant: Instant,
    /// The HTTP method (`GET`, `HEAD`, …).
    pub method: String,
    /// The Host header (or the absolute URI's host) without its port, lower case.
    pub host: String,
    /// Path with query string.
    pub path: String,
    /// The status sent, or 0 when the server never answered (a hang or a reset before the head).
    pub status: u16,
    /// The User-Agent header; `None` when absent or not valid text.
    pub user_agent: Option<String>,
    /// Whether the request came over TLS.
    pub tls: bool,
}

/// Shared log: in memory, and optionally appended to a file as tab-separated lines
/// (`unix-seconds.micros  method  host  path  status  user-agent`).
#[derive(Debug, Clone, Default)]
pub struct AccessLog {
    entries: Arc<Mutex<Vec<AccessLogEntry>>>,
    file: Option<Arc<Mutex<File>>>,
}

impl AccessLog {
    /// A log in memory only.
    pub fn in_memory() -> Self {
        AccessLog::default()
    }

    /// A log in memory that is also appended to `path`.
    pub fn appending_to(path: &Path) -> std::io::Result<Self> {
        let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        Ok(AccessLog { entries: Arc::default(), file: Some(Arc::new(Mutex::new(file))) })
    }

    /// Adds `entry` in memory and, if there is a file, appends it there as one line; a
    /// failed file write is logged, never returned.
    pub fn record(&self, entry: AccessLogEntry) {
        if let Some(file) = &self.file {
            let since_epoch = entry.time.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
            let line = format!(
                "{}.{:06}\t{}\t{}\t{}\t{}\t{}\n",
                since_epoch.as_secs(),
                since_epoch.subsec_micros(),
                entry.method,
                entry.host,
                entry.path,
                entry.status,
                entry.user_agent.as_deref().unwrap_or("-").replace('\t', " ")
            );
            // A poisoned lock only means another request panicked mid-write; keep logging.
            let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Err(error) = file.write_all(line.as_bytes()) {
                tracing::warn!(%error, "access log file write failed");
            }
        }
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(entry);
    }

    /// Every request so far, in arrival order.
    pub fn snapshot(&self) -> Vec<AccessLogEntry> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}

/// The requested host as the log records it: the Host header, else the host of an
/// absolute-form URI, without port or trailing dot, lower case.
pub fn request_host<B>(req: &Request<B>) -> String {
    let header = req.headers().get(header::HOST).and_then(|v| v.to_str().ok());
    match header.or_else(|| req.uri().host()) {
        Some(raw) => normalise_host(raw),
        None => String::new(),
    }
}

/// `raw` (a Host header's value) without port or trailing dot, lower case.
pub fn normalise_host(raw: &str) -> String {
    let without_port = match raw.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => raw,
    };
    without_port.trim_end_matches('.').to_ascii_lowercase()
}
