//! What a finished page request means: [`decide`] turns the request, its answer and a small
//! read-only view of the crawl into a [`Decision`], which the coordinator applies in one
//! place (`responses.rs`). Deciding changes nothing, so each case is tested here, without a
//! network, a store or a coordinator.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use coursemap_seeds::Provider;
use url::Url;

use crate::failure::FailureKind;
use crate::fetch::{Body, FetchError, FetchedResponse};
use crate::frontier::{FrontierItem, ItemKind};
use crate::host::CHALLENGES_BEFORE_GIVING_UP;
use crate::interstitial::{self, Interstitial};
use crate::retry::{backoff, is_retryable_status, retry_after};

/// Redirect hops followed for one URL.
const MAX_REDIRECTS: u8 = 10;

/// What a page entry records of a response besides its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResponseHead {
    pub(crate) status: u16,
    /// Names lower-case, in the order received.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) content_type: Option<String>,
}

/// What the page store holds for the URL asked for (the item's store key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stored {
    Nothing,
    /// The latest entry marks the page gone.
    Gone,
    /// Stored by this crawl run (earlier in it, or before a resume).
    ByThisRun,
    /// Stored by an earlier crawl run: a page the catalogue had.
    ByEarlierRun,
}

/// How often a failed request is retried, and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryLimits {
    /// Retries after the first attempt.
    pub(crate) max_retries: u32,
    /// The back-off before the first retry; it doubles with each.
    pub(crate) base: Duration,
    /// The longest wait, whatever the back-off or the server's Retry-After says.
    pub(crate) max_wait: Duration,
}

/// The little of the crawl's state a decision reads.
#[derive(Debug)]
pub(crate) struct PageContext<'a> {
    /// Every provider by id: whose hosts a redirect target is on.
    pub(crate) providers: &'a HashMap<String, Provider>,
    pub(crate) stored: Stored,
    /// Bot challenges the item's host answered in a row before this response.
    pub(crate) challenges_in_a_row: u32,
    pub(crate) retry: RetryLimits,
    /// The time a Retry-After date is read against.
    pub(crate) now: DateTime<Utc>,
}

/// What a finished page request means for the crawl.
#[derive(Debug, PartialEq)]
pub(crate) enum Decision {
    /// A 2xx with its body kept: store the page and follow what it points to.
    Store { head: ResponseHead, body: Vec<u8> },
    /// A 2xx whose body is not kept (a content type the catalogue cannot use, or no body):
    /// recorded with `note`, counted as not stored.
    RecordWithoutBody { head: ResponseHead, note: String },
    /// A 2xx with a body over `cap` bytes: recorded with a note, counted as a failure.
    TooLarge { head: ResponseHead, cap: usize },
    /// A search API's JSON answer: queue the pages it lists; the answer itself is not kept.
    ReadSearchResults { body: Vec<u8> },
    /// An OpenSearch description: queue the site search it describes; it is not kept.
    ReadSearchDescription { body: Vec<u8> },
    /// A 304: the stored page is still current; reuse it and follow its links again.
    NotModified,
    /// A 410, or a 404 for a page an earlier crawl stored: mark the page gone.
    Gone { head: ResponseHead },
    /// A 404 for a sitemap: there is none there, which is no failure.
    NoSitemap,
    /// A 200 page saying the page is not there (`wording` quotes it): marked gone, like a 410.
    Soft404 { head: ResponseHead, wording: String },
    /// A bot challenge instead of the page (`marker` says what gave it away): never stored.
    /// It is the host's `in_a_row`th in a row; at the limit the host is given up.
    Challenge { marker: String, in_a_row: u32, give_up_host: bool },
    /// A redirect to a URL the provider owns: queue the next hop.
    FollowRedirect { next: Box<FrontierItem> },
    /// A redirect off the provider's hosts: reported (with `detail`), not followed.
    Moved { target: Url, detail: String },
    /// A failure that may pass (5xx, 408, 429, no answer): ask again after `wait`.
    Retry { kind: FailureKind, wait: Duration },
    /// The same, after the last retry: the store key fails as `kind`, after `attempts`.
    GiveUp { kind: FailureKind, attempts: u32 },
    /// A final answer that is not a page: `url` fails as `kind`.
    Fail { kind: FailureKind, url: Url },
}

