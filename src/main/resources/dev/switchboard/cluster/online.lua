-- Everyone listed: {peer, name, peer, name...}.
return redis.call('HGETALL', 'switchboard:online')
