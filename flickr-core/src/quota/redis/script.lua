-- flickr-rs shared quota: one atomic admission per call, on the Redis
-- server's clock. GCRA (the generic cell rate algorithm), which is a token
-- bucket of `capacity` tokens refilled evenly over `period`, full at start,
-- kept as one number: the theoretical arrival time `tat` of the next call.
-- The bucket holds (now + period - tat) / interval tokens.
--
-- KEYS[1]  the hash holding `tat` and `paused_until` (microseconds, server clock)
-- ARGV[1]  "take" (one token), "peek" (read only) or "pause"
-- ARGV[2]  capacity (calls per period, >= 1)
-- ARGV[3]  period in microseconds (>= 1000)
-- ARGV[4]  pause length in microseconds ("pause" only)
--
-- Returns {granted (1/0), wait in microseconds, whole tokens left}.
-- While paused: {0, pause left, 0} for "take" and "peek".

-- TIME is non-deterministic: Redis before 5 must replicate the effects.
if redis.replicate_commands then
  pcall(redis.replicate_commands)
end

local key = KEYS[1]
local op = ARGV[1]
local capacity = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local pause = tonumber(ARGV[4]) or 0
if not capacity or capacity < 1 or not period or period < 1000 then
  return redis.error_reply('flickr-rs quota: bad capacity or period')
end

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local interval = period / capacity

local state = redis.call('HMGET', key, 'tat', 'paused_until')
local tat = tonumber(state[1]) or now
if tat < now then
  tat = now
end
local paused_until = tonumber(state[2]) or 0

local function tokens_left()
  -- The small epsilon keeps a full bucket at `capacity` despite rounding.
  local left = math.floor((now + period - tat) / interval + 1e-9)
  if left < 0 then
    return 0
  end
  return left
end

local function save()
  redis.call('HSET', key, 'tat', string.format('%.17g', tat),
    'paused_until', string.format('%.0f', paused_until))
  -- Past this time the state equals a missing one (full, not paused), so
  -- an idle key costs nothing; a second of margin.
  local busy_until = math.max(tat, paused_until)
  redis.call('PEXPIRE', key, math.floor((busy_until - now) / 1000) + 1000)
end

if op == 'pause' then
  local till = now + pause
  if till > paused_until then
    paused_until = till
    save()
  end
  return {1, paused_until - now, 0}
end

if paused_until > now then
  return {0, paused_until - now, 0}
end

if op == 'peek' then
  return {1, 0, tokens_left()}
end

if op ~= 'take' then
  return redis.error_reply('flickr-rs quota: unknown operation')
end

local next_tat = tat + interval
-- Allowed while the bucket still holds a whole token; half an interval (at
-- most 1 us) of tolerance for floating-point rounding of the stored time.
if next_tat - now <= period + math.min(1, interval / 2) then
  tat = next_tat
  save()
  return {1, 0, tokens_left()}
end
return {0, math.ceil(next_tat - period - now), tokens_left()}