/// Decides what `answer`, the outcome of requesting `item`, means.
pub(crate) fn decide(
    item: &FrontierItem,
    answer: Result<FetchedResponse, FetchError>,
    context: &PageContext<'_>,
) -> Decision {
    let response = match answer {
        Ok(response) => response,
        Err(err) => return retry_or_give_up(item, err.kind, None, context.retry),
    };
    let FetchedResponse { status, headers, content_type, body, .. } = response;
    let head = ResponseHead { status, headers, content_type };
    if item.kind.is_page() {
        let kept = match &body {
            Body::Kept(bytes) => bytes.as_slice(),
            _ => &[],
        };
        let found =
            interstitial::recognise(status, &head.headers, head.content_type.as_deref(), kept);
        match found {
            Some(Interstitial::Challenge { marker }) => {
                let in_a_row = context.challenges_in_a_row + 1;
                let give_up_host = in_a_row >= CHALLENGES_BEFORE_GIVING_UP;
                return Decision::Challenge { marker, in_a_row, give_up_host };
            }
            Some(Interstitial::SoftNotFound { wording }) => {
                return Decision::Soft404 { head, wording };
            }
            None => {}
        }
    }
    match status {
        304 if context.stored == Stored::Nothing => {
            Decision::Fail { kind: FailureKind::Unexpected304, url: item.store_key().clone() }
        }
        304 => Decision::NotModified,
        300..=399 => {
            let location = head.header("location");
            redirect(item, location, context.providers)
        }
        404 | 410 => missing(item, head, context.stored),
        _ if is_retryable_status(status) => {
            let asked = head.header("retry-after").and_then(|v| retry_after(v, context.now));
            retry_or_give_up(item, FailureKind::Http(status), asked, context.retry)
        }
        200..=299 => keep(item, head, body),
        _ => Decision::Fail { kind: FailureKind::Http(status), url: item.url.clone() },
    }
}

