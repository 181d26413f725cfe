//! Prints the records extracted from files as JSON lines: `extract_file URL FILE...`.

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| "https://example.org/".into());
    for path in args {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        let body = String::from_utf8_lossy(&bytes);
        let (records, warnings) = coursemap_extract::extract(&url, &body, None);
        for r in records {
            println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
        }
        for w in warnings {
            eprintln!("warning: {w}");
        }
    }
}
