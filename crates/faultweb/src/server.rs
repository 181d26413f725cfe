//! The HTTP/1.1 server both webs share: one loopback port, routing on the Host header (or the
//! host of an absolute-form URI, so the server also works as a client's HTTP proxy), an
//! access log, and late or missing answers.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use hyper::body::Incoming;
use hyper::header;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::reply::{Reply, ServedBody};
use crate::{Error, Result};
use coursemap_sampleweb::access_log::{AccessLog, AccessLogEntry, request_host};

/// How long an idle keep-alive connection may wait for its next request head; bounds the
/// life of connections a client forgets.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers requests for one web.
pub(crate) trait Router: Send + Sync + 'static {
    fn route(&self, host: &str, path: &str) -> Reply;
}

/// A running accept loop; [`ServerHandle::shutdown`] stops it and its connections.
#[derive(Debug)]
pub(crate) struct ServerHandle {
    pub(crate) addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    pub(crate) fn new(addr: SocketAddr, stop: oneshot::Sender<()>, task: JoinHandle<()>) -> Self {
        ServerHandle { addr, stop: Some(stop), task }
    }

    pub(crate) async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            // The receiver is gone only if the task already ended.
            let _ = stop.send(());
        }
        if let Err(error) = (&mut self.task).await {
            tracing::warn!(%error, "server task ended abnormally");
        }
    }
}

/// Binds `addr` and serves `router` over HTTP/1.1 until shut down.
pub(crate) async fn serve_http(
    addr: SocketAddr,
    router: Arc<dyn Router>,
    log: AccessLog,
) -> Result<ServerHandle> {
    let listener = bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(accept_loop(listener, stopped, move |stream| {
        serve_connection(stream, router.clone(), log.clone())
    }));
    Ok(ServerHandle::new(addr, stop, task))
}

pub(crate) async fn bind(addr: SocketAddr) -> Result<TcpListener> {
    if !addr.ip().is_loopback() {
        return Err(Error::Config(format!(
            "{addr} is not a loopback address; these webs serve loopback only"
        )));
    }
    TcpListener::bind(addr).await.map_err(|error| Error::Bind { addr, error })
}

/// Accepts until `stop` fires, then aborts every connection still open.
pub(crate) async fn accept_loop<F, Fut>(
    listener: TcpListener,
    mut stop: oneshot::Receiver<()>,
    serve: F,
) where
    F: Fn(TcpStream) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve(stream));
                }
                Err(error) => tracing::warn!(%error, "accept failed"),
            },
        }
        while connections.try_join_next().is_some() {}
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

async fn serve_connection(stream: TcpStream, router: Arc<dyn Router>, log: AccessLog) {
    let service = service_fn(move |req| respond(router.clone(), log.clone(), req));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
    if let Err(error) = http.serve_connection(TokioIo::new(stream), service).await {
        tracing::debug!(%error, "connection ended with an error");
    }
}

async fn respond(
    router: Arc<dyn Router>,
    log: AccessLog,
    req: Request<Incoming>,
) -> Result<Response<ServedBody>, std::io::Error> {
    let instant = Instant::now();
    let time = SystemTime::now();
    let host = request_host(&req);
    let path =
        req.uri().path_and_query().map_or_else(|| req.uri().path().to_owned(), |pq| pq.to_string());
    let user_agent =
        req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let head_only = req.method() == Method::HEAD;
    let reply = router.route(&host, &path);
    log.record(AccessLogEntry {
        time,
        instant,
        method: req.method().to_string(),
        host,
        path,
        status: reply.status(),
        user_agent,
        tls: false,
    });
    match reply {
        Reply::Answer(answer) => Ok(answer.into_response(head_only)),
        Reply::Late(delay, answer) => {
            tokio::time::sleep(delay).await;
            Ok(answer.into_response(head_only))
        }
        Reply::Hang(duration) => {
            tokio::time::sleep(duration).await;
            // An error makes hyper drop the connection without writing a response.
            Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "hung request released"))
        }
    }
}

/// The access log both webs keep: in memory, and appended to `file` when one is given.
pub(crate) fn access_log(file: Option<&Path>) -> Result<AccessLog> {
    match file {
        Some(path) => AccessLog::appending_to(path)
            .map_err(|error| Error::AccessLogFile { path: path.to_owned(), error }),
        None => Ok(AccessLog::in_memory()),
    }
}