impl ResponseHead {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// A 2xx: the page, a listing to read, or a record of why there is no body.
fn keep(item: &FrontierItem, head: ResponseHead, body: Body) -> Decision {
    if item.kind == ItemKind::SearchApi {
        return match body {
            Body::Kept(body) => Decision::ReadSearchResults { body },
            _ => Decision::Fail { kind: FailureKind::BadSearchApi, url: item.url.clone() },
        };
    }
    if item.kind == ItemKind::SearchDescription {
        return match body {
            Body::Kept(body) => Decision::ReadSearchDescription { body },
            _ => Decision::Fail { kind: FailureKind::BadSearchDescription, url: item.url.clone() },
        };
    }
    match body {
        Body::Kept(body) => Decision::Store { head, body },
        Body::TooLarge(cap) => Decision::TooLarge { head, cap },
        Body::NotKept(reason) => Decision::RecordWithoutBody { head, note: reason },
        Body::NotRead => Decision::RecordWithoutBody { head, note: "no body".to_owned() },
    }
}

/// 404 or 410. A 410 says the page is gone for good (a withdrawn course); a 404 only says
/// so for a page we had before — otherwise it is just a broken link.
fn missing(item: &FrontierItem, head: ResponseHead, stored: Stored) -> Decision {
    if stored == Stored::ByEarlierRun || head.status == 410 {
        Decision::Gone { head }
    } else if matches!(item.kind, ItemKind::Sitemap | ItemKind::SearchDescription) {
        Decision::NoSitemap
    } else {
        Decision::Fail { kind: FailureKind::Http(head.status), url: item.url.clone() }
    }
}

/// A 3xx: the next hop as the continuation of `item`, after the same scope checks as any
/// link (robots.txt and the address are checked when it is taken from the queue).
fn redirect(
    item: &FrontierItem,
    location: Option<&str>,
    providers: &HashMap<String, Provider>,
) -> Decision {
    let origin = item.store_key();
    let fail = |kind| Decision::Fail { kind, url: origin.clone() };
    let Some(target) = location.and_then(|l| item.url.join(l.trim()).ok()) else {
        return fail(FailureKind::BadRedirect);
    };
    if item.redirects >= MAX_REDIRECTS {
        return fail(FailureKind::TooManyRedirects);
    }
    let target = coursemap_urlcanon::canonicalize(&target);
    if !matches!(target.scheme(), "http" | "https") {
        return fail(FailureKind::BadRedirect);
    }
    if !providers.get(&item.provider).is_some_and(|p| p.in_scope(&target)) {
        let target_host = target.host_str().unwrap_or_default();
        let owner = providers.values().find(|p| p.in_scope(&target)).map(|p| p.id.as_str());
        let detail = match owner {
            Some(owner) => format!(
                "to {target}: host {target_host} is provider {owner}'s, not {}'s",
                item.provider
            ),
            None => format!(
                "to {target}: host {target_host} is not among provider {}'s hosts",
                item.provider
            ),
        };
        return Decision::Moved { target, detail };
    }
    if item.redirects > 0 && target.as_str() == origin.as_str() {
        // Back to where the chain started: a loop, which no number of hops resolves.
        return fail(FailureKind::RedirectLoop);
    }
    let next = FrontierItem {
        url: target,
        redirects: item.redirects + 1,
        redirected_from: Some(origin.clone()),
        attempt: 0,
        ..item.clone()
    };
    Decision::FollowRedirect { next: Box::new(next) }
}

/// Retries after `asked` (the server's Retry-After) or a back-off, both capped, unless the
/// item has had its retries.
fn retry_or_give_up(
    item: &FrontierItem,
    kind: FailureKind,
    asked: Option<Duration>,
    limits: RetryLimits,
) -> Decision {
    if item.attempt >= limits.max_retries {
        return Decision::GiveUp { kind, attempts: item.attempt + 1 };
    }
    let wait = asked
        .unwrap_or_else(|| backoff(item.attempt, limits.base, limits.max_wait))
        .min(limits.max_wait);
    Decision::Retry { kind, wait }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use chrono::TimeZone;
    use coursemap_seeds::{ProviderKind, Region};

    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    fn provider(id: &str, hosts: &[&str]) -> Provider {
        Provider {
            id: id.to_owned(),
            name: id.to_owned(),
            kind: ProviderKind::Hei,
            region: Some(Region::South),
            uk_region: Some(coursemap_seeds::UkRegion::London),
            ukprn: None,
            scope: None,
            homepage: url(&format!("https://{}/", hosts[0])),
            start_urls: vec![],
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

    fn providers() -> HashMap<String, Provider> {
        [
            provider("uwl", &["www.uwl.ac.uk", "courses.uwl.ac.uk"]),
            provider("kcl", &["www.kcl.ac.uk"]),
        ]
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect()
    }

    fn item(at: &str, kind: ItemKind) -> FrontierItem {
        FrontierItem {
            url: url(at),
            kind,
            depth: 2,
            score: 40,
            redirects: 0,
            redirected_from: None,
            attempt: 0,
            provider: "uwl".to_owned(),
            seq: 7,
        }
    }

    fn page(at: &str) -> FrontierItem {
        item(at, ItemKind::Page)
    }

    /// Deciding with `stored` in the store and `challenges` in a row before.
    fn decide_with(
        item: &FrontierItem,
        answer: Result<FetchedResponse, FetchError>,
        stored: Stored,
        challenges: u32,
    ) -> Decision {
        let providers = providers();
        let context = PageContext {
            providers: &providers,
            stored,
            challenges_in_a_row: challenges,
            retry: RetryLimits {
                max_retries: 3,
                base: Duration::from_millis(500),
                max_wait: Duration::from_secs(60),
            },
            now: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).single().expect("time"),
        };
        decide(item, answer, &context)
    }

    fn decide_on(item: &FrontierItem, response: FetchedResponse) -> Decision {
        decide_with(item, Ok(response), Stored::Nothing, 0)
    }

    const HTML: (&str, &str) = ("content-type", "text/html; charset=utf-8");

    fn course_page() -> Vec<u8> {
        format!(
            "<html><head><title>MSc Advanced Clinical Practice | UWL</title></head><body><main>\
             <h1>MSc Advanced Clinical Practice</h1><p>{}</p></main></body></html>",
            "Develop the leadership and clinical skills of an advanced practitioner. ".repeat(10)
        )
        .into_bytes()
    }

    fn html(status: u16, body: &[u8]) -> FetchedResponse {
        FetchedResponse::for_test(status, &[HTML], Body::Kept(body.to_vec()))
    }

    fn bare(status: u16, headers: &[(&str, &str)]) -> FetchedResponse {
        FetchedResponse::for_test(status, headers, Body::NotRead)
    }

    fn head(status: u16, headers: &[(&str, &str)]) -> ResponseHead {
        let response = FetchedResponse::for_test(status, headers, Body::NotRead);
        ResponseHead { status, headers: response.headers, content_type: response.content_type }
    }

    fn timeout() -> FetchError {
        FetchError {
            kind: FailureKind::Timeout,
            message: "operation timed out".to_owned(),
            at: Instant::now(),
        }
    }

    #[test]
    fn a_200_html_page_is_stored_with_its_head() {
        let course = page("https://www.uwl.ac.uk/courses/msc-advanced-clinical-practice");
        assert_eq!(
            decide_on(&course, html(200, &course_page())),
            Decision::Store { head: head(200, &[HTML]), body: course_page() }
        );
        // A sitemap is stored as it came, whatever it says.
        let sitemap = item("https://www.uwl.ac.uk/sitemap.xml", ItemKind::Sitemap);
        let xml = b"<urlset><url><loc>https://www.uwl.ac.uk/courses/a</loc></url></urlset>";
        let response = FetchedResponse::for_test(
            200,
            &[("content-type", "application/xml")],
            Body::Kept(xml.to_vec()),
        );
        assert!(
            matches!(decide_on(&sitemap, response), Decision::Store { body, .. } if body == xml)
        );
    }

    #[test]
    fn a_200_without_a_kept_body_is_recorded_or_fails_when_too_large() {
        let prospectus = page("https://www.uwl.ac.uk/prospectus.pdf");
        let pdf = [("content-type", "application/pdf")];
        let note = "content type application/pdf is recorded, not stored";
        let response = FetchedResponse::for_test(200, &pdf, Body::NotKept(note.to_owned()));
        assert_eq!(
            decide_on(&prospectus, response),
            Decision::RecordWithoutBody { head: head(200, &pdf), note: note.to_owned() }
        );
        assert_eq!(
            decide_on(&prospectus, FetchedResponse::for_test(204, &[], Body::NotRead)),
            Decision::RecordWithoutBody { head: head(204, &[]), note: "no body".to_owned() }
        );
        let huge = FetchedResponse::for_test(200, &[HTML], Body::TooLarge(5 * 1024 * 1024));
        assert_eq!(
            decide_on(&page("https://www.uwl.ac.uk/all-courses"), huge),
            Decision::TooLarge { head: head(200, &[HTML]), cap: 5 * 1024 * 1024 }
        );
    }

    #[test]
    fn a_search_api_answer_is_read_for_links_or_fails_without_a_body() {
        let api = item("https://www.uwl.ac.uk/api/courses?q=nursing", ItemKind::SearchApi);
        let json = br#"{"results":[{"url":"/courses/bsc-nursing"}]}"#.to_vec();
        let response = FetchedResponse::for_test(
            200,
            &[("content-type", "application/json")],
            Body::Kept(json.clone()),
        );
        assert_eq!(decide_on(&api, response), Decision::ReadSearchResults { body: json });
        let huge = FetchedResponse::for_test(200, &[], Body::TooLarge(1024));
        assert_eq!(
            decide_on(&api, huge),
            Decision::Fail { kind: FailureKind::BadSearchApi, url: api.url.clone() }
        );
    }

    #[test]
    fn an_opensearch_description_is_read_never_stored_and_may_be_missing() {
        let description = item("https://www.uwl.ac.uk/opensearch.xml", ItemKind::SearchDescription);
        let xml = br#"<OpenSearchDescription><Url type="text/html" template="x"/></OpenSearchDescription>"#;
        let response = FetchedResponse::for_test(
            200,
            &[("content-type", "application/opensearchdescription+xml")],
            Body::Kept(xml.to_vec()),
        );
        let read = Decision::ReadSearchDescription { body: xml.to_vec() };
        assert_eq!(decide_on(&description, response), read);
        assert_eq!(decide_on(&description, bare(404, &[])), Decision::NoSitemap);
        let unread = FetchedResponse::for_test(200, &[], Body::NotKept("type".to_owned()));
        assert_eq!(
            decide_on(&description, unread),
            Decision::Fail {
                kind: FailureKind::BadSearchDescription,
                url: description.url.clone()
            }
        );
    }

    #[test]
    fn a_304_reuses_the_stored_page_and_without_one_fails() {
        let course = page("https://www.uwl.ac.uk/courses/msc-public-health");
        let not_modified = || bare(304, &[("etag", "\"v1\"")]);
        for stored in [Stored::ByEarlierRun, Stored::ByThisRun, Stored::Gone] {
            assert_eq!(
                decide_with(&course, Ok(not_modified()), stored, 0),
                Decision::NotModified,
                "{stored:?}"
            );
        }
        assert_eq!(
            decide_with(&course, Ok(not_modified()), Stored::Nothing, 0),
            Decision::Fail { kind: FailureKind::Unexpected304, url: course.url.clone() }
        );
    }

    #[test]
    fn a_404_marks_a_page_gone_only_if_an_earlier_crawl_had_it_and_a_410_always() {
        let withdrawn = page("https://www.uwl.ac.uk/courses/msc-withdrawn");
        assert_eq!(
            decide_with(&withdrawn, Ok(bare(404, &[])), Stored::ByEarlierRun, 0),
            Decision::Gone { head: head(404, &[]) }
        );
        for stored in [Stored::Nothing, Stored::ByThisRun, Stored::Gone] {
            assert_eq!(
                decide_with(&withdrawn, Ok(bare(404, &[])), stored, 0),
                Decision::Fail { kind: FailureKind::Http(404), url: withdrawn.url.clone() },
                "{stored:?}"
            );
        }
        assert_eq!(
            decide_with(&withdrawn, Ok(bare(410, &[])), Stored::Nothing, 0),
            Decision::Gone { head: head(410, &[]) }
        );
        let sitemap = item("https://www.uwl.ac.uk/sitemap.xml", ItemKind::Sitemap);
        assert_eq!(decide_on(&sitemap, bare(404, &[])), Decision::NoSitemap);
    }

    #[test]
    fn a_429_waits_as_long_as_retry_after_says_within_the_cap() {
        let course = page("https://www.uwl.ac.uk/courses/bsc-midwifery");
        assert_eq!(
            decide_on(&course, bare(429, &[("retry-after", "120")])),
            Decision::Retry { kind: FailureKind::Http(429), wait: Duration::from_secs(60) }
        );
        assert_eq!(
            decide_on(&course, bare(429, &[("retry-after", "7")])),
            Decision::Retry { kind: FailureKind::Http(429), wait: Duration::from_secs(7) }
        );
        // An HTTP date is read against the decision's clock (09:00:00).
        assert_eq!(
            decide_on(&course, bare(503, &[("retry-after", "Mon, 02 Mar 2026 09:00:30 GMT")])),
            Decision::Retry { kind: FailureKind::Http(503), wait: Duration::from_secs(30) }
        );
    }

    #[test]
    fn a_503_is_retried_with_back_off_until_the_retries_are_spent() {
        let mut course = page("https://www.uwl.ac.uk/courses/msc-nursing");
        for attempt in 0..3 {
            course.attempt = attempt;
            let full = Duration::from_millis(500) * 2u32.pow(attempt);
            match decide_on(&course, bare(503, &[])) {
                Decision::Retry { kind, wait } => {
                    assert_eq!(kind, FailureKind::Http(503));
                    assert!(wait >= full / 2 && wait <= full, "attempt {attempt}: {wait:?}");
                }
                other => panic!("attempt {attempt}: {other:?}"),
            }
        }
        course.attempt = 3;
        assert_eq!(
            decide_on(&course, bare(503, &[])),
            Decision::GiveUp { kind: FailureKind::Http(503), attempts: 4 }
        );
    }

    #[test]
    fn a_timeout_is_retried_then_given_up_as_a_timeout() {
        let mut course = page("https://www.uwl.ac.uk/courses/msc-nursing");
        assert!(matches!(
            decide_with(&course, Err(timeout()), Stored::Nothing, 0),
            Decision::Retry { kind: FailureKind::Timeout, .. }
        ));
        course.attempt = 3;
        assert_eq!(
            decide_with(&course, Err(timeout()), Stored::Nothing, 0),
            Decision::GiveUp { kind: FailureKind::Timeout, attempts: 4 }
        );
    }

    #[test]
    fn a_redirect_on_the_providers_hosts_is_the_next_hop() {
        let course = page("https://www.uwl.ac.uk/courses/msc-nursing");
        let moved =
            bare(301, &[("location", "https://courses.uwl.ac.uk/msc-nursing/?utm_source=x")]);
        let expected = FrontierItem {
            url: url("https://courses.uwl.ac.uk/msc-nursing/"),
            redirects: 1,
            redirected_from: Some(course.url.clone()),
            ..course.clone()
        };
        assert_eq!(
            decide_on(&course, moved),
            Decision::FollowRedirect { next: Box::new(expected.clone()) }
        );
        // A relative Location on the next hop keeps the chain's origin and resets retries.
        let mut hop = expected;
        hop.attempt = 2;
        match decide_on(&hop, bare(302, &[("location", " /courses/msc-nursing-2026 ")])) {
            Decision::FollowRedirect { next } => {
                assert_eq!(next.url.as_str(), "https://courses.uwl.ac.uk/courses/msc-nursing-2026");
                assert_eq!(next.redirects, 2);
                assert_eq!(next.redirected_from, Some(course.url.clone()));
                assert_eq!(next.attempt, 0);
                assert_eq!((next.depth, next.score, next.seq), (2, 40, 7));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_redirect_off_the_providers_hosts_is_reported_as_moved() {
        let course = page("https://www.uwl.ac.uk/courses/msc-global-health");
        assert_eq!(
            decide_on(&course, bare(301, &[("location", "https://www.kcl.ac.uk/global-health")])),
            Decision::Moved {
                target: url("https://www.kcl.ac.uk/global-health"),
                detail: "to https://www.kcl.ac.uk/global-health: host www.kcl.ac.uk is provider \
                         kcl's, not uwl's"
                    .to_owned(),
            }
        );
        assert_eq!(
            decide_on(&course, bare(308, &[("location", "https://newuni.example/courses")])),
            Decision::Moved {
                target: url("https://newuni.example/courses"),
                detail: "to https://newuni.example/courses: host newuni.example is not among \
                         provider uwl's hosts"
                    .to_owned(),
            }
        );
    }

    #[test]
    fn loops_long_chains_and_unusable_locations_fail_at_the_chains_origin() {
        let origin = url("https://www.uwl.ac.uk/courses");
        let hop = FrontierItem {
            redirects: 1,
            redirected_from: Some(origin.clone()),
            ..page("https://www.uwl.ac.uk/courses/")
        };
        let fail = |kind| Decision::Fail { kind, url: origin.clone() };
        assert_eq!(
            decide_on(&hop, bare(301, &[("location", "https://www.uwl.ac.uk/courses")])),
            fail(FailureKind::RedirectLoop)
        );
        let long = FrontierItem { redirects: 10, ..hop.clone() };
        assert_eq!(
            decide_on(&long, bare(301, &[("location", "/courses/all")])),
            fail(FailureKind::TooManyRedirects)
        );
        assert_eq!(decide_on(&hop, bare(302, &[])), fail(FailureKind::BadRedirect));
        assert_eq!(
            decide_on(&hop, bare(302, &[("location", "mailto:admissions@uwl.ac.uk")])),
            fail(FailureKind::BadRedirect)
        );
    }

    #[test]
    fn a_challenge_is_counted_and_the_fifth_in_a_row_gives_the_host_up() {
        let course = page("https://www.uwl.ac.uk/courses/msc-nursing");
        let cloudflare = || {
            FetchedResponse::for_test(403, &[HTML, ("cf-mitigated", "challenge")], Body::NotRead)
        };
        assert_eq!(
            decide_with(&course, Ok(cloudflare()), Stored::Nothing, 0),
            Decision::Challenge {
                marker: "cf-mitigated: challenge".to_owned(),
                in_a_row: 1,
                give_up_host: false
            }
        );
        assert_eq!(
            decide_with(&course, Ok(cloudflare()), Stored::Nothing, 4),
            Decision::Challenge {
                marker: "cf-mitigated: challenge".to_owned(),
                in_a_row: 5,
                give_up_host: true
            }
        );
        // A vendor's marker in a 503 is a challenge, not a server error to retry.
        let imperva = html(
            503,
            b"<html><body><iframe src=\"/_Incapsula_Resource?x=1\"></iframe>Incapsula incident ID: 123</body></html>",
        );
        assert!(matches!(
            decide_on(&course, imperva),
            Decision::Challenge { marker, in_a_row: 1, .. } if marker == "Incapsula incident ID"
        ));
    }

    #[test]
    fn a_200_saying_not_found_is_a_soft_404() {
        let course = page("https://www.uwl.ac.uk/courses/msc-withdrawn");
        let body = b"<html><head><title>Page not found | University of West London</title></head>\
            <body><main><h1>Sorry</h1><p>Try our course finder.</p></main></body></html>";
        assert_eq!(
            decide_on(&course, html(200, body)),
            Decision::Soft404 { head: head(200, &[HTML]), wording: "Page not found".to_owned() }
        );
    }

    #[test]
    fn other_statuses_fail_as_http_at_the_url_asked() {
        let hop = FrontierItem {
            redirects: 1,
            redirected_from: Some(url("https://www.uwl.ac.uk/staff")),
            ..page("https://www.uwl.ac.uk/staff/")
        };
        assert_eq!(
            decide_on(&hop, bare(401, &[])),
            Decision::Fail { kind: FailureKind::Http(401), url: hop.url.clone() }
        );
        // A plain 403 (no challenge in it) is final, not retried.
        assert_eq!(
            decide_on(&hop, html(403, b"<html><body><h1>Forbidden</h1></body></html>")),
            Decision::Fail { kind: FailureKind::Http(403), url: hop.url.clone() }
        );
    }
}
