#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (not committed) with each target's starting points: the committed
# seeds (fuzz/seeds/), the crash inputs (fuzz/regressions/), the extractor's test pages for
# `extract`, the held-out real page texts for
# `realtext`, and, where ../shared is beside the repository, the real pages and feeds for
# `extract`, `decoded` and `xcri` (read in place; the repository never copies them).
set -euo pipefail
cd "$(dirname "$0")"
for dir in seeds/* regressions/*; do
    [ -d "$dir" ] || continue
    target=$(basename "$dir")
    mkdir -p "corpus/$target"
    cp -n "$dir"/* "corpus/$target/" 2>/dev/null || true
done
# The extractor's test pages, read where they are kept.
mkdir -p corpus/extract
cp -n ../crates/extract/tests/data/*.html corpus/extract/
mkdir -p corpus/realtext
python3 - <<'PY'
import json, glob, hashlib
for path in glob.glob('../crates/extract/tests/data/realtext-holdout/*.jsonl'):
    for line in open(path, encoding='utf-8'):
        if not line.strip():
            continue
        text = json.loads(line).get('text', '')
        name = hashlib.sha1(text.encode()).hexdigest()[:16]
        open(f'corpus/realtext/{name}', 'w', encoding='utf-8').write(text)
PY
shared=../../shared/real-pages
if [ -d "$shared" ]; then
    mkdir -p corpus/extract corpus/decoded corpus/xcri
    find "$shared" -name '*.html' -exec cp -n {} corpus/extract/ \;
    find "$shared/utf16" -type f -exec cp -n {} corpus/decoded/ \; 2>/dev/null || true
    find "$shared/xcri-cap" -name '*.xml' -exec cp -n {} corpus/xcri/ \; 2>/dev/null || true
fi
for dir in corpus/*; do echo "$dir: $(ls "$dir" | wc -l) inputs"; done
