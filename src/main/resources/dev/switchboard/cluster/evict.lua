-- Removes peers of one node from their rooms and from the directory, in one atomic step.
-- ARGV: node, scope, peers...
--   scope 'dead':  every peer of the node, only if its liveness record is gone; the node is forgotten.
--   scope 'peers': only the peers listed after it (a live node cleaning up after a Redis outage).
-- Replies {departures, offline}: departures = {room, peer, remaining members}..., offline = {peer, name}...
local node, scope = ARGV[1], ARGV[2]
local nodeRooms = 'switchboard:node-rooms:' .. node
local nodeNames = 'switchboard:node-names:' .. node
local peers = {}
if scope == 'dead' then
  if redis.call('EXISTS', 'switchboard:node:' .. node) == 1 then
    return {{}, {}}
  end
  local all = {}
  for _, peer in ipairs(redis.call('HKEYS', nodeRooms)) do all[peer] = true end
  for _, peer in ipairs(redis.call('HKEYS', nodeNames)) do all[peer] = true end
  for peer in pairs(all) do peers[#peers + 1] = peer end
  table.sort(peers)
else
  for i = 3, #ARGV do peers[#peers + 1] = ARGV[i] end
end
local departures, offline = {}, {}
for _, peer in ipairs(peers) do
  local room = redis.call('HGET', nodeRooms, peer)
  if room then
    redis.call('HDEL', nodeRooms, peer)
    local key = 'switchboard:room:' .. room
    redis.call('LREM', key, 1, peer)
    local remaining = redis.call('LRANGE', key, 0, -1)
    if #remaining == 0 then
      redis.call('SREM', 'switchboard:rooms', room)
    end
    departures[#departures + 1] = {room, peer, remaining}
  end
  local nameKey = redis.call('HGET', nodeNames, peer)
  if nameKey then
    redis.call('HDEL', nodeNames, peer)
    local name = redis.call('HGET', 'switchboard:online', peer)
    redis.call('HDEL', 'switchboard:online', peer)
    if redis.call('HGET', 'switchboard:names', nameKey) == peer then
      redis.call('HDEL', 'switchboard:names', nameKey)
    end
    offline[#offline + 1] = {peer, name or ''}
  end
end
if scope == 'dead' then
  redis.call('DEL', nodeRooms, nodeNames)
  redis.call('SREM', 'switchboard:nodes', node)
end
return {departures, offline}
