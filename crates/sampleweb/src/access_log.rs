//! The server's access log, read by tests to check a crawler's politeness.

use std::fs::File;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct AccessLogEntry {
    /// Wall-clock time the request arrived.
    pub time: SystemTime,
    /// Monotonic time the request arrived, for measuring gaps between requests.
    pub instant: Instant,
    pub method: String,
    /// The Host header without its port.
    pub host: String,
    /// Path with query string.
    pub path: String,
    pub status: u16,
    pub user_agent: Option<String>,
    /// Whether the request came over TLS.
    pub tls: bool,
}

/// Shared log: in memory, and optionally appended to a file as tab-separated lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct AccessLog {
    entries: Arc<Mutex<Vec<AccessLogEntry>>>,
    file: Option<Arc<Mutex<File>>>,
}

impl AccessLog {
    pub(crate) fn new(file: Option<File>) -> Self {
        AccessLog { entries: Arc::default(), file: file.map(|f| Arc::new(Mutex::new(f))) }
    }

    pub(crate) fn record(&self, entry: AccessLogEntry) {
        if let Some(file) = &self.file {
            let secs = entry.time.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
            let line = format!(
                "{}.{:03}\t{}\t{}\t{}\t{}\t{}\n",
                secs.as_secs(),
                secs.subsec_millis(),
                entry.method,
                entry.host,
                entry.path,
                entry.status,
                entry.user_agent.as_deref().unwrap_or("-")
            );
            // A poisoned lock only means another request panicked mid-write; keep logging.
            let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Err(error) = file.write_all(line.as_bytes()) {
                tracing::warn!(%error, "access log file write failed");
            }
        }
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(entry);
    }

    pub(crate) fn snapshot(&self) -> Vec<AccessLogEntry> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}
