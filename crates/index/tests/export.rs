//! Export: NDJSON and `_bulk` output parse back, match the records and the shipped mapping.

use std::collections::BTreeSet;
use std::path::Path;

use coursemap_index::export::{SearchDocument, write_es_bulk, write_ndjson};
use coursemap_records::{Record, read_jsonl};
use serde_json::Value;

fn fixture() -> Vec<Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixture.jsonl");
    read_jsonl(&path).expect("fixture reads").0
}

fn mapping_fields() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("opensearch-mapping.json");
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("mapping")).expect("json");
    mapping["mappings"]["properties"].as_object().expect("properties").keys().cloned().collect()
}

#[test]
fn ndjson_is_one_flat_document_per_record() {
    let records = fixture();
    let mut out = Vec::new();
    write_ndjson(&mut out, &records).expect("export");
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), records.len());
    let mapped = mapping_fields();
    for (line, record) in lines.iter().zip(&records) {
        let value: Value = serde_json::from_str(line).expect("line parses");
        let object = value.as_object().expect("object");
        // Flat: scalars and arrays of scalars only.
        for (key, field) in object {
            let flat = match field {
                Value::Array(items) => items.iter().all(|i| !i.is_object() && !i.is_array()),
                other => !other.is_object(),
            };
            assert!(flat, "{key} is nested in {line}");
            assert!(mapped.contains(key), "{key} is not in opensearch-mapping.json");
        }
        let id = object["id"].as_str().expect("string id");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{id}");
        let doc: SearchDocument = serde_json::from_value(value.clone()).expect("typed");
        assert_eq!(doc, SearchDocument::from_record(record));
        assert_eq!(doc.levels, record.fheq_levels.clone().unwrap_or_default());
        assert_eq!(doc.home_fee_gbp, coursemap_index::home_fee_gbp(record));
    }
    let uwl: SearchDocument = serde_json::from_str(lines[0]).expect("first");
    assert_eq!(uwl.delivery.as_deref(), Some("campus_and_work_based"));
    assert_eq!(uwl.home_fee_gbp, Some(9250.0));
    assert_eq!((uwl.full_time_months_max, uwl.part_time_months_min), (Some(12), Some(24)));
}

#[test]
fn es_bulk_pairs_an_index_action_with_each_document() {
    let records = fixture();
    let mut out = Vec::new();
    write_es_bulk(&mut out, "coursemap", &records).expect("export");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.ends_with('\n'), "_bulk bodies end with a newline");
    let lines: Vec<Value> =
        text.lines().map(|l| serde_json::from_str(l).expect("line parses")).collect();
    assert_eq!(lines.len(), records.len() * 2);
    for (pair, record) in lines.chunks(2).zip(&records) {
        assert_eq!(pair[0]["index"]["_index"], "coursemap");
        assert_eq!(pair[0]["index"]["_id"], record.id.as_str());
        assert_eq!(pair[1]["id"], record.id.as_str());
        assert_eq!(pair[1]["title"], record.title.as_str());
    }
}
