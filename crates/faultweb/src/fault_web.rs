//! The fault web's entry point: configuration, start, and what a test asks of it.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::body::Bytes;

use crate::fault_plan::FaultHost;
use crate::fault_router::FaultRouter;
use crate::server::{ServerHandle, serve_http};
use crate::{Error, Result, fault_bodies, raw, seeds_toml};
use coursemap_sampleweb::access_log::{AccessLog, AccessLogEntry};

/// Entry point: `FaultWeb::builder().start().await`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FaultWeb;

impl FaultWeb {
    /// A builder with the defaults: any free loopback ports, stalls of 60 s, 100,000 levels
    /// of nesting, a gzip bomb inflating to 1 GiB, a sitemap of 1,000,000 URLs, no access
    /// log file.
    pub fn builder() -> FaultWebBuilder {
        FaultWebBuilder {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            raw_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            stall: Duration::from_secs(60),
            nesting_depth: 100_000,
            gzip_bomb_bytes: 1 << 30,
            sitemap_urls: 1_000_000,
            access_log_file: None,
        }
    }
}

/// Configuration of a fault web.
#[derive(Debug, Clone)]
pub struct FaultWebBuilder {
    addr: SocketAddr,
    raw_addr: SocketAddr,
    stall: Duration,
    nesting_depth: usize,
    gzip_bomb_bytes: u64,
    sitemap_urls: u64,
    access_log_file: Option<PathBuf>,
}

impl FaultWebBuilder {
    /// Loopback address of the HTTP server (default `127.0.0.1:0`, any free port).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Loopback address of the connection-fault listener (`hang.fault.test`; default
    /// `127.0.0.1:0`).
    pub fn raw_addr(mut self, addr: SocketAddr) -> Self {
        self.raw_addr = addr;
        self
    }

    /// How long the slow response waits, the trickle lasts and the hung request is held
    /// before its connection is dropped (default 60 s). Set it past the client's timeout.
    pub fn stall(mut self, stall: Duration) -> Self {
        self.stall = stall;
        self
    }

    /// Nesting depth of `/nested` on `html.fault.test` (default 100,000).
    pub fn nesting_depth(mut self, depth: usize) -> Self {
        self.nesting_depth = depth;
        self
    }

    /// Inflated size of the gzip bomb (default 1 GiB; about 1 MB on the wire).
    pub fn gzip_bomb_bytes(mut self, bytes: u64) -> Self {
        self.gzip_bomb_bytes = bytes;
        self
    }

    /// URLs in the huge sitemap (default 1,000,000).
    pub fn sitemap_urls(mut self, urls: u64) -> Self {
        self.sitemap_urls = urls;
        self
    }

    /// Also append the access log to this file, one tab-separated line per request.
    pub fn access_log_file(mut self, path: PathBuf) -> Self {
        self.access_log_file = Some(path);
        self
    }

    /// Makes the payloads, binds both listeners and starts serving.
    pub async fn start(self) -> Result<RunningFaultWeb> {
        let bomb = gzip_bomb(self.gzip_bomb_bytes).await?;
        let router = FaultRouter::new(self.stall, self.nesting_depth, self.sitemap_urls, bomb)
            .map_err(Error::Gzip)?;
        let router = Arc::new(router);
        let log = crate::server::access_log(self.access_log_file.as_deref())?;
        let http = serve_http(self.addr, router.clone(), log.clone()).await?;
        let raw = raw::serve_raw(self.raw_addr, router, log.clone()).await?;
        tracing::info!(addr = %http.addr, raw_addr = %raw.addr, hosts = FaultHost::ALL.len(), "fault web serving");
        Ok(RunningFaultWeb { http, raw, log })
    }
}

