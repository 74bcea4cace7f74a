-- What Redis holds for one node's peers: {{peer, room, ...}, {peer, name key, ...}}. ARGV: node.
return {redis.call('HGETALL', 'switchboard:node-rooms:' .. ARGV[1]), redis.call('HGETALL', 'switchboard:node-names:' .. ARGV[1])}
