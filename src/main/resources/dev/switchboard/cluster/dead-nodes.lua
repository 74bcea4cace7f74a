-- The listed nodes whose liveness record has expired.
local dead = {}
for _, node in ipairs(redis.call('SMEMBERS', 'switchboard:nodes')) do
  if redis.call('EXISTS', 'switchboard:node:' .. node) == 0 then
    dead[#dead + 1] = node
  end
end
return dead
