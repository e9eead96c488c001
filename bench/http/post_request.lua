-- wrk script: durable POST /api/v1/requests with a different consumer email on every call
-- (the per-email limit would refuse repeats; the server's limits are raised by run.sh).
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = 0
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"type":"delete","subject":{"email":"wrk-%d-%d@example.com","name":"Load Test"}}',
    thread_id, counter)
  return wrk.format("POST", "/api/v1/requests", {["Content-Type"] = "application/json"}, body)
end

local non_201 = 0
response = function(status, headers, body)
  if status ~= 201 then non_201 = non_201 + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
