//! One HTTP request: no redirects followed (the crawler re-checks every hop), conditional
//! headers sent, the body streamed and cut off at the cap.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use coursemap_pages::Validators;
use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, IF_MODIFIED_SINCE, IF_NONE_MATCH};
use url::Url;

use crate::address::AddressPolicy;
use crate::failure::FailureKind;
use crate::{CrawlConfig, Error, Result};

/// robots.txt files larger than this are cut (RFC 9309 asks parsers to read at least 500 KiB).
const ROBOTS_MAX_BYTES: usize = 512 * 1024;
/// Most bytes read of a refusal (403, 429, 503) to tell a bot challenge from a plain refusal.
const REFUSAL_MAX_BYTES: usize = 256 * 1024;

/// What is being fetched: decides which bodies are worth keeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    Robots,
    Sitemap,
    Page,
    /// A JSON search API.
    Api,
}

/// A request to make.
#[derive(Debug, Clone)]
pub struct FetchRequest {
    pub url: Url,
    pub kind: RequestKind,
    pub validators: Option<Validators>,
}

/// The response to one request (one redirect hop).
#[derive(Debug)]
pub struct FetchedResponse {
    pub status: u16,
    /// Names lower-case, in the order received.
    pub headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub body: Body,
    /// When the response head arrived: the per-host spacing counts from here.
    pub head_at: Instant,
    /// The request's headers as sent (those the client adds included), for the archive.
    pub request_headers: Vec<(String, String)>,
    /// The address the response came from, if the client reports it.
    pub remote_ip: Option<IpAddr>,
}

impl FetchedResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
impl FetchedResponse {
    /// A response as [`Fetcher::fetch`] returns it, for tests of what responses mean:
    /// `headers` names lower-case, the content type taken from them.
    pub(crate) fn for_test(status: u16, headers: &[(&str, &str)], body: Body) -> Self {
        let headers: Vec<(String, String)> =
            headers.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
        let content_type =
            headers.iter().find(|(name, _)| name == "content-type").map(|(_, v)| v.clone());
        FetchedResponse {
            status,
            headers,
            content_type,
            body,
            head_at: Instant::now(),
            request_headers: Vec::new(),
            remote_ip: None,
        }
    }
}

/// What became of the body.
#[derive(Debug)]
pub enum Body {
    Kept(Vec<u8>),
    /// Not read: the status says there is nothing worth reading (3xx, 4xx, 5xx, 304).
    NotRead,
    /// A content type the catalogue cannot use (PDF, image, …): recorded, not downloaded.
    NotKept(String),
    /// Longer than the cap; reading stopped there.
    TooLarge(usize),
}

/// A request that got no usable response.
#[derive(Debug)]
pub struct FetchError {
    /// [`FailureKind::Timeout`], `Connect`, `Body` or `Request`: the summary counts the
    /// failure under it if no retry succeeds.
    pub kind: FailureKind,
    pub message: String,
    pub at: Instant,
}

/// Makes requests with one shared connection pool.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    max_body: usize,
    user_agent: String,
}

