#!/usr/bin/env python3
"""SQLite FTS5 baseline for the catalogue search bench (stdlib only).

Usage: fts5_bench.py DOCS.ndjson QUERIES.json

DOCS.ndjson holds the flat search documents `coursemap_index::export::write_ndjson` writes for
the generated catalogue; QUERIES.json the bench's query classes. Each request computes what
`CatalogueIndex::search` returns, the usual way with SQLite: the top 10 by bm25 (same field
weights) with a snippet of the description, the total, and facet counts per dimension under
the query and the other filters. Prints one JSON object: build seconds and per-class
latencies in milliseconds.
"""

import json
import sqlite3
import sys
import time

DIMENSIONS = ["level", "delivery", "kind", "provider", "region", "focus", "length", "term"]
# Filter name -> facet dimension (the numeric filters are columns of `docs`).
FILTER_DIMENSIONS = {
    "levels": "level",
    "delivery": "delivery",
    "kind": "kind",
    "provider": "provider",
    "region": "region",
    "focus": "focus",
    "length": "length",
}


def facet_values(doc):
    def known(value):
        return [value if value is not None else "not_known"]

    return {
        "level": [str(level) for level in doc["levels"]] or ["not_known"],
        "delivery": known(doc["delivery"]),
        "kind": [doc["kind"]],
        "provider": known(doc["provider_id"]),
        "region": known(doc["region"]),
        "focus": known(doc["focus"]),
        "length": known(doc["length_category"]),
        "term": doc["matched_terms"] or ["not_known"],
    }


def build(path):
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE docs (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, json TEXT, title_sort TEXT,
                           home_fee REAL, ft_max INTEGER, pt_max INTEGER, short INTEGER);
        CREATE VIRTUAL TABLE fts USING fts5(title, topics, provider, description, entry,
                                            tokenize = 'porter unicode61');
        CREATE TABLE facet (rid INTEGER, dim TEXT, value TEXT);
        CREATE TEMP TABLE m (rid INTEGER PRIMARY KEY, score REAL);
        """
    )
    with open(path, encoding="utf-8") as lines:
        for rid, line in enumerate(lines, start=1):
            doc = json.loads(line)
            db.execute(
                "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rid,
                    doc["id"],
                    line,
                    doc["title"].lower(),
                    doc["home_fee_gbp"],
                    doc["full_time_months_max"],
                    doc["part_time_months_max"],
                    1 if doc["length_category"] == "short" else 0,
                ),
            )
            db.execute(
                "INSERT INTO fts (rowid, title, topics, provider, description, entry) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    rid,
                    doc["title"],
                    " | ".join(doc["topics"]),
                    " ".join(filter(None, [doc["provider"], doc["provider_id"]])),
                    doc["description"] or "",
                    doc["entry_text"] or "",
                ),
            )
            db.executemany(
                "INSERT INTO facet VALUES (?, ?, ?)",
                [(rid, dim, value) for dim, values in facet_values(doc).items() for value in values],
            )
    db.executescript(
        """
        CREATE INDEX facet_by_value ON facet (dim, value, rid);
        CREATE INDEX facet_by_rid ON facet (rid, dim, value);
        CREATE INDEX docs_fee ON docs (home_fee);
        CREATE INDEX docs_title ON docs (title_sort);
        ANALYZE;
        """
    )
    db.commit()
    return db


def filter_sql(filters, column, except_dim=None):
    """SQL conditions on `column` (a rid) for every filter but `except_dim`'s."""
    conditions, params = [], []
    for name, dim in FILTER_DIMENSIONS.items():
        values = filters.get(name) or []
        if not values or dim == except_dim:
            continue
        marks = ", ".join("?" for _ in values)
        conditions.append(
            f"{column} IN (SELECT rid FROM facet WHERE dim = ? AND value IN ({marks}))"
        )
        params += [dim] + [str(v) for v in values]
    if filters.get("max_fee") is not None:
        conditions.append(f"{column} IN (SELECT rid FROM docs WHERE home_fee <= ?)")
        params.append(filters["max_fee"])
    route = "pt_max" if filters.get("part_time") else "ft_max"
    if filters.get("max_months") is not None:
        conditions.append(f"{column} IN (SELECT rid FROM docs WHERE {route} <= ? OR short = 1)")
        params.append(filters["max_months"])
    elif filters.get("part_time"):
        conditions.append(f"{column} IN (SELECT rid FROM docs WHERE pt_max IS NOT NULL)")
    return conditions, params


