//! Connection-level faults hyper would never commit: a real TCP reset mid-body. One request
//! per connection, read by hand (bounded in size and time), answered by the fault router
//! except for `/reset`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

use crate::Result;
use crate::fault_router::{RESET_DECLARED_BYTES, RESET_SENT_BYTES};
use crate::reply::{Answer, AnswerBody, Reply};
use crate::server::{self, Router, ServerHandle};
use coursemap_sampleweb::access_log::{AccessLog, AccessLogEntry, normalise_host};

/// Largest request head read; a client sending more is dropped.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Time allowed for the request head to arrive.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Binds `addr` and serves `router` one request per connection, resetting `/reset`.
pub(crate) async fn serve_raw(
    addr: SocketAddr,
    router: Arc<dyn Router>,
    log: AccessLog,
) -> Result<ServerHandle> {
    let listener = server::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(server::accept_loop(listener, stopped, move |stream| {
        serve_one(stream, router.clone(), log.clone())
    }));
    Ok(ServerHandle::new(addr, stop, task))
}

/// The parts of a request head this listener needs.
#[derive(Debug, PartialEq)]
struct Head {
    method: String,
    host: String,
    path: String,
    user_agent: Option<String>,
}

async fn serve_one(mut stream: TcpStream, router: Arc<dyn Router>, log: AccessLog) {
    let instant = Instant::now();
    let time = SystemTime::now();
    let head = match tokio::time::timeout(HEAD_TIMEOUT, read_head(&mut stream)).await {
        Ok(Some(head)) => head,
        Ok(None) | Err(_) => return,
    };
    let reply = if head.path.split('?').next() == Some("/reset") {
        None
    } else {
        Some(router.route(&head.host, &head.path))
    };
    let status = reply.as_ref().map_or(200, Reply::status);
    log.record(AccessLogEntry {
        time,
        instant,
        method: head.method,
        host: head.host,
        path: head.path,
        status,
        user_agent: head.user_agent,
        tls: false,
    });
    let result = match reply {
        None => reset_mid_body(stream).await,
        Some(Reply::Hang(duration)) => {
            tokio::time::sleep(duration).await;
            Ok(())
        }
        Some(Reply::Late(delay, answer)) => {
            tokio::time::sleep(delay).await;
            write_answer(&mut stream, answer).await
        }
        Some(Reply::Answer(answer)) => write_answer(&mut stream, answer).await,
    };
    if let Err(error) = result {
        tracing::debug!(%error, "raw connection ended with an error");
    }
}

/// Reads up to the blank line ending the head; `None` for anything malformed or too big.
async fn read_head(stream: &mut TcpStream) -> Option<Head> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > MAX_HEAD_BYTES {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    parse_head(&String::from_utf8_lossy(&buf))
}

fn parse_head(text: &str) -> Option<Head> {
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?;
    let mut host = None;
    let mut user_agent = None;
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else { continue };
        if name.eq_ignore_ascii_case("host") {
            host = Some(normalise_host(value.trim()));
        } else if name.eq_ignore_ascii_case("user-agent") {
            user_agent = Some(value.trim().to_owned());
        }
    }
    // Absolute form (a client using us as a proxy): the path starts after the authority.
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_owned(),
        None => target.to_owned(),
    };
    Some(Head { method, host: host?, path, user_agent })
}

/// Promises a body, sends part of it, and resets the connection (SO_LINGER 0 turns the close
/// into an RST).
async fn reset_mid_body(mut stream: TcpStream) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {RESET_DECLARED_BYTES}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await?;
    let part = vec![b'a'; usize::try_from(RESET_SENT_BYTES).unwrap_or(1024)];
    stream.write_all(&part).await?;
    stream.flush().await?;
    // Let the client read what was sent before the reset discards it.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stream.set_zero_linger()?;
    drop(stream);
    Ok(())
}

async fn write_answer(stream: &mut TcpStream, answer: Answer) -> std::io::Result<()> {
    let answer = match answer.body {
        AnswerBody::Whole(_) => answer,
        // Nothing routed to this listener streams; answer rather than hold a stream here.
        AnswerBody::Streamed { .. } => Answer::not_found(),
    };
    let AnswerBody::Whole(body) = answer.body else { return Ok(()) };
    let mut head = format!("HTTP/1.1 {}\r\n", answer.status);
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {}\r\n", String::from_utf8_lossy(value.as_bytes())));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_origin_and_absolute_form_heads() {
        let head = parse_head(
            "GET /good/1?x=1 HTTP/1.1\r\nHost: Hang.Fault.Test:8080\r\nUser-Agent: t/1\r\n\r\n",
        )
        .expect("head");
        assert_eq!(
            head,
            Head {
                method: "GET".into(),
                host: "hang.fault.test".into(),
                path: "/good/1?x=1".into(),
                user_agent: Some("t/1".into())
            }
        );
        let proxied =
            parse_head("GET http://hang.fault.test/hang HTTP/1.1\r\nHost: hang.fault.test\r\n\r\n")
                .expect("head");
        assert_eq!(proxied.path, "/hang");
        assert!(parse_head("GET / HTTP/1.1\r\n\r\n").is_none(), "no Host header");
    }
}
