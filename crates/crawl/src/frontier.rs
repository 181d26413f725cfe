//! The frontier: per host, the URLs still to fetch, best first; and the seen set, so no URL
//! is queued twice.
//!
//! Memory is what bounds a national crawl, so the frontier keeps what can still be fetched
//! and no more: a host's queue is cut to the room its caller gives (what its budget has
//! left), and the seen set holds 64-bit fingerprints of URLs, not the URLs (as Heritrix's
//! already-seen filters do). Two URLs sharing a fingerprint would make the second look seen;
//! among a million URLs the chance of any such pair is about 3 in 100 million.
//!
//! The frontier also keeps what changed since the last checkpoint took its changes (URLs
//! seen, items queued, items taken), so a checkpoint writes work done since the last one, not
//! the whole frontier (see `state.rs`).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use url::Url;

/// What a queued URL is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A sitemap or sitemap index: fetched first, since it names pages cheaply.
    Sitemap,
    /// A page that may describe a course.
    Page,
    /// A site-search results page (the seeds' `search` template, one term): read for its
    /// links like a page; robots.txt refusing it is reported once per provider.
    Search,
    /// A course finder's JSON search API (the seeds' `search_api`): read for result URLs,
    /// never stored as a page.
    SearchApi,
    /// An OpenSearch description a home page links to: read for the site-search template,
    /// never stored as a page (see `site_search`).
    SearchDescription,
}

impl ItemKind {
    /// Listings that name pages cheaply go first; pages and search pages then compete by
    /// score (a start URL outranks a search page).
    fn queue_rank(self) -> u8 {
        match self {
            ItemKind::Sitemap => 0,
            ItemKind::SearchApi | ItemKind::SearchDescription => 1,
            ItemKind::Page | ItemKind::Search => 2,
        }
    }

    /// An HTML page, whose links are followed and which counts against the page budget.
    pub fn is_page(self) -> bool {
        matches!(self, ItemKind::Page | ItemKind::Search)
    }
}

/// One URL waiting to be fetched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierItem {
    /// Canonical URL to request.
    pub url: Url,
    pub kind: ItemKind,
    /// Links followed from a start URL to get here.
    pub depth: usize,
    /// Relevance (see `Relevance::score`): higher first.
    pub score: u32,
    /// Redirect hops already followed to get to `url`.
    #[serde(default)]
    pub redirects: u8,
    /// The URL originally requested, when `url` is a redirect target: the page is stored
    /// under it.
    #[serde(default)]
    pub redirected_from: Option<Url>,
    /// Failed attempts so far (network errors, 5xx, 408, 429).
    #[serde(default)]
    pub attempt: u32,
    /// The provider whose hosts bound where links from this page may lead.
    pub provider: String,
    /// Insertion order: the last tie-breaker, so equal items are fetched first come first.
    #[serde(default)]
    pub seq: u64,
}

impl FrontierItem {
    /// The URL the page store keys this fetch under.
    pub fn store_key(&self) -> &Url {
        self.redirected_from.as_ref().unwrap_or(&self.url)
    }

    /// Redirect continuations go before everything else on their host: the page was chosen
    /// already, this is the rest of its fetch.
    fn order_key(&self) -> QueueKey {
        let fresh = self.redirected_from.is_none();
        (fresh, self.kind.queue_rank(), Reverse(self.score), self.depth, self.seq)
    }
}

type QueueKey = (bool, u8, Reverse<u32>, usize, u64);

/// A queued item as the frontier holds it: its URLs as text and its provider shared, about a
/// third of a [`FrontierItem`]'s size (a parsed `Url` is 88 bytes before its text), since a
/// national crawl holds hundreds of thousands. It serialises as the item it stands for.
#[derive(Debug, Clone, Serialize)]
pub struct Queued {
    url: Box<str>,
    kind: ItemKind,
    depth: usize,
    score: u32,
    redirects: u8,
    redirected_from: Option<Box<str>>,
    attempt: u32,
    #[serde(serialize_with = "shared_str")]
    provider: Arc<str>,
    seq: u64,
}

fn shared_str<S: Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text)
}

