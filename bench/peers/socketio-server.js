// The classic "create or join" room server of the WebRTC tutorials, on socket.io 4.8.
// Usage: node socketio-server.js <port>   (listens on every IPv4 address: the generator spreads its connections over 127.0.0.1-8)
'use strict';
const { createServer } = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2]);
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });

io.on('connection', (socket) => {
  socket.on('create or join', (room) => {
    const clients = io.sockets.adapter.rooms.get(room);
    const count = clients ? clients.size : 0;
    if (count === 0) {
      socket.join(room);
      socket.emit('created', room, socket.id);
    } else if (count === 1) {
      io.to(room).emit('join', room);
      socket.join(room);
      socket.emit('joined', room, socket.id);
    } else {
      socket.emit('full', room);
    }
  });

  // Relayed to the sender's rooms (the tutorials differ here; some broadcast to every client).
  socket.on('message', (message) => {
    for (const room of socket.rooms) {
      if (room !== socket.id) {
        socket.to(room).emit('message', message);
      }
    }
  });

  // Hang up: leave the rooms, so that the connection can take part in another call.
  socket.on('bye', () => {
    for (const room of [...socket.rooms]) {
      if (room !== socket.id) {
        socket.leave(room);
      }
    }
  });
});

httpServer.listen(port, '0.0.0.0', () => console.log(`socket.io create-or-join server on ${port}`));
