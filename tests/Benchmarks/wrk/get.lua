-- GET scenarios: each request is a path drawn at random from the file named by BENCH_PATHS (one
-- path a line). No response() hook: defining one makes wrk parse every answer in Lua and slows
-- it down; non-2xx/3xx answers are counted by wrk itself (summary.errors.status).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local requests = {}

setup = common.setup

function init(args)
  common.seed()
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then
      requests[#requests + 1] = wrk.format("GET", line)
    end
  end
end

function request()
  return requests[math.random(#requests)]
end

done = common.done
