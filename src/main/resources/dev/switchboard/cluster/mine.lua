-- What Redis holds for one node's peers: {peers in rooms, logged-in peers}. ARGV: node.
return {redis.call('HKEYS', 'switchboard:node-rooms:' .. ARGV[1]), redis.call('HKEYS', 'switchboard:node-names:' .. ARGV[1])}
