-- wrk: posts replies as collaborator 1 to the 20 benchmark conversations (five other participants each).
local ids = {}
for line in io.lines(os.getenv("BENCH_REPLY_IDS")) do ids[#ids + 1] = line end
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format(nil, "/api/v1/conversations/" .. id .. "/messages", nil,
    '{"html": "<p>Réponse ' .. counter .. ' : merci, c\'est noté.</p>"}')
end
