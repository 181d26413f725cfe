//! URL canonicalisation for de-duplication.
//!
//! The crawler's seen set and the record ids both key on a URL, and the web writes the same page
//! many ways: `…/msc/index.html` and `…/msc/`, `?utm_source=mail&id=3` and `?id=3`, `%7E` and
//! `~`, `#fees` and no fragment. [`canonicalize`] maps all of those to one URL so the page is
//! fetched once and gets one record id.
//!
//! What it does, and why each step cannot change which page is meant:
//! - scheme and host are lower-cased and default ports dropped: the `url` crate already does both
//!   when it parses, so every [`Url`] arrives that way;
//! - the fragment is dropped: it never reaches the server;
//! - tracking parameters ([`is_tracking_param`]) are dropped: analytics read them, the page
//!   does not;
//! - the other query pairs are kept, byte for byte, but sorted by key (stably, so repeated keys
//!   keep their order): servers look parameters up by name, and links to one page built by
//!   different hands list them in different orders. Same page, same id;
//! - a trailing `index.html`, `index.htm`, `index.php`, `default.aspx` or `default.htm` segment
//!   is dropped, keeping the directory's slash: it is the file the server returns for the
//!   directory anyway;
//! - percent-encoded unreserved characters (`A-Z a-z 0-9 - . _ ~`) are decoded and the hex
//!   digits of other escapes upper-cased (RFC 3986 §6.2.2): equivalent spellings of one URL;
//! - an empty `?` is removed.
//!
//! A trailing slash is *not* added or removed: `/courses` and `/courses/` may be different
//! resources, and the server says which through redirects, which the crawler follows.
//! Only `http` and `https` URLs are rewritten beyond the fragment; other schemes (`mailto:`,
//! `data:`) have no paths or queries in this sense.
//!
//! Dependencies: `url` for parsing (it does the WHATWG normalisation this builds on), `thiserror`
//! for the error type.

mod path;
mod percent;
mod query;

pub use query::is_tracking_param;
use url::Url;

