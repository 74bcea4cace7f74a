// Type declarations for /js/switchboard.js (Switchboard signaling protocol v1). ServerMessage follows the JSON
// Schemas in docs/schemas/server (ClientLibraryTypesTest compares them).

export type RoomReply = {
  type: 'created' | 'joined';
  room: string;
  peerId: string;
  /** Members already in the room when this peer entered, in order of arrival. */
  peers: string[];
  ref?: string | number;
};

export type ServerMessage =
  | { type: 'welcome'; peerId: string; heartbeatMs: number; iceServers?: IceServer[]; resumeToken?: string;
      resumeWindowMs?: number }
  /** The first frame of a connection that resumed a dropped session: the same peer, still in `room` (if any). */
  | { type: 'resumed'; peerId: string; room?: string; heartbeatMs: number; iceServers?: IceServer[];
      resumeToken: string; resumeWindowMs: number }
  | { type: 'ice-servers'; iceServers: IceServer[] }
  | { type: 'auth'; ok: true; expiresAt: number; ref?: string | number }
  | RoomReply
  | { type: 'full' | 'empty'; room: string; ref?: string | number }
  | { type: 'peer-joined'; room: string; peerId: string }
  | { type: 'peer-left'; room: string; peerId: string; reason: 'left' | 'disconnected' | 'timeout' }
  /** A member's connection dropped; it is kept for the resume window. */
  | { type: 'peer-away' | 'peer-back'; room: string; peerId: string }
  | { type: 'error'; code: ErrorCode; message: string; ref?: string | number }
  /**
   * Signals carry `room` when relayed in a room, `fromName` and `ts` when sent directly between logged-in peers;
   * `to` and `id` as the sender wrote them.
   */
  | { type: 'offer' | 'answer'; sdp: string; from: string; room?: string; fromName?: string; ts?: number; to?: string;
      id?: string | number }
  | { type: 'candidate'; candidate: RTCIceCandidateInit | null; from: string; room?: string; fromName?: string;
      ts?: number; to?: string; id?: string | number }
  | { type: 'bye'; from: string; room?: string; fromName?: string; ts?: number; to?: string; id?: string | number }
  | { type: 'login'; ok: true; name: string; peerId: string; ref?: string | number }
  | { type: 'presence'; peers: { peerId: string; name: string }[] }
  | { type: 'peer-online'; peerId: string; name: string }
  | { type: 'peer-offline'; peerId: string; name: string; reason: 'logout' | 'disconnected' | 'timeout' }
  | DirectFields & { type: 'message'; body: unknown; to: string; id?: string | number }
  | DirectFields & { type: 'invite'; room: string; to: string; id?: string | number }
  | DirectFields & { type: 'decline'; room?: string; to: string; id?: string | number };

/** The `code` of an `error` (docs/protocol.md, Errors). */
export type ErrorCode =
  | 'bad-json' | 'unknown-type' | 'invalid-message' | 'invalid-room' | 'not-in-room' | 'already-in-room'
  | 'room-exists' | 'unknown-peer' | 'invalid-name' | 'name-taken' | 'already-logged-in' | 'not-logged-in'
  | 'peer-busy' | 'directory-full' | 'directory-disabled' | 'rate-limited' | 'too-many-rooms' | 'shutting-down'
  | 'unavailable' | 'forbidden' | 'token-expired' | 'invalid-token' | 'resume-failed' | 'internal';

/**
 * An ICE server as the server gives it (the W3C RTCIceServer form): STUN without credentials, TURN with a
 * username `<expiry in Unix seconds>:<peerId>` and its credential, valid until that expiry.
 */
export type IceServer = { urls: string[]; username?: string; credential?: string };

/** Set by the server on everything delivered directly between logged-in peers (signals included). */
export type DirectFields = { from: string; fromName: string; ts: number };

