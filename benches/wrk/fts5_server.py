#!/usr/bin/env python3
"""The load test's peer: the search API served from SQLite FTS5 (Python 3 stdlib only).

Usage: fts5_server.py --docs DOCS.ndjson --db FTS5.sqlite [--addr 127.0.0.1:0] [--build-only]

DOCS.ndjson holds the flat search documents `load_test_catalogue --ndjson` writes for the same
generated records `coursemap serve` answers from. The database is built from them once, by
`crates/index/benches/fts5_bench.py`'s `build` (the in-process bench's schema: FTS5 with the
porter tokenizer, bm25 with the index's field weights, a facet table), into a file next to
nothing else, and rebuilt only when the documents are newer. Each request is answered by the
same bench's `search`, so the in-process and the HTTP comparisons measure one FTS5
implementation.

Served paths, as `crates/server/openapi.yaml` describes them (shapes in spirit: the flat
document has no nested length/cost/entry objects, so a hit carries `fees` = the cheapest home
fee in GBP instead of the `cost` object):

- `GET /api/search`: total, hits (id, title, provider, levels, delivery, fees, snippet, url,
  ...), facets per dimension counted without their own filter, provider names;
- `GET /api/search.csv`: the same search as CSV (the columns the flat document has);
- `GET /api/courses/{id}`: the flat document;
- `GET /healthz`.

Parameters are checked as `crates/server/src/params.rs` checks them, and a bad one is a 400
with `{"error": ..., "parameter": ...}`. `ThreadingHTTPServer` answers each connection on its
own thread, and each thread opens its own read-only connection (sqlite3 connections are not
shared across threads; SQLite releases the GIL while it runs a statement, so searches on
different connections run in parallel). Binds loopback only.
"""

import argparse
import csv
import io
import json
import math
import os
import re
import signal
import socket
import sqlite3
import sys
import threading
import time
import unicodedata
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[2] / "crates" / "index" / "benches"
sys.path.insert(0, str(BENCH_DIR))
import fts5_bench  # noqa: E402  (found through the path added above)

# The API's limits (crates/server/src/params.rs).
MAX_QUERY_CHARS = 256
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 10_000
MAX_CSV_ROWS = 1_000
MAX_QUERY_STRING_BYTES = 4_096
MAX_FILTER_VALUES = 64
MAX_ECHOED_CHARS = 40
# The query language's limits (crates/index/src/query.rs).
MAX_CLAUSES = 32
PREFIX_MIN_CHARS = 2
SKIPPED_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
FIELDS = {
    "title": "title",
    "provider": "provider",
    "description": "description",
    "topics": "topics",
    "topic": "topics",
    "entry": "entry",
}
# The index matches the last word as a prefix of title and topic words only.
PREFIX_COLUMNS = {None: "{title topics}", "title": "title", "topics": "topics"}

SCALARS = {"q", "max_fee", "max_months", "part_time", "limit", "offset"}
# Repeatable parameter -> (the bench's filter key, accepted values or None for any).
REPEATABLE = {
    "level": ("levels", {"3", "4", "5", "6", "7", "8"}),
    "delivery": (
        "delivery",
        {"campus", "campus_and_work_based", "distance", "e_learning", "blended"},
    ),
    "kind": ("kind", {"programme", "module", "short_course", "fellowship"}),
    "provider": ("provider", None),
    "region": ("region", {"south", "north_west", "north_east_north_central", "national", "online"}),
    "focus": ("focus", {"main", "related"}),
    "length": (
        "length",
        {
            "short",
            "1y_ft_only",
            "1y_ft_or_2_4y_pt",
            "up_to_3y_pt_only",
            "3_9y_pt_only",
            "3y_plus_ft_or_4y_plus_pt",
            "no_time_limit",
            "other",
        },
    ),
}
PROVIDER_ID = re.compile(r"^[a-z0-9_]+$")
DIGITS = re.compile(r"^[0-9]+$")
COURSE_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
# FTS5's unicode61 tokenizer keeps letters and digits; a word without any has no tokens.
HAS_TOKEN = re.compile(r"[^\W_]")
SINGLE_TOKEN = re.compile(r"^[^\W_]+$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = [
    "id",
    "title",
    "provider",
    "provider_id",
    "kind",
    "fheq_levels",
    "delivery",
    "length_category",
    "home_fee_gbp",
    "entry_requirements",
    "focus",
    "url",
]


