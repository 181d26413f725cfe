#!/usr/bin/env bash
# Load test of `coursemap serve` on loopback, side by side with a peer: a generated
# 100,000-record catalogue, then wrk for 30 s at 64 connections over the mixed query set in
# queries.lua, first against coursemap, then against the same API served from SQLite FTS5
# (fts5_server.py) over the same records. Prints each side's wrk report, one request per
# query on each side (status and time, as a warm-up and a check that both answer), and a
# table: throughput, p50/p99/max latency, errors (timeouts counted among them and also shown
# apart), the server's peak RSS (VmHWM, read from /proc just before it is stopped), the
# index's size on disk, and the ratios. A bench, not a CI test.
#
#   benches/wrk/run.sh [RECORDS] [DURATION] [CONNECTIONS]
#
# PEER=fts5 (the default) measures the peer too; PEER=none measures coursemap alone.
#
# The catalogue is built once into target/load-test-catalogue-RECORDS and reused, with the
# records' flat search documents (docs.ndjson) and the FTS5 database built from them
# (fts5.sqlite, rebuilt only when the documents change). The server is `coursemap serve` when
# COURSEMAP_BIN points at a release binary; otherwise the server crate's load_test_catalogue
# example, which serves through the same coursemap_server::serve. Both sides get the same wrk
# settings, including `--timeout 5s`: a request slower than that is a timeout error.
set -euo pipefail

records="${1:-100000}"
duration="${2:-30s}"
connections="${3:-64}"
peer="${PEER:-fts5}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
catalogue="$repo/target/load-test-catalogue-$records"
docs="$catalogue/docs.ndjson"
fts5_db="$catalogue/fts5.sqlite"
threads="$(nproc)"

case "$peer" in
    fts5 | none) ;;
    *) echo "PEER must be fts5 or none, not '$peer'" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ "$peer" = fts5 ]; then
    command -v python3 >/dev/null || { echo "python3 is needed for the FTS5 peer (or PEER=none)" >&2; exit 2; }
fi

cd "$repo"
cargo build --release -q -p coursemap-server --example load_test_catalogue
example="$target/release/examples/load_test_catalogue"
if [ "$peer" = fts5 ]; then
    "$example" --catalogue "$catalogue" --records "$records" --ndjson "$docs"
    python3 "$repo/benches/wrk/fts5_server.py" --docs "$docs" --db "$fts5_db" --build-only
else
    "$example" --catalogue "$catalogue" --records "$records"
fi

