#!/usr/bin/env bash
# Kill-and-resume at national size: the national generated web crawled once straight
# through, and once killed with SIGKILL every few seconds and resumed with --resume until
# it finishes. The two must store the same pages; the killed one may ask again only for
# what was in flight at each kill.
#
# Not run in CI (several minutes, release build).
#
#   benches/national/kill-resume.sh                       # 450 hosts, 6 kills, unthrottled
#   HOSTS=100 KILLS=3 RATE=5 benches/national/kill-resume.sh
#
# Figures go to $WORK/results.md; compare.py says how each is defined.
set -euo pipefail

HOSTS=${HOSTS:-450}
KILLS=${KILLS:-6}
RATE=${RATE:-100000}
BUDGET=${BUDGET:-500}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/coursemap-kill-resume}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

mkdir -p "$WORK"
echo "== building (release)"
(cd "$ROOT" && cargo build --release --bin coursemap && cargo build --release -p coursemap-faultweb --example generated_web)
COURSEMAP="$CARGO_TARGET_DIR/release/coursemap"
SERVER="$CARGO_TARGET_DIR/release/examples/generated_web"

# shellcheck source=../generated-web-server.sh
source "$ROOT/benches/generated-web-server.sh"

start_server() { # access-log
    rm -f "$1"
    "$SERVER" --hosts "$HOSTS" --national --access-log "$1" --seeds-out "$WORK/seeds.toml" \
        --needles-out "$WORK/needles.txt" >"$WORK/server.out" &
    SERVER_PID=$!
    ADDR=
    for _ in $(seq 100); do
        ADDR=$(sed -n 's/^addr=//p' "$WORK/server.out")
        [ -n "$ADDR" ] && break
        sleep 0.1
    done
    [ -n "$ADDR" ] || { echo "generated web did not start" >&2; exit 1; }
    RESOLVE=()
    for host in $(sed -n 's/^allowed_hosts = \["\(.*\)"\]$/\1/p' "$WORK/seeds.toml"); do
        RESOLVE+=(--resolve "$host=$ADDR")
    done
}

# crawl_args CATALOGUE: the crawl's arguments, in ARGS. The binary is started directly, never
# through a shell function, so that SIGKILL reaches the crawler and not a subshell.
crawl_args() {
    ARGS=(crawl --seeds "$WORK/seeds.toml" --terms "$ROOT/seeds/terms.txt" --catalogue "$1"
        "${RESOLVE[@]}" --resolved-only --rate "$RATE" --max-pages-per-host "$BUDGET")
}

echo "== straight through"
rm -rf "$WORK/straight"
start_server "$WORK/straight.access.tsv"
crawl_args "$WORK/straight"
"$COURSEMAP" "${ARGS[@]}" >"$WORK/straight.out" 2>"$WORK/straight.err"
stop_server

echo "== killed $KILLS times and resumed"
rm -rf "$WORK/killed" "$WORK"/killed.{out,err} "$WORK/kills.txt"
start_server "$WORK/killed.access.tsv"
crawl_args "$WORK/killed"
resume=()
for kill in $(seq "$KILLS"); do
    "$COURSEMAP" "${ARGS[@]}" "${resume[@]}" >>"$WORK/killed.out" 2>>"$WORK/killed.err" &
    pid=$!
    after=$(python3 -c "import random; print(round(random.uniform(6, 16), 1))")
    sleep "$after"
    if kill -KILL "$pid" 2>/dev/null; then
        echo "kill $kill after ${after}s" | tee -a "$WORK/kills.txt"
    fi
    wait "$pid" 2>/dev/null || true
    resume=(--resume)
done
"$COURSEMAP" "${ARGS[@]}" --resume >>"$WORK/killed.out" 2>>"$WORK/killed.err"
stop_server

python3 "$ROOT/benches/national/compare.py" "$WORK" | tee "$WORK/results.md"
