// The directory page: log in by name, see who is online, call someone (an invitation into a private
// room, accepted by joining it), and exchange text messages.
import { PeerMesh } from './switchboard.js';
import { StatusLine, VideoGrid, describeFailure, loggedClient, rtcConfigOf } from './demo-ui.js';

const $ = (id) => document.getElementById(id);
const ui = {
  loginForm: $('login-form'), name: $('name'), login: $('login'), logout: $('logout'), status: $('status'),
  incoming: $('incoming'), incomingText: $('incoming-text'), accept: $('accept'), decline: $('decline'),
  people: $('people'), call: $('call'), hangup: $('hangup'), videos: $('videos'), local: $('local'),
  messages: $('messages'), compose: $('compose'), to: $('to'), text: $('text'), send: $('send'), log: $('log'),
  relayOnly: $('relay-only'),
};

let client = null;
let localStream = null;
let mesh = null;
let invitation = null; // {from, fromName, room} while an incoming call waits for an answer
let callee = null;     // the name we are calling, until they join or decline
const grid = new VideoGrid(ui.videos);
const received = [];
const statusLine = new StatusLine(ui.status);

function status(text, kind) {
  statusLine.set(text, kind);
}

function nameOf(peerId) {
  return client?.online.get(peerId) ?? peerId.slice(0, 6);
}

function say(text, kind) {
  const line = document.createElement('li');
  line.className = kind;
  line.textContent = text;
  ui.messages.append(line);
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function renderPeople() {
  const others = [...(client?.online ?? new Map())].filter(([peerId]) => peerId !== client.peerId)
    .sort((a, b) => a[1].localeCompare(b[1]));
  ui.people.replaceChildren();
  if (others.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = client ? 'Nobody else is online.' : 'Log in to see who is online.';
    ui.people.append(empty);
  }
  for (const [peerId, name] of others) {
    const row = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = name;
    const call = document.createElement('button');
    call.textContent = 'Call';
    call.dataset.call = name;
    call.disabled = inCall();
    call.addEventListener('click', () => startCall(peerId, name));
    row.append(who, call);
    ui.people.append(row);
  }
  const chosen = ui.to.value;
  ui.to.replaceChildren(...others.map(([peerId, name]) => new Option(name, name)));
  if (others.some(([, name]) => name === chosen)) {
    ui.to.value = chosen;
  }
  const canSend = others.length > 0;
  ui.to.disabled = ui.text.disabled = ui.send.disabled = !canSend;
}

function inCall() {
  return mesh !== null;
}

async function camera() {
  if (!localStream) {
    localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    ui.local.srcObject = localStream;
  }
  return localStream;
}

function openCall() {
  mesh = new PeerMesh(client, { localStream, rtcConfig: rtcConfigOf(ui.relayOnly) });
  grid.attach(mesh, nameOf, (removed) => {
    // 'rejoined': this client came back as a new peer, and the call is being rebuilt, not ended
    if (removed && removed.reason !== 'rejoined' && grid.size === 0 && mesh) {
      const who = nameOf(removed.peerId);
      endCall();
      status(`${who} hung up.`, 'warn');
    } else if (grid.summary() === 'connected') {
      callee = null;
      status(`In a call with ${[...mesh.peers.keys()].map(nameOf).join(', ')}.`, 'ok');
    } else if (grid.summary() === 'connecting') {
      status('Connecting the call...', 'info');
    }
  });
  ui.call.hidden = false;
  renderPeople();
}

function endCall() {
  mesh?.hangUp();
  mesh?.dispose();
  mesh = null;
  callee = null;
  grid.clear();
  ui.call.hidden = true;
  renderPeople();
}

async function startCall(peerId, name) {
  try {
    await camera();
    openCall();
    callee = name;
    const room = `call-${crypto.randomUUID()}`;
    await client.create(room);
    client.invite(peerId, room);
    status(`Calling ${name}...`, 'info');
  } catch (error) {
    endCall();
    status(describeFailure(error), 'error');
  }
}

function showInvitation(invite) {
  if (inCall() || invitation) {
    client.decline(invite.from, invite.room); // busy
    return;
  }
  invitation = invite;
  ui.incomingText.textContent = `${invite.fromName} is calling you.`;
  ui.incoming.hidden = false;
}

function closeInvitation() {
  invitation = null;
  ui.incoming.hidden = true;
}

ui.accept.addEventListener('click', async () => {
  const { room, fromName } = invitation;
  closeInvitation();
  try {
    await camera();
    openCall();
    await client.join(room);
    status(`Connecting to ${fromName}...`, 'info');
  } catch (error) {
    endCall();
    status(error.code === 'empty' ? `${fromName} is no longer calling.` : describeFailure(error), 'error');
  }
});

ui.decline.addEventListener('click', () => {
  client.decline(invitation.from, invitation.room);
  closeInvitation();
});

ui.hangup.addEventListener('click', () => {
  endCall();
  status('Call ended.', 'info');
});

ui.loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  ui.login.disabled = true;
  client = loggedClient(ui.log, (closed, code) => {
    if (closed === client) {
      loggedOut(`Connection to the signaling server lost (code ${code}).`, 'error');
    }
  });
  statusLine.follow(client);
  client.addEventListener('directory', renderPeople);
  client.addEventListener('invite', (e) => showInvitation(e.detail));
  client.addEventListener('decline', (e) => {
    if (callee && inCall()) {
      endCall();
      status(`${e.detail.fromName} declined the call.`, 'warn');
    }
  });
  client.addEventListener('message', (e) => {
    received.push({ from: e.detail.fromName, body: e.detail.body });
    say(`${e.detail.fromName}: ${typeof e.detail.body === 'string' ? e.detail.body : JSON.stringify(e.detail.body)}`,
      'theirs');
  });
  client.addEventListener('error', (e) => {
    if (e.detail.ref !== undefined) {
      return; // the failed request's promise reports it
    }
    if (callee && inCall()) {
      endCall(); // e.g. the person we invited went offline
    }
    status(describeFailure(e.detail), 'error');
  });
  try {
    await client.connect();
    const reply = await client.login(ui.name.value.trim());
    status(`Logged in as ${reply.name}.`, 'ok');
    ui.name.disabled = true;
    ui.logout.disabled = false;
  } catch (error) {
    loggedOut(describeFailure(error), 'error');
  }
});

ui.logout.addEventListener('click', () => loggedOut('Logged out.', 'info'));

function loggedOut(text, kind) {
  const leaving = client;
  endCall();
  closeInvitation();
  client = null;
  statusLine.follow(null);
  leaving?.close();
  ui.name.disabled = false;
  ui.login.disabled = false;
  ui.logout.disabled = true;
  renderPeople();
  status(text, kind);
}

ui.compose.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.text.value.trim();
  if (client && text && ui.to.value) {
    client.sendMessage(ui.to.value, text);
    say(`to ${ui.to.value}: ${text}`, 'mine');
    ui.text.value = '';
  }
});

renderPeople();

// Read by the browser tests, and handy in the console.
window.switchboardDemo = {
  snapshot() {
    return {
      status: ui.status.textContent,
      statusKind: ui.status.dataset.kind,
      name: client?.name ?? null,
      peerId: client?.peerId ?? null,
      ...statusLine.snapshot(),
      online: [...(client?.online.values() ?? [])].filter((name) => name !== client?.name),
      incoming: invitation?.fromName ?? null,
      inCall: inCall(),
      received: received.map((message) => `${message.from}: ${message.body}`),
      problems: [...grid.problems],
      remotes: grid.snapshot(),
    };
  },
};
