// The floor: a WebSocket relay that does nothing but forward, to measure the least a relay costs here.
// A text frame "J:<room>" puts the connection in a room (leaving its previous one) and is answered "J";
// any other frame goes to the other connections of its room as it is.
// Usage: node floor-server.js <port>   (listens on every IPv4 address: the generator spreads its connections over 127.0.0.1-8)
'use strict';
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2]);
const rooms = new Map();
const server = new WebSocketServer({ host: '0.0.0.0', port, perMessageDeflate: false });

function leave(socket) {
  const members = rooms.get(socket.room);
  if (members) {
    members.delete(socket);
    if (members.size === 0) {
      rooms.delete(socket.room);
    }
  }
}

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (!isBinary && data.length > 2 && data[0] === 0x4a && data[1] === 0x3a) { // "J:"
      leave(socket);
      socket.room = data.toString('utf8', 2);
      if (!rooms.has(socket.room)) {
        rooms.set(socket.room, new Set());
      }
      rooms.get(socket.room).add(socket);
      socket.send('J');
      return;
    }
    for (const other of rooms.get(socket.room) || []) {
      if (other !== socket) {
        other.send(data, { binary: isBinary });
      }
    }
  });
  socket.on('close', () => leave(socket));
});

server.on('listening', () => console.log(`floor relay on ${port}`));
