//! The big and broken payloads: made once at start (the gzip ones) or generated as they are
//! sent (the huge ones), so the server's memory stays small whatever the client asks for.

use std::io::Write;
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use futures::stream::{self, Stream};
use hyper::body::Bytes;
use tokio::time::Instant;

/// Size of the chunks huge bodies are sent in.
const CHUNK: usize = 64 * 1024;

/// Bytes sent per step of a trickling body, and the pause between steps: "a few bytes a
/// second".
const TRICKLE_BYTES: &[u8] = b"<p>";
const TRICKLE_STEP: Duration = Duration::from_millis(750);

static FILLER: [u8; CHUNK] = [b'a'; CHUNK];
static ZEROS: [u8; CHUNK] = [0; CHUNK];

/// A gzip stream that inflates to `inflated` zero bytes: about a thousandth of that on the
/// wire. Made by streaming zeros through the encoder, never holding the inflated form.
pub(crate) fn gzip_bomb(inflated: u64) -> std::io::Result<Bytes> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    let mut left = inflated;
    while left > 0 {
        let n = usize::try_from(left).unwrap_or(CHUNK).min(CHUNK);
        encoder.write_all(&ZEROS[..n])?;
        left -= n as u64;
    }
    Ok(Bytes::from(encoder.finish()?))
}

/// A page gzipped whole, for the good control page.
pub(crate) fn gzipped(body: &[u8]) -> std::io::Result<Bytes> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(body)?;
    Ok(Bytes::from(encoder.finish()?))
}

/// A gzipped page cut off after 60% of its compressed bytes: no trailer, no checksum.
pub(crate) fn truncated_gzip(body: &[u8]) -> std::io::Result<Bytes> {
    let whole = gzipped(body)?;
    Ok(whole.slice(..whole.len() * 3 / 5))
}

/// A robots.txt of about `size` bytes: a sensible group first, then thousands of harmless
/// `Disallow` lines for paths nobody links to.
pub(crate) fn huge_robots(size: usize) -> Bytes {
    let mut text = String::with_capacity(size + 64);
    text.push_str("User-agent: *\nDisallow: /private/\n");
    let mut n = 0u64;
    while text.len() < size {
        text.push_str(&format!("Disallow: /archive/{n:08}/\n"));
        n += 1;
    }
    Bytes::from(text)
}

/// `size` bytes of noise (xorshift, fixed seed so every run serves the same file), NUL and
/// invalid UTF-8 included.
pub(crate) fn binary_noise(size: usize) -> Bytes {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = Vec::with_capacity(size);
    while out.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(size);
    Bytes::from(out)
}

/// `prefix` then filler until `total` bytes in all, produced chunk by chunk.
pub(crate) fn filler(
    prefix: &'static str,
    total: u64,
) -> impl Stream<Item = Bytes> + Send + 'static {
    let first = Bytes::from_static(prefix.as_bytes());
    let after_prefix = total.saturating_sub(first.len() as u64);
    let head = stream::iter((!first.is_empty()).then_some(first));
    let rest = stream::unfold(after_prefix, |left| async move {
        if left == 0 {
            return None;
        }
        let n = usize::try_from(left).unwrap_or(CHUNK).min(CHUNK);
        Some((Bytes::from_static(&FILLER[..n]), left - n as u64))
    });
    futures::StreamExt::chain(head, rest)
}

/// A few bytes every [`TRICKLE_STEP`] until `lasting` has passed, then the end of the body.
pub(crate) fn trickle(lasting: Duration) -> impl Stream<Item = Bytes> + Send + 'static {
    let until = Instant::now() + lasting;
    let opening = stream::iter([Bytes::from_static(
        b"<!doctype html><html><head><title>Trickle</title></head><body>",
    )]);
    let drip = stream::unfold(until, |until| async move {
        if Instant::now() >= until {
            return None;
        }
        tokio::time::sleep(TRICKLE_STEP).await;
        Some((Bytes::from_static(TRICKLE_BYTES), until))
    });
    let closing = stream::iter([Bytes::from_static(b"</body></html>\n")]);
    futures::StreamExt::chain(futures::StreamExt::chain(opening, drip), closing)
}

/// A sitemap of `count` URLs, `first` ones first and then `http://{host}/listed/{n}`,
/// generated a thousand entries at a time.
pub(crate) fn huge_sitemap(
    host: String,
    first: Vec<String>,
    count: u64,
) -> impl Stream<Item = Bytes> + Send + 'static {
    const PER_CHUNK: u64 = 1000;
    let mut opening = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in &first {
        opening.push_str(&format!("<url><loc>{url}</loc></url>\n"));
    }
    let listed = count.saturating_sub(first.len() as u64);
    let entries = stream::unfold(0u64, move |next| {
        let host = host.clone();
        async move {
            if next >= listed {
                return None;
            }
            let end = (next + PER_CHUNK).min(listed);
            let mut chunk = String::with_capacity(64 * PER_CHUNK as usize);
            for n in next..end {
                chunk.push_str(&format!("<url><loc>http://{host}/listed/{n}</loc></url>\n"));
            }
            Some((Bytes::from(chunk), end))
        }
    });
    let head = stream::iter([Bytes::from(opening)]);
    let tail = stream::iter([Bytes::from_static(b"</urlset>\n")]);
    futures::StreamExt::chain(futures::StreamExt::chain(head, entries), tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;
    use std::io::Read;

    #[test]
    fn bomb_is_small_and_inflates_to_the_size_asked() {
        let bomb = gzip_bomb(8 * 1024 * 1024).expect("bomb");
        assert!(bomb.len() < 64 * 1024, "{} bytes on the wire", bomb.len());
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&bomb[..]).read_to_end(&mut inflated).expect("inflate");
        assert_eq!(inflated.len(), 8 * 1024 * 1024);
        assert!(inflated.iter().all(|&b| b == 0));
    }

    #[test]
    fn truncated_gzip_does_not_inflate() {
        let page = "<p>Quality improvement</p>".repeat(500);
        let cut = truncated_gzip(page.as_bytes()).expect("gzip");
        let mut inflated = Vec::new();
        let result = flate2::read::GzDecoder::new(&cut[..]).read_to_end(&mut inflated);
        assert!(result.is_err(), "inflated {} bytes without error", inflated.len());
    }

    #[test]
    fn huge_robots_starts_with_a_group() {
        let robots = huge_robots(2 * 1024 * 1024);
        assert!(robots.len() >= 2 * 1024 * 1024 && robots.len() < 2 * 1024 * 1024 + 64);
        assert!(robots.starts_with(b"User-agent: *\nDisallow: /private/\n"));
    }

    #[tokio::test]
    async fn filler_has_the_exact_length() {
        let total: usize =
            filler("<html>", 1_000_001).map(|c| c.len()).collect::<Vec<_>>().await.iter().sum();
        assert_eq!(total, 1_000_001);
    }

    #[tokio::test]
    async fn huge_sitemap_lists_every_url_once() {
        let first = vec!["http://h.test/good/1".to_owned()];
        let chunks: Vec<Bytes> = huge_sitemap("h.test".into(), first, 2_500).collect().await;
        let text: String = chunks.iter().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        assert_eq!(text.matches("<loc>").count(), 2_500);
        assert!(text.contains("<loc>http://h.test/good/1</loc>"));
        assert!(text.contains("<loc>http://h.test/listed/2498</loc>"));
        assert!(!text.contains("/listed/2499<"));
        assert!(text.ends_with("</urlset>\n"));
    }
}
