//! A small virtual-hosting web server on 127.0.0.1 for the crawler tests: routes per host
//! and path, scripted reply sequences (for retries), conditional requests, and an access log.

#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use coursemap_seeds::{Provider, ProviderKind, Region};
use url::Url;

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Answer 304 when the request's If-None-Match equals this ETag.
    pub etag: Option<String>,
    /// How long the server takes before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn html(body: impl Into<String>) -> Self {
        Reply {
            status: 200,
            headers: vec![("content-type", "text/html; charset=utf-8".into())],
            body: body.into().into_bytes(),
            etag: None,
            delay: Duration::ZERO,
        }
    }
    pub fn text(body: impl Into<String>) -> Self {
        Reply {
            status: 200,
            headers: vec![("content-type", "text/plain".into())],
            body: body.into().into_bytes(),
            etag: None,
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> Self {
        Reply { status, headers: vec![], body: vec![], etag: None, delay: Duration::ZERO }
    }
    pub fn redirect(location: &str) -> Self {
        Reply::status(301).header("location", location)
    }
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
    pub fn with_etag(mut self, etag: &str) -> Self {
        self.etag = Some(etag.to_owned());
        self.header("etag", etag)
    }
}

/// A logged request.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    pub host: String,
    pub path: String,
}

#[derive(Debug, Default)]
struct Route {
    replies: Vec<Reply>,
    served: AtomicUsize,
}

type Generator = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

#[derive(Default)]
pub struct Site {
    routes: Mutex<HashMap<String, Arc<Route>>>,
    /// Paths under a host prefix answered by a generator (a calendar trap, say).
    generators: Mutex<HashMap<String, Generator>>,
    log: Mutex<Vec<Hit>>,
}

impl Site {
    /// Serves `replies` in turn at `host` + `path_and_query` (the last one repeats).
    pub fn route(&self, host: &str, path: &str, replies: Vec<Reply>) {
        let route = Arc::new(Route { replies, served: AtomicUsize::new(0) });
        self.routes.lock().expect("routes lock").insert(format!("{host}{path}"), route);
    }

    pub fn page(&self, host: &str, path: &str, reply: Reply) {
        self.route(host, path, vec![reply]);
    }

    /// Answers every path under `host` + `prefix` with `generate(path)`.
    pub fn generator(
        &self,
        host: &str,
        prefix: &str,
        generate: impl Fn(&str) -> Reply + Send + Sync + 'static,
    ) {
        self.generators.lock().expect("lock").insert(format!("{host}{prefix}"), Arc::new(generate));
    }

    pub fn log(&self) -> Vec<Hit> {
        self.log.lock().expect("log lock").clone()
    }

    /// Requested paths of `host`, in order.
    pub fn paths(&self, host: &str) -> Vec<String> {
        self.log().into_iter().filter(|h| h.host == host).map(|h| h.path).collect()
    }

    /// Smallest gap between two consecutive requests to `host`.
    pub fn min_gap(&self, host: &str) -> Option<Duration> {
        let times: Vec<Instant> =
            self.log().into_iter().filter(|h| h.host == host).map(|h| h.at).collect();
        times.windows(2).map(|w| w[1].duration_since(w[0])).min()
    }

    fn answer(&self, host: &str, path: &str, headers: &HeaderMap) -> Reply {
        let route = self.routes.lock().expect("routes lock").get(&format!("{host}{path}")).cloned();
        let reply = match route {
            Some(route) => {
                let n = route.served.fetch_add(1, Ordering::SeqCst);
                route.replies[n.min(route.replies.len() - 1)].clone()
            }
            None => {
                let generators = self.generators.lock().expect("lock");
                let key = format!("{host}{path}");
                match generators.iter().find(|(prefix, _)| key.starts_with(prefix.as_str())) {
                    Some((_, generate)) => generate(path),
                    None => Reply::status(404),
                }
            }
        };
        let if_none_match = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok());
        if reply.etag.is_some() && reply.etag.as_deref() == if_none_match {
            return Reply::status(304).header("etag", reply.etag.clone().unwrap_or_default());
        }
        reply
    }
}

async fn handle(State(site): State<Arc<Site>>, request: Request) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(|h| h.split(':').next().unwrap_or(h).to_owned())
        .unwrap_or_default();
    let path = request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    site.log.lock().expect("log lock").push(Hit {
        at: Instant::now(),
        host: host.clone(),
        path: path.clone(),
    });
    let reply = site.answer(&host, &path, request.headers());
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).expect("valid status");
    for (name, value) in reply.headers {
        response.headers_mut().insert(name, HeaderValue::from_str(&value).expect("header value"));
    }
    response
}

/// A running server and its address.
pub struct Server {
    pub site: Arc<Site>,
    pub addr: SocketAddr,
}

pub async fn serve() -> Server {
    let site = Arc::new(Site::default());
    let app = axum::Router::new().fallback(handle).with_state(site.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    Server { site, addr }
}

/// A provider on `hosts` (the first is its homepage host) starting at `start`.
pub fn provider(id: &str, hosts: &[&str], start: &[&str]) -> Provider {
    let url = |s: &str| Url::parse(s).expect("test url");
    Provider {
        id: id.to_owned(),
        name: id.to_owned(),
        kind: ProviderKind::Hei,
        region: Some(Region::South),
        uk_region: Some(coursemap_seeds::UkRegion::London),
        ukprn: None,
        scope: None,
        homepage: url(&format!("http://{}/", hosts[0])),
        start_urls: start.iter().map(|s| url(s)).collect(),
        allowed_hosts: hosts.iter().map(|h| (*h).to_owned()).collect(),
        search: None,
        search_api: None,
        shared_prefixes: vec![],
        rate: None,
        sitemaps: vec![],
        course_paths: vec![],
        successor_of: None,
        closed: None,
        notes: None,
    }
}

/// A page of links: `(href, anchor)`.
pub fn links(title: &str, links: &[(&str, &str)]) -> Reply {
    let items: String = links
        .iter()
        .map(|(href, text)| format!("<li><a href=\"{href}\">{text}</a></li>"))
        .collect();
    Reply::html(format!(
        "<html><head><title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul></body></html>"
    ))
}

pub fn never() -> impl std::future::Future<Output = ()> {
    std::future::pending()
}
