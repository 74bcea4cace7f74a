-- Keeps this node's liveness record. ARGV: node, ttl in ms, 'register' or 'refresh'.
-- register creates the record and lists the node; refresh extends a record that still exists.
-- Replies {1} while the node is alive, {0} when its record is gone (expired, reaped, or Redis lost its data).
local key = 'switchboard:node:' .. ARGV[1]
if ARGV[3] == 'register' then
  redis.call('SET', key, '1', 'PX', ARGV[2])
  redis.call('SADD', 'switchboard:nodes', ARGV[1])
  return {1}
end
if redis.call('SET', key, '1', 'XX', 'PX', ARGV[2]) then
  return {1}
end
return {0}
