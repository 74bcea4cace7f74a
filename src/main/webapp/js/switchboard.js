/**
 * Switchboard browser client: signaling over WebSocket (protocol v1, see docs/protocol.md) and a mesh of
 * RTCPeerConnections negotiated with the W3C "perfect negotiation" pattern.
 *
 * No build step, no dependencies: import it as an ES module.
 *
 *   import { SignalingClient, PeerMesh } from '/js/switchboard.js';
 *   const client = new SignalingClient();    // or new SignalingClient(url, { token: () => fetchMyToken() })
 *   await client.connect();
 *   const mesh = new PeerMesh(client, { localStream });
 *   mesh.addEventListener('track', e => show(e.detail.peerId, e.detail.stream));
 *   await client.createOrJoin('my-room');
 *
 * @module switchboard
 */

/** An error reply from the server ({"type":"error"}), or a refusal (full, empty) of a room request. */
export class SignalingError extends Error {
  /**
   * @param {string} code the protocol's error code, or 'full' / 'empty' / 'closed'
   * @param {string} message human-readable text
   * @param {object} [reply] the server message that caused it
   */
  constructor(code, message, reply) {
    super(message);
    this.name = 'SignalingError';
    /** @type {string} */
    this.code = code;
    /** @type {object|undefined} */
    this.reply = reply;
  }
}

/**
 * The default signaling URL: /signal on the server that served the page, over wss when the page is https.
 * @returns {string}
 */
