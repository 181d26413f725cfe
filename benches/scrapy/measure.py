"""Figures for the coursemap-vs-Scrapy benchmark, from the generated web's access logs and
`/usr/bin/time -v` reports written by run.sh.

  python3 measure.py WORK_DIR INTERVAL_SECONDS PAGES_PER_HOST HOSTS

For each run `<tool>-<mode>` (tool: coursemap, scrapy; mode: throttled, unthrottled) it reads
`<run>.access.tsv` (unix-seconds.micros, method, host, path, status, user agent) and
`<run>.time`, and prints a side-by-side table; the same table goes to `WORK_DIR/results.md`.

Definitions:
- pages fetched: distinct good pages (home, listings, courses; query string ignored) that got
  a 200, out of HOSTS x PAGES_PER_HOST.
- duplicates: requests for a URL (query string ignored) the same tool had already requested.
- robots violations: requests under /private/, which every robots.txt disallows.
- min per-host gap: the smallest time between the starts of two consecutive requests to one
  host, over all hosts.
- lower bound: max over hosts of (N_h - 1) x interval, N_h the tool's requests to host h.
- needles fetched: on the national web, the on-term course pages (`WORK_DIR/needles.txt`,
  written by the server) that got a 200; pages per needle is pages fetched over that.
"""

import collections
import re
import sys
from pathlib import Path

# Course pages are /courses/N, or /courses/N-slug on the national web; its news pages too.
GOOD_PATH = re.compile(r"^/((courses/(page/)?\d+(-[a-z0-9-]+)?)|news/\d+)?$")


def read_log(path):
    entries = []
    for line in path.read_text().splitlines():
        fields = line.split("\t")
        if len(fields) < 5:
            continue
        entries.append((float(fields[0]), fields[2], fields[3], int(fields[4])))
    return entries


def read_time(path):
    text = path.read_text()

    def field(label):
        match = re.search(rf"{re.escape(label)}: (.+)", text)
        return match.group(1).strip() if match else None

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    seconds = 0.0
    for part in (wall or "0").split(":"):
        seconds = seconds * 60 + float(part)
    cpu = float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0)
    rss_mib = int(field("Maximum resident set size (kbytes)") or 0) / 1024
    status = int(field("Exit status") or -1)
    return {"wall": seconds, "cpu": cpu, "rss_mib": rss_mib, "exit": status}


def read_needles(path):
    """(host, path) of each needle URL, or None when the web has none (not national)."""
    if not path.exists():
        return None
    needles = set()
    for line in path.read_text().splitlines():
        match = re.match(r"^https?://([^/]+)(/[^?#]*)", line.strip())
        if match:
            needles.add((match.group(1), match.group(2)))
    return needles or None


def measure(log, interval, needles=None):
    per_host = collections.defaultdict(list)
    seen = set()
    good = set()
    duplicates = 0
    violations = 0
    for time, host, path, status in log:
        bare = path.split("?", 1)[0]
        key = (host, bare)
        if key in seen:
            duplicates += 1
        seen.add(key)
        if bare.startswith("/private/"):
            violations += 1
        if status == 200 and GOOD_PATH.match(bare):
            good.add(key)
        per_host[host].append(time)
    gaps = []
    for times in per_host.values():
        times.sort()
        gaps.extend(b - a for a, b in zip(times, times[1:]))
    bound = max(((len(t) - 1) * interval for t in per_host.values()), default=0.0)
    return {
        "requests": len(log),
        "pages": len(good),
        "duplicates": duplicates,
        "violations": violations,
        "min_gap_ms": min(gaps) * 1000 if gaps else float("nan"),
        "bound": bound,
        "hosts": len(per_host),
        "needles": len(good & needles) if needles else None,
    }


def main():
    work = Path(sys.argv[1])
    interval = float(sys.argv[2])
    pages_per_host = int(sys.argv[3])
    hosts = int(sys.argv[4])
    total = pages_per_host * hosts
    needles = read_needles(work / "needles.txt")
    results = {}
    for tool in ("coursemap", "scrapy"):
        for mode in ("throttled", "unthrottled"):
            run = f"{tool}-{mode}"
            log_path, time_path = work / f"{run}.access.tsv", work / f"{run}.time"
            if not log_path.exists() or not time_path.exists():
                continue
            figures = measure(
                read_log(log_path), interval if mode == "throttled" else 0.0, needles
            )
            figures.update(read_time(time_path))
            results[run] = figures

    rows = [
        ("exit status", "exit", "{:d}"),
        ("wall time (s)", "wall", "{:.1f}"),
        ("lower bound (s)", "bound", "{:.1f}"),
        ("wall / lower bound", "ratio", "{:.2f}"),
        (f"pages fetched (of {total})", "pages", "{:d}"),
        ("requests sent", "requests", "{:d}"),
        ("duplicates fetched", "duplicates", "{:d}"),
        ("robots violations", "violations", "{:d}"),
        ("min per-host gap (ms)", "min_gap_ms", "{:.1f}"),
        ("peak RSS (MiB)", "rss_mib", "{:.0f}"),
        ("CPU (s)", "cpu", "{:.1f}"),
        ("pages/s", "rate", "{:.0f}"),
    ]
    if needles:
        rows[4] = ("pages fetched", "pages", "{:d}")
        rows.append((f"needles fetched (of {len(needles)})", "needles", "{:d}"))
        rows.append(("pages fetched per needle", "per_needle", "{:.1f}"))
    for figures in results.values():
        figures["ratio"] = figures["wall"] / figures["bound"] if figures["bound"] else float("nan")
        figures["rate"] = figures["pages"] / figures["wall"] if figures["wall"] else float("nan")
        if figures.get("needles"):
            figures["per_needle"] = figures["pages"] / figures["needles"]
    runs = list(results)
    shape = f"national, {hosts} hosts" if needles else f"{hosts} hosts x {pages_per_host} pages"
    lines = [
        f"Generated web: {shape}; throttled interval {interval * 1000:.0f} ms per host.",
        "",
        "| figure | " + " | ".join(runs) + " |",
        "| --- | " + " | ".join("---:" for _ in runs) + " |",
    ]
    for label, key, fmt in rows:
        cells = []
        for run in runs:
            value = results[run].get(key)
            if key in ("ratio", "bound") and run.endswith("unthrottled"):
                cells.append("-")
            else:
                cells.append(fmt.format(value) if value is not None else "?")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for mode in ("throttled", "unthrottled"):
        ours, theirs = results.get(f"coursemap-{mode}"), results.get(f"scrapy-{mode}")
        # A run without its time report (stopped from outside) has no wall time to compare.
        if ours and theirs and ours["wall"] and theirs["wall"]:
            lines.append("")
            lines.append(
                f"{mode}: coursemap / Scrapy = wall {ours['wall'] / theirs['wall']:.2f}x, "
                f"CPU {ours['cpu'] / max(theirs['cpu'], 1e-9):.2f}x, "
                f"peak RSS {ours['rss_mib'] / max(theirs['rss_mib'], 1e-9):.2f}x"
            )
    report = "\n".join(lines) + "\n"
    (work / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
