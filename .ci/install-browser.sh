#!/usr/bin/env bash
# Installs what the browser tests need on a fresh Debian machine: Debian's chromium and the
# pinned playwright-core (tests/browser/package-lock.json). Idempotent, and quick when
# everything is already there. `.ci/run` calls it before the tests.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
browser_dir="$repo/tests/browser"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-browser: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the installed tree does not match the lock file.
lock="$browser_dir/package-lock.json"
stamp="$browser_dir/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || ! cmp -s <(sed -n '/"node_modules\//,$p' "$lock") <(sed -n '/"node_modules\//,$p' "$stamp"); then
    echo "install-browser: npm ci in tests/browser"
    (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?'), node $(node --version), playwright-core $(node -p "require('$browser_dir/node_modules/playwright-core/package.json').version")"
