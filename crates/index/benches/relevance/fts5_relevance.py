#!/usr/bin/env python3
"""SQLite FTS5 (bm25) peer of the relevance bench (stdlib only).

Usage: fts5_relevance.py DOCS.ndjson QUERIES.json

DOCS.ndjson holds the flat search documents `coursemap_index::export::write_ndjson` writes for
the answer key; QUERIES.json a list of query strings. Each query is run the usual way with
SQLite: its words (letters and digits) AND-ed, each quoted so no word is FTS5 syntax, over the
same five text fields with the same weights as coursemap (title 3, topics 1.5, provider 1,
description 1, entry 0.5), porter-stemmed, ranked by bm25. Prints one JSON object: query ->
the ids of its first 50 results.
"""

import json
import re
import sqlite3
import sys


def main(docs_path, queries_path):
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, topics, provider, description,"
        " entry, tokenize = 'porter unicode61')"
    )
    with open(docs_path, encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            db.execute(
                "INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)",
                (
                    doc["id"],
                    doc["title"],
                    " | ".join(doc["topics"]),
                    " ".join(filter(None, [doc["provider"], doc["provider_id"]])),
                    doc["description"] or "",
                    doc["entry_text"] or "",
                ),
            )
    with open(queries_path, encoding="utf-8") as f:
        queries = json.load(f)
    out = {}
    for query in queries:
        words = re.findall(r"[A-Za-z0-9]+", query)
        if not words:
            out[query] = []
            continue
        match = " ".join(f'"{w}"' for w in words)
        rows = db.execute(
            "SELECT id FROM fts WHERE fts MATCH ? "
            "ORDER BY bm25(fts, 0.0, 3.0, 1.5, 1.0, 1.0, 0.5) LIMIT 50",
            (match,),
        ).fetchall()
        out[query] = [row[0] for row in rows]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