/// The gzip bomb of `inflated` bytes, made once per size per process: tests start many fault
/// webs, and deflating a gigabyte takes seconds.
async fn gzip_bomb(inflated: u64) -> Result<Bytes> {
    static MADE: Mutex<Option<HashMap<u64, Bytes>>> = Mutex::new(None);
    let cached = MADE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .and_then(|m| m.get(&inflated).cloned());
    if let Some(bomb) = cached {
        return Ok(bomb);
    }
    let bomb = tokio::task::spawn_blocking(move || fault_bodies::gzip_bomb(inflated))
        .await
        .map_err(|join| Error::Gzip(std::io::Error::other(join)))?
        .map_err(Error::Gzip)?;
    MADE.lock()
        .unwrap_or_else(|p| p.into_inner())
        .get_or_insert_with(HashMap::new)
        .insert(inflated, bomb.clone());
    Ok(bomb)
}

/// A fault web being served; dropping it without [`RunningFaultWeb::shutdown`] leaves it
/// running until the runtime ends.
#[derive(Debug)]
pub struct RunningFaultWeb {
    http: ServerHandle,
    raw: ServerHandle,
    log: AccessLog,
}

impl RunningFaultWeb {
    /// The HTTP server's address: every host but `hang.fault.test` resolves here.
    pub fn addr(&self) -> SocketAddr {
        self.http.addr
    }

    /// The connection-fault listener's address, where `hang.fault.test` resolves.
    pub fn raw_addr(&self) -> SocketAddr {
        self.raw.addr
    }

    /// Every host served, sorted.
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = FaultHost::ALL.iter().map(|h| h.host()).collect();
        hosts.sort();
        hosts
    }

    /// Every host with the address to send its requests to, for reqwest's `resolve` or
    /// `coursemap crawl --resolve`.
    pub fn resolve_overrides(&self) -> Vec<(String, SocketAddr)> {
        let mut overrides: Vec<(String, SocketAddr)> = FaultHost::ALL
            .iter()
            .map(|&h| (h.host(), if h == FaultHost::Hang { self.raw.addr } else { self.http.addr }))
            .collect();
        overrides.sort();
        overrides
    }

    /// Every request so far, in arrival order.
    pub fn access_log(&self) -> Vec<AccessLogEntry> {
        self.log.snapshot()
    }

    /// The pages a crawler starting at each host's `/` must collect, sorted. A page reached
    /// through a redirect is listed by its final URL. `robots-500.fault.test` has none: its
    /// robots.txt never loads, and RFC 9309 then forbids fetching anything.
    pub fn good_urls(&self) -> Vec<String> {
        let mut urls: Vec<String> = FaultHost::ALL
            .iter()
            .flat_map(|h| h.good_paths().iter().map(move |p| format!("http://{}{p}", h.host())))
            .collect();
        urls.sort();
        urls
    }

    /// The URLs that must fail, each with the error kind a crawler should record for it
    /// (`timeout`, `body`, `body_too_large`, `redirect_loop`, `too_many_redirects`, `bad_sitemap`,
    /// `robots_unavailable`), sorted.
    pub fn bad_urls(&self) -> Vec<(String, &'static str)> {
        let mut urls: Vec<(String, &'static str)> = FaultHost::ALL
            .iter()
            .flat_map(|h| {
                h.bad_paths()
                    .iter()
                    .map(move |(p, kind)| (format!("http://{}{p}", h.host()), *kind))
            })
            .collect();
        urls.sort();
        urls
    }

    /// A seeds `providers.toml` with one provider per host (id `fault_<label>`, start URL
    /// `/`), for crawling this web with `coursemap crawl --seeds`.
    pub fn providers_toml(&self) -> String {
        let hosts: Vec<(String, String)> = FaultHost::ALL
            .iter()
            .map(|h| (format!("fault_{}", h.label().replace('-', "_")), h.host()))
            .collect();
        seeds_toml::providers_toml("The fault web: hostile hosts for crawler tests", &hosts)
    }

    /// Stops both listeners, closes open connections and waits for the server tasks.
    pub async fn shutdown(self) {
        self.http.shutdown().await;
        self.raw.shutdown().await;
    }
}
