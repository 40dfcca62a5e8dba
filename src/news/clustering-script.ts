/**
 * The commit of one story assignment, run atomically by Redis. Scoring happens in each process, from its
 * in-memory copy of the cluster log; this script only checks that the copy was complete and appends.
 * KEYS: 1 item → story (STRING), 2 the cluster log (STREAM).
 * ARGV: 1 id of the last log entry the process has read, 2 story id, 3 the entry (JSON), 4 TTL of the item
 * key (s), 5 how long the log keeps entries (ms), 6 "1" to append even when the log has moved on.
 * Returns {'done', story} when the item was assigned already (a replay, or another process got there first),
 * {'retry'} when entries were logged after ARGV[1] (the process reads them and decides again), or
 * {'ok', entry id}. O(1) apart from the occasional trim: no candidate is read or scored here.
 */
export const COMMIT_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return {'done', existing} end
if ARGV[6] ~= '1' and #redis.call('XRANGE', KEYS[2], '(' .. ARGV[1], '+', 'COUNT', 1) > 0 then return {'retry'} end
local now = redis.call('TIME')
local minId = tostring(tonumber(now[1]) * 1000 - tonumber(ARGV[5]))
local id = redis.call('XADD', KEYS[2], 'MINID', '~', minId, '*', 'e', ARGV[3])
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]))
return {'ok', id}
`;
