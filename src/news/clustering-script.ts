/**
 * The story-assignment script, run atomically by Redis.
 * KEYS: 1 item → story, 2 recent stories (ZSET id → first publication ms), 3.. the item's band keys.
 * ARGV: 1 new story id, 2 published ms, 3 window ms, 4 threshold, 5 TTL s, 6 features ("stem:w ..."),
 * 7 story-features key prefix, 8 members kept per story, 9 candidates read per band, 10 trim-before ms.
 * Returns { storyId, 1 when it was created here else 0, best similarity }.
 */
export const ASSIGN_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return {existing, 0, '1'} end
local t = tonumber(ARGV[2])
local win = tonumber(ARGV[3])
local function parse(s)
  local f = {}
  for k, w in string.gmatch(s, '(%S+):(%d+)') do f[k] = tonumber(w) end
  return f
end
local function wj(a, b)
  local mn, mx = 0, 0
  for k, wa in pairs(a) do
    local wb = b[k] or 0
    if wa < wb then mn = mn + wa; mx = mx + wb else mn = mn + wb; mx = mx + wa end
  end
  for k, wb in pairs(b) do if a[k] == nil then mx = mx + wb end end
  if mx == 0 then return 0 end
  return mn / mx
end
local mine = parse(ARGV[6])
local seen = {}
local best, bestScore = nil, 0
for i = 3, #KEYS do
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[i], t + win, t - win, 'LIMIT', 0, tonumber(ARGV[9]))
  for _, id in ipairs(ids) do
    if not seen[id] then
      seen[id] = true
      for _, m in ipairs(redis.call('LRANGE', ARGV[7] .. id, 0, -1)) do
        local s = wj(mine, parse(m))
        if s > bestScore then best, bestScore = id, s end
      end
    end
  end
end
local ttl = tonumber(ARGV[5])
local story, created = ARGV[1], 1
if best and bestScore >= tonumber(ARGV[4]) then story, created = best, 0 end
redis.call('SET', KEYS[1], story, 'EX', ttl)
local fkey = ARGV[7] .. story
if redis.call('LLEN', fkey) < tonumber(ARGV[8]) then redis.call('RPUSH', fkey, ARGV[6]) end
redis.call('EXPIRE', fkey, ttl)
local storyTime = t
if created == 1 then
  redis.call('ZADD', KEYS[2], t, story)
else
  storyTime = tonumber(redis.call('ZSCORE', KEYS[2], story) or t)
end
local trim = tonumber(ARGV[10])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. trim)
redis.call('EXPIRE', KEYS[2], ttl)
for i = 3, #KEYS do
  redis.call('ZADD', KEYS[i], storyTime, story)
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. trim)
  redis.call('EXPIRE', KEYS[i], ttl)
end
return {story, created, tostring(bestScore)}
`;
