-- Takes a peer out of its room; the room goes with its last member.
-- ARGV: peer, node. Replies {} when the peer is in no room, else {room, remaining members}.
local peer, node = ARGV[1], ARGV[2]
local nodeRooms = 'switchboard:node-rooms:' .. node
local room = redis.call('HGET', nodeRooms, peer)
if not room then
  return {}
end
redis.call('HDEL', nodeRooms, peer)
local key = 'switchboard:room:' .. room
redis.call('LREM', key, 1, peer)
local remaining = redis.call('LRANGE', key, 0, -1)
if #remaining == 0 then
  redis.call('SREM', 'switchboard:rooms', room)
end
return {room, remaining}
