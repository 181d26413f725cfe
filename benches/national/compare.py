"""Compares the straight-through and the killed-and-resumed crawls of kill-resume.sh.

  python3 compare.py WORK_DIR

Reads `straight/pages/index.jsonl`, `killed/pages/index.jsonl`, both access logs, the needles
and `kills.txt`. Definitions:
- pages stored: distinct URLs whose latest index entry has a body.
- same pages: the two sets of stored URLs are equal (the only test that matters); otherwise
  how many are only in one.
- entries per stored URL: index lines over distinct URLs; above 1 means a page was stored
  again after a resume.
- requests asked again: requests for a URL the same crawl had already requested; a resume
  may only repeat what was in flight when the process was killed.
"""

import collections
import json
import sys
from pathlib import Path


def stored(catalogue):
    latest = {}
    lines = 0
    for line in (catalogue / "pages" / "index.jsonl").read_text().splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        latest[entry["url"]] = entry
        lines += 1
    urls = {url for url, entry in latest.items() if entry.get("body_sha256")}
    return urls, lines, len(latest)


def requests(log):
    counts = collections.Counter()
    for line in log.read_text().splitlines():
        fields = line.split("\t")
        if len(fields) >= 4:
            counts[(fields[2], fields[3])] += 1
    return sum(counts.values()), sum(n - 1 for n in counts.values() if n > 1)


def main():
    work = Path(sys.argv[1])
    needles = set(Path(work / "needles.txt").read_text().split())
    kills = (work / "kills.txt").read_text().splitlines() if (work / "kills.txt").exists() else []
    rows = {}
    for run in ("straight", "killed"):
        urls, lines, distinct = stored(work / run)
        sent, again = requests(work / f"{run}.access.tsv")
        rows[run] = {
            "urls": urls,
            "pages stored": len(urls),
            "entries per stored URL": f"{lines / max(distinct, 1):.4f}",
            "requests": sent,
            "requests asked again": again,
            "needles stored": f"{len(urls & needles)} of {len(needles)}",
        }
    a, b = rows["straight"]["urls"], rows["killed"]["urls"]
    out = [f"kills: {len(kills)} ({'; '.join(kills)})", "", "| figure | straight through | killed and resumed |", "| --- | ---: | ---: |"]
    for key in ("pages stored", "entries per stored URL", "requests", "requests asked again", "needles stored"):
        out.append(f"| {key} | {rows['straight'][key]} | {rows['killed'][key]} |")
    out.append("")
    if a == b:
        out.append(f"same pages: yes ({len(a)} URLs)")
    else:
        out.append(f"same pages: NO ({len(a - b)} only straight through, {len(b - a)} only killed)")
        for url in sorted(a ^ b)[:10]:
            out.append(f"  {'straight' if url in a else 'killed'} only: {url}")
    print("\n".join(out))
    return 0 if a == b else 1


if __name__ == "__main__":
    sys.exit(main())
