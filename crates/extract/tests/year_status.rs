//! The year-of-entry and status normalisers on the wordings in
//! `tests/data/year-status/wordings.tsv`: each row a wording and what a page saying it states.

use coursemap_extract::normalise::{status, year};

#[test]
fn wordings_give_their_year_and_status() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/year-status/wordings.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut wrong = Vec::new();
    let mut rows = 0;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [wording, want_year, want_status] = cols[..] else {
            panic!("{}:{}: expected three tab-separated columns", path.display(), n + 1);
        };
        rows += 1;
        let got_year = year::find(wording).map(|(y, _)| y.to_string());
        let got_status = status::parse(wording).map(|s| s.to_string());
        let expect = |want: &str| (want != "-").then(|| want.to_owned());
        if got_year != expect(want_year) || got_status != expect(want_status) {
            wrong.push(format!(
                "line {}: {wording:?}: got {got_year:?} {got_status:?}, want {want_year} {want_status}",
                n + 1
            ));
        }
    }
    assert!(rows >= 60, "only {rows} rows");
    assert!(wrong.is_empty(), "{} of {rows} wrong:\n{}", wrong.len(), wrong.join("\n"));
}