export function defaultSignalingUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/signal`;
}

/** The `exp` of a JWT (Unix seconds), read without checking it (the server checks); null if there is none. */
function expiryOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const exp = JSON.parse(atob(payload)).exp;
    return typeof exp === 'number' ? exp : null;
  } catch (error) {
    return null;
  }
}

/**
 * Close codes after which the client reconnects by itself: the connection broke without a closing handshake
 * (1006), the server is going away or restarting (1001, 1012: another server takes over), a write to the
 * client failed (1011), the server is busy (1013), or it gave up on a slow reader (4003) or on a silent one
 * (4004). Every other code is final: the page closed the connection (1000), the client broke a rule that
 * another try would break again (1002, 1003, 1007, 1008, 1009), the room refused it (4001, 4002, 4403, 4404),
 * it sat idle in no room (4005), or its session was resumed on another connection (4006: the token was used
 * elsewhere, and fighting over it helps nobody). 4401 (the token expired as the connection opened) is retried
 * only when the `token` option is a function, which gives a fresh one.
 */
const RETRIED_CLOSE_CODES = new Set([1001, 1006, 1011, 1012, 1013, 4003, 4004]);
const TOKEN_EXPIRED_AT_OPEN = 4401;

/**
 * Reconnection timing, the defaults of the `reconnect` option: attempt n waits a random time between 0 and
 * min(maxDelayMs, baseDelayMs * 2^(n-1)) ("full jitter"), so that the clients of a restarted server do not
 * all come back in the same instant; attempts go on until `maxAttempts`.
 */
const RECONNECT_DEFAULTS = Object.freeze({ baseDelayMs: 500, maxDelayMs: 10_000, maxAttempts: Infinity });

/**
 * One connection to the Switchboard server, kept up across network blips.
 *
 * Every server message is dispatched as a CustomEvent named by its `type` (`welcome`, `created`,
 * `joined`, `full`, `empty`, `peer-joined`, `peer-left`, `peer-away`, `peer-back`, `error`, `offer`,
 * `answer`, `candidate`, `bye`, `resumed`, and for the directory `login`, `presence`, `peer-online`,
 * `peer-offline`, `message`, `invite`, `decline`, `ice-servers`, `auth`) with the message as `detail`, and also
 * as an `incoming` event. Sent messages are dispatched as `sent` events (handy for logs). After every change to
 * the list of logged-in peers, a `directory` event fires and {@link SignalingClient#online} holds the current
 * list. {@link SignalingClient#iceServers} holds the ICE servers the server gave (from `welcome`, then from each
 * `ice-servers` refresh, which fires before the TURN credentials expire); an `iceserverschange` event fires when
 * they change. Where the server requires access tokens, give one (or a function returning fresh ones) as the
 * `token` option; a renewal that fails fires `tokenerror`.
 *
 * Reconnecting (docs/protocol.md, "Resuming a session"): when the connection ends without the page asking
 * ({@link SignalingClient#close}) and with a close code worth retrying (1001, 1006, 1011, 1012, 1013, 4003,
 * 4004; 4401 with a token function), the client connects again by itself, after a `reconnecting` event
 * (`{attempt, delay, code}`) and a backoff with full jitter (0.5 s doubling, at most 10 s; see the `reconnect`
 * option). While the browser is offline (`navigator.onLine`) it waits, and its `online` event starts an attempt
 * at once. Within the server's resume window it resumes (`?resume=<token>`): on `resumed` it is the same peer,
 * still in its room and logged in, and the messages held for it follow. Otherwise (the window passed, or the
 * server answered `resume-failed` and a `welcome` with a new peer id) it fires `rejoining`
 * (`{peerId, previousPeerId, room, name}`), enters the room it was in with `create-or-join` and logs in again
 * under its name, then fires `rejoined` (the same, with what it re-entered and the `errors` of what it could
 * not). {@link SignalingClient#state} tells where it stands. While reconnecting, `room`, `name`, `online`
 * and `peerId` keep their values, requests in flight are rejected (code `closed`), and `send()` throws. A
 * `close` event (`{code, reason}`) fires only when the connection ends for good: closed by the page, a final
 * code, or reconnecting turned off or given up.
 */
export class SignalingClient extends EventTarget {
  /**
   * @param {string} [url] WebSocket URL of the /signal endpoint; defaults to {@link defaultSignalingUrl}
   * @param {object} [options]
   * @param {string|(() => (string|null|Promise<string|null>))} [options.token] the access token, where the
   *   server requires one: a token, or a function that returns a fresh one (or null for none). A function is
   *   called for every connection (reconnections too), again shortly before the token expires (the new one is
   *   sent with `auth`), and when the server answers `token-expired`.
   * @param {boolean|{baseDelayMs?: number, maxDelayMs?: number, maxAttempts?: number}} [options.reconnect]
   *   false to never reconnect (every close is final); or the backoff: attempt n waits a random time up to
   *   min(maxDelayMs, baseDelayMs * 2^(n-1)); defaults 500, 10000 and no limit on the attempts.
   */
  constructor(url = defaultSignalingUrl(), options = {}) {
    super();
    /** @type {string} */
    this.url = url;
    /** When the access token in force expires (Unix seconds), or null. @type {number|null} */
    this.tokenExpiresAt = null;
    this._token = options.token ?? null;
    this._renewal = null;
    /** The id the server gave this connection, once welcomed. @type {string|null} */
    this.peerId = null;
    /** The room this client is in, or null. @type {string|null} */
    this.room = null;
    /** The name this client is logged in under, or null. @type {string|null} */
    this.name = null;
    /** Who is logged in (this client included), by peerId, while this client is. @type {Map<string, string>} */
    this.online = new Map();
    /**
     * The ICE servers (STUN, and TURN with short-lived credentials) the server gave this connection, ready
     * for `new RTCPeerConnection({iceServers})`; empty when it gave none. @type {RTCIceServer[]}
     */
    this.iceServers = [];
    /**
     * 'idle' (not connected yet), 'connecting', 'open', 'reconnecting' (the connection dropped; between
     * attempts or during one), 'rejoining' (connected as a new peer, re-entering the room and the directory)
     * or 'closed' (for good; {@link SignalingClient#connect} may start again).
     * @type {'idle'|'connecting'|'open'|'reconnecting'|'rejoining'|'closed'}
     */
    this.state = 'idle';
    this._reconnect = options.reconnect === false ? null
      : { ...RECONNECT_DEFAULTS, ...(typeof options.reconnect === 'object' ? options.reconnect : {}) };
    this._resumeToken = null;
    this._resumeWindowMs = 0;
    this._droppedAt = 0;
    this._attempt = 0;
    this._lastCloseCode = null;
    this._retryTimer = null;
    this._dialing = false;
    this._closing = false;
    this._socketToken = null;
    this._onOnline = () => this._redial();
    this._socket = null;
    this._nextId = 1;
    this._pending = new Map();
  }

  /**
   * Opens the connection and waits for the server's welcome. A connection that fails here is not retried:
   * reconnecting starts once the client has been welcomed.
   * @returns {Promise<string>} this peer's id
   */
  async connect() {
    if (this.state !== 'idle' && this.state !== 'closed') {
      throw new SignalingError('connected', 'already connected');
    }
    this.state = 'connecting';
    this._closing = false;
    let token;
    try {
      token = await this._freshToken();
    } catch (error) {
      this.state = 'closed';
      throw error;
    }
    if (this._closing) {
      this.state = 'closed';
      throw new SignalingError('closed', 'closed before it connected');
    }
    return new Promise((resolve, reject) => {
      const onWelcome = (event) => {
        this.removeEventListener('close', onEarlyClose);
        resolve(event.detail.peerId);
      };
      const onEarlyClose = (event) => {
        this.removeEventListener('welcome', onWelcome);
        reject(new SignalingError('closed', `connection closed (${event.detail.code})`));
      };
      this.addEventListener('welcome', onWelcome, { once: true });
      this.addEventListener('close', onEarlyClose, { once: true });
      this._open(token, null);
    });
  }

  /**
   * Sends a fresh access token (from the `token` function, or the one given) with `auth`: the connection
   * may then enter rooms and log in past the old token's expiry. Rejects with `invalid-token` or
   * `forbidden` (another user's token).
   * @param {string} [token] the token to send; by default the `token` function's
   * @returns {Promise<{type:'auth', ok:true, expiresAt:number}>}
   */
  async renewToken(token) {
    const fresh = token ?? await this._freshToken();
    const reply = await this._request({ type: 'auth', token: fresh });
    this._scheduleRenewal(fresh);
    return reply;
  }

  /** Whether messages can be sent now: the connection is open and welcomed (or resumed). @returns {boolean} */
  get connected() {
    return this._socket !== null && this._socket.readyState === WebSocket.OPEN
      && (this.state === 'open' || this.state === 'rejoining');
  }

  /**
   * Creates a room and enters it. Rejects with a {@link SignalingError} (`room-exists`, ...).
   * @param {string} room
   * @returns {Promise<{type:'created', room:string, peerId:string, peers:string[]}>}
   */
  create(room) {
    return this._request({ type: 'create', room });
  }

  /**
   * Joins an existing room. Rejects with code `empty` (no such room), `full`, or a protocol error.
   * @param {string} room
   * @returns {Promise<{type:'joined', room:string, peerId:string, peers:string[]}>}
   */
  join(room) {
    return this._request({ type: 'join', room });
  }

  /**
   * Joins a room, creating it if needed. Rejects with code `full`, or a protocol error.
   * @param {string} room
   * @returns {Promise<{type:'created'|'joined', room:string, peerId:string, peers:string[]}>}
   */
  createOrJoin(room) {
    return this._request({ type: 'create-or-join', room });
  }

  /**
   * Logs in to the directory under `name`. Rejects with code `name-taken`, `invalid-name`, ...
   * @param {string} name
   * @returns {Promise<{type:'login', ok:true, name:string, peerId:string}>}
   */
  login(name) {
    return this._request({ type: 'login', name });
  }

  /** Leaves the directory (no reply is expected). */
  logout() {
    this.send({ type: 'logout' });
    this.name = null;
    this.online = new Map();
    this.dispatchEvent(new CustomEvent('directory', { detail: this.online }));
  }

  /**
   * Sends free-form JSON to a logged-in peer. Errors (`unknown-peer`, ...) arrive as `error` events.
   * @param {string} to a peerId or a name
   * @param {*} body any JSON value
   */
  sendMessage(to, body) {
    this.send({ type: 'message', to, body });
  }

  /**
   * Invites a logged-in peer into `room`, which this client must be in; the invitee accepts by joining.
   * @param {string} to a peerId or a name
   * @param {string} room
   */
  invite(to, room) {
    this.send({ type: 'invite', to, room });
  }

  /**
   * Refuses an invitation.
   * @param {string} to the inviter's peerId or name
   * @param {string} [room] the room of the invitation
   */
  decline(to, room) {
    this.send(room === undefined ? { type: 'decline', to } : { type: 'decline', to, room });
  }

  /** Leaves the current room (no reply is expected). */
  leave() {
    if (this.room !== null) {
      this.send({ type: 'leave' });
      this.room = null;
    }
  }

  /**
   * Sends a raw protocol message, e.g. `{type:'offer', sdp, to}`. Throws a {@link SignalingError} with code
   * `closed` when not {@link SignalingClient#connected}, reconnecting included: what to resend after
   * `resumed` is the caller's choice ({@link PeerMesh} holds its signals and sends them then).
   * @param {object} message
   */
  send(message) {
    if (!this.connected) {
      throw new SignalingError('closed', 'not connected');
    }
    this._socket.send(JSON.stringify(message));
    this.dispatchEvent(new CustomEvent('sent', { detail: message }));
  }

  /**
   * Closes the connection, with a closing handshake: a goodbye, so the server keeps nothing for a resume.
   * Stops reconnecting too.
   */
  close() {
    this._closing = true;
    if (this._socket) {
      this._socket.close(1000, 'bye'); // its close event ends the client
    } else if (this.state === 'reconnecting') {
      this._finish(1000, 'bye'); // between attempts there is no socket, only the timer to stop
    }
  }

  /** Opens a socket: the first connection, or one attempt to reconnect (resuming with `resumeToken`, if given). */
  _open(token, resumeToken) {
    const query = [];
    if (resumeToken) {
      query.push(`resume=${encodeURIComponent(resumeToken)}`);
    }
    if (token) {
      query.push(`access_token=${encodeURIComponent(token)}`);
    }
    const url = query.length === 0 ? this.url : `${this.url}${this.url.includes('?') ? '&' : '?'}${query.join('&')}`;
    const socket = new WebSocket(url);
    this._socket = socket;
    this._socketToken = token;
    socket.addEventListener('message', (event) => this._receive(event.data));
    socket.addEventListener('close', (event) => this._closed(socket, event.code, event.reason));
  }

  _request(message) {
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      try {
        this.send({ ...message, id });
      } catch (error) {
        this._pending.delete(id);
        reject(error);
      }
    });
  }

  _receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (error) {
      return; // the server only sends JSON; ignore anything else
    }
    let rejoinFrom = null;
    if (message.type === 'welcome' || message.type === 'resumed') {
      rejoinFrom = this._welcomed(message);
    } else if (message.type === 'ice-servers') {
      this._setIceServers(message.iceServers);
    } else if (message.type === 'created' || message.type === 'joined') {
      this.room = message.room;
    } else if (message.type === 'login') {
      this.name = message.name;
    }
    this._settle(message);
    if (message.type === 'error' && message.code === 'token-expired' && typeof this._token === 'function') {
      this.renewToken().catch((error) => this.dispatchEvent(new CustomEvent('tokenerror', { detail: error })));
    }
    this._trackPresence(message);
    this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
    this.dispatchEvent(new CustomEvent('incoming', { detail: message }));
    if (rejoinFrom !== null) {
      this._rejoin(rejoinFrom);
    }
  }

  /**
   * A `welcome` or `resumed`: the connection is in use. Returns the previous peer id when this is a new peer
   * after a drop (the resume failed or was not possible), which must re-enter; otherwise null.
   */
  _welcomed(message) {
    const previousPeerId = this.peerId;
    const rejoin = message.type === 'welcome' && this.state === 'reconnecting';
    this.peerId = message.peerId;
    if (message.type === 'resumed') {
      this.room = message.room ?? null; // the server's word: where the peer is now
    }
    // Absent when resuming is off: a drop then always ends in a re-join.
    this._resumeToken = message.resumeToken ?? null;
    this._resumeWindowMs = message.resumeWindowMs ?? 0;
    this._attempt = 0;
    this._watchNetwork(false);
    this.state = rejoin ? 'rejoining' : 'open';
    this._setIceServers(message.iceServers);
    this._scheduleRenewal(this._socketToken);
    return rejoin ? previousPeerId : null;
  }

  /** As a new peer after a drop: enters the room this client was in and logs in under its name again. */
  async _rejoin(previousPeerId) {
    const socket = this._socket;
    const { room, name } = this;
    this.online = new Map(); // the new peer sees the directory once it is logged in
    this.dispatchEvent(new CustomEvent('directory', { detail: this.online }));
    const entering = { peerId: this.peerId, previousPeerId, room, name };
    this.dispatchEvent(new CustomEvent('rejoining', { detail: entering }));
    const errors = [];
    let roomLost = false;
    let nameLost = false;
    if (room !== null) {
      await this.createOrJoin(room).catch((error) => {
        if (error.code !== 'already-in-room') { // on /rooms/{room} the server has put the new peer in already
          errors.push(error);
          roomLost = true;
        }
      });
    }
    if (name !== null) {
      await this.login(name).catch((error) => {
        errors.push(error);
        nameLost = true;
      });
    }
    if (this._socket !== socket) {
      return; // dropped again meanwhile: room and name stay as they were, and the next connection re-enters
    }
    if (roomLost) {
      this.room = null;
    }
    if (nameLost) {
      this.name = null;
    }
    this.state = 'open';
    this.dispatchEvent(new CustomEvent('rejoined', { detail: { ...entering, room: this.room, name: this.name, errors } }));
  }

  _setIceServers(iceServers) {
    this.iceServers = Array.isArray(iceServers) ? iceServers : [];
    this.dispatchEvent(new CustomEvent('iceserverschange', { detail: this.iceServers }));
  }

  _trackPresence(message) {
    if (message.type === 'presence') {
      this.online = new Map(message.peers.map((peer) => [peer.peerId, peer.name]));
    } else if (message.type === 'peer-online') {
      this.online.set(message.peerId, message.name);
    } else if (message.type === 'peer-offline') {
      this.online.delete(message.peerId);
    } else {
      return;
    }
    this.dispatchEvent(new CustomEvent('directory', { detail: this.online }));
  }

  _settle(message) {
    if (message.ref === undefined || !this._pending.has(message.ref)) {
      return;
    }
    const { resolve, reject } = this._pending.get(message.ref);
    this._pending.delete(message.ref);
    if (message.type === 'error') {
      reject(new SignalingError(message.code, message.message, message));
    } else if (message.type === 'full' || message.type === 'empty') {
      const text = message.type === 'full' ? 'the room is full' : 'the room does not exist';
      reject(new SignalingError(message.type, text, message));
    } else {
      resolve(message);
    }
  }

  async _freshToken() {
    return typeof this._token === 'function' ? await this._token() : this._token;
  }

  /** Renews the token a minute before it expires (or at 80 % of a shorter life), if a function gives them. */
  _scheduleRenewal(token) {
    clearTimeout(this._renewal);
    this.tokenExpiresAt = expiryOf(token);
    if (typeof this._token !== 'function' || this.tokenExpiresAt === null) {
      return;
    }
    const left = this.tokenExpiresAt * 1000 - Date.now();
    const delay = Math.max(1000, Math.min(left - 60_000, left * 0.8));
    this._renewal = setTimeout(() => this.renewToken().catch((error) => {
      this.dispatchEvent(new CustomEvent('tokenerror', { detail: error }));
    }), delay);
  }

  _closed(socket, code, reason) {
    if (socket !== this._socket) {
      return;
    }
    clearTimeout(this._renewal);
    this._socket = null;
    for (const { reject } of this._pending.values()) {
      reject(new SignalingError('closed', `connection closed (${code})`));
    }
    this._pending.clear();
    const was = this.state;
    if (!this._retries(code) || (was !== 'open' && was !== 'rejoining' && was !== 'reconnecting')) {
      this._finish(code, reason);
      return;
    }
    if (was !== 'reconnecting') { // a connection in use dropped: its resume window starts now
      this._droppedAt = Date.now();
      this._attempt = 0;
      if (was === 'rejoining') {
        this._resumeToken = null; // that peer was only half re-entered: re-enter afresh rather than resume it
      }
    }
    this.state = 'reconnecting';
    this._watchNetwork(true);
    this._scheduleReconnect(code);
  }

  /** Whether a close with `code` is followed by reconnecting (see RETRIED_CLOSE_CODES). */
  _retries(code) {
    return this._reconnect !== null && !this._closing
      && (RETRIED_CLOSE_CODES.has(code) || (code === TOKEN_EXPIRED_AT_OPEN && typeof this._token === 'function'));
  }

  _scheduleReconnect(code) {
    this._attempt++;
    this._lastCloseCode = code;
    if (this._attempt > this._reconnect.maxAttempts) {
      this._finish(code, 'gave up reconnecting');
      return;
    }
    const ceiling = Math.min(this._reconnect.maxDelayMs, this._reconnect.baseDelayMs * 2 ** (this._attempt - 1));
    const delay = Math.round(Math.random() * ceiling);
    this.dispatchEvent(new CustomEvent('reconnecting', { detail: { attempt: this._attempt, delay, code } }));
    if (this.state === 'reconnecting') { // a listener may have closed the client
      clearTimeout(this._retryTimer);
      this._retryTimer = setTimeout(() => this._redial(), delay);
    }
  }

  /** One attempt to reconnect: resumes while the window lasts, else connects as a new peer (then re-enters). */
  async _redial() {
    if (this.state !== 'reconnecting' || this._socket !== null || this._dialing) {
      return;
    }
    if (globalThis.navigator?.onLine === false) {
      return; // no network: the browser's `online` event calls again
    }
    clearTimeout(this._retryTimer);
    this._dialing = true;
    try {
      const token = await this._freshToken();
      if (this.state === 'reconnecting') {
        const resumable = this._resumeToken !== null && Date.now() - this._droppedAt < this._resumeWindowMs;
        this._open(token, resumable ? this._resumeToken : null);
      }
    } catch (error) {
      // no token (its endpoint may be out of reach too) or no socket: a failed attempt like any other
      if (this.state === 'reconnecting') {
        this._scheduleReconnect(this._lastCloseCode);
      }
    } finally {
      this._dialing = false;
    }
  }

  /** Listens to the browser's `online` event while reconnecting, to try at once when the network is back. */
  _watchNetwork(on) {
    if (typeof globalThis.addEventListener !== 'function') {
      return;
    }
    if (on) {
      globalThis.addEventListener('online', this._onOnline);
    } else {
      globalThis.removeEventListener('online', this._onOnline);
    }
  }

  /** The end: no more reconnecting; the room, name and directory are gone with the connection. */
  _finish(code, reason) {
    clearTimeout(this._retryTimer);
    clearTimeout(this._renewal);
    this._watchNetwork(false);
    this.state = 'closed';
    this.room = null;
    this.name = null;
    this.online = new Map();
    this._resumeToken = null;
    this.dispatchEvent(new CustomEvent('close', { detail: { code, reason } }));
  }
}

/**
 * One RTCPeerConnection per remote member of the client's room (a mesh), each negotiated with the
 * W3C perfect negotiation pattern: both sides may offer at any time; on a collision the polite side
 * (the one whose peerId sorts first) rolls back and answers, the impolite side ignores the other offer.
 * Remote ICE candidates that arrive before the remote description are held until it is set.
 *
 * Every connection uses the ICE servers the signaling server gave ({@link SignalingClient#iceServers})
 * unless `rtcConfig.iceServers` says otherwise; refreshed servers (new TURN credentials) are applied to the
 * open connections with `setConfiguration`, and used from their next ICE restart ({@link PeerMesh#restartIce}).
 *
 * A call outlives a blip of the signaling connection. A connection whose ICE fails restarts ICE. While the
 * client is reconnecting, the signals a connection makes (an ICE restart's offer, candidates) are held and
 * sent, in order, once the client has `resumed`; then every connection that is not `connected` restarts ICE,
 * in case candidates were lost in the drop. When the client comes back as a new peer instead (`rejoining`),
 * the connections belong to the old peer id and are closed (`peer-removed` with reason 'rejoined'); the
 * room's `joined` reply builds new ones, and the others meet the new peer as any newcomer.
 *
 * To make collisions rare rather than certain, the newcomer makes the first offer: it attaches its media
 * (and data channel) at once, while the members it joins attach theirs when that offer arrives.
 *
 * Events (CustomEvent, `detail` always has `peerId`):
 * `peer-added`, `peer-removed` (`reason`: 'left' | 'disconnected' | 'timeout' | 'bye' | 'hangup' | 'rejoined'),
 * `track` (`stream`), `connectionstatechange` (`state`), `channel-open`, `channel-message` (`data`),
 * `channel-close`, `error` (`error`).
 */
export class PeerMesh extends EventTarget {
  /**
   * @param {SignalingClient} client a connected client
   * @param {object} [options]
   * @param {MediaStream} [options.localStream] tracks to send to every peer
   * @param {RTCConfiguration} [options.rtcConfig] settings for every RTCPeerConnection, e.g.
   *   `{iceTransportPolicy: 'relay'}` to use only TURN relays; `iceServers` defaults to the server's
   * @param {string|null} [options.dataChannel] label of a data channel to open with every peer, or null
   */
  constructor(client, options = {}) {
    super();
    this.client = client;
    this.localStream = options.localStream || null;
    this.rtcConfig = options.rtcConfig || {};
    this.dataChannelLabel = options.dataChannel === undefined ? null : options.dataChannel;
    /** @type {Map<string, RemotePeer>} */
    this.peers = new Map();
    this._listeners = [
      ['joined', (e) => e.detail.peers.forEach((peerId) => this._add(peerId, true))],
      ['peer-joined', (e) => this._add(e.detail.peerId, false)],
      ['peer-left', (e) => this._remove(e.detail.peerId, e.detail.reason)],
      ['bye', (e) => this._remove(e.detail.from, 'bye')],
      ['offer', (e) => this._signal(e.detail)],
      ['answer', (e) => this._signal(e.detail)],
      ['candidate', (e) => this._signal(e.detail)],
      ['close', () => this._removeAll('disconnected')],
      ['resumed', () => this._resumed()],
      ['rejoining', () => this._removeAll('rejoined')],
      ['iceserverschange', () => this._applyIceServers()],
    ];
    for (const [type, listener] of this._listeners) {
      client.addEventListener(type, listener);
    }
  }

  /**
   * Sends text (or binary) over the data channel to every peer whose channel is open.
   * @param {string|ArrayBuffer|Blob} data
   * @returns {number} how many peers it was sent to
   */
  broadcast(data) {
    let sent = 0;
    for (const peer of this.peers.values()) {
      if (peer.channel && peer.channel.readyState === 'open') {
        peer.channel.send(data);
        sent++;
      }
    }
    return sent;
  }

  /** The configuration for a new RTCPeerConnection: `rtcConfig`, with the server's ICE servers by default. */
  configuration() {
    return { iceServers: this.client.iceServers, ...this.rtcConfig };
  }

  /**
   * Restarts ICE with every peer: each connection gathers candidates afresh (with the current ICE servers
   * and credentials) and renegotiates. For a network change, or after credentials were refreshed.
   */
  restartIce() {
    for (const peer of this.peers.values()) {
      peer.pc.restartIce();
    }
  }

  /**
   * How the call with a peer is carried, from `getStats()`: the candidate types of the selected pair
   * ('host', 'srflx', 'prflx' or 'relay'), or null while no pair is selected.
   * @param {string} peerId
   * @returns {Promise<{local: string, remote: string}|null>}
   */
  async route(peerId) {
    const peer = this.peers.get(peerId);
    if (!peer) {
      return null;
    }
    const stats = await peer.pc.getStats();
    for (const report of stats.values()) {
      if (report.type === 'transport' && report.selectedCandidatePairId) {
        const pair = stats.get(report.selectedCandidatePairId);
        const local = pair && stats.get(pair.localCandidateId);
        const remote = pair && stats.get(pair.remoteCandidateId);
        return local && remote ? { local: local.candidateType, remote: remote.candidateType } : null;
      }
    }
    return null;
  }

  /** Ends every call: tells the peers (`bye`), closes the connections and leaves the room. */
  hangUp() {
    if (this.client.connected) {
      for (const peerId of this.peers.keys()) {
        this.client.send({ type: 'bye', to: peerId });
      }
    }
    this._removeAll('hangup');
    if (this.client.connected) {
      this.client.leave();
    }
  }

  /** Stops listening to the client and closes every connection. */
  dispose() {
    this._removeAll('hangup');
    for (const [type, listener] of this._listeners) {
      this.client.removeEventListener(type, listener);
    }
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  _add(peerId, initiator) {
    if (peerId === this.client.peerId || this.peers.has(peerId)) {
      return this.peers.get(peerId);
    }
    const peer = new RemotePeer(this, peerId);
    this.peers.set(peerId, peer);
    this._emit('peer-added', { peerId });
    peer.start(initiator);
    return peer;
  }

  _applyIceServers() {
    const configuration = this.configuration();
    for (const peer of this.peers.values()) {
      try {
        peer.pc.setConfiguration({ ...peer.pc.getConfiguration(), iceServers: configuration.iceServers });
      } catch (error) {
        this._emit('error', { peerId: peer.peerId, error });
      }
    }
  }

  _remove(peerId, reason) {
    const peer = this.peers.get(peerId);
    if (!peer) {
      return;
    }
    this.peers.delete(peerId);
    peer.close();
    this._emit('peer-removed', { peerId, reason });
  }

  _removeAll(reason) {
    for (const peerId of [...this.peers.keys()]) {
      this._remove(peerId, reason);
    }
  }

  /** The same peer again after a drop: sends what was held, and restarts ICE where the call is not up. */
  _resumed() {
    for (const peer of this.peers.values()) {
      peer.sendHeld();
      if (peer.pc.connectionState !== 'connected' && peer.pc.connectionState !== 'closed') {
        peer.pc.restartIce();
      }
    }
  }

  _signal(message) {
    // A signal can precede peer-joined only if the server reordered, which it does not; be lenient anyway.
    const peer = this.peers.get(message.from) || this._add(message.from, false);
    if (peer) {
      peer.receive(message);
    }
  }
}

/** The connection to one remote member. Internal to {@link PeerMesh}. */
class RemotePeer {
  constructor(mesh, peerId) {
    this.mesh = mesh;
    this.peerId = peerId;
    // Both sides compute the same roles from the two ids, so exactly one of them is polite.
    this.polite = mesh.client.peerId < peerId;
    this.attached = false;
    this.pc = new RTCPeerConnection(mesh.configuration());
    this.channel = null;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.pendingCandidates = [];
    this.held = []; // signals made while the client reconnects, sent on `resumed`
    this.queue = Promise.resolve(); // remote messages are handled one after another
    this.closed = false;
  }

  /** @param {boolean} initiator whether this side makes the first offer */
  start(initiator) {
    const { pc, mesh, peerId } = this;
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        this.send({ type: pc.localDescription.type, sdp: pc.localDescription.sdp });
      } catch (error) {
        mesh._emit('error', { peerId, error });
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      this.send({ type: 'candidate', candidate: candidate ? candidate.toJSON() : null });
    };
    pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] || new MediaStream([track]);
      mesh._emit('track', { peerId, stream, track });
    };
    pc.onconnectionstatechange = () => {
      mesh._emit('connectionstatechange', { peerId, state: pc.connectionState });
    };
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed') {
        pc.restartIce(); // a new network path, or a relay with the newest credentials
      }
    };
    if (initiator) {
      this.attachLocal();
    }
  }

  /** Adds the local tracks and the data channel; adding them makes the connection want to (re)negotiate. */
  attachLocal() {
    if (this.attached) {
      return;
    }
    this.attached = true;
    const { pc, mesh, peerId } = this;
    if (mesh.dataChannelLabel !== null) {
      // Negotiated with a fixed id on both sides: symmetric, no need to wait for ondatachannel.
      this.channel = pc.createDataChannel(mesh.dataChannelLabel, { negotiated: true, id: 0 });
      this.channel.onopen = () => mesh._emit('channel-open', { peerId });
      this.channel.onclose = () => mesh._emit('channel-close', { peerId });
      this.channel.onmessage = ({ data }) => mesh._emit('channel-message', { peerId, data });
    }
    if (mesh.localStream) {
      for (const track of mesh.localStream.getTracks()) {
        pc.addTrack(track, mesh.localStream);
      }
    }
  }

  send(message) {
    const { client } = this.mesh;
    if (this.closed) {
      return;
    }
    if (client.state === 'reconnecting') {
      this.held.push(message); // the server holds what is sent to us meanwhile; this is the other half
    } else if (client.connected) {
      client.send({ ...message, to: this.peerId });
    }
  }

  sendHeld() {
    const held = this.held;
    this.held = [];
    held.forEach((message) => this.send(message));
  }

  receive(message) {
    this.queue = this.queue
      .then(() => this.handle(message))
      .catch((error) => this.mesh._emit('error', { peerId: this.peerId, error }));
  }

  async handle(message) {
    if (this.closed) {
      return;
    }
    const { pc } = this;
    if (message.type === 'offer' || message.type === 'answer') {
      const offerCollision = message.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && offerCollision;
      if (this.ignoreOffer) {
        return;
      }
      await pc.setRemoteDescription({ type: message.type, sdp: message.sdp });
      await this.addPendingCandidates();
      if (message.type === 'offer') {
        this.attachLocal(); // our media joins the answer, reusing the offered transceivers
        await pc.setLocalDescription();
        this.send({ type: pc.localDescription.type, sdp: pc.localDescription.sdp });
      }
    } else if (message.type === 'candidate') {
      if (!pc.remoteDescription) {
        this.pendingCandidates.push(message.candidate);
        return;
      }
      await this.addCandidate(message.candidate);
    }
  }

  async addPendingCandidates() {
    const pending = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of pending) {
      await this.addCandidate(candidate);
    }
  }

  async addCandidate(candidate) {
    try {
      // null is end-of-candidates
      await this.pc.addIceCandidate(candidate === null ? undefined : candidate);
    } catch (error) {
      if (!this.ignoreOffer) {
        throw error; // candidates of an offer we ignored are expected to fail
      }
    }
  }

  close() {
    this.closed = true;
    this.held = [];
    if (this.channel) {
      this.channel.onopen = this.channel.onclose = this.channel.onmessage = null;
    }
    this.pc.onnegotiationneeded = this.pc.onicecandidate = this.pc.ontrack = null;
    this.pc.onconnectionstatechange = this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }
}
