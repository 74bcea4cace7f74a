-- Removes every peer of a dead node from its room and from the directory, in one atomic step, and
-- forgets the node; only if the node's liveness record is gone, so a live node is never evicted.
-- ARGV: node. Replies {departures, offline}: departures = {room, peer, remaining members}...,
-- offline = {peer, name}... (both empty when the node is alive or was evicted already).
local node = ARGV[1]
local nodeRooms = 'switchboard:node-rooms:' .. node
local nodeNames = 'switchboard:node-names:' .. node
if redis.call('EXISTS', 'switchboard:node:' .. node) == 1 then
  return {{}, {}}
end
local departures, offline = {}, {}
for _, peer in ipairs(redis.call('HKEYS', nodeRooms)) do
  local room = redis.call('HGET', nodeRooms, peer)
  local key = 'switchboard:room:' .. room
  redis.call('LREM', key, 1, peer)
  local remaining = redis.call('LRANGE', key, 0, -1)
  if #remaining == 0 then
    redis.call('SREM', 'switchboard:rooms', room)
  end
  departures[#departures + 1] = {room, peer, remaining}
end
for _, peer in ipairs(redis.call('HKEYS', nodeNames)) do
  local nameKey = redis.call('HGET', nodeNames, peer)
  local name = redis.call('HGET', 'switchboard:online', peer)
  redis.call('HDEL', 'switchboard:online', peer)
  if redis.call('HGET', 'switchboard:names', nameKey) == peer then
    redis.call('HDEL', 'switchboard:names', nameKey)
  end
  offline[#offline + 1] = {peer, name or ''}
end
redis.call('DEL', nodeRooms, nodeNames)
redis.call('SREM', 'switchboard:nodes', node)
return {departures, offline}
