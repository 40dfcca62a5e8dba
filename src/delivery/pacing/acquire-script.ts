/** The Redis server's clock in ms, unless ARGV[1] gives one (tests). */
export const NOW = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * Check-and-take of the pacing tokens, atomically.
 *
 * KEYS: [lease], cooldowns..., buckets...
 * ARGV: now|-1, cooldownCount, hasLease, leaseOwner, leaseTtlMs, reserveAheadMs|-1, queueLeadMs, graceMs,
 * then capacity, refill-per-ms and shared (1|0) per bucket.
 * Returns {code, waitMs[, busyForMs]}: 0 taken, 1 lease held by another, 2 cooldown, 3 bucket empty,
 * 4 reserved (come back in waitMs and send without taking again), 5 queued (come back in waitMs, near the turn).
 *
 * Buckets: each holds `t` tokens at time `ts`. A take is scheduled at T, the earliest time every bucket has a
 * token; takes per bucket never go back in time (T >= ts), so the schedule of takes obeys every bucket even when
 * T is in the future. Without a reservation (reserveAheadMs -1 or no lease) only T <= now is taken, as a plain
 * token bucket. With one, T up to reserveAheadMs ahead is taken and remembered in the lease (owner|T|r); later
 * the owner is let through within graceMs of T (a little early, it is told how long to hold the send: {0, 0, ms}),
 * but not later (then it takes again: a stalled worker must not release a bunch of old reservations at once). Only shared buckets (the platform's)
 * are reserved ahead: a destination's own bucket must have its token now, or every later take from the shared
 * one would be pushed behind that destination's slot. Beyond that, the job takes a turn `q` on the bucket that blocks it
 * (turns are one token apart), so the blocked jobs come back one by one near their turns rather than all at the
 * next token; its lease says owner|turn|q, and the destination's other jobs wait for that turn instead of polling.
 * Back for its turn, a job reserves at most 3 x queueLeadMs ahead, so that jobs in line do not fill the slots a
 * first message may reserve; if it cannot, it comes back when it can rather than taking a new turn.
 * Everything is checked before anything is taken, so a refusal costs no token.
 */
export const ACQUIRE = `${NOW}
local nCool = tonumber(ARGV[2])
local hasLease = tonumber(ARGV[3])
local owner = ARGV[4]
local leaseTtl = tonumber(ARGV[5])
local ahead = tonumber(ARGV[6])
local lead = tonumber(ARGV[7])
local grace = tonumber(ARGV[8])
local k = 1
local reservedAt = nil
local returning = false
if hasLease == 1 then
  local holder = redis.call('GET', KEYS[1])
  if holder then
    local hOwner, hAt, hKind = string.match(holder, '^(.*)|(%d+)|(%a)$')
    if not hOwner then hOwner = holder end
    if hOwner ~= owner then
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 1 then ttl = 1 end
      local busy = 0
      if hAt and tonumber(hAt) > now then busy = tonumber(hAt) - now end
      return {1, ttl, busy}
    end
    if hKind == 'r' then reservedAt = tonumber(hAt) end
    -- Back for its turn: reserve only near the present, leaving the slots further ahead to first messages.
    if hKind == 'q' then
      returning = true
      if ahead > 3 * lead then ahead = 3 * lead end
    end
  end
  k = 2
end
local wait = 0
for i = 1, nCool do
  local untilMs = tonumber(redis.call('GET', KEYS[k]) or '0')
  if untilMs - now > wait then wait = untilMs - now end
  k = k + 1
end
if wait > 0 then return {2, wait} end
if reservedAt then
  if reservedAt - now > grace then return {4, reservedAt - now} end
  if now - reservedAt <= grace then
    redis.call('SET', KEYS[1], owner, 'PX', leaseTtl)
    if reservedAt > now then return {0, 0, reservedAt - now} end
    return {0, 0}
  end
end
local states = {}
local a = 9
local at = now
local bind = 0
local localAt = now
local localBind = 0
for i = k, #KEYS do
  local cap = tonumber(ARGV[a])
  local rate = tonumber(ARGV[a + 1])
  local shared = tonumber(ARGV[a + 2])
  a = a + 3
  local st = redis.call('HMGET', KEYS[i], 't', 'ts', 'q')
  local tokens = tonumber(st[1])
  local ts = tonumber(st[2])
  if not tokens then tokens = cap; ts = now end
  local base = math.max(now, ts)
  tokens = math.min(cap, tokens + (base - ts) * rate)
  local earliest = base
  if tokens < 1 then earliest = base + math.ceil((1 - tokens) / rate) end
  states[i] = {tokens, base, cap, rate, tonumber(st[3]) or 0}
  if earliest > at then at = earliest; bind = i end
  if shared == 0 and earliest > localAt then localAt = earliest; localBind = i end
end
wait = at - now
local allowed = 0
if hasLease == 1 and ahead > 0 and localAt <= now then allowed = ahead end

if wait <= allowed then
  for i = k, #KEYS do
    local s = states[i]
    local left = math.min(s[3], s[1] + (at - s[2]) * s[4]) - 1
    redis.call('HSET', KEYS[i], 't', string.format('%.6f', left), 'ts', at)
    redis.call('PEXPIRE', KEYS[i], wait + math.ceil(s[3] / s[4]) + 60000)
  end
  if wait > 0 then
    redis.call('SET', KEYS[1], owner .. '|' .. at .. '|r', 'PX', leaseTtl + wait)
    return {4, wait}
  end
  if hasLease == 1 then redis.call('SET', KEYS[1], owner, 'PX', leaseTtl) end
  return {0, 0}
end
if hasLease == 0 or ahead < 0 then return {3, wait} end
if localAt > now then
  -- The destination's own bucket: only its own jobs wait for it (the lease holds the others), so no line.
  redis.call('SET', KEYS[1], owner .. '|' .. at .. '|q', 'PX', leaseTtl + wait)
  return {5, wait}
end
if returning then
  -- It had its turn and others came first: it comes back as soon as it could reserve, without a new turn at
  -- the end of the line (the unused turn would leave the bucket idle while the line waits).
  local back = wait - ahead
  redis.call('SET', KEYS[1], owner .. '|' .. (now + back) .. '|q', 'PX', leaseTtl + back)
  return {5, back}
end
local s = states[bind]
local turn = math.max(s[5], at)
redis.call('HSET', KEYS[bind], 'q', string.format('%.3f', turn + 1 / s[4]))
if redis.call('PTTL', KEYS[bind]) < turn - now + 60000 then
  redis.call('PEXPIRE', KEYS[bind], math.ceil(turn - now) + 60000)
end
redis.call('SET', KEYS[1], owner .. '|' .. math.floor(turn) .. '|q', 'PX', leaseTtl + math.ceil(turn - now))
local back = math.floor(turn - now - lead)
if back < 1 then back = 1 end
return {5, back}
`;

/** KEYS: lease   ARGV: owner. Deletes the lease if `owner` holds it (plain, reserved or queued). */
export const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and (v == ARGV[1] or string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. '|') then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS: cooldown   ARGV: now|-1, ms. */
export const COOLDOWN = `${NOW}
local untilMs = now + tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= untilMs then return 0 end
redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[2])
return 1
`;
