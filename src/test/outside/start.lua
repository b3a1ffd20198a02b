-- One start per request: POST /v1/executions of the one-Task workflow `wrk-echo` (run.sh defines it).
wrk.method = "POST"
wrk.path = "/v1/executions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"stateMachine":"wrk-echo","input":{"n":1}}'

-- wrk counts answers that are not 2xx/3xx as errors; done() prints them, so errors cannot pass for throughput.
function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