impl Queued {
    /// The item again; None (logged) if a URL no longer parses, which a URL that came from a
    /// parsed `Url` always does.
    fn item(&self) -> Option<FrontierItem> {
        let parse = |text: &str| match Url::parse(text) {
            Ok(url) => Some(url),
            Err(error) => {
                tracing::warn!(url = text, %error, "queued URL no longer parses; dropped");
                None
            }
        };
        Some(FrontierItem {
            url: parse(&self.url)?,
            kind: self.kind,
            depth: self.depth,
            score: self.score,
            redirects: self.redirects,
            redirected_from: match &self.redirected_from {
                Some(from) => Some(parse(from)?),
                None => None,
            },
            attempt: self.attempt,
            provider: self.provider.to_string(),
            seq: self.seq,
        })
    }
}

/// A URL's fingerprint in the seen set: the first 64 bits of SipHash-1-3 with fixed keys, so
/// it is the same in every process and version (fingerprints are saved in checkpoints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of `url` (its canonical form's text).
    pub fn of(url: &str) -> Self {
        use std::hash::Hasher;
        let mut hasher = siphasher::sip::SipHasher13::new();
        hasher.write(url.as_bytes());
        Fingerprint(hasher.finish())
    }
}

/// Checkpoints written before the seen set held fingerprints list the URLs themselves; both
/// read back, so such a crawl still resumes.
impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Saved {
            Fingerprint(u64),
            Url(String),
        }
        Ok(match Saved::deserialize(deserializer)? {
            Saved::Fingerprint(value) => Fingerprint(value),
            Saved::Url(url) => Fingerprint::of(&url),
        })
    }
}

/// What happened to a URL offered to the frontier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    Queued,
    AlreadySeen,
    /// The host's queue had no room; this item (or a worse one it displaced) was dropped.
    QueueFull,
}

/// Per-host priority queues plus the seen set.
#[derive(Debug, Default)]
pub struct Frontier {
    queues: HashMap<String, BTreeMap<QueueKey, Queued>>,
    /// Provider ids, each held once and shared by the items queued for it.
    providers: HashSet<Arc<str>>,
    /// Every URL offered, queued or not; see [`Fingerprint`].
    seen: HashSet<Fingerprint>,
    next_seq: u64,
    /// Changes since [`Frontier::take_changes`] last ran: replayed after the last full
    /// snapshot, they give the frontier as it is now.
    changes: Changes,
    /// The in-flight items the last change set wrote as queued: when one has finished by
    /// the next, that set says it is gone.
    in_flight_written: HashSet<String>,
}

/// The frontier's changes since a checkpoint, kept per URL so an item taken and put back
/// many times costs one entry. Invariant: a URL is in at most one of `queued` and `taken`.
#[derive(Debug, Default)]
struct Changes {
    seen: Vec<Fingerprint>,
    /// Compact, like the queues: in a crawl's first seconds every host's sitemap lands and
    /// hundreds of thousands of items are queued before the next checkpoint.
    queued: HashMap<String, Queued>,
    taken: HashSet<String>,
}

impl Changes {
    fn queued(&mut self, item: &Queued) {
        self.taken.remove(&*item.url);
        self.queued.insert(item.url.to_string(), item.clone());
    }

    fn taken(&mut self, url: &str) {
        self.queued.remove(url);
        self.taken.insert(url.to_owned());
    }
}

/// What a checkpoint writes of the frontier: applied in order to the last full snapshot
/// ([`Frontier::restore`]), the change sets give the frontier at the last checkpoint. Written
/// with the items as the frontier holds them (`Queued`), read back as [`FrontierItem`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierChanges<Q = FrontierItem> {
    /// URLs seen for the first time.
    pub seen: Vec<Fingerprint>,
    /// Items taken from the queue (fetched, refused or dropped), applied before `queued`.
    pub taken: Vec<String>,
    /// Items queued, or put back, or in flight (a resumed crawl asks for them again).
    pub queued: Vec<Q>,
    pub next_seq: u64,
}

