// The video call page: camera on (Start), join the room (Call), leave it (Hang Up).
import { PeerMesh } from './switchboard.js';
import {
  StatusLine, VideoGrid, describeFailure, loggedClient, roomFromUrl, rtcConfigOf, showRoomInUrl,
} from './demo-ui.js';

const $ = (id) => document.getElementById(id);
const ui = {
  room: $('room'), start: $('start'), call: $('call'), hangup: $('hangup'), joinOnly: $('join-only'),
  relayOnly: $('relay-only'),
  status: $('status'), videos: $('videos'), local: $('local'), log: $('log'),
};

let localStream = null;
let client = null;
let mesh = null;
const grid = new VideoGrid(ui.videos);
const statusLine = new StatusLine(ui.status);
const probes = new Map(); // peerId -> RTCDataChannel: see switchboardDemo.renegotiate()

ui.room.value = roomFromUrl();

function status(text, kind) {
  statusLine.set(text, kind);
}

function buttons({ start, call, hangup }) {
  ui.start.disabled = !start;
  ui.call.disabled = !call;
  ui.hangup.disabled = !hangup;
}

function showCallState(removed) {
  if (!client?.room) {
    return;
  }
  if (removed && removed.reason !== 'rejoined' && grid.size === 0) {
    status(`Peer ${removed.peerId.slice(0, 6)} left. Waiting for someone to join...`, 'warn');
  } else if (grid.summary() === 'none') {
    status(`In room "${client.room}". Waiting for someone to join...`, 'info');
  } else if (grid.summary() === 'connected') {
    status(`Connected to ${grid.size} peer${grid.size > 1 ? 's' : ''}.`, 'ok');
  } else {
    status('Connecting...', 'info');
  }
}

ui.start.addEventListener('click', async () => {
  try {
    localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    ui.local.srcObject = localStream;
    buttons({ start: false, call: true, hangup: false });
    status('Camera on. Press Call to join the room.', 'info');
  } catch (error) {
    status(`Cannot use the camera: ${error.message}`, 'error');
  }
});

ui.call.addEventListener('click', async () => {
  buttons({ start: false, call: false, hangup: true });
  client = loggedClient(ui.log, (closed, code) => {
    if (closed === client) {
      status(`Connection to the signaling server lost (code ${code}).`, 'error');
      endCall();
    }
  });
  statusLine.follow(client);
  try {
    status('Connecting to the signaling server...', 'info');
    await client.connect();
    mesh = new PeerMesh(client, { localStream, rtcConfig: rtcConfigOf(ui.relayOnly) });
    grid.attach(mesh, (peerId) => `Peer ${peerId.slice(0, 6)}`, showCallState);
    const room = ui.room.value.trim();
    await (ui.joinOnly.checked ? client.join(room) : client.createOrJoin(room));
    showRoomInUrl(room);
    showCallState();
  } catch (error) {
    status(describeFailure(error), 'error');
    endCall();
  }
});

ui.hangup.addEventListener('click', () => {
  mesh?.hangUp();
  endCall();
  status('Call ended. Press Call to join again.', 'info');
});

function endCall() {
  const ending = client;
  client = null;
  mesh?.dispose();
  mesh = null;
  statusLine.follow(null);
  ending?.close();
  grid.clear();
  probes.clear();
  buttons({ start: !localStream, call: Boolean(localStream), hangup: false });
}

// Read by the browser tests, and handy in the console: what this page shows, as data.
window.switchboardDemo = {
  /** Restarts ICE with every peer: candidates are gathered afresh with the current ICE servers. */
  restartIce() {
    mesh?.restartIce();
  },
  /**
   * Opens a data channel to every peer. The page's calls have none, so this renegotiates each connection (an
   * offer and an answer through the signaling server); `probes` in the snapshot shows when the channels open.
   */
  renegotiate() {
    for (const [peerId, peer] of mesh?.peers ?? []) {
      probes.set(peerId, peer.pc.createDataChannel('probe'));
    }
    return probes.size;
  },
  snapshot() {
    return {
      status: ui.status.textContent,
      statusKind: ui.status.dataset.kind,
      peerId: client?.peerId ?? null,
      room: client?.room ?? null,
      ...statusLine.snapshot(),
      probes: Object.fromEntries([...probes].map(([peerId, channel]) => [peerId, channel.readyState])),
      iceServers: client?.iceServers ?? [],
      problems: [...grid.problems],
      buttons: { start: !ui.start.disabled, call: !ui.call.disabled, hangup: !ui.hangup.disabled },
      remotes: grid.snapshot(),
    };
  },
};
