//! The server: one loopback port, plain HTTP and TLS told apart by the first byte, routing
//! on the Host header, conditional requests, and an access log.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

use crate::access_log::{AccessLog, AccessLogEntry, request_host};
use crate::catalogue::SiteRole;
use crate::web::{Site, Web};
use crate::{Edition, Error, Result, furniture, tls};

/// The first byte of a TLS record carrying a handshake.
const TLS_HANDSHAKE: u8 = 0x16;

/// Entry point: `SampleWeb::builder().edition(..).start().await`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SampleWeb;

impl SampleWeb {
    /// A builder with the defaults: `127.0.0.1:0` (any free port), [`Edition::Report2014`],
    /// no access log file.
    pub fn builder() -> SampleWebBuilder {
        SampleWebBuilder {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            edition: Edition::default(),
            access_log_file: None,
        }
    }
}

/// Configuration of a sample web server.
#[derive(Debug, Clone)]
pub struct SampleWebBuilder {
    addr: SocketAddr,
    edition: Edition,
    access_log_file: Option<PathBuf>,
}

impl SampleWebBuilder {
    /// Address to bind (default `127.0.0.1:0`).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Which edition to serve (default [`Edition::Report2014`]).
    pub fn edition(mut self, edition: Edition) -> Self {
        self.edition = edition;
        self
    }

    /// Also append the access log to this file, one tab-separated line per request.
    pub fn access_log_file(mut self, path: PathBuf) -> Self {
        self.access_log_file = Some(path);
        self
    }

    /// Builds the web, mints the certificates, binds and starts serving.
    pub async fn start(self) -> Result<RunningSampleWeb> {
        let web = Web::build(self.edition)?;
        let hosts: Vec<String> = web.sites.keys().cloned().collect();
        let tls = tls::generate(&hosts)?;
        let log = match &self.access_log_file {
            Some(path) => AccessLog::appending_to(path)
                .map_err(|error| Error::AccessLogFile { path: path.clone(), error })?,
            None => AccessLog::in_memory(),
        };
        let listener = TcpListener::bind(self.addr)
            .await
            .map_err(|error| Error::Bind { addr: self.addr, error })?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State { web, log: log.clone() });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(accept_loop(listener, state, tls.acceptor, stopped));
        tracing::info!(%addr, hosts = hosts.len(), "sample web serving");
        Ok(RunningSampleWeb { addr, hosts, ca_pem: tls.ca_pem, log, stop: Some(stop), task })
    }
}

/// A sample web being served; dropping it without [`RunningSampleWeb::shutdown`] leaves the
/// server running until the runtime ends.
#[derive(Debug)]
pub struct RunningSampleWeb {
    addr: SocketAddr,
    hosts: Vec<String>,
    ca_pem: String,
    log: AccessLog,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl RunningSampleWeb {
    /// The bound address (the port is the one to `resolve` every host to).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every host served, sorted.
    pub fn hosts(&self) -> Vec<String> {
        self.hosts.clone()
    }

    /// Every host mapped to [`RunningSampleWeb::addr`], for reqwest's `resolve`.
    pub fn resolve_overrides(&self) -> Vec<(String, SocketAddr)> {
        self.hosts.iter().map(|h| (h.clone(), self.addr)).collect()
    }

    /// PEM of the CA that signed the server's certificate; clients add it as a root.
    pub fn ca_cert_pem(&self) -> String {
        self.ca_pem.clone()
    }

    /// Every request so far, in arrival order.
    pub fn access_log(&self) -> Vec<AccessLogEntry> {
        self.log.snapshot()
    }

    /// Stops accepting, closes open connections and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            // The receiver is gone only if the task already ended.
            let _ = stop.send(());
        }
        if let Err(error) = (&mut self.task).await {
            tracing::warn!(%error, "sample web task ended abnormally");
        }
    }
}

#[derive(Debug)]
struct State {
    web: Web,
    log: AccessLog,
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<State>,
    acceptor: TlsAcceptor,
    mut stop: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, state.clone(), acceptor.clone()));
                }
                Err(error) => tracing::warn!(%error, "accept failed"),
            },
        }
        while connections.try_join_next().is_some() {}
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

async fn serve_connection(stream: TcpStream, state: Arc<State>, acceptor: TlsAcceptor) {
    let mut first = [0u8; 1];
    match stream.peek(&mut first).await {
        Ok(0) | Err(_) => return,
        Ok(_) => {}
    }
    let http = hyper::server::conn::http1::Builder::new();
    let result = if first[0] == TLS_HANDSHAKE {
        let stream = match acceptor.accept(stream).await {
            Ok(stream) => stream,
            Err(error) => {
                tracing::debug!(%error, "TLS handshake failed");
                return;
            }
        };
        let service = service_fn(move |req| respond(state.clone(), req, true));
        http.serve_connection(TokioIo::new(stream), service).await
    } else {
        let service = service_fn(move |req| respond(state.clone(), req, false));
        http.serve_connection(TokioIo::new(stream), service).await
    };
    if let Err(error) = result {
        tracing::debug!(%error, "connection ended with an error");
    }
}