class BadParameter(Exception):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def is_control(c):
    return unicodedata.category(c) == "Cc"


def shown(value):
    text = "".join(c for c in value if not is_control(c))[:MAX_ECHOED_CHARS]
    return text + ("…" if len(value) > MAX_ECHOED_CHARS else "")


# --- the query language -> an FTS5 MATCH expression ------------------------------------------


def parse_query(text):
    """Clauses (exclude, field, kind, body) and whether the query ends in whitespace.

    The grammar of crates/index/src/query.rs: words AND-ed, "phrases", -word / -"phrase"
    excluded, +word required, field:word for one field, lone common words skipped.
    """
    clauses, i, n = [], 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start, exclude = i, text[i] == "-"
        if text[i] in "+-":
            i += 1
            if i == n or text[i].isspace():
                raise BadParameter("q", f"`{text[start]}` needs something after it")
        field = None
        m = re.match(r"[A-Za-z]+:", text[i:])
        if m:
            name = m.group(0)[:-1]
            field = FIELDS.get(name.lower())
            if field is None:
                raise BadParameter(
                    "q",
                    f"unknown field `{shown(name)}:` (fields: title, provider, description, "
                    "topics, entry; quote text containing ':')",
                )
            i += len(name) + 1
            if i == n or text[i].isspace():
                raise BadParameter("q", f"`{name}:` needs something after it")
        if text[i] == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise BadParameter(
                    "q",
                    f"unterminated quote starting at character {i + 1}: "
                    'close the phrase with "',
                )
            body = text[i + 1 : close].strip()
            i = close + 1
            if not body:
                raise BadParameter("q", '`""` needs something after it')
            clauses.append((exclude, field, "phrase", body))
        else:
            end = i
            while end < n and not text[end].isspace():
                end += 1
            clauses.append((exclude, field, "word", text[i:end]))
            i = end
    if len(clauses) > MAX_CLAUSES:
        raise BadParameter(
            "q", f"query has {len(clauses)} words or phrases; the limit is {MAX_CLAUSES}"
        )

    def skipped(c):
        return c[2] == "word" and not c[0] and c[1] is None and c[3].lower() in SKIPPED_WORDS

    if any(not skipped(c) for c in clauses):
        clauses = [c for c in clauses if not skipped(c)]
    return clauses, text[-1:].isspace()


def quoted(text):
    """An FTS5 string: tokenized by the table's tokenizer, so several tokens form a phrase
    ("evidence-based" -> evidence + based, as the index treats it)."""
    return '"' + text.replace('"', '""') + '"'


def to_match(text):
    """The FTS5 MATCH expression for a query in the user language ("" when there are no words).

    FTS5 has no typo tolerance: the index retries long words fuzzily when exact matching finds
    nothing ("improvment sciense" finds "improvement science"); here such a query finds
    nothing. Everything else translates: the last word (not excluded, not followed by a space,
    2+ characters, one token) also matches as a prefix of title and topic words, as the index
    does; FTS5's NOT is binary, so the excluded clauses are subtracted from the AND of the
    others, and a query of exclusions only cannot be expressed (a 400 here).
    """
    clauses, ends_with_space = parse_query(text)
    clauses = [c for c in clauses if HAS_TOKEN.search(c[3])]
    positive, negative = [], []
    for index, (exclude, field, kind, body) in enumerate(clauses):
        term = quoted(body)
        last = index == len(clauses) - 1
        prefix_columns = PREFIX_COLUMNS.get(field)
        if (
            kind == "word"
            and last
            and not exclude
            and not ends_with_space
            and len(body) >= PREFIX_MIN_CHARS
            and SINGLE_TOKEN.match(body)
            and prefix_columns
        ):
            exact = f"{field} : {term}" if field else term
            expr = f"({exact} OR {prefix_columns} : {term} *)"
        else:
            expr = f"{field} : {term}" if field else term
        (negative if exclude else positive).append(expr)
    if not positive:
        if negative:
            raise BadParameter("q", "FTS5 cannot run a query of exclusions only")
        return ""
    match = " AND ".join(positive)
    if negative:
        match = f"({match}) NOT ({' OR '.join(negative)})"
    return match


