-- Removes a peer from the directory and frees its name. ARGV: peer, node. Replies {} or {name}.
local peer, node = ARGV[1], ARGV[2]
local nodeNames = 'switchboard:node-names:' .. node
local nameKey = redis.call('HGET', nodeNames, peer)
if not nameKey then
  return {}
end
local name = redis.call('HGET', 'switchboard:online', peer)
redis.call('HDEL', nodeNames, peer)
redis.call('HDEL', 'switchboard:online', peer)
if redis.call('HGET', 'switchboard:names', nameKey) == peer then
  redis.call('HDEL', 'switchboard:names', nameKey)
end
return {name}
