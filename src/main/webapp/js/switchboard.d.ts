// Type declarations for /js/switchboard.js (Switchboard signaling protocol v1).

export type RoomReply = {
  type: 'created' | 'joined';
  room: string;
  peerId: string;
  /** Members already in the room when this peer entered, in order of arrival. */
  peers: string[];
  ref?: string | number;
};

export type ServerMessage =
  | { type: 'welcome'; peerId: string }
  | RoomReply
  | { type: 'full' | 'empty'; room: string; ref?: string | number }
  | { type: 'peer-joined'; room: string; peerId: string }
  | { type: 'peer-left'; room: string; peerId: string; reason: 'left' | 'disconnected' }
  | { type: 'error'; code: string; message: string; ref?: string | number }
  | { type: 'offer' | 'answer'; sdp: string; from: string; room: string; to?: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit | null; from: string; room: string; to?: string }
  | { type: 'bye'; from: string; room: string; to?: string };

export interface SignalingEventMap {
  welcome: CustomEvent<Extract<ServerMessage, { type: 'welcome' }>>;
  created: CustomEvent<RoomReply>;
  joined: CustomEvent<RoomReply>;
  full: CustomEvent<Extract<ServerMessage, { type: 'full' | 'empty' }>>;
  empty: CustomEvent<Extract<ServerMessage, { type: 'full' | 'empty' }>>;
  'peer-joined': CustomEvent<Extract<ServerMessage, { type: 'peer-joined' }>>;
  'peer-left': CustomEvent<Extract<ServerMessage, { type: 'peer-left' }>>;
  error: CustomEvent<Extract<ServerMessage, { type: 'error' }>>;
  offer: CustomEvent<Extract<ServerMessage, { type: 'offer' | 'answer' }>>;
  answer: CustomEvent<Extract<ServerMessage, { type: 'offer' | 'answer' }>>;
  candidate: CustomEvent<Extract<ServerMessage, { type: 'candidate' }>>;
  bye: CustomEvent<Extract<ServerMessage, { type: 'bye' }>>;
  message: CustomEvent<ServerMessage>;
  sent: CustomEvent<Record<string, unknown>>;
  close: CustomEvent<{ code: number; reason: string }>;
}

/** A protocol error code (docs/protocol.md), or 'full', 'empty', 'closed', 'connected'. */
export class SignalingError extends Error {
  constructor(code: string, message: string, reply?: ServerMessage);
  readonly code: string;
  readonly reply?: ServerMessage;
}

export function defaultSignalingUrl(): string;

export class SignalingClient extends EventTarget {
  constructor(url?: string);
  readonly url: string;
  readonly peerId: string | null;
  readonly room: string | null;
  readonly connected: boolean;
  connect(): Promise<string>;
  create(room: string): Promise<RoomReply>;
  join(room: string): Promise<RoomReply>;
  createOrJoin(room: string): Promise<RoomReply>;
  leave(): void;
  send(message: { type: string; [field: string]: unknown }): void;
  close(): void;
  addEventListener<K extends keyof SignalingEventMap>(
    type: K, listener: (event: SignalingEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

export interface PeerMeshOptions {
  localStream?: MediaStream;
  rtcConfig?: RTCConfiguration;
  /** Label of a data channel opened with every peer; none when omitted or null. */
  dataChannel?: string | null;
}

export interface PeerMeshEventMap {
  'peer-added': CustomEvent<{ peerId: string }>;
  'peer-removed': CustomEvent<{ peerId: string; reason: 'left' | 'disconnected' | 'bye' | 'hangup' }>;
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
  hangUp(): void;
  dispose(): void;
  addEventListener<K extends keyof PeerMeshEventMap>(
    type: K, listener: (event: PeerMeshEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}
