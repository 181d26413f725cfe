//! How to run the server: where the catalogue is, where to listen, and the load limits.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use coursemap_tables::ProviderDirectory;

/// The default listening address: loopback only, so nothing is exposed by accident.
pub const DEFAULT_ADDR: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 8080);
/// Requests handled at once by default; more wait in line (the index search runs on the
/// blocking pool, so this also bounds its threads' work).
pub const DEFAULT_CONCURRENCY_LIMIT: usize = 64;
/// A request taking longer than this is answered 503 by default.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the server looks for a rebuilt catalogue by default.
pub const DEFAULT_RELOAD_INTERVAL: Duration = Duration::from_secs(10);

/// Configuration for [`crate::serve`]; build it with [`ServerConfig::new`] and the setters.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    catalogue: PathBuf,
    providers: Option<ProviderDirectory>,
    addr: SocketAddr,
    concurrency_limit: usize,
    request_timeout: Duration,
    reload_interval: Option<Duration>,
}

impl ServerConfig {
    /// Serves the catalogue directory `catalogue` (the one `coursemap build` wrote) on
    /// [`DEFAULT_ADDR`].
    pub fn new(catalogue: impl Into<PathBuf>) -> Self {
        ServerConfig {
            catalogue: catalogue.into(),
            providers: None,
            addr: DEFAULT_ADDR,
            concurrency_limit: DEFAULT_CONCURRENCY_LIMIT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            reload_interval: Some(DEFAULT_RELOAD_INTERVAL),
        }
    }

    /// Provider facts for the tables (region, fellowship scope), normally from the seeds.
    /// Without them the tables take names and regions from the records and leave
    /// fellowships' scope unknown.
    pub fn providers(mut self, providers: ProviderDirectory) -> Self {
        self.providers = Some(providers);
        self
    }

    /// Listens on `addr` (port 0 picks a free port; see [`crate::Server::local_addr`]).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// At most `limit` requests are handled at once (at least one).
    pub fn concurrency_limit(mut self, limit: usize) -> Self {
        self.concurrency_limit = limit.max(1);
        self
    }

    /// Requests still running after `timeout` are answered 503.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Every `interval`, a catalogue rebuilt or written to on disk is reopened and served
    /// (default [`DEFAULT_RELOAD_INTERVAL`]); `None` serves the catalogue opened at start for
    /// the server's life.
    pub fn reload_interval(mut self, interval: Option<Duration>) -> Self {
        self.reload_interval = interval.filter(|every| !every.is_zero());
        self
    }

    /// The catalogue directory served, as given to [`ServerConfig::new`].
    pub fn catalogue_dir(&self) -> &Path {
        &self.catalogue
    }

    /// The provider facts set with [`ServerConfig::providers`], if any.
    pub fn provider_directory(&self) -> Option<&ProviderDirectory> {
        self.providers.as_ref()
    }

    /// The address to listen on, as configured (port 0 stays 0 here; the bound port is
    /// [`crate::Server::local_addr`]).
    pub fn listen_addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many requests are handled at once (at least one); more wait in line.
    pub fn max_concurrent_requests(&self) -> usize {
        self.concurrency_limit
    }

    /// How long a request may run before it is answered 503.
    pub fn timeout(&self) -> Duration {
        self.request_timeout
    }

    /// How often to look for a rebuilt catalogue; `None` when reloading is off.
    pub fn reload_every(&self) -> Option<Duration> {
        self.reload_interval
    }
}