async fn respond(
    state: Arc<State>,
    req: Request<Incoming>,
    tls: bool,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let instant = Instant::now();
    let time = SystemTime::now();
    let host = request_host(&req);
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_string(), |pq| pq.to_string());
    let user_agent =
        req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string);
    let response = route(&state, &req, &host, &path, tls);
    state.log.record(AccessLogEntry {
        time,
        instant,
        method: req.method().to_string(),
        host,
        path,
        status: response.status().as_u16(),
        user_agent,
        tls,
    });
    Ok(response)
}

fn simple(status: StatusCode, text: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text.to_string())));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

fn route(
    state: &State,
    req: &Request<Incoming>,
    host: &str,
    path: &str,
    tls: bool,
) -> Response<Full<Bytes>> {
    let Some(site) = state.web.sites.get(host) else {
        return simple(StatusCode::MISDIRECTED_REQUEST, "This server does not serve that host.\n");
    };
    if !tls {
        // Every real site here redirects plain HTTP to HTTPS.
        let mut response = simple(StatusCode::MOVED_PERMANENTLY, "Moved to HTTPS\n");
        if let Ok(location) = HeaderValue::from_str(&format!("https://{host}{path}")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return simple(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed\n");
    }
    let (bare, query) = path.split_once('?').unwrap_or((path, ""));
    match &site.info.role {
        SiteRole::Provider => {}
        SiteRole::RedirectTo(target) => {
            let mut response = simple(StatusCode::MOVED_PERMANENTLY, "Moved\n");
            if let Ok(location) = HeaderValue::from_str(&format!("https://{target}{path}")) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        SiteRole::SearchApi(spec) if bare == spec.path => {
            let words = query_param(query, &spec.param).unwrap_or_default();
            let json = furniture::search_api_answer(&state.web, &spec.hosts, &words);
            let mut response = Response::new(Full::new(Bytes::from(json)));
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            return response;
        }
        SiteRole::SearchApi(_) => {}
    }
    if let Some(prefix) = site.info.challenge_prefix.as_deref().filter(|p| bare.starts_with(p)) {
        tracing::debug!(host, prefix, "bot challenge served");
        let mut response = Response::new(Full::new(Bytes::from(furniture::challenge_page(host))));
        *response.status_mut() = StatusCode::FORBIDDEN;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=UTF-8"));
        headers.insert("cf-mitigated", HeaderValue::from_static("challenge"));
        return response;
    }
    let (status, content_type, body, location) = match dynamic_page(site, bare, query) {
        Some(Some(html)) => (200, "text/html; charset=utf-8", html.into_bytes(), None),
        Some(None) => return simple(StatusCode::NOT_FOUND, "Not found\n"),
        None => {
            // Unknown query parameters (tracking, session) are ignored, as real sites do.
            let found = site.resources.get(path).or_else(|| site.resources.get(bare));
            match found {
                Some(r) => (r.status, r.content_type, r.body.clone(), r.location.clone()),
                None => return simple(StatusCode::NOT_FOUND, "Not found\n"),
            }
        }
    };
    let mut response = if status == 200 {
        conditional(state, req, body)
    } else {
        Response::new(Full::new(Bytes::from(body)))
    };
    if response.status() != StatusCode::NOT_MODIFIED {
        *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    }
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(location) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(header::LOCATION, location);
    }
    if req.method() == Method::HEAD {
        *response.body_mut() = Full::new(Bytes::new());
    }
    response
}

/// Search and the calendar: `Some(Some(html))` served, `Some(None)` 404, `None` not dynamic.
fn dynamic_page(site: &Site, path: &str, query: &str) -> Option<Option<String>> {
    let param = |name: &str| query_param(query, name);
    if let Some(search) = site.info.search.as_ref().filter(|s| s.path == path) {
        // Without the parameter the path is an ordinary page (a home page, a course finder).
        if let Some(q) = param(&search.param) {
            return Some(Some(furniture::search_page(&site.info, &q, &site.search_entries)));
        }
    }
    if path == "/events" && site.info.trap {
        return Some(furniture::events_page(&site.info, param("month").as_deref()));
    }
    None
}

/// The value of `name` in a query string, decoded.
fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| percent_decode(value))
    })
}

/// `application/x-www-form-urlencoded` decoding; bad escapes are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A 200 with validators, or a 304 when the client's `If-None-Match` / `If-Modified-Since`
/// says it already has this body.
fn conditional(state: &State, req: &Request<Incoming>, body: Vec<u8>) -> Response<Full<Bytes>> {
    let etag = format!("\"{}\"", &coursemap_files::sha256_hex(&body)[..16]);
    let last_modified = state.web.edition.last_modified();
    let headers = req.headers();
    let not_modified = match headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(tags) => tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*"),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .is_some_and(|since| since >= last_modified),
    };
    let mut response = if not_modified {
        let mut r = Response::new(Full::new(Bytes::new()));
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        Response::new(Full::new(Bytes::from(body)))
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(last_modified)) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn form_decoding() {
        assert_eq!(percent_decode("service+improvement"), "service improvement");
        assert_eq!(percent_decode("evidence%2Dbased%20practice"), "evidence-based practice");
        // Broken escapes are kept as written rather than rejected.
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }
}
