/**
 * The story-assignment script, run atomically by Redis.
 * KEYS: 1 item → story, 2 recent stories (ZSET id → first publication ms), 3.. the item's index keys
 * (MinHash bands and cross-language keys alike: each a ZSET story id → first publication ms).
 * ARGV: 1 new story id, 2 published ms, 3 window ms, 4 threshold, 5 TTL s, 6 features ("lang=en stem:w ..."),
 * 7 story-features key prefix, 8 members kept per story, 9 candidates read per key, 10 trim-before ms,
 * 11 weight of a major number, 12 entities two items in different languages must share,
 * 13 entity key prefix (ZSET story id → first publication ms per entity), 14 share of the window's stories
 * up to which an entity is distinctive, 15 story count up to which every entity is.
 * Returns { storyId, 1 when it was created here else 0, best similarity, 1 when joined across languages else 0 }.
 *
 * A member in the item's language (or stored without one) is compared on all features, as always; a member
 * in another language only on entity ids and numbers, and only when the two share a major number and
 * enough entities, one of them distinctive: named by few of the window's stories (not Kazakhstan or
 * Tokayev in a week of Kazakh politics, which with a round number would join unrelated events). A match in the item's own language wins over a cross-language one, so adding languages
 * never moves an item away from the story its own language would give it.
 */
export const ASSIGN_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return {existing, 0, '1', 0} end
local t = tonumber(ARGV[2])
local win = tonumber(ARGV[3])
local threshold = tonumber(ARGV[4])
local major = tonumber(ARGV[11])
local minEntities = tonumber(ARGV[12])
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
local entityPrefix = ARGV[13]
-- '@entity' -> true when few of the window's stories name it; filled in once the item is parsed.
local distinctive = {}
local function windowCount(key) return redis.call('ZCOUNT', key, t - win, t + win) end
local function neutral(k)
  local c = string.byte(k, 1)
  return c == 64 or c == 35 -- '@' entity id, '#' number
end
local function crossLanguage(a, b)
  local mn, mx, numbers, entities, rare = 0, 0, 0, 0, 0
  for k, wa in pairs(a) do
    if neutral(k) then
      local wb = b[k] or 0
      if wb > 0 then
        if string.byte(k, 1) == 64 then
          entities = entities + 1
          if distinctive[k] then rare = rare + 1 end
        elseif wa >= major and wb >= major then numbers = numbers + 1 end
      end
      if wa < wb then mn = mn + wa; mx = mx + wb else mn = mn + wb; mx = mx + wa end
    end
  end
  for k, wb in pairs(b) do if a[k] == nil and neutral(k) then mx = mx + wb end end
  if numbers < 1 or entities < minEntities or rare < 1 or mx == 0 then return 0 end
  return mn / mx
end
local mine, myLang = parse(ARGV[6]), string.match(ARGV[6], '^lang=(%a+)')
local myEntities = {}
for k in pairs(mine) do if string.byte(k, 1) == 64 then myEntities[#myEntities + 1] = string.sub(k, 2) end end
table.sort(myEntities)
-- How common each of the item's entities is among the window's stories, read once.
local stories = windowCount(KEYS[2])
local common = math.max(tonumber(ARGV[15]), stories * tonumber(ARGV[14]))
for _, e in ipairs(myEntities) do
  distinctive['@' .. e] = windowCount(entityPrefix .. e) <= common
end
-- ' #2500:' of each major number: a member in another language without one cannot pass, so is not parsed.
local myMajors = {}
for k, w in pairs(mine) do
  if string.byte(k, 1) == 35 and w >= major then myMajors[#myMajors + 1] = ' ' .. k .. ':' end
end
local function mayShareMajor(m)
  for _, needle in ipairs(myMajors) do
    if string.find(m, needle, 1, true) then return true end
  end
  return false
end
local seen = {}
local same, sameScore, cross, crossScore = nil, 0, nil, 0
-- A story that is really the same shares many bands, so it is met early; the cap bounds the work when a
-- band is crowded (a busy day of stories naming the same actors).
local budget = tonumber(ARGV[16])
for i = 3, #KEYS do
  if budget <= 0 then break end
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[i], t + win, t - win, 'LIMIT', 0, tonumber(ARGV[9]))
  for _, id in ipairs(ids) do
    if not seen[id] and budget > 0 then
      seen[id] = true
      budget = budget - 1
      for _, m in ipairs(redis.call('LRANGE', ARGV[7] .. id, 0, -1)) do
        local lang = string.match(m, '^lang=(%a+)')
        if myLang == nil or lang == nil or lang == myLang then
          local s = wj(mine, parse(m))
          if s > sameScore then same, sameScore = id, s end
        elseif mayShareMajor(m) then
          local s = crossLanguage(mine, parse(m))
          if s > crossScore then cross, crossScore = id, s end
        end
      end
    end
  end
end
local ttl = tonumber(ARGV[5])
local story, created, score, across = ARGV[1], 1, math.max(sameScore, crossScore), 0
if same and sameScore >= threshold then story, created, score = same, 0, sameScore
elseif cross and crossScore >= threshold then story, created, score, across = cross, 0, crossScore, 1 end
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
local function index(key)
  redis.call('ZADD', key, storyTime, story)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. trim)
  redis.call('EXPIRE', key, ttl)
end
for i = 3, #KEYS do index(KEYS[i]) end
for _, e in ipairs(myEntities) do index(entityPrefix .. e) end
return {story, created, tostring(score), across}
`;