impl<Q> Default for FrontierChanges<Q> {
    fn default() -> Self {
        FrontierChanges { seen: Vec::new(), taken: Vec::new(), queued: Vec::new(), next_seq: 0 }
    }
}

/// The frontier as saved in the crawl state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FrontierSnapshot {
    pub items: Vec<FrontierItem>,
    pub seen: Vec<Fingerprint>,
    pub next_seq: u64,
}

impl Frontier {
    /// An empty frontier.
    pub fn new() -> Self {
        Frontier::default()
    }

    /// Queues `item` unless its URL was seen before. `room` is the most items worth keeping
    /// for its host: past it the lowest ranked are dropped (still seen, so never queued
    /// again), since a host's budget will never reach them.
    pub fn offer(&mut self, item: FrontierItem, room: usize) -> Offer {
        let fingerprint = Fingerprint::of(item.url.as_str());
        if !self.seen.insert(fingerprint) {
            return Offer::AlreadySeen;
        }
        self.changes.seen.push(fingerprint);
        self.insert(item, room.max(1))
    }

    /// Whether `url` was offered before (queued, fetched or dropped).
    pub fn has_seen(&self, url: &Url) -> bool {
        self.seen.contains(&Fingerprint::of(url.as_str()))
    }

    /// Puts back an item taken by [`pop`](Self::pop) (a retry, or a host not ready yet): it
    /// keeps its place in the order.
    pub fn put_back(&mut self, item: FrontierItem) {
        let Some(host) = item.url.host_str().map(str::to_owned) else { return };
        let queued = self.compact(&item);
        self.changes.queued(&queued);
        self.queues.entry(host).or_default().insert(item.order_key(), queued);
    }

    /// `item` as the queue holds it.
    fn compact(&mut self, item: &FrontierItem) -> Queued {
        let provider = match self.providers.get(item.provider.as_str()) {
            Some(provider) => Arc::clone(provider),
            None => {
                let provider: Arc<str> = Arc::from(item.provider.as_str());
                self.providers.insert(Arc::clone(&provider));
                provider
            }
        };
        Queued {
            url: item.url.as_str().into(),
            kind: item.kind,
            depth: item.depth,
            score: item.score,
            redirects: item.redirects,
            redirected_from: item.redirected_from.as_ref().map(|from| from.as_str().into()),
            attempt: item.attempt,
            provider,
            seq: item.seq,
        }
    }

    /// Takes the best item for `host`.
    pub fn pop(&mut self, host: &str) -> Option<FrontierItem> {
        loop {
            let queue = self.queues.get_mut(host)?;
            let (_, queued) = queue.pop_first()?;
            if queue.is_empty() {
                self.queues.remove(host);
            }
            self.changes.taken(&queued.url);
            if let Some(item) = queued.item() {
                return Some(item);
            }
        }
    }

    /// Removes and returns everything queued for `host` (a host given up, or out of budget).
    pub fn drain(&mut self, host: &str) -> Vec<FrontierItem> {
        let queued: Vec<Queued> =
            self.queues.remove(host).map(|queue| queue.into_values().collect()).unwrap_or_default();
        for item in &queued {
            self.changes.taken(&item.url);
        }
        queued.iter().filter_map(Queued::item).collect()
    }

    /// Hosts with something queued.
    pub fn hosts(&self) -> Vec<String> {
        self.queues.keys().cloned().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.queues.is_empty()
    }

    /// Items queued across all hosts.
    pub fn len(&self) -> usize {
        self.queues.values().map(BTreeMap::len).sum()
    }

    /// The saveable form, with `in_flight` items (taken but not finished) put back in; the
    /// crawler writes it through [`Frontier::view`] instead, without the copy.
    #[cfg(test)]
    pub fn snapshot(&self, in_flight: impl IntoIterator<Item = FrontierItem>) -> FrontierSnapshot {
        let mut items: Vec<FrontierItem> = self
            .queues
            .values()
            .flat_map(|queue| queue.values().filter_map(Queued::item))
            .collect();
        items.extend(in_flight);
        let mut seen: Vec<Fingerprint> = self.seen.iter().copied().collect();
        seen.sort_unstable();
        FrontierSnapshot { items, seen, next_seq: self.next_seq }
    }