# --- parameters ------------------------------------------------------------------------------


def parse_count(value, name, maximum):
    if not DIGITS.match(value):
        raise BadParameter(name, f"{name} must be a whole number, not '{shown(value)}'")
    number = int(value)
    if number > maximum:
        raise BadParameter(name, f"{name} must be at most {maximum}")
    return number


def parse_params(raw, csv_export, providers):
    """(match, filters, limit, offset) from a raw query string, checked as the API checks."""
    if len(raw.encode()) > MAX_QUERY_STRING_BYTES:
        raise BadParameter(
            "query", f"the query string is longer than {MAX_QUERY_STRING_BYTES} bytes"
        )
    max_limit, limit = (MAX_CSV_ROWS, MAX_CSV_ROWS) if csv_export else (MAX_LIMIT, DEFAULT_LIMIT)
    q, offset, filters, seen, values = "", 0, {}, set(), 0
    try:
        pairs = urllib.parse.parse_qsl(raw, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadParameter("query", "the query string is not valid UTF-8") from None
    for name, value in pairs:
        value = value.strip()
        if name in SCALARS:
            if name in seen:
                raise BadParameter(name, f"'{name}' may be given only once")
            seen.add(name)
        elif name in REPEATABLE:
            values += 1
            if values > MAX_FILTER_VALUES:
                raise BadParameter(name, "too many filter values")
        else:
            raise BadParameter(shown(name), f"unknown parameter '{shown(name)}'")
        if name == "q":
            if len(value) > MAX_QUERY_CHARS:
                raise BadParameter("q", f"q is longer than {MAX_QUERY_CHARS} characters")
            if any(is_control(c) for c in value):
                raise BadParameter("q", "q contains control characters")
            q = value
        elif name == "limit":
            limit = parse_count(value, "limit", max_limit)
            if limit == 0:
                raise BadParameter("limit", "limit must be at least 1")
        elif name == "offset":
            offset = parse_count(value, "offset", MAX_OFFSET)
        elif name == "max_fee":
            try:
                fee = float(value.lstrip("£").replace(",", ""))
            except ValueError:
                fee = math.nan
            if not math.isfinite(fee) or fee < 0:
                raise BadParameter(
                    name,
                    f"bad maximum fee `{shown(value)}`: "
                    "expected an amount in pounds such as 5000",
                )
            filters["max_fee"] = fee
        elif name == "max_months":
            if not DIGITS.match(value) or int(value) >= 2**32:
                raise BadParameter(
                    name,
                    f"bad maximum months `{shown(value)}`: "
                    "expected a whole number of months such as 12",
                )
            filters["max_months"] = int(value)
        elif name == "part_time":
            if value in ("", "true", "1", "yes"):
                filters["part_time"] = True
            elif value in ("false", "0", "no"):
                filters["part_time"] = False
            else:
                raise BadParameter(
                    name, f"unknown part_time `{shown(value)}` (expected one of: true, false)"
                )
        else:
            key, allowed = REPEATABLE[name]
            if name == "provider":
                if not PROVIDER_ID.match(value):
                    raise BadParameter(name, f"unknown provider id `{shown(value)}`")
                if value not in providers:
                    raise BadParameter(name, f"no provider `{value}` in the catalogue")
            elif value not in allowed:
                raise BadParameter(
                    name,
                    f"unknown {name} `{shown(value)}` "
                    f"(expected one of: {', '.join(sorted(allowed))})",
                )
            filters.setdefault(key, []).append(value)
    return q, to_match(q), filters, limit, offset


# --- the database ----------------------------------------------------------------------------


def ensure_database(docs, db_path):
    """Builds `db_path` from `docs` unless it is newer; atomically (temp file + rename)."""
    if db_path.exists() and db_path.stat().st_mtime >= docs.stat().st_mtime:
        return
    started = time.perf_counter()
    memory = fts5_bench.build(docs)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    disk = sqlite3.connect(tmp)
    memory.backup(disk)
    disk.close()
    memory.close()
    os.replace(tmp, db_path)
    print(
        f"built {db_path} from {docs} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )


class Catalogue:
    """The database file and what is read from it once at start-up."""

    def __init__(self, db_path):
        self.uri = f"file:{urllib.parse.quote(str(db_path))}?mode=ro"
        self.local = threading.local()
        db = self.connection()
        self.records = db.execute("SELECT count(*) FROM docs").fetchone()[0]
        self.provider_names = dict(
            db.execute(
                "SELECT DISTINCT json_extract(json, '$.provider_id'), "
                "json_extract(json, '$.provider') FROM docs "
                "WHERE json_extract(json, '$.provider_id') IS NOT NULL"
            ).fetchall()
        )

    def connection(self):
        """This thread's own read-only connection, opened on its first request."""
        db = getattr(self.local, "db", None)
        if db is None:
            # Autocommit: the bench's search refills a temp table per request, which must not
            # leave a transaction open between requests.
            db = sqlite3.connect(self.uri, uri=True, isolation_level=None)
            # Memory-mapped reads let every thread's connection share the OS page cache
            # instead of each copying pages into its own.
            db.execute("PRAGMA mmap_size = 1073741824")
            db.execute("CREATE TEMP TABLE m (rid INTEGER PRIMARY KEY, score REAL)")
            self.local.db = db
        return db


# --- HTTP ------------------------------------------------------------------------------------


def strip_tags(html):
    return re.sub(r"</?b>", "", html)


def hit_view(doc):
    snippet = doc.get("snippet")
    if snippet is None:
        # No words to match (a filters-only listing): the start of the description.
        words = (doc.get("description") or "").split()
        snippet = " ".join(words[:30]) + (" …" if len(words) > 30 else "")
    return {
        "id": doc["id"],
        "url": doc["url"],
        "title": doc["title"],
        "provider": doc["provider"],
        "provider_id": doc["provider_id"],
        "kind": doc["kind"],
        "levels": doc["levels"],
        "delivery": doc["delivery"],
        "length_category": doc["length_category"],
        "fees": doc["home_fee_gbp"],
        "focus": doc["focus"],
        "region": doc["region"],
        "verified": doc["verified"],
        "snippet_html": snippet,
        "snippet_text": strip_tags(snippet),
    }


def csv_body(docs):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for doc in docs:
        row = [
            doc["id"],
            doc["title"],
            doc["provider"] or "",
            doc["provider_id"] or "",
            doc["kind"],
            "; ".join(str(level) for level in doc["levels"]),
            doc["delivery"] or "",
            doc["length_category"] or "",
            "" if doc["home_fee_gbp"] is None else f"{doc['home_fee_gbp']:.0f}",
            doc["entry_text"] or "",
            doc["focus"] or "",
            doc["url"],
        ]
        # As the API does: no cell may start a spreadsheet formula.
        writer.writerow([f"'{cell}" if cell[:1] in FORMULA_STARTS else cell for cell in row])
    return out.getvalue().encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as wrk and the Rust server use
    disable_nagle_algorithm = True  # headers and body are two writes
    timeout = 60  # an idle keep-alive connection's thread ends after this
    server_version = "coursemap-fts5-peer"
    catalogue = None  # set in main

    def log_message(self, format, *args):
        pass  # one line per request would cost more than some requests do

    def send_body(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status, value):
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        self.send_body(status, body, "application/json")

    def do_GET(self):
        try:
            self.route()
        except BadParameter as err:
            body = {"error": err.message, "parameter": err.parameter}
            self.send_json(HTTPStatus.BAD_REQUEST, body)
        except (BrokenPipeError, ConnectionResetError):
            raise  # the client gave up (a wrk timeout); the thread just ends
        except Exception as err:  # noqa: BLE001  (a 500 rather than a dropped connection)
            print(f"fts5_server: {self.path}: {err!r}", file=sys.stderr, flush=True)
            self.send_json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal error"})

    do_HEAD = do_GET

    def method_not_allowed(self):
        self.send_json(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "method not allowed"})

    do_POST = do_PUT = do_DELETE = do_PATCH = method_not_allowed

    def route(self):
        path, _, raw = self.path.partition("?")
        catalogue = self.catalogue
        if path == "/healthz":
            self.send_json(HTTPStatus.OK, {"status": "ok", "records": catalogue.records})
        elif path in ("/api/search", "/api/search.csv"):
            self.search(raw, path.endswith(".csv"))
        elif path.startswith("/api/courses/"):
            course_id = urllib.parse.unquote(path[len("/api/courses/") :])
            if not COURSE_ID.match(course_id):
                raise BadParameter("id", "a course id has only letters, digits, '-' and '_'")
            row = catalogue.connection().execute(
                "SELECT json FROM docs WHERE id = ?", (course_id,)
            ).fetchone()
            if row is None:
                self.send_json(HTTPStatus.NOT_FOUND, {"error": f"no course with id '{course_id}'"})
            else:
                body = b'{"record":' + row[0].rstrip("\n").encode() + b"}"
                self.send_body(HTTPStatus.OK, body, "application/json")
        else:
            self.send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def search(self, raw, csv_export):
        catalogue = self.catalogue
        q, match, filters, limit, offset = parse_params(raw, csv_export, catalogue.provider_names)
        try:
            total, hits, facets = fts5_bench.search(
                catalogue.connection(), match, filters, limit=limit, offset=offset
            )
        except sqlite3.OperationalError as err:
            # An FTS5 syntax error the translation let through is still the query's fault.
            if "fts5" in str(err):
                raise BadParameter("q", str(err)) from None
            raise
        if csv_export:
            self.send_body(HTTPStatus.OK, csv_body(hits), "text/csv; charset=utf-8")
            return
        facets["matched_terms"] = facets.pop("term")
        self.send_json(
            HTTPStatus.OK,
            {
                "query": q,
                "match": match,
                "total": total,
                "fuzzy": False,
                "limit": limit,
                "offset": offset,
                "hits": [hit_view(doc) for doc in hits],
                "facets": facets,
                "provider_names": {
                    p: catalogue.provider_names[p]
                    for p in facets["provider"]
                    if p in catalogue.provider_names
                },
            },
        )


class Server(ThreadingHTTPServer):
    # 64 connections arrive at once; the default backlog of 5 would drop SYNs.
    request_queue_size = 128

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, socket.timeout)):
            return  # a client that gave up or went idle: nothing to report
        super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, required=True, help="NDJSON search documents")
    parser.add_argument("--db", type=Path, required=True, help="the FTS5 database file")
    parser.add_argument("--addr", default="127.0.0.1:0", help="host:port (loopback only)")
    parser.add_argument("--build-only", action="store_true", help="build the database and exit")
    args = parser.parse_args()
    host, _, port = args.addr.rpartition(":")
    if host not in ("127.0.0.1", "localhost") or not port.isdigit():
        parser.error("--addr must be 127.0.0.1:PORT (loopback only)")
    ensure_database(args.docs, args.db)
    if args.build_only:
        return
    # A background job of a non-interactive shell starts with SIGINT ignored, and Python then
    # raises no KeyboardInterrupt: run.sh stops the server with SIGINT, so catch it (and
    # SIGTERM) explicitly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    Handler.catalogue = Catalogue(args.db)
    server = Server(("127.0.0.1", int(port)), Handler)
    port, records = server.server_address[1], Handler.catalogue.records
    print(f"serving http://127.0.0.1:{port}/ ({records} records)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
