#!/usr/bin/env bash
# coursemap's crawler against Scrapy 2.x on a generated web served on loopback.
#
# Not run in CI: it takes a few minutes and installs Scrapy from PyPI into a venv.
#
#   benches/scrapy/run.sh            # 50 hosts x 200 pages, 20 requests/s per host
#   HOSTS=10 PAGES=100 RATE=5 benches/scrapy/run.sh
#   NATIONAL=1 HOSTS=450 RATE=0.5 BUDGET=500 benches/scrapy/run.sh   # the national web
#   MODES=unthrottled SCRAPY_LIMIT=300 ...   # one mode only; stop Scrapy after 300 s
#
# Both crawlers get the same politeness: robots.txt obeyed, one request at a time per host,
# the same fixed per-host interval (1/RATE), the same page budget per host, 16 requests in
# flight overall. Then both again unthrottled (no delay) for raw pages/s. Each run gets a
# fresh server, so each access log holds one crawler's requests only; figures come from
# those logs and from /usr/bin/time -v (measure.py says how each is defined).
#
# Loopback only: coursemap runs with --resolve HOST=127.0.0.1:PORT for every host and
# --resolved-only; Scrapy sends everything through the server used as an HTTP proxy, with a
# DNS resolver that answers 127.0.0.1 for any name.
set -euo pipefail

HOSTS=${HOSTS:-50}
PAGES=${PAGES:-200}
RATE=${RATE:-20}
BUDGET=${BUDGET:-$((PAGES + 50))}
UNTHROTTLED_RATE=100000
MODES=${MODES:-throttled unthrottled}
# Seconds after which Scrapy is stopped (SIGINT: it closes the spider and prints its stats);
# none by default. On the national web Scrapy runs for hours.
SCRAPY_LIMIT=${SCRAPY_LIMIT:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/benches/scrapy"
WORK=${WORK:-${TMPDIR:-/tmp}/coursemap-scrapy-bench}
VENV=${VENV:-$WORK/venv}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
INTERVAL=$(python3 -c "print(1 / $RATE)")

mkdir -p "$WORK"
echo "== building (release)"
(cd "$ROOT" && cargo build --release --bin coursemap && cargo build --release -p coursemap-faultweb --example generated_web)
COURSEMAP="$CARGO_TARGET_DIR/release/coursemap"
SERVER="$CARGO_TARGET_DIR/release/examples/generated_web"

if [ ! -x "$VENV/bin/scrapy" ]; then
    echo "== installing Scrapy into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet -r "$HERE/requirements.txt"
fi
echo "== $("$VENV/bin/scrapy" version)"

# shellcheck source=../generated-web-server.sh
source "$ROOT/benches/generated-web-server.sh"

# Starts a fresh generated web logging to $1; sets ADDR and writes $WORK/seeds.toml.
start_server() {
    rm -f "$1"
    "$SERVER" --hosts "$HOSTS" ${NATIONAL:+--national} --pages "$PAGES" --access-log "$1" --seeds-out "$WORK/seeds.toml" --needles-out "$WORK/needles.txt" >"$WORK/server.out" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        ADDR=$(sed -n 's/^addr=//p' "$WORK/server.out")
        [ -n "$ADDR" ] && return 0
        sleep 0.1
    done
    echo "generated web did not start" >&2
    exit 1
}

run_coursemap() { # mode rate
    local run="coursemap-$1"
    start_server "$WORK/$run.access.tsv"
    local resolve=()
    for host in $(sed -n 's/^allowed_hosts = \["\(.*\)"\]$/\1/p' "$WORK/seeds.toml"); do
        resolve+=(--resolve "$host=$ADDR")
    done
    rm -rf "$WORK/$run.catalogue"
    echo "== $run"
    /usr/bin/time -v -o "$WORK/$run.time" "$COURSEMAP" crawl \
        --seeds "$WORK/seeds.toml" --terms "$ROOT/seeds/terms.txt" --catalogue "$WORK/$run.catalogue" \
        "${resolve[@]}" --resolved-only --rate "$2" --max-pages-per-host "$BUDGET" \
        >"$WORK/$run.out" 2>"$WORK/$run.err" || echo "   (exit status $?; see $WORK/$run.err)"
    stop_server
}

run_scrapy() { # mode delay
    local run="scrapy-$1"
    start_server "$WORK/$run.access.tsv"
    echo "== $run"
    local limit=()
    [ -n "$SCRAPY_LIMIT" ] && limit=(timeout --signal=INT --kill-after=60 "$SCRAPY_LIMIT")
    (cd "$HERE" && /usr/bin/time -v -o "$WORK/$run.time" "${limit[@]}" "$VENV/bin/scrapy" runspider loopback_spider.py \
        -a seeds="$WORK/seeds.toml" -a proxy="$ADDR" -a budget="$BUDGET" \
        -s DOWNLOAD_DELAY="$2" >"$WORK/$run.out" 2>"$WORK/$run.err") || echo "   (exit status $?; see $WORK/$run.err)"
    stop_server
}

for mode in $MODES; do
    case "$mode" in
        throttled) run_coursemap throttled "$RATE"; run_scrapy throttled "$INTERVAL" ;;
        unthrottled) run_coursemap unthrottled "$UNTHROTTLED_RATE"; run_scrapy unthrottled 0 ;;
        *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
done

python3 "$HERE/measure.py" "$WORK" "$INTERVAL" "$PAGES" "$HOSTS"
