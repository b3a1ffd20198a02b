-- 1,000 starts per request: POST /v1/executions/batch of the one-Task workflow `wrk-echo`.
-- Starts/s = requests/s x 1,000 (run.sh multiplies); the answer's items are not parsed (200 means one
-- transaction committed every start, a failed item would still be 200: run.sh counts executions after).
local items = {}
for i = 1, 1000 do
  items[i] = '{"stateMachine":"wrk-echo","input":{"n":' .. i .. '}}'
end
wrk.method = "POST"
wrk.path = "/v1/executions/batch"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"executions":[' .. table.concat(items, ",") .. ']}'

function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
