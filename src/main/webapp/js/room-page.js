// The video call page: camera on (Start), join the room (Call), leave it (Hang Up).
import { PeerMesh, SignalingClient } from './switchboard.js';
import { describeFailure, logSignaling, roomFromUrl, setStatus } from './demo-ui.js';

const $ = (id) => document.getElementById(id);
const ui = {
  room: $('room'), start: $('start'), call: $('call'), hangup: $('hangup'), joinOnly: $('join-only'),
  status: $('status'), videos: $('videos'), local: $('local'), log: $('log'),
};

let localStream = null;
let client = null;
let mesh = null;
const connectionStates = new Map();
const problems = [];

ui.room.value = roomFromUrl();

function status(text, kind) {
  setStatus(ui.status, text, kind);
}

function buttons({ start, call, hangup }) {
  ui.start.disabled = !start;
  ui.call.disabled = !call;
  ui.hangup.disabled = !hangup;
}

function remoteVideo(peerId) {
  let figure = ui.videos.querySelector(`figure[data-peer="${peerId}"]`);
  if (!figure) {
    figure = document.createElement('figure');
    figure.dataset.peer = peerId;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true; // the fake and real microphones would otherwise echo between tabs
    const caption = document.createElement('figcaption');
    caption.textContent = `Peer ${peerId.slice(0, 6)}`;
    figure.append(video, caption);
    ui.videos.append(figure);
  }
  return figure.querySelector('video');
}

function waitingOrConnected() {
  const states = [...connectionStates.values()];
  if (states.length === 0) {
    status(`In room "${client.room}". Waiting for someone to join...`, 'info');
  } else if (states.every((state) => state === 'connected')) {
    status(`Connected to ${states.length} peer${states.length > 1 ? 's' : ''}.`, 'ok');
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
  client = new SignalingClient();
  logSignaling(client, ui.log);
  client.addEventListener('close', (event) => {
    if (client && event.target === client) {
      status(`Connection to the signaling server lost (code ${event.detail.code}).`, 'error');
      endCall();
    }
  });
  try {
    status('Connecting to the signaling server...', 'info');
    await client.connect();
    mesh = new PeerMesh(client, { localStream });
    mesh.addEventListener('track', (event) => {
      remoteVideo(event.detail.peerId).srcObject = event.detail.stream;
    });
    mesh.addEventListener('peer-added', (event) => {
      connectionStates.set(event.detail.peerId, 'new');
      remoteVideo(event.detail.peerId);
      waitingOrConnected();
    });
    mesh.addEventListener('connectionstatechange', (event) => {
      connectionStates.set(event.detail.peerId, event.detail.state);
      waitingOrConnected();
    });
    mesh.addEventListener('peer-removed', (event) => {
      connectionStates.delete(event.detail.peerId);
      ui.videos.querySelector(`figure[data-peer="${event.detail.peerId}"]`)?.remove();
      if (client?.room) {
        status(`Peer ${event.detail.peerId.slice(0, 6)} left. Waiting for someone to join...`, 'warn');
      }
    });
    mesh.addEventListener('error', (event) => {
      problems.push(`${event.detail.peerId.slice(0, 6)}: ${event.detail.error}`);
      console.warn('peer', event.detail.peerId, event.detail.error);
    });
    const room = ui.room.value.trim();
    await (ui.joinOnly.checked ? client.join(room) : client.createOrJoin(room));
    history.replaceState(null, '', `?room=${encodeURIComponent(room)}`);
    waitingOrConnected();
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
  ending?.close();
  connectionStates.clear();
  ui.videos.querySelectorAll('figure[data-peer]').forEach((figure) => figure.remove());
  buttons({ start: !localStream, call: Boolean(localStream), hangup: false });
}

// Read by the browser tests, and handy in the console: what this page shows, as data.
window.switchboardDemo = {
  snapshot() {
    return {
      status: ui.status.textContent,
      statusKind: ui.status.dataset.kind,
      peerId: client?.peerId ?? null,
      room: client?.room ?? null,
      problems: [...problems],
      buttons: { start: !ui.start.disabled, call: !ui.call.disabled, hangup: !ui.hangup.disabled },
      remotes: [...ui.videos.querySelectorAll('figure[data-peer]')].map((figure) => {
        const video = figure.querySelector('video');
        const pc = mesh?.peers.get(figure.dataset.peer)?.pc;
        return {
          peerId: figure.dataset.peer,
          connectionState: connectionStates.get(figure.dataset.peer) ?? null,
          signalingState: pc?.signalingState ?? null,
          iceConnectionState: pc?.iceConnectionState ?? null,
          videoWidth: video.videoWidth,
          frames: video.getVideoPlaybackQuality().totalVideoFrames,
        };
      }),
    };
  },
};
