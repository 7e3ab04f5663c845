// The conversation kept for the browser tab's session (sessionStorage), so that a page reload
// or a move to another page of the site keeps the chat where it was.

// Version 2: answers are kept as their structured parts (lead, points, citations…), no longer
// as markdown; a tab holding version 1 starts afresh.
const VERSION = 2;

/** `handoff` is the id of the message that offers the human hand-off: once per conversation. */
export function emptyState() {
  return { v: VERSION, open: false, conversationId: null, draft: "", messages: [], handoff: null };
}

export class SessionState {
  constructor(key) {
    this.key = key;
    this.storage = storage();
    this.data = this.#load();
    this.sessionId = this.#sessionId();
  }

  save() {
    if (!this.storage) return;
    const messages = this.data.messages
      .filter((message) => !message.pending)
      .map(({ pending, streaming, ...rest }) => rest);
    try {
      this.storage.setItem(this.key, JSON.stringify({ ...this.data, messages }));
    } catch {
      // storage full or refused: the chat still works, it just won't survive a reload
    }
  }

  reset() {
    const open = this.data.open;
    this.data = { ...emptyState(), open };
    this.save();
  }

  #load() {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed = raw ? JSON.parse(raw) : null;
      if (parsed && parsed.v === VERSION && Array.isArray(parsed.messages)) {
        return { ...emptyState(), ...parsed, messages: parsed.messages.map(recover) };
      }
    } catch {
      // unreadable: start afresh
    }
    return emptyState();
  }

  #sessionId() {
    const key = `${this.key}:session`;
    try {
      let id = this.storage?.getItem(key);
      if (!id) {
        id = randomId();
        this.storage?.setItem(key, id);
      }
      return id;
    } catch {
      return randomId();
    }
  }
}

// A question whose answer was still on its way when the page went away becomes a failed one,
// ready to be retried.
function recover(message) {
  if (message.role === "user" && message.awaiting) {
    return { ...message, awaiting: false, error: { kind: "interrupted", retryAfter: 0 } };
  }
  return message;
}

function storage() {
  try {
    const s = window.sessionStorage;
    const probe = "__termsbot_probe__";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export function randomId() {
  if (crypto?.randomUUID) return crypto.randomUUID().replace(/-/g, "");
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
