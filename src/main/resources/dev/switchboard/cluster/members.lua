-- The members of rooms, to resynchronise a node's view after missed events. ARGV: rooms.
-- Replies one list of members per room, in the same order (empty for a room that is gone).
local result = {}
for i, room in ipairs(ARGV) do
  result[i] = redis.call('LRANGE', 'switchboard:room:' .. room, 0, -1)
end
return result
