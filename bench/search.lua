-- wrk: the header search, cycling through the queries of BENCH_QUERIES (separated by "|", already URL-encoded).
local queries = {}
for q in string.gmatch(os.getenv("BENCH_QUERIES"), "[^|]+") do queries[#queries + 1] = q end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/?q=" .. queries[(counter % #queries) + 1])
end