export interface SignalingEventMap {
  welcome: CustomEvent<Extract<ServerMessage, { type: 'welcome' }>>;
  created: CustomEvent<RoomReply>;
  joined: CustomEvent<RoomReply>;
  full: CustomEvent<Extract<ServerMessage, { type: 'full' | 'empty' }>>;
  empty: CustomEvent<Extract<ServerMessage, { type: 'full' | 'empty' }>>;
  'peer-joined': CustomEvent<Extract<ServerMessage, { type: 'peer-joined' }>>;
  'peer-left': CustomEvent<Extract<ServerMessage, { type: 'peer-left' }>>;
  'peer-away': CustomEvent<Extract<ServerMessage, { type: 'peer-away' | 'peer-back' }>>;
  'peer-back': CustomEvent<Extract<ServerMessage, { type: 'peer-away' | 'peer-back' }>>;
  error: CustomEvent<Extract<ServerMessage, { type: 'error' }>>;
  offer: CustomEvent<Extract<ServerMessage, { type: 'offer' | 'answer' }>>;
  answer: CustomEvent<Extract<ServerMessage, { type: 'offer' | 'answer' }>>;
  candidate: CustomEvent<Extract<ServerMessage, { type: 'candidate' }>>;
  bye: CustomEvent<Extract<ServerMessage, { type: 'bye' }>>;
  login: CustomEvent<Extract<ServerMessage, { type: 'login' }>>;
  presence: CustomEvent<Extract<ServerMessage, { type: 'presence' }>>;
  'peer-online': CustomEvent<Extract<ServerMessage, { type: 'peer-online' }>>;
  'peer-offline': CustomEvent<Extract<ServerMessage, { type: 'peer-offline' }>>;
  message: CustomEvent<Extract<ServerMessage, { type: 'message' }>>;
  invite: CustomEvent<Extract<ServerMessage, { type: 'invite' }>>;
  decline: CustomEvent<Extract<ServerMessage, { type: 'decline' }>>;
  'ice-servers': CustomEvent<Extract<ServerMessage, { type: 'ice-servers' }>>;
  /** {@link SignalingClient.iceServers} changed (welcome, or a refresh before the credentials expire). */
  iceserverschange: CustomEvent<IceServer[]>;
  auth: CustomEvent<Extract<ServerMessage, { type: 'auth' }>>;
  /** Renewing the access token failed (the `token` function threw, or the server refused the token). */
  tokenerror: CustomEvent<unknown>;
  /** Every server message. */
  incoming: CustomEvent<ServerMessage>;
  /** The list of logged-in peers changed; detail is {@link SignalingClient.online}. */
  directory: CustomEvent<Map<string, string>>;
  sent: CustomEvent<Record<string, unknown>>;
  /** The connection ended for good: closed by the page, a close code not retried, or reconnecting given up. */
  close: CustomEvent<{ code: number; reason: string }>;
  /**
   * The connection dropped (close `code`) and attempt number `attempt` (from 1) follows in `delay` ms; while the
   * browser is offline it waits for its `online` event instead.
   */
  reconnecting: CustomEvent<{ attempt: number; delay: number; code: number }>;
  /** Reconnected as the same peer, still in its room and logged in; the messages held for it follow. */
  resumed: CustomEvent<Extract<ServerMessage, { type: 'resumed' }>>;
  /** Reconnected as a new peer (the resume failed or the window had passed); re-entering `room` and `name` next. */
  rejoining: CustomEvent<RejoinDetail>;
  /** Re-entered as the new peer: `room` and `name` are what it got back; `errors` what it could not. */
  rejoined: CustomEvent<RejoinDetail & { errors: SignalingError[] }>;
}

export type RejoinDetail = { peerId: string; previousPeerId: string; room: string | null; name: string | null };

/**
 * Where a client stands: 'reconnecting' after a drop (between attempts or during one), 'rejoining' while a new
 * peer re-enters the room and the directory, 'closed' for good.
 */
export type SignalingState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'rejoining' | 'closed';

/** A protocol error code (docs/protocol.md), or 'full', 'empty', 'closed', 'connected'. */
export class SignalingError extends Error {
  constructor(code: string, message: string, reply?: ServerMessage);
  readonly code: string;
  readonly reply?: ServerMessage;
}

export function defaultSignalingUrl(): string;

