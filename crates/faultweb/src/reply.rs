//! What a router answers, before it becomes a hyper response: a whole body, a streamed body,
//! an answer that comes late, or no answer at all.

use std::io;
use std::time::Duration;

use futures::stream::{Stream, StreamExt};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Bytes, Frame};
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Response, StatusCode};

/// The body type of every response served here.
pub(crate) type ServedBody = UnsyncBoxBody<Bytes, io::Error>;

/// A router's answer to one request.
#[derive(Debug)]
pub(crate) enum Reply {
    /// Status, headers and body; the body may be streamed.
    Answer(Answer),
    /// The answer, after this long.
    Late(Duration, Answer),
    /// Keep the connection open without answering for this long, then drop it.
    Hang(Duration),
}

pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: AnswerBody,
}

pub(crate) enum AnswerBody {
    Whole(Bytes),
    /// Produced as it is sent; `declared` is sent as Content-Length when known.
    Streamed {
        declared: Option<u64>,
        chunks: std::pin::Pin<Box<dyn Stream<Item = Bytes> + Send>>,
    },
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = match &self.body {
            AnswerBody::Whole(bytes) => format!("{} bytes", bytes.len()),
            AnswerBody::Streamed { declared, .. } => format!("streamed, declared {declared:?}"),
        };
        f.debug_struct("Answer")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &body)
            .finish()
    }
}

impl Answer {
    pub(crate) fn new(
        status: StatusCode,
        content_type: &'static str,
        body: impl Into<Bytes>,
    ) -> Self {
        Answer {
            status,
            headers: vec![(hyper::header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body: AnswerBody::Whole(body.into()),
        }
    }

    pub(crate) fn html(body: impl Into<Bytes>) -> Self {
        Self::new(StatusCode::OK, "text/html; charset=utf-8", body)
    }

    pub(crate) fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", "Not found\n")
    }

    pub(crate) fn redirect(status: StatusCode, location: &str) -> Self {
        let mut answer = Self::new(status, "text/plain; charset=utf-8", "Moved\n");
        answer.header(hyper::header::LOCATION, location);
        answer
    }

    pub(crate) fn streamed(
        status: StatusCode,
        content_type: &'static str,
        declared: Option<u64>,
        chunks: impl Stream<Item = Bytes> + Send + 'static,
    ) -> Self {
        Answer {
            status,
            headers: vec![(hyper::header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body: AnswerBody::Streamed { declared, chunks: Box::pin(chunks) },
        }
    }

    /// Replaces (or adds) a header; values that are not valid header text are dropped with a
    /// logged reason, since every value here is made by this crate.
    pub(crate) fn header(&mut self, name: HeaderName, value: &str) -> &mut Self {
        match HeaderValue::from_str(value) {
            Ok(value) => {
                self.headers.retain(|(n, _)| *n != name);
                self.headers.push((name, value));
            }
            Err(error) => tracing::warn!(%name, %error, "header value not sendable; dropped"),
        }
        self
    }

    /// The hyper response. Whole bodies get a Content-Length from hyper; streamed ones only
    /// when they declare one.
    pub(crate) fn into_response(self, head_only: bool) -> Response<ServedBody> {
        let (body, declared) = match self.body {
            _ if head_only => {
                (Full::new(Bytes::new()).map_err(|never| match never {}).boxed_unsync(), None)
            }
            AnswerBody::Whole(bytes) => {
                (Full::new(bytes).map_err(|never| match never {}).boxed_unsync(), None)
            }
            AnswerBody::Streamed { declared, chunks } => {
                let frames = chunks.map(|chunk| Ok::<_, io::Error>(Frame::data(chunk)));
                (BodyExt::boxed_unsync(StreamBody::new(frames)), declared)
            }
        };
        let mut response = Response::new(body);
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            headers.insert(name, value);
        }
        if let Some(length) = declared {
            headers.insert(hyper::header::CONTENT_LENGTH, HeaderValue::from(length));
        }
        response
    }
}

impl Reply {
    /// The status the client will see, for the access log (0: none).
    pub(crate) fn status(&self) -> u16 {
        match self {
            Reply::Answer(answer) | Reply::Late(_, answer) => answer.status.as_u16(),
            Reply::Hang(_) => 0,
        }
    }
}

impl From<Answer> for Reply {
    fn from(answer: Answer) -> Self {
        Reply::Answer(answer)
    }
}
