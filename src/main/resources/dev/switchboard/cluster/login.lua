-- Lists a peer under a name, unique ignoring case, within the directory's bound.
-- ARGV: peer, node, name (as registered), name key (case-folded), max online.
-- Replies {logged-in, [peer, name, peer, name...] of everyone listed, the newcomer included} |
-- {already-logged-in, name} | {directory-full} | {name-taken} | {node-lost}
local peer, node, name, nameKey, maxOnline = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
if redis.call('EXISTS', 'switchboard:node:' .. node) == 0 then
  return {'node-lost'}
end
local current = redis.call('HGET', 'switchboard:online', peer)
if current then
  return {'already-logged-in', current}
end
if redis.call('HLEN', 'switchboard:online') >= maxOnline then
  return {'directory-full'}
end
if redis.call('HSETNX', 'switchboard:names', nameKey, peer) == 0 then
  return {'name-taken'}
end
redis.call('HSET', 'switchboard:online', peer, name)
redis.call('HSET', 'switchboard:node-names:' .. node, peer, nameKey)
return {'logged-in', redis.call('HGETALL', 'switchboard:online')}
