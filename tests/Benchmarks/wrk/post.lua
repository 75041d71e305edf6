-- POST /api/readouts: a new call's first side, then, as the thread's next request, the other
-- side of that call (another source, the same leaders, the same date or the day after). Call
-- templates come from BENCH_TEMPLATES (two JSON sides a line, tab-separated); the dates and a URL
-- part unique to this run, thread and call are filled in. The write key is BENCH_API_KEY.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local templates = {}
local headers = {}
local calls = 0
local second_side = nil

setup = common.setup

function init(args)
  common.seed()
  for line in io.lines(os.getenv("BENCH_TEMPLATES")) do
    local first, second = line:match("^(.-)\t(.*)$")
    if first then
      templates[#templates + 1] = { first, second }
    end
  end
  headers["Content-Type"] = "application/json"
  headers["X-Api-Key"] = os.getenv("BENCH_API_KEY")
end

local function fill(template, date, key)
  return (template:gsub("__D[12]__", date):gsub("__URL__", key))
end

function request()
  local body
  if second_side then
    body = second_side
    second_side = nil
  else
    calls = calls + 1
    local template = templates[math.random(#templates)]
    -- A day from 2001-01-01 to 2025-12-31, as in the loaded corpus.
    local day = 978307200 + math.random(0, 9130) * 86400
    local key = string.format("%d-%d-%d", run_id or 0, thread_id or 0, calls)
    body = fill(template[1], os.date("!%Y-%m-%d", day), key)
    second_side = fill(template[2], os.date("!%Y-%m-%d", day + math.random(0, 1) * 86400), key)
  end
  return wrk.format("POST", "/api/readouts", headers, body)
end

done = common.done
