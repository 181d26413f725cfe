#!/usr/bin/env bash
# Load test of `coursemap serve` on loopback: a generated 100,000-record catalogue, then wrk
# for 30 s at 64 connections over the mixed query set in queries.lua. Prints throughput,
# p50/p99 latency and errors. A bench, not a CI test.
#
#   benches/wrk/run.sh [RECORDS] [DURATION] [CONNECTIONS]
#
# The catalogue is built once into target/load-test-catalogue and reused. The server is
# `coursemap serve` when COURSEMAP_BIN points at a release binary; otherwise the server
# crate's load_test_catalogue example, which serves through the same coursemap_server::serve.
set -euo pipefail

records="${1:-100000}"
duration="${2:-30s}"
connections="${3:-64}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
catalogue="$repo/target/load-test-catalogue-$records"
threads="$(nproc)"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

cd "$repo"
cargo build --release -q -p coursemap-server --example load_test_catalogue
example="$target/release/examples/load_test_catalogue"
"$example" --catalogue "$catalogue" --records "$records"

log="$(mktemp)"
if [ -n "${COURSEMAP_BIN:-}" ]; then
    "$COURSEMAP_BIN" serve --catalogue "$catalogue" --addr 127.0.0.1:0 >"$log" 2>&1 &
else
    "$example" --catalogue "$catalogue" --records "$records" --serve --addr 127.0.0.1:0 >"$log" 2>&1 &
fi
server=$!
trap 'kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

url=""
for _ in $(seq 1 300); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start" >&2; cat "$log" >&2; exit 1; }
curl -fsS "$url/healthz" && echo

echo "wrk: $threads threads, $connections connections, $duration against $url ($records records)"
wrk --threads "$threads" --connections "$connections" --duration "$duration" --timeout 5s \
    --latency --script "$repo/benches/wrk/queries.lua" "$url"