    /// The snapshot as [`Frontier::snapshot`] gives it, serialised from the queues in place:
    /// a national frontier runs to hundreds of megabytes, and a copy for every snapshot
    /// would double the crawl's memory while it is written.
    pub fn view<'a>(
        &'a self,
        in_flight: impl IntoIterator<Item = &'a FrontierItem>,
    ) -> FrontierView<'a> {
        FrontierView { frontier: self, in_flight: in_flight.into_iter().collect() }
    }

    /// Forgets the changes so far: a full snapshot has just been written.
    pub fn clear_changes(&mut self, in_flight: impl IntoIterator<Item = FrontierItem>) {
        self.changes = Changes::default();
        self.in_flight_written = in_flight.into_iter().map(|i| i.url.as_str().to_owned()).collect();
    }

    /// The changes since the last call (or the last full snapshot), with `in_flight` items
    /// (taken but not finished) written as queued, as a snapshot writes them.
    pub fn take_changes(
        &mut self,
        in_flight: impl IntoIterator<Item = FrontierItem>,
    ) -> FrontierChanges<Queued> {
        let mut changes = std::mem::take(&mut self.changes);
        let in_flight: Vec<FrontierItem> = in_flight.into_iter().collect();
        let now_in_flight: HashSet<String> =
            in_flight.iter().map(|i| i.url.as_str().to_owned()).collect();
        // Written as queued last time because in flight, and finished since.
        for url in std::mem::take(&mut self.in_flight_written) {
            if !now_in_flight.contains(&url) && !changes.queued.contains_key(&url) {
                changes.taken.insert(url);
            }
        }
        for item in in_flight {
            let queued = self.compact(&item);
            changes.queued(&queued);
        }
        self.in_flight_written = now_in_flight;
        let mut taken: Vec<String> = changes.taken.into_iter().collect();
        taken.sort();
        let mut queued: Vec<Queued> = changes.queued.into_values().collect();
        queued.sort_by_key(|item| item.seq);
        FrontierChanges { seen: changes.seen, taken, queued, next_seq: self.next_seq }
    }

    /// A frontier restored from a full snapshot and the change sets written after it, in
    /// order. Nothing restored counts as a change.
    pub fn restore(
        snapshot: FrontierSnapshot,
        later: impl IntoIterator<Item = FrontierChanges>,
    ) -> Self {
        let mut frontier = Frontier::new();
        frontier.seen = snapshot.seen.into_iter().collect();
        frontier.next_seq = snapshot.next_seq;
        let mut items: HashMap<String, FrontierItem> =
            snapshot.items.into_iter().map(|item| (item.url.as_str().to_owned(), item)).collect();
        for changes in later {
            frontier.seen.extend(changes.seen);
            for url in &changes.taken {
                items.remove(url);
            }
            for item in changes.queued {
                items.insert(item.url.as_str().to_owned(), item);
            }
            frontier.next_seq = frontier.next_seq.max(changes.next_seq);
        }
        for item in items.into_values() {
            frontier.seen.insert(Fingerprint::of(item.url.as_str()));
            frontier.put_back(item);
        }
        frontier.changes = Changes::default();
        frontier
    }

    fn insert(&mut self, mut item: FrontierItem, room: usize) -> Offer {
        let Some(host) = item.url.host_str().map(str::to_owned) else {
            return Offer::QueueFull;
        };
        item.seq = self.next_seq;
        self.next_seq += 1;
        let queued = self.compact(&item);
        self.changes.queued(&queued);
        let queue = self.queues.entry(host).or_default();
        queue.insert(item.order_key(), queued);
        // The room shrinks as the host's budget is spent, so more than one may go.
        let mut offer = Offer::Queued;
        while queue.len() > room {
            let Some((_, dropped)) = queue.pop_last() else { break };
            tracing::debug!(url = %dropped.url, "no room in the host's queue; lowest-ranked URL dropped");
            self.changes.taken(&dropped.url);
            offer = Offer::QueueFull;
        }
        offer
    }
}

