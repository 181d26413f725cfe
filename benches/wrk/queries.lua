-- A mixed query set for `wrk -s queries.lua`: text, text with filters, filters only (facet
-- counts), typos and prefixes, deeper pages, course lookups and the CSV export, in the
-- proportions a search page sees (mostly as-you-type text). Each wrk thread walks the list
-- from its own starting point.

local paths = {
  -- text
  "/api/search?q=improvement",
  "/api/search?q=quality+improvement",
  "/api/search?q=implementation+science",
  "/api/search?q=leadership",
  "/api/search?q=patient+safety",
  "/api/search?q=%22quality+improvement%22",
  "/api/search?q=improvement+-nursing",
  "/api/search?q=title%3Amsc+measurement",
  "/api/search?q=impro",
  "/api/search?q=improvment+sciense",
  "/api/search?q=evidence+based+practice",
  "/api/search?q=knowledge+mobilisation",
  -- text + filters
  "/api/search?q=improvement&level=7",
  "/api/search?q=improvement&level=7&delivery=distance",
  "/api/search?q=leadership&kind=programme&max_fee=5000",
  "/api/search?q=public+health&region=south&focus=main",
  "/api/search?q=research&level=7&level=8&delivery=blended",
  "/api/search?q=practice&provider=lsbu",
  "/api/search?q=safety&max_months=24&part_time=true",
  -- filters only: facet counts over the whole catalogue
  "/api/search",
  "/api/search?level=7",
  "/api/search?delivery=distance&kind=programme",
  "/api/search?kind=short_course",
  "/api/search?focus=main&region=north_west",
  "/api/search?max_fee=3000",
  -- paging, details, export
  "/api/search?q=improvement&offset=100&limit=20",
  "/api/search?level=6&offset=2000",
  "/api/courses/gen-004242",
  "/api/courses/gen-099999",
  "/api/search.csv?q=patient+safety&level=7&limit=100",
}

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7)
end

function init(args)
  i = start or 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write("----- load test summary -----\n")
  io.write(string.format("requests:    %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("throughput:  %.0f requests/s\n", summary.requests / seconds))
  io.write(string.format("latency p50: %.2f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p99: %.2f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("latency max: %.2f ms\n", latency.max / 1000))
  io.write(string.format("errors:      %d (connect %d, read %d, write %d, timeout %d, non-2xx %d)\n",
    e.connect + e.read + e.write + e.timeout + e.status,
    e.connect, e.read, e.write, e.timeout, e.status))
  -- One line for run.sh to parse. wrk counts every response as completed: one with status
  -- >= 400 is also a non-2xx error, and one that took longer than --timeout is also a timeout
  -- error and left out of the latency figures. ok_rps counts only the responses that are
  -- neither.
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f ok_rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
      .. " errors=%d timeouts=%d non_2xx=%d connect=%d read=%d write=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    (summary.requests - e.status - e.timeout) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status,
    e.timeout, e.status, e.connect, e.read, e.write))
end