/// What can go wrong canonicalising a URL given as text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The text does not parse as an absolute URL (it is relative, empty or malformed).
    #[error("`{url}` is not a valid absolute URL: {error}")]
    Parse {
        /// The text as given, before trimming.
        url: String,
        /// Why the `url` crate rejected it.
        error: url::ParseError,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The canonical form of `url` (see the crate docs for the rules). Idempotent.
pub fn canonicalize(url: &Url) -> Url {
    let mut canonical = url.clone();
    canonical.set_fragment(None);
    if !matches!(canonical.scheme(), "http" | "https") {
        return canonical;
    }
    let path = path::canonical_path(canonical.path());
    canonical.set_path(&path);
    let query = canonical.query().and_then(query::canonical_query);
    canonical.set_query(query.as_deref());
    canonical
}

/// Parses `s` as an absolute URL and returns its canonical form as text.
pub fn canonical_str(s: &str) -> Result<String> {
    let url = Url::parse(s.trim()).map_err(|error| Error::Parse { url: s.to_owned(), error })?;
    Ok(canonicalize(&url).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        canonical_str(s).expect("test URLs are valid")
    }

    #[test]
    fn real_looking_duplicates_collapse() {
        let cases = [
            // Tracking parameters, fragment, case, default port.
            (
                "HTTPS://WWW.LSBU.AC.UK:443/study/course-finder?utm_source=newsletter&utm_medium=email#fees",
                "https://www.lsbu.ac.uk/study/course-finder",
            ),
            (
                "https://www.kcl.ac.uk/study/postgraduate-taught/courses/implementation-science-msc?gclid=Cj0KCQ&fbclid=IwAR3",
                "https://www.kcl.ac.uk/study/postgraduate-taught/courses/implementation-science-msc",
            ),
            (
                "http://www.uwl.ac.uk:80/courses/postgraduate/msc-improvement-science?_ga=2.1234&_gl=1*abc",
                "http://www.uwl.ac.uk/courses/postgraduate/msc-improvement-science",
            ),
            (
                "https://www.ihi.org/education/IHIOpenSchool/Courses/Pages/default.aspx",
                "https://www.ihi.org/education/IHIOpenSchool/Courses/Pages/",
            ),
            (
                "https://www.ihi.org/education/IHIOpenSchool/Courses/Pages/Default.aspx?mc_cid=9&mc_eid=x",
                "https://www.ihi.org/education/IHIOpenSchool/Courses/Pages/",
            ),
            ("https://www.gold.ac.uk/pg/index.html", "https://www.gold.ac.uk/pg/"),
            ("https://www.gold.ac.uk/index.htm", "https://www.gold.ac.uk/"),
            (
                "https://www.example.ac.uk/courses/index.php?id=7",
                "https://www.example.ac.uk/courses/?id=7",
            ),
            ("https://www.sgul.ac.uk/study/default.htm", "https://www.sgul.ac.uk/study/"),
            // Query pairs sorted by key, kept byte for byte, repeated keys in order.
            (
                "https://www.ucl.ac.uk/search?query=implementation+science&collection=courses&utm_campaign=x",
                "https://www.ucl.ac.uk/search?collection=courses&query=implementation+science",
            ),
            (
                "https://www.open.ac.uk/courses/search?subject=health&level=pg&subject=social-care",
                "https://www.open.ac.uk/courses/search?level=pg&subject=health&subject=social-care",
            ),
            // Unreserved escapes decoded, other escapes' hex upper-cased.
            (
                "https://www.bbk.ac.uk/%7Estaff/%41bc%2fdef",
                "https://www.bbk.ac.uk/~staff/Abc%2Fdef",
            ),
            ("https://www.bbk.ac.uk/q?a%5fb=%2d1%3d", "https://www.bbk.ac.uk/q?a_b=-1%3D"),
            // Empty query and empty pairs go.
            ("https://www.mdx.ac.uk/courses?", "https://www.mdx.ac.uk/courses"),
            ("https://www.mdx.ac.uk/courses?&&id=3&", "https://www.mdx.ac.uk/courses?id=3"),
            ("https://www.mdx.ac.uk/courses?utm_source=x", "https://www.mdx.ac.uk/courses"),
            // Other escapes in the query are left as written.
            (
                "https://learning.bmj.com/learning/search?searchTerms=knowledge%20translation&igshid=1",
                "https://learning.bmj.com/learning/search?searchTerms=knowledge%20translation",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(canon(input), want, "canonicalising {input}");
        }
    }

    #[test]
    fn trailing_slashes_and_lookalikes_are_left_alone() {
        for same in [
            "https://www.kingston.ac.uk/postgraduate/courses/",
            "https://www.kingston.ac.uk/postgraduate/courses",
            "https://www.gold.ac.uk/pg/index.html/",
            "https://www.gold.ac.uk/pg/my-index.html",
            "https://www.gold.ac.uk/pg/index.shtml",
            "https://www.gold.ac.uk/pg/index.html.bak",
            "https://www.gold.ac.uk/search?utmost=1",
            "https://www.gold.ac.uk/search?ref=home",
            "https://www.gold.ac.uk/search?a=1&a=1",
        ] {
            assert_eq!(canon(same), same);
        }
    }

    #[test]
    fn other_schemes_only_lose_the_fragment() {
        assert_eq!(canon("mailto:Admissions@LSBU.ac.uk#x"), "mailto:Admissions@LSBU.ac.uk");
        assert_eq!(
            canon("data:text/plain,index.html?utm_source=1"),
            "data:text/plain,index.html?utm_source=1"
        );
    }

    #[test]
    fn bad_input_is_an_error_naming_the_input() {
        let err =
            canonical_str("/relative/path").expect_err("a relative URL has no canonical form");
        assert!(err.to_string().contains("/relative/path"), "{err}");
        assert!(canonical_str("").is_err());
    }
}