def search(db, match, filters, limit=10, offset=0):
    """One request: the top hits with snippets, the total, and the facet counts.

    The full-text matches are computed once per request into a temporary table (rid, bm25),
    and every later step filters that table: asking FTS5 for `MATCH ? AND rowid IN (...)`
    instead makes SQLite re-run the full-text query per candidate row, seconds per request.
    """
    if match:
        db.execute("DELETE FROM temp.m")
        db.execute(
            "INSERT INTO temp.m SELECT rowid, bm25(fts, 3.0, 1.5, 1.0, 1.0, 0.5) "
            "FROM fts WHERE fts MATCH ?",
            (match,),
        )
        source, order = "temp.m", "score"
    else:
        source, order = "docs", "title_sort"

    def matching(except_dim=None):
        conditions, params = filter_sql(filters, "rid", except_dim)
        return f"SELECT rid FROM {source} WHERE 1" + "".join(
            f" AND {c}" for c in conditions
        ), params

    conditions, params = filter_sql(filters, "rid")
    rows = db.execute(
        f"SELECT rid FROM {source} WHERE 1"
        + "".join(f" AND {c}" for c in conditions)
        + f" ORDER BY {order} LIMIT ? OFFSET ?",
        params + [limit, offset],
    ).fetchall()
    hits = []
    for (rid,) in rows:
        doc = json.loads(db.execute("SELECT json FROM docs WHERE rid = ?", (rid,)).fetchone()[0])
        if match:
            doc["snippet"] = db.execute(
                "SELECT snippet(fts, 3, '<b>', '</b>', '…', 30) FROM fts "
                "WHERE fts MATCH ? AND rowid = ?",
                (match, rid),
            ).fetchone()[0]
        hits.append(doc)
    sql, params = matching()
    total = db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    facets = {dim: {} for dim in DIMENSIONS}
    active = {FILTER_DIMENSIONS[n] for n in FILTER_DIMENSIONS if filters.get(n)}
    for dim, value, count in db.execute(
        f"SELECT dim, value, count(*) FROM facet WHERE rid IN ({sql}) GROUP BY dim, value",
        params,
    ):
        if dim not in active:
            facets[dim][value] = count
    for dim in active:
        sql_d, params_d = matching(except_dim=dim)
        for value, count in db.execute(
            f"SELECT value, count(*) FROM facet WHERE dim = ? AND rid IN ({sql_d}) GROUP BY value",
            [dim] + params_d,
        ):
            facets[dim][value] = count
    return total, hits, facets


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    docs_path, queries_path = sys.argv[1], sys.argv[2]
    with open(queries_path, encoding="utf-8") as f:
        plan = json.load(f)
    start = time.perf_counter()
    db = build(docs_path)
    build_seconds = time.perf_counter() - start
    classes = {}
    totals = {}
    for name, queries in plan["classes"].items():
        samples = []
        for query in queries:
            for _ in range(plan["warmup"]):
                search(db, query["fts5"], query["filters"])
            for _ in range(plan["repeats"]):
                t = time.perf_counter()
                total, _, _ = search(db, query["fts5"], query["filters"])
                samples.append((time.perf_counter() - t) * 1000.0)
            totals[f"{name}:{query['label']}"] = total
        classes[name] = {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99)}
    print(json.dumps({"build_s": build_seconds, "classes": classes, "totals": totals}))


if __name__ == "__main__":
    main()
