-- A listed peer by id, or else by name key. ARGV: peer id or name, name key ('' for none).
-- Replies {} or {peer, name}.
local name = redis.call('HGET', 'switchboard:online', ARGV[1])
if name then
  return {ARGV[1], name}
end
if ARGV[2] == '' then
  return {}
end
local peer = redis.call('HGET', 'switchboard:names', ARGV[2])
if not peer then
  return {}
end
name = redis.call('HGET', 'switchboard:online', peer)
if not name then
  return {}
end
return {peer, name}
