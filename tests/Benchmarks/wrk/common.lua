-- What every scenario script shares: a distinct random seed and id per wrk thread, and done(),
-- which writes the scenario's result as one JSON object to the file named by BENCH_RESULT.
-- latencyUs lists the latency at every 0.1 percentile, so that runs taken in slices can be
-- merged into one distribution (the corpus tool's merge-slices).
local common = {}

local threads = 0

function common.setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
  thread:set("run_id", os.time())
end

function common.seed()
  math.randomseed(os.time() * 100 + (thread_id or 0))
end

function common.done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  -- latency is recorded in microseconds.
  local quantiles = {}
  for i = 1, 999 do
    quantiles[i] = string.format("%d", latency:percentile(i / 10))
  end
  -- wrk's percentile(100) answers 0.
  quantiles[1000] = string.format("%d", latency.max)
  local line = string.format(
    '{"requests":%d,"durationS":%.3f,"rps":%.1f,"p50Ms":%.3f,"p99Ms":%.3f,"errors":%d,"non2xx3xx":%d,"socketErrors":%d,"latencyUs":[%s]}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, e.status, e.connect + e.read + e.write + e.timeout,
    table.concat(quantiles, ","))
  local path = os.getenv("BENCH_RESULT")
  if path then
    local file = assert(io.open(path, "w"))
    file:write(line, "\n")
    file:close()
  end
  print(string.format("BENCH_RESULT requests=%d rps=%.1f p99Ms=%.3f", summary.requests, summary.requests / seconds, latency:percentile(99) / 1000))
end

return common