impl Fetcher {
    pub fn new(config: &CrawlConfig, policy: AddressPolicy) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .pool_max_idle_per_host(1)
            .pool_idle_timeout(Duration::from_secs(30))
            .dns_resolver(std::sync::Arc::new(policy));
        if !config.root_certificates_pem.is_empty() {
            let mut roots = Vec::new();
            for pem in &config.root_certificates_pem {
                let cert = reqwest::Certificate::from_pem(pem.as_bytes())
                    .map_err(|err| Error::Config(format!("root certificate: {err}")))?;
                roots.push(cert);
            }
            builder = builder.tls_certs_only(roots);
        }
        let client = builder.build().map_err(|err| Error::Client(err.to_string()))?;
        Ok(Fetcher {
            client,
            max_body: config.max_body_bytes,
            user_agent: config.user_agent.clone(),
        })
    }

    /// Makes one request and reads what is worth reading of the response.
    pub async fn fetch(&self, request: FetchRequest) -> Result<FetchedResponse, FetchError> {
        let mut builder = self.client.get(request.url.clone()).header(ACCEPT, accept(request.kind));
        if let Some(validators) = &request.validators {
            if let Some(etag) = &validators.etag {
                builder = builder.header(IF_NONE_MATCH, etag);
            }
            if let Some(date) = &validators.last_modified {
                builder = builder.header(IF_MODIFIED_SINCE, date);
            }
        }
        let built = builder.build().map_err(|err| fetch_error(&err))?;
        let request_headers = self.headers_sent(&built);
        let response = self.client.execute(built).await.map_err(|err| fetch_error(&err))?;
        let head_at = Instant::now();
        let remote_ip = response.remote_addr().map(|addr| addr.ip());
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let cap =
            if request.kind == RequestKind::Robots { ROBOTS_MAX_BYTES } else { self.max_body };
        let html =
            content_type.as_deref().is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
        let body =
            if matches!(status, 403 | 429 | 503) && html && request.kind != RequestKind::Robots {
                // Read, so a bot challenge can be told from a plain refusal.
                match read_capped(response, REFUSAL_MAX_BYTES, request.kind).await? {
                    Body::TooLarge(_) => Body::NotRead,
                    body => body,
                }
            } else if !(200..300).contains(&status) {
                Body::NotRead
            } else if let Some(reason) = unwanted(request.kind, content_type.as_deref()) {
                Body::NotKept(reason)
            } else {
                read_capped(response, cap, request.kind).await?
            };
        Ok(FetchedResponse {
            status,
            headers,
            content_type,
            body,
            head_at,
            request_headers,
            remote_ip,
        })
    }

    /// The headers `request` goes out with: `Host`, the client's `User-Agent`, the request's
    /// own (Accept, the conditional ones), and the `Accept-Encoding` the client adds because
    /// it decodes gzip. The client does not report what it sends, so they are rebuilt here.
    fn headers_sent(&self, request: &reqwest::Request) -> Vec<(String, String)> {
        let url = request.url();
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (host, None) => host.unwrap_or_default().to_owned(),
            (None, Some(_)) => String::new(),
        };
        let mut headers =
            vec![("Host".to_owned(), host), ("User-Agent".to_owned(), self.user_agent.clone())];
        headers.extend(request.headers().iter().map(|(name, value)| {
            (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        }));
        headers.push(("Accept-Encoding".to_owned(), "gzip".to_owned()));
        headers
    }
}

/// Streams the body, stopping as soon as it passes `cap` (after decompression, so a gzip bomb
/// stops at the cap too). A robots.txt over the cap is cut rather than refused: the rules
/// that matter come first.
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
    kind: RequestKind,
) -> Result<Body, FetchError> {
    let declared = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // Content-Length counts encoded bytes; only trust it to refuse early when it is plain.
    let encoded = response.headers().contains_key(reqwest::header::CONTENT_ENCODING);
    if kind != RequestKind::Robots && !encoded && declared.is_some_and(|len| len > cap as u64) {
        return Ok(Body::TooLarge(cap));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|err| fetch_error(&err))? {
        body.extend_from_slice(&chunk);
        if body.len() > cap {
            if kind == RequestKind::Robots {
                body.truncate(cap);
                return Ok(Body::Kept(body));
            }
            return Ok(Body::TooLarge(cap));
        }
    }
    Ok(Body::Kept(body))
}

fn accept(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Robots => "text/plain, */*;q=0.5",
        RequestKind::Sitemap => "application/xml, text/xml;q=0.9, */*;q=0.5",
        RequestKind::Page => "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.5",
        RequestKind::Api => "application/json, text/javascript;q=0.9, */*;q=0.5",
    }
}

/// Why a body of this content type is not worth downloading, if it is not.
fn unwanted(kind: RequestKind, content_type: Option<&str>) -> Option<String> {
    let content_type = content_type?; // no type given: read it and see
    let mime = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let markup = mime == "text/html"
        || mime == "application/xhtml+xml"
        || mime == "text/xml"
        || mime == "application/xml"
        || mime.ends_with("+xml");
    let wanted = match kind {
        RequestKind::Robots => true,
        // Sitemaps come as XML, gzip or plain-text lists of URLs.
        RequestKind::Sitemap => {
            markup
                || mime == "text/plain"
                || mime.contains("gzip")
                || mime == "application/octet-stream"
        }
        RequestKind::Page => markup,
        RequestKind::Api => {
            mime.contains("json") || mime.contains("javascript") || mime == "text/plain"
        }
    };
    (!wanted).then(|| format!("content type {mime} is recorded, not stored"))
}

fn fetch_error(err: &reqwest::Error) -> FetchError {
    let kind = if err.is_timeout() {
        FailureKind::Timeout
    } else if err.is_connect() {
        FailureKind::Connect
    } else if err.is_body() || err.is_decode() {
        FailureKind::Body
    } else {
        FailureKind::Request
    };
    // The interesting part (a refused address, a reset) is usually deep in the source chain.
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    FetchError { kind, message, at: Instant::now() }
}
