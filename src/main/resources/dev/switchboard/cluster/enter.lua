-- create / join / create-or-join of one room, decided in one atomic step.
-- ARGV: mode (create|join|create-or-join), room, peer, node, capacity, max rooms
-- Replies {outcome} or {outcome, detail}: created | joined + members before | full | empty | room-exists |
-- too-many-rooms | already-in-room + room | node-lost (this node's liveness record is gone: it was reaped)
local mode, room, peer, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local capacity, maxRooms = tonumber(ARGV[5]), tonumber(ARGV[6])
if redis.call('EXISTS', 'switchboard:node:' .. node) == 0 then
  return {'node-lost'}
end
local nodeRooms = 'switchboard:node-rooms:' .. node
local current = redis.call('HGET', nodeRooms, peer)
if current then
  return {'already-in-room', current}
end
local key = 'switchboard:room:' .. room
local members = redis.call('LRANGE', key, 0, -1)
if #members == 0 then
  if mode == 'join' then
    return {'empty'}
  end
  if redis.call('SCARD', 'switchboard:rooms') >= maxRooms then
    return {'too-many-rooms'}
  end
  redis.call('SADD', 'switchboard:rooms', room)
  redis.call('RPUSH', key, peer)
  redis.call('HSET', nodeRooms, peer, room)
  return {'created'}
end
if mode == 'create' then
  return {'room-exists'}
end
if #members >= capacity then
  return {'full'}
end
redis.call('RPUSH', key, peer)
redis.call('HSET', nodeRooms, peer, room)
return {'joined', members}