export interface SignalingClientOptions {
  /**
   * The access token, where the server requires one: a token, or a function returning a fresh one (or null),
   * called for every connection, shortly before expiry (sent with `auth`), and on `token-expired`.
   */
  token?: string | (() => string | null | Promise<string | null>);
  /**
   * false: never reconnect, every close is final. Otherwise the backoff after a drop: attempt n waits a random
   * time up to min(maxDelayMs, baseDelayMs * 2^(n-1)); defaults 500, 10000, and no limit on the attempts.
   */
  reconnect?: boolean | { baseDelayMs?: number; maxDelayMs?: number; maxAttempts?: number };
}

export class SignalingClient extends EventTarget {
  constructor(url?: string, options?: SignalingClientOptions);
  /** When the access token in force expires (Unix seconds), or null. */
  readonly tokenExpiresAt: number | null;
  /** Sends a fresh access token with `auth`; rejects with `invalid-token` or `forbidden`. */
  renewToken(token?: string): Promise<Extract<ServerMessage, { type: 'auth' }>>;
  readonly url: string;
  readonly peerId: string | null;
  readonly room: string | null;
  /** The name this client is logged in under, or null. */
  readonly name: string | null;
  /** Who is logged in (this client included): peerId to name. */
  readonly online: Map<string, string>;
  /** The ICE servers the server gave this connection; empty when it gave none. */
  readonly iceServers: IceServer[];
  readonly state: SignalingState;
  /** Whether messages can be sent now (open and welcomed or resumed); false while reconnecting. */
  readonly connected: boolean;
  connect(): Promise<string>;
  create(room: string): Promise<RoomReply>;
  join(room: string): Promise<RoomReply>;
  createOrJoin(room: string): Promise<RoomReply>;
  leave(): void;
  login(name: string): Promise<Extract<ServerMessage, { type: 'login' }>>;
  logout(): void;
  sendMessage(to: string, body: unknown): void;
  invite(to: string, room: string): void;
  decline(to: string, room?: string): void;
  /** Throws SignalingError `closed` when not connected (reconnecting included). */
  send(message: { type: string; [field: string]: unknown }): void;
  /** Closes with a closing handshake (a goodbye: nothing is kept for a resume) and stops reconnecting. */
  close(): void;
  addEventListener<K extends keyof SignalingEventMap>(
    type: K, listener: (event: SignalingEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

export interface PeerMeshOptions {
  localStream?: MediaStream;
  /** Settings for every RTCPeerConnection, e.g. `{iceTransportPolicy: 'relay'}`; iceServers default to the server's. */
  rtcConfig?: RTCConfiguration;
  /** Label of a data channel opened with every peer; none when omitted or null. */
  dataChannel?: string | null;
}

export interface PeerMeshEventMap {
  'peer-added': CustomEvent<{ peerId: string }>;
  /** 'rejoined': this client came back as a new peer, so its connections to the others were rebuilt. */
  'peer-removed': CustomEvent<{ peerId: string;
    reason: 'left' | 'disconnected' | 'timeout' | 'bye' | 'hangup' | 'rejoined' }>;
  track: CustomEvent<{ peerId: string; stream: MediaStream; track: MediaStreamTrack }>;
  connectionstatechange: CustomEvent<{ peerId: string; state: RTCPeerConnectionState }>;
  'channel-open': CustomEvent<{ peerId: string }>;
  'channel-close': CustomEvent<{ peerId: string }>;
  'channel-message': CustomEvent<{ peerId: string; data: unknown }>;
  error: CustomEvent<{ peerId: string; error: unknown }>;
}

export class PeerMesh extends EventTarget {
  constructor(client: SignalingClient, options?: PeerMeshOptions);
  readonly client: SignalingClient;
  readonly peers: Map<string, unknown>;
  broadcast(data: string | ArrayBuffer | Blob): number;
  /** The configuration each new RTCPeerConnection gets. */
  configuration(): RTCConfiguration;
  /** Restarts ICE with every peer (new candidates with the current ICE servers), renegotiating. */
  restartIce(): void;
  /** The candidate types of the selected pair with a peer, or null while none is selected. */
  route(peerId: string): Promise<{ local: RTCIceCandidateType; remote: RTCIceCandidateType } | null>;
  hangUp(): void;
  dispose(): void;
  addEventListener<K extends keyof PeerMeshEventMap>(
    type: K, listener: (event: PeerMeshEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}
