/** Lua scripts of the Redis archive: each write touches a story, its items and its indexes at once. */

/**
 * Saves a story unless it exists. KEYS: 1 story, 2 story items, 3 by-time index, 4 first item, 5.. entity indexes.
 * ARGV: 1 story id, 2 published ms, 3 TTL s, 4 item ids JSON, 5 first item fields JSON, 6.. story field/value pairs.
 * Returns 1 when saved, 0 when the story was already there.
 */
export const SAVE_STORY_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = tonumber(ARGV[3])
local fields = {}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('EXPIRE', KEYS[1], ttl)
for _, itemId in ipairs(cjson.decode(ARGV[4])) do redis.call('ZADD', KEYS[2], 'NX', ARGV[2], itemId) end
redis.call('EXPIRE', KEYS[2], ttl)
local item = cjson.decode(ARGV[5])
local itemFields = {}
for k, v in pairs(item) do itemFields[#itemFields + 1] = k; itemFields[#itemFields + 1] = v end
if #itemFields > 0 then
  redis.call('HSET', KEYS[4], unpack(itemFields))
  redis.call('EXPIRE', KEYS[4], ttl)
end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
for i = 5, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[2], ARGV[1])
  redis.call('EXPIRE', KEYS[i], ttl)
end
return 1
`;

/**
 * Adds an item to a story: records the outlet once, merges entities into the story and the entity index.
 * KEYS: 1 story, 2 story items, 3 item, 4.. entity indexes of the item's entities (same order as ARGV[7]).
 * ARGV: 1 item id, 2 item published ms, 3 source, 4 link ('' for none), 5 title, 6 publishedAt ISO,
 * 7 entities JSON, 8 story id, 9 TTL s, 10 the item's picture ('' for none: a story without one takes it).
 * Returns -1 when the story is missing, 0 when the item was already in it, 1 when added.
 */
export const ADD_TO_STORY_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1]) == 0 then return 0 end
local ttl = tonumber(ARGV[9])
redis.call('HSET', KEYS[3], 'id', ARGV[1], 'source', ARGV[3], 'link', ARGV[4], 'title', ARGV[5],
  'publishedAt', ARGV[6], 'entities', ARGV[7], 'storyId', ARGV[8])
redis.call('EXPIRE', KEYS[3], ttl)
local story = redis.call('HMGET', KEYS[1], 'source', 'alsoReportedBy', 'entities', 'publishedAtMs')
local also = cjson.decode(story[2] or '[]')
local known = story[1] == ARGV[3]
for _, o in ipairs(also) do if o.source == ARGV[3] then known = true end end
if not known then
  local entry = { source = ARGV[3], title = ARGV[5] }
  if ARGV[4] ~= '' then entry.link = ARGV[4] end
  also[#also + 1] = entry
  redis.call('HSET', KEYS[1], 'alsoReportedBy', cjson.encode(also))
end
local ents = cjson.decode(story[3] or '[]')
local have = {}
for _, e in ipairs(ents) do have[e] = true end
local changed = false
for i, e in ipairs(cjson.decode(ARGV[7])) do
  if not have[e] then
    have[e] = true
    ents[#ents + 1] = e
    changed = true
    redis.call('ZADD', KEYS[3 + i], story[4], ARGV[8])
    redis.call('EXPIRE', KEYS[3 + i], ttl)
  end
end
if changed then redis.call('HSET', KEYS[1], 'entities', cjson.encode(ents)) end
if (ARGV[10] or '') ~= '' and (redis.call('HGET', KEYS[1], 'image') or '') == '' then
  redis.call('HSET', KEYS[1], 'image', ARGV[10])
end
return 1
`;
