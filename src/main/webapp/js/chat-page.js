// The chat page: text over an RTCDataChannel with every other member of the room.
import { PeerMesh } from './switchboard.js';
import {
  RouteWatch, StatusLine, describeFailure, loggedClient, roomFromUrl, rtcConfigOf, showRoomInUrl,
} from './demo-ui.js';

const $ = (id) => document.getElementById(id);
const ui = {
  room: $('room'), connect: $('connect'), disconnect: $('disconnect'), status: $('status'),
  chat: $('chat'), compose: $('compose'), text: $('text'), send: $('send'), log: $('log'),
  relayOnly: $('relay-only'),
};

let client = null;
let mesh = null;
let routes = null;
const openChannels = new Set();
const received = [];
const statusLine = new StatusLine(ui.status);

ui.room.value = roomFromUrl();

function status(text, kind) {
  statusLine.set(text, kind);
}

function say(text, kind) {
  const line = document.createElement('li');
  line.className = kind;
  line.textContent = text;
  ui.chat.append(line);
  ui.chat.scrollTop = ui.chat.scrollHeight;
}

function connected(yes) {
  ui.connect.disabled = yes;
  ui.disconnect.disabled = !yes;
  updateCompose();
}

function updateCompose() {
  const canSend = openChannels.size > 0;
  ui.text.disabled = !canSend;
  ui.send.disabled = !canSend;
  if (client?.room) {
    status(canSend ? `Chatting with ${openChannels.size} peer${openChannels.size > 1 ? 's' : ''}.`
      : `In room "${client.room}". Waiting for someone to join...`, canSend ? 'ok' : 'info');
  }
}

ui.connect.addEventListener('click', async () => {
  connected(true);
  client = loggedClient(ui.log, (closed, code) => {
    if (closed === client) {
      status(`Connection to the signaling server lost (code ${code}).`, 'error');
      end();
    }
  });
  statusLine.follow(client);
  try {
    status('Connecting to the signaling server...', 'info');
    await client.connect();
    mesh = new PeerMesh(client, { dataChannel: 'chat', rtcConfig: rtcConfigOf(ui.relayOnly) });
    routes = new RouteWatch(mesh, (peerId, route) =>
      say(`Peer ${peerId.slice(0, 6)} is reached ${route.local === 'relay' || route.remote === 'relay' ? 'through the TURN relay' : `directly (${route.local})`}.`, 'system'));
    mesh.addEventListener('channel-open', (event) => {
      openChannels.add(event.detail.peerId);
      say(`Peer ${event.detail.peerId.slice(0, 6)} is here.`, 'system');
      updateCompose();
    });
    mesh.addEventListener('channel-message', (event) => {
      received.push(String(event.detail.data));
      say(`${event.detail.peerId.slice(0, 6)}: ${event.detail.data}`, 'theirs');
    });
    mesh.addEventListener('peer-removed', (event) => {
      if (openChannels.delete(event.detail.peerId) && event.detail.reason !== 'rejoined') {
        say(`Peer ${event.detail.peerId.slice(0, 6)} left.`, 'system');
      }
      updateCompose();
    });
    const room = ui.room.value.trim();
    await client.createOrJoin(room);
    showRoomInUrl(room);
    updateCompose();
  } catch (error) {
    status(describeFailure(error), 'error');
    end();
  }
});

ui.disconnect.addEventListener('click', () => {
  mesh?.hangUp();
  end();
  status('Disconnected.', 'info');
});

ui.compose.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.text.value.trim();
  if (text && mesh && mesh.broadcast(text) > 0) {
    say(text, 'mine');
    ui.text.value = '';
  }
});

function end() {
  const ending = client;
  client = null;
  mesh?.dispose();
  mesh = null;
  routes?.stop();
  routes = null;
  statusLine.follow(null);
  ending?.close();
  openChannels.clear();
  connected(false);
}

// Read by the browser tests, and handy in the console.
window.switchboardDemo = {
  snapshot() {
    return {
      status: ui.status.textContent,
      statusKind: ui.status.dataset.kind,
      peerId: client?.peerId ?? null,
      ...statusLine.snapshot(),
      openChannels: openChannels.size,
      routes: mesh ? [...mesh.peers.keys()].map((peerId) => routes?.of(peerId)) : [],
      received: [...received],
    };
  },
};
