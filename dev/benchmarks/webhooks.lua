-- wrk script: thread k of WRK_THREADS sends every WRK_THREADS-th line of HOOKS (signature TAB body), in a loop
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  reqs = {}
  local threads = tonumber(os.getenv("WRK_THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("HOOKS")) do
    if i % threads == id - 1 then
      local tab = line:find("\t")
      table.insert(reqs, wrk.format("POST", "/api/v1/payments/webhook",
        {["Content-Type"] = "application/json", ["Stripe-Signature"] = line:sub(1, tab - 1)}, line:sub(tab + 1)))
    end
    i = i + 1
  end
  idx = 0
end
function request()
  idx = idx % #reqs + 1
  return reqs[idx]
end