/// A [`FrontierSnapshot`] borrowed from the frontier; it serialises to the same JSON.
#[derive(Debug)]
pub struct FrontierView<'a> {
    frontier: &'a Frontier,
    in_flight: Vec<&'a FrontierItem>,
}

impl Serialize for FrontierView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Items<'b>(&'b FrontierView<'b>);
        impl Serialize for Items<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let queued = self.0.frontier.queues.values().flat_map(BTreeMap::values);
                let mut items = serializer.serialize_seq(None)?;
                for item in queued {
                    items.serialize_element(item)?;
                }
                for item in &self.0.in_flight {
                    items.serialize_element(item)?;
                }
                items.end()
            }
        }
        let mut seen: Vec<Fingerprint> = self.frontier.seen.iter().copied().collect();
        seen.sort_unstable();
        let mut snapshot = serializer.serialize_struct("FrontierSnapshot", 3)?;
        snapshot.serialize_field("items", &Items(self))?;
        snapshot.serialize_field("seen", &seen)?;
        snapshot.serialize_field("next_seq", &self.frontier.next_seq)?;
        snapshot.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(url: &str, kind: ItemKind, score: u32, depth: usize) -> FrontierItem {
        FrontierItem {
            url: Url::parse(url).expect("test url"),
            kind,
            depth,
            score,
            redirects: 0,
            redirected_from: None,
            attempt: 0,
            provider: "uwl".to_owned(),
            seq: 0,
        }
    }

    #[test]
    fn order_is_sitemaps_then_score_then_depth_and_seen_urls_are_refused() {
        let mut f = Frontier::new();
        let h = "https://www.uwl.ac.uk";
        assert_eq!(f.offer(item(&format!("{h}/news"), ItemKind::Page, 0, 1), 100), Offer::Queued);
        f.offer(item(&format!("{h}/deep-course"), ItemKind::Page, 50, 3), 100);
        f.offer(item(&format!("{h}/course"), ItemKind::Page, 50, 1), 100);
        f.offer(item(&format!("{h}/sitemap.xml"), ItemKind::Sitemap, 0, 0), 100);
        assert_eq!(
            f.offer(item(&format!("{h}/news"), ItemKind::Page, 99, 0), 100),
            Offer::AlreadySeen
        );
        let order: Vec<String> = std::iter::from_fn(|| f.pop("www.uwl.ac.uk"))
            .map(|i| i.url.path().to_owned())
            .collect();
        assert_eq!(order, ["/sitemap.xml", "/course", "/deep-course", "/news"]);
        assert!(f.is_empty());
    }

    #[test]
    fn full_queue_drops_the_worst_and_snapshots_round_trip() {
        let mut f = Frontier::new();
        f.offer(item("https://a.org/1", ItemKind::Page, 10, 1), 2);
        f.offer(item("https://a.org/2", ItemKind::Page, 30, 1), 2);
        assert_eq!(f.offer(item("https://a.org/3", ItemKind::Page, 20, 1), 2), Offer::QueueFull);
        let taken = f.pop("a.org").expect("best");
        assert_eq!(taken.url.path(), "/2");
        let restored = Frontier::restore(f.snapshot([taken]), []);
        let mut restored = restored;
        let order: Vec<String> =
            std::iter::from_fn(|| restored.pop("a.org")).map(|i| i.url.path().to_owned()).collect();
        assert_eq!(order, ["/2", "/3"]);
        // Dropped from the queue, but still seen: not queued again.
        assert_eq!(
            restored.offer(item("https://a.org/1", ItemKind::Page, 10, 1), 2),
            Offer::AlreadySeen
        );
    }

    /// The frontier a resume rebuilds from the first snapshot and the change sets after it
    /// equals the live one at the last change set, through offers, drops, pops, put-backs,
    /// drains and items in flight.
    #[test]
    fn a_snapshot_and_the_change_sets_after_it_restore_the_frontier() {
        fn state(
            f: &Frontier,
            in_flight: &[FrontierItem],
        ) -> (Vec<(String, u64)>, Vec<Fingerprint>) {
            let snapshot = f.snapshot(in_flight.iter().cloned());
            let mut items: Vec<(String, u64)> =
                snapshot.items.iter().map(|i| (i.url.to_string(), i.seq)).collect();
            items.sort();
            (items, snapshot.seen)
        }
        let mut f = Frontier::new();
        let url = |host: u32, n: u32| format!("https://h{host}.org/{n}");
        for n in 0..4 {
            f.offer(item(&url(1, n), ItemKind::Page, n, 1), 5);
        }
        let base = f.snapshot([]);
        f.clear_changes([]);
        let mut later = Vec::new();
        let mut in_flight: Vec<FrontierItem> = Vec::new();
        for round in 0..6u32 {
            // Offers past the queue's size drop the worst; the best is taken and one in two
            // put back, as when a host is not ready.
            for n in 0..4 {
                f.offer(
                    item(&url(round % 2 + 1, 10 * round + n), ItemKind::Page, (n * 7) % 5, 1),
                    5,
                );
            }
            in_flight.clear();
            for host in ["h1.org", "h2.org"] {
                if let Some(taken) = f.pop(host) {
                    if round % 2 == 0 {
                        f.put_back(taken);
                    } else {
                        in_flight.push(taken);
                    }
                }
            }
            if round == 4 {
                f.drain("h2.org");
            }
            // Through JSON, as a checkpoint is written and read back.
            let written = serde_json::to_value(f.take_changes(in_flight.iter().cloned()));
            later.push(serde_json::from_value(written.expect("writes")).expect("reads back"));
            let restored = Frontier::restore(base.clone(), later.clone());
            assert_eq!(state(&restored, &[]), state(&f, &in_flight), "round {round}");
        }
    }

    #[test]
    fn the_borrowed_view_writes_what_the_snapshot_holds() {
        let mut f = Frontier::new();
        for n in 0..5 {
            f.offer(item(&format!("https://a.org/{n}"), ItemKind::Page, n, 1), 10);
        }
        let taken = f.pop("a.org").expect("an item");
        let view = serde_json::to_value(f.view([&taken])).expect("serialises");
        let snapshot = serde_json::to_value(f.snapshot([taken.clone()])).expect("serialises");
        assert_eq!(view, snapshot);
    }

    /// As a host's budget is spent its room shrinks, and the next offer cuts its queue to
    /// it, worst first, in one go.
    #[test]
    fn a_shrinking_room_cuts_the_queue_to_it_worst_first() {
        let mut f = Frontier::new();
        for n in 0..6 {
            assert_eq!(
                f.offer(item(&format!("https://a.org/{n}"), ItemKind::Page, n, 1), 10),
                Offer::Queued
            );
        }
        assert_eq!(
            f.offer(item("https://a.org/sitemap.xml", ItemKind::Sitemap, 0, 0), 3),
            Offer::QueueFull
        );
        let kept: Vec<String> =
            std::iter::from_fn(|| f.pop("a.org")).map(|i| i.url.path().to_owned()).collect();
        assert_eq!(kept, ["/sitemap.xml", "/5", "/4"]);
        assert!(f.has_seen(&Url::parse("https://a.org/0").expect("url")), "dropped, still seen");
    }

    /// The seen set is saved as fingerprints; a checkpoint from before, which listed URLs,
    /// reads back as the same fingerprints.
    #[test]
    fn seen_urls_from_older_checkpoints_read_back_as_fingerprints() {
        let mut f = Frontier::new();
        f.offer(item("https://a.org/x", ItemKind::Page, 1, 1), 10);
        let saved = serde_json::to_value(f.snapshot([])).expect("serialises");
        assert!(saved["seen"][0].is_u64(), "{saved}");
        let older = serde_json::json!({"items": [], "seen": ["https://a.org/x"], "next_seq": 1});
        let older: FrontierSnapshot = serde_json::from_value(older).expect("older checkpoint");
        let newer: FrontierSnapshot = serde_json::from_value(saved).expect("newer checkpoint");
        assert_eq!(older.seen, newer.seen);
        assert_eq!(older.seen, [Fingerprint::of("https://a.org/x")]);
    }
}