work="$(mktemp -d)"
server=""
stop_server() {
    if [ -n "$server" ]; then
        if [ -n "${server_name:-}" ]; then
            sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$server/status" \
                >"$work/$server_name.rss_kib" 2>/dev/null || true
        fi
        kill -INT "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=""
    fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# start_server NAME COMMAND...: starts the server, sets $url from the address it prints.
start_server() {
    local name="$1"
    shift
    "$@" >"$work/$name.log" 2>&1 &
    server=$!
    server_name="$name"
    url=""
    for _ in $(seq 1 600); do
        url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/$name.log" | head -n1 || true)"
        [ -n "$url" ] && break
        kill -0 "$server" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$url" ] || { echo "the $name server did not start" >&2; cat "$work/$name.log" >&2; exit 1; }
    curl -fsS "$url/healthz" && echo
}

# The query set's paths, for one request each before the load.
mapfile -t paths < <(grep -o '"/[^"]*"' "$repo/benches/wrk/queries.lua" | tr -d '"')

# measure NAME: one request per path (status and ms into $work/NAME.probe), then wrk.
measure() {
    local name="$1" path
    for path in "${paths[@]}"; do
        curl -s -o /dev/null --max-time 30 -w '%{http_code} %{time_total}\n' "$url$path" \
            >>"$work/$name.probe" || echo "000 0" >>"$work/$name.probe"
    done
    echo "wrk ($name): $threads threads, $connections connections, $duration against $url ($records records)"
    wrk --threads "$threads" --connections "$connections" --duration "$duration" --timeout 5s \
        --latency --script "$repo/benches/wrk/queries.lua" "$url" | tee "$work/$name.wrk"
    echo
}

if [ -n "${COURSEMAP_BIN:-}" ]; then
    start_server coursemap "$COURSEMAP_BIN" serve --catalogue "$catalogue" --addr 127.0.0.1:0
else
    start_server coursemap "$example" --catalogue "$catalogue" --records "$records" --serve --addr 127.0.0.1:0
fi
measure coursemap
stop_server

if [ "$peer" = fts5 ]; then
    start_server fts5 python3 "$repo/benches/wrk/fts5_server.py" --docs "$docs" --db "$fts5_db" --addr 127.0.0.1:0
    measure fts5
    stop_server
fi

# result NAME KEY: a value from the RESULT line queries.lua's done() prints ("-" if none).
result() {
    local line
    line="$(grep '^RESULT ' "$work/$1.wrk" 2>/dev/null || true)"
    [ -n "$line" ] || { echo "-"; return; }
    echo "$line" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# ratio A B: A / B to two decimals, "-" when either is missing or B is 0.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2fx\n", a / b }'
}

row() {
    printf '%-24s %12s %12s %10s\n' "$@"
}

fts5_side=fts5
[ "$peer" = fts5 ] || fts5_side=none
echo "===== coursemap vs SQLite FTS5: $records records, $duration, $connections connections, wrk --timeout 5s ====="
row "" coursemap "FTS5" ratio
row "throughput (ok req/s)" "$(result coursemap ok_rps)" "$(result $fts5_side ok_rps)" \
    "$(ratio "$(result coursemap ok_rps)" "$(result $fts5_side ok_rps)")"
for p in p50 p99 max; do
    row "latency $p (ms)" "$(result coursemap "${p}_ms")" "$(result $fts5_side "${p}_ms")" \
        "$(ratio "$(result $fts5_side "${p}_ms")" "$(result coursemap "${p}_ms")")"
done
# rss NAME: the server's peak RSS in MiB ("-" if unread).
rss() {
    local kib
    kib="$(cat "$work/$1.rss_kib" 2>/dev/null || true)"
    [ -n "$kib" ] && awk -v k="$kib" 'BEGIN { printf "%.1f\n", k / 1024 }' || echo "-"
}
# size PATH: bytes on disk in MiB.
size() { [ -e "$1" ] && du -sk "$1" | awk '{ printf "%.1f\n", $1 / 1024 }' || echo "-"; }
row "server peak RSS (MiB)" "$(rss coursemap)" "$(rss $fts5_side)" \
    "$(ratio "$(rss coursemap)" "$(rss $fts5_side)")"
fts5_size="-"
[ "$peer" = fts5 ] && fts5_size="$(size "$fts5_db")"
row "index on disk (MiB)" "$(size "$catalogue/tantivy")" "$fts5_size" \
    "$(ratio "$(size "$catalogue/tantivy")" "$fts5_size")"
row "requests completed" "$(result coursemap requests)" "$(result $fts5_side requests)" ""
row "errors (all kinds)" "$(result coursemap errors)" "$(result $fts5_side errors)" ""
row "  of which timeouts" "$(result coursemap timeouts)" "$(result $fts5_side timeouts)" ""
row "  of which non-2xx" "$(result coursemap non_2xx)" "$(result $fts5_side non_2xx)" ""
echo "ratios: throughput, RSS and size coursemap / FTS5; latency FTS5 / coursemap (above 1: coursemap is faster)."
echo "ok req/s: responses within the 5 s timeout and not 4xx/5xx. wrk leaves responses slower"
echo "than the timeout out of the latency figures, so a side with timeouts has its tail understated."

# show "STATUS SECONDS": the status and the time in milliseconds.
show() { [ "$1" = "-" ] && echo "-" || awk '{ printf "%s %9.1f\n", $1, $2 * 1000 }' <<<"$1"; }
echo
echo "one request per query before the load (HTTP status, ms):"
printf '%-56s %16s %16s\n' "path" coursemap FTS5
for i in "${!paths[@]}"; do
    ours="$(sed -n "$((i + 1))p" "$work/coursemap.probe")"
    theirs="-"
    [ "$peer" = fts5 ] && theirs="$(sed -n "$((i + 1))p" "$work/fts5.probe")"
    printf '%-56s %16s %16s\n' "${paths[$i]}" "$(show "$ours")" "$(show "$theirs")"
done
