/**
 * Shared pieces of the demo pages: status line, signaling log, room name from the URL.
 * Not part of the client library.
 */

const MAX_LOG_LINES = 500;

/** The room named in the page URL (?room=...), or a fresh random one. */
export function roomFromUrl() {
  const room = new URLSearchParams(location.search).get('room');
  return room && /^[A-Za-z0-9_-]{1,64}$/.test(room) ? room : `room-${Math.random().toString(36).slice(2, 8)}`;
}

/** Shows `text` in the status element; `kind` is 'info', 'ok', 'warn' or 'error'. */
export function setStatus(element, text, kind = 'info') {
  element.textContent = text;
  element.dataset.kind = kind;
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
  client.addEventListener('message', (event) => add('←', event.detail));
  client.addEventListener('close', (event) => add('×', { connection: 'closed', code: event.detail.code }));
}

/** Explains a failed room request or connection in words for the status line. */
export function describeFailure(error) {
  switch (error.code) {
    case 'full': return 'The room is full. Try another room name.';
    case 'empty': return 'That room does not exist (nobody is in it).';
    case 'closed': return 'Could not reach the signaling server.';
    case 'invalid-room': return 'Room names are 1-64 letters, digits, _ or -.';
    default: return `Error: ${error.message}`;
  }
}
