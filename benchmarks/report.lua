-- wrk script: POST /v1/reports, a harassment report from a different reporter each time,
-- so the rollout bucketing and case grouping see realistic variety.
local counter = 0
local key = os.getenv("RELAIS_KEY")

request = function()
  counter = counter + 1
  local body = string.format(
    '{"surface":"instagram","reporter":{"id":"bench-%d-%d","country":"FR","locale":"fr-FR","ageBracket":"13-17","isTarget":true},'
    .. '"subject":{"kind":"comment","id":"c-%d","authorId":"u-1","text":"bench"},"category":"harassment","goodFaith":true}',
    math.random(1, 1000000000), counter, counter % 500)
  return wrk.format("POST", "/v1/reports",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, non2xx))
end
