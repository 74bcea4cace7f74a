/**
 * Shared pieces of the demo pages: status line, signaling log, room name from the URL, video tiles.
 * Not part of the client library.
 */
import { SignalingClient, defaultSignalingUrl } from './switchboard.js';

const MAX_LOG_LINES = 500;

/** The room named in the page URL (?room=...), or a fresh random one. */
export function roomFromUrl() {
  const room = new URLSearchParams(location.search).get('room');
  return room && /^[A-Za-z0-9_-]{1,64}$/.test(room) ? room : `room-${Math.random().toString(36).slice(2, 8)}`;
}

/** Puts `room` in the page URL (?room=...), keeping its other parameters (such as `signal`), for reloads. */
export function showRoomInUrl(room) {
  const url = new URL(location.href);
  url.searchParams.set('room', room);
  history.replaceState(null, '', url);
}

/**
 * The signaling URL: the page's `?signal=` parameter when it is a ws: or wss: URL on this page's own host name
 * (any port; the browser tests put a TCP forwarder there, to cut the connection abruptly), otherwise /signal on
 * the server that served the page. Another host is ignored: a link must not send the page's token elsewhere.
 */
export function signalingUrl() {
  const given = new URLSearchParams(location.search).get('signal');
  if (given) {
    try {
      const url = new URL(given);
      if ((url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname === location.hostname) {
        return url.href;
      }
    } catch (error) {
      // not a URL: ignored like one on another host
    }
  }
  return defaultSignalingUrl();
}

/** Shows `text` in the status element; `kind` is 'info', 'ok', 'warn' or 'error'. */
export function setStatus(element, text, kind = 'info') {
  element.textContent = text;
  element.dataset.kind = kind;
}

/**
 * The page's status line, which also tells how the signaling connection is doing: while the client reconnects
 * it says so before whatever the page last said (the call goes on meanwhile), and once it is back it says it
 * reconnected. `set` what the page has to say; `follow` the client of the moment (null when there is none).
 */
export class StatusLine {
  constructor(element) {
    this.element = element;
    this.text = '';
    this.kind = 'info';
    this.client = null;
    this.reconnects = { attempts: 0, resumed: 0, rejoined: 0, lastAttempt: 0, lastCloseCode: null };
    this._lastReturn = null; // 'resumed' or 'rejoined': how the client came back last
  }

  /** Shows `text` (after the reconnection note, if any); `kind` is 'info', 'ok', 'warn' or 'error'. */
  set(text, kind = 'info') {
    this.text = text;
    this.kind = kind;
    this.render();
  }

  /** Follows `client`'s reconnections, counting them for the snapshot; null stops following. */
  follow(client) {
    this.client = client;
    this.reconnects = { attempts: 0, resumed: 0, rejoined: 0, lastAttempt: 0, lastCloseCode: null };
    this._lastReturn = null;
    if (!client) {
      return;
    }
    const on = (type, count) => client.addEventListener(type, (event) => {
      if (client === this.client) {
        count(event.detail);
        this.render();
      }
    });
    on('reconnecting', (detail) => {
      this.reconnects.attempts++;
      this.reconnects.lastAttempt = detail.attempt;
      this.reconnects.lastCloseCode = detail.code;
    });
    on('resumed', () => {
      this.reconnects.resumed++;
      this._lastReturn = 'resumed';
    });
    on('rejoining', () => {}); // nothing to count, but the note changes
    on('rejoined', () => {
      this.reconnects.rejoined++;
      this._lastReturn = 'rejoined';
    });
  }

  /** What to say about the signaling connection before the page's own text; empty while nothing happened. */
  note() {
    switch (this.client?.state) {
      case 'reconnecting':
        return `Reconnecting… (signaling connection lost with code ${this.reconnects.lastCloseCode}; attempt ${this.reconnects.lastAttempt})`;
      case 'rejoining':
        return 'Reconnected as a new peer, rejoining…';
      case 'open':
        return { resumed: 'Reconnected.', rejoined: 'Reconnected (rejoined as a new peer).' }[this._lastReturn] ?? '';
      default:
        return '';
    }
  }

  render() {
    const note = this.note();
    const reconnecting = this.client?.state === 'reconnecting' || this.client?.state === 'rejoining';
    setStatus(this.element, note ? `${note} ${this.text}` : this.text, reconnecting ? 'warn' : this.kind);
  }

  /** For the snapshot: the client's state ('none' without one) and the reconnections counted so far. */
  snapshot() {
    return { signaling: this.client?.state ?? 'none', reconnects: { ...this.reconnects } };
  }
}

/** Summarises a protocol message for the log: long SDP bodies are shortened. */
function summary(message) {
  const shown = { ...message };
  if (typeof shown.sdp === 'string' && shown.sdp.length > 60) {
    shown.sdp = `${shown.sdp.slice(0, 40).replace(/\r\n/g, '\\r\\n')}... (${message.sdp.length} chars)`;
  }
  return JSON.stringify(shown);
}

/** Appends every message the client sends and receives to the log element, like a trace panel. */
export function logSignaling(client, element) {
  const add = (direction, message) => {
    const line = document.createElement('li');
    line.className = direction === '→' ? 'out' : 'in';
    const time = new Date().toLocaleTimeString([], { hour12: false });
    line.textContent = `${time} ${direction} ${summary(message)}`;
    element.append(line);
    while (element.childElementCount > MAX_LOG_LINES) {
      element.firstElementChild.remove();
    }
    element.scrollTop = element.scrollHeight;
  };
  client.addEventListener('sent', (event) => add('→', event.detail));
  client.addEventListener('incoming', (event) => add('←', event.detail));
  client.addEventListener('close', (event) => add('×', { connection: 'closed', code: event.detail.code }));
  client.addEventListener('reconnecting', (event) => add('×', { connection: 'lost, reconnecting', ...event.detail }));
  client.addEventListener('rejoined', (event) => add('↻', {
    connection: 'rejoined', ...event.detail, errors: event.detail.errors.map((error) => error.code) }));
}

/**
 * A new client whose traffic is shown in the log element, connecting to {@link signalingUrl}. When its
 * connection ends for good (the page closed it, a close code not worth retrying, or reconnecting gave up; a
 * drop it recovers from is not an end), `onClose(client, code)` runs: the page tells whether that was expected.
 */
export function loggedClient(logElement, onClose) {
  const client = new SignalingClient(signalingUrl(), { token: developmentToken });
  logSignaling(client, logElement);
  client.addEventListener('close', (event) => onClose(client, event.detail.code));
  return client;
}

/**
 * The development user of this page (the `sub` of its tokens): one per page load, so that the fresh token a
 * reconnection fetches is of the same user, and the server lets it resume the session.
 */
const developmentUser = `dev-page-${[...crypto.getRandomValues(new Uint8Array(8))]
  .map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;

/**
 * An access token from the server's development endpoint (`switchboard.auth.dev-tokens=true`, never in
 * production), or null where it is off: then the server needs none, or the page cannot get one.
 */
async function developmentToken() {
  const response = await fetch(new URL(`dev/token?sub=${developmentUser}`, location.href), { cache: 'no-store' });
  return response.ok ? (await response.text()).trim() : null;
}

/** Explains a failed room request or connection in words for the status line. */
export function describeFailure(error) {
  switch (error.code) {
    case 'full': return 'The room is full. Try another room name.';
    case 'empty': return 'That room does not exist (nobody is in it).';
    case 'closed': return 'Could not reach the signaling server.';
    case 'invalid-room': return 'Room names are 1-64 letters, digits, _ or -.';
    case 'name-taken': return 'Someone online already uses that name.';
    case 'invalid-name': return 'Names are 1-32 characters, without leading or trailing spaces.';
    case 'directory-disabled': return 'This server has no directory.';
    case 'forbidden': return 'Your access token does not allow that.';
    case 'token-expired': return 'Your access token has expired; try again.';
    default: return `Error: ${error.message}`;
  }
}

/**
 * The RTCPeerConnection settings of the page's "relay only" switch: only TURN relay candidates, so that the
 * call goes through the TURN server the signaling server handed out, as it must behind strict NATs.
 * @param {HTMLInputElement} checkbox
 */
export function rtcConfigOf(checkbox) {
  return checkbox.checked ? { iceTransportPolicy: 'relay' } : {};
}

/**
 * Follows which kind of candidate pair carries the call with each peer of a mesh ('host', 'srflx',
 * 'relay'), from getStats() once a second; `onChange(peerId, route)` runs when one changes.
 */
export class RouteWatch {
  constructor(mesh, onChange = () => {}) {
    this.routes = new Map();
    this._timer = setInterval(async () => {
      for (const peerId of mesh.peers.keys()) {
        const route = await mesh.route(peerId).catch(() => null);
        const before = this.routes.get(peerId);
        if (route && (before?.local !== route.local || before?.remote !== route.remote)) {
          this.routes.set(peerId, route);
          onChange(peerId, route);
        }
      }
      for (const peerId of this.routes.keys()) {
        if (!mesh.peers.has(peerId)) {
          this.routes.delete(peerId);
        }
      }
    }, 1000);
  }

  /** The route to `peerId` (`{local, remote}` candidate types), or null while none is known. */
  of(peerId) {
    return this.routes.get(peerId) ?? null;
  }

  stop() {
    clearInterval(this._timer);
  }
}

/** The TURN usernames in a peer connection's current configuration: which credentials it would use now. */
export function turnUsernames(pc) {
  return (pc?.getConfiguration().iceServers ?? []).filter((server) => server.username).map((server) => server.username);
}

/**
 * The remote videos of a call: one tile per peer of a PeerMesh, with its connection state, and the
 * data the browser tests read (connection state, decoded frames).
 */
export class VideoGrid {
  /** @param {HTMLElement} container element holding the tiles (the local video stays in it) */
  constructor(container) {
    this.container = container;
    this.states = new Map();
    this.problems = [];
    this.mesh = null;
  }

  /**
   * Shows the peers of `mesh`; `label(peerId)` names a tile; `onChange()` runs after every change.
   * @param {import('./switchboard.js').PeerMesh} mesh
   */
  attach(mesh, label, onChange) {
    this.mesh = mesh;
    this.routes?.stop();
    this.routes = new RouteWatch(mesh, (peerId, route) => {
      const caption = this.container.querySelector(`figure[data-peer="${peerId}"] figcaption`);
      if (caption) {
        caption.textContent = `${label(peerId)} · ${route.local === 'relay' || route.remote === 'relay' ? 'via TURN relay' : route.local}`;
      }
    });
    mesh.addEventListener('peer-added', (event) => {
      this.states.set(event.detail.peerId, 'new');
      this.tile(event.detail.peerId, label(event.detail.peerId));
      onChange();
    });
    mesh.addEventListener('track', (event) => {
      this.tile(event.detail.peerId, label(event.detail.peerId)).srcObject = event.detail.stream;
    });
    mesh.addEventListener('connectionstatechange', (event) => {
      this.states.set(event.detail.peerId, event.detail.state);
      onChange();
    });
    mesh.addEventListener('peer-removed', (event) => {
      this.states.delete(event.detail.peerId);
      this.container.querySelector(`figure[data-peer="${event.detail.peerId}"]`)?.remove();
      onChange(event.detail);
    });
    mesh.addEventListener('error', (event) => {
      this.problems.push(`${event.detail.peerId.slice(0, 6)}: ${event.detail.error}`);
      console.warn('peer', event.detail.peerId, event.detail.error);
    });
  }

  /** The video element of a peer's tile, made on first use. */
  tile(peerId, label) {
    let figure = this.container.querySelector(`figure[data-peer="${peerId}"]`);
    if (!figure) {
      figure = document.createElement('figure');
      figure.dataset.peer = peerId;
      const video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      video.muted = true; // the fake and real microphones would otherwise echo between tabs
      const caption = document.createElement('figcaption');
      caption.textContent = label;
      figure.append(video, caption);
      this.container.append(figure);
    }
    return figure.querySelector('video');
  }

  /** 'none', 'connecting' or 'connected': how the call as a whole is doing. */
  summary() {
    const states = [...this.states.values()];
    if (states.length === 0) {
      return 'none';
    }
    return states.every((state) => state === 'connected') ? 'connected' : 'connecting';
  }

  get size() {
    return this.states.size;
  }

  clear() {
    this.states.clear();
    this.routes?.stop();
    this.routes = null;
    this.mesh = null;
    this.container.querySelectorAll('figure[data-peer]').forEach((figure) => figure.remove());
  }

  snapshot() {
    return [...this.container.querySelectorAll('figure[data-peer]')].map((figure) => {
      const video = figure.querySelector('video');
      const pc = this.mesh?.peers.get(figure.dataset.peer)?.pc;
      return {
        peerId: figure.dataset.peer,
        connectionState: this.states.get(figure.dataset.peer) ?? null,
        signalingState: pc?.signalingState ?? null,
        iceConnectionState: pc?.iceConnectionState ?? null,
        route: this.routes?.of(figure.dataset.peer) ?? null,
        turnUsernames: turnUsernames(pc),
        videoWidth: video.videoWidth,
        frames: video.getVideoPlaybackQuality().totalVideoFrames,
      };
    });
  }
}
