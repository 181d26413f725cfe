//! Path canonicalisation: escapes and directory index files.

use crate::percent::normalize_escapes;

/// File names servers return for a bare directory. `default.*` is IIS's, and IIS ignores case
/// (`Default.aspx` is common), so those compare case-insensitively; `index.*` compare exactly,
/// because on case-sensitive servers `Index.html` is a different file.
const INDEX_FILES: [&str; 3] = ["index.html", "index.htm", "index.php"];
const IIS_DEFAULT_FILES: [&str; 2] = ["default.aspx", "default.htm"];

/// The canonical form of an http(s) URL's path (which always starts with `/`).
pub(crate) fn canonical_path(path: &str) -> String {
    let mut path = normalize_escapes(path);
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_index = INDEX_FILES.contains(&last)
        || IIS_DEFAULT_FILES.iter().any(|name| last.eq_ignore_ascii_case(name));
    if is_index {
        let keep = path.len() - last.len();
        path.truncate(keep);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_only_a_final_index_file() {
        assert_eq!(canonical_path("/index.html"), "/");
        assert_eq!(canonical_path("/pg/index.php"), "/pg/");
        assert_eq!(canonical_path("/Pages/DEFAULT.ASPX"), "/Pages/");
        assert_eq!(canonical_path("/Pages/Index.html"), "/Pages/Index.html");
        assert_eq!(canonical_path("/index.html/x"), "/index.html/x");
        assert_eq!(canonical_path("/pg/index%2Ehtml"), "/pg/");
    }
}
