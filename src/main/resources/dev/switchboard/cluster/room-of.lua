-- The room of a peer on any node, with its members. ARGV: peer, node. Replies {} or {room, members}.
local room = redis.call('HGET', 'switchboard:node-rooms:' .. ARGV[2], ARGV[1])
if not room then
  return {}
end
return {room, redis.call('LRANGE', 'switchboard:room:' .. room, 0, -1)}
