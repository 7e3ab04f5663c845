// Talking to the termsbot API: chat (server-sent events over fetch, or plain JSON when the
// server has no streaming endpoint), feedback and document sections.
//
// Every failure becomes an ApiError whose `kind` tells the interface what to say:
//   offline | network | timeout | interrupted | rate_limited | unavailable | server |
//   bad_request | forbidden | not_found

export class ApiError extends Error {
  constructor(kind, { status = 0, code = kind, message = kind, retryAfter = 0 } = {}) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

// What the stream's `meta` event carries: the ids, and the answer's structured parts.
const META_FIELDS = ["conversation_id", "message_id", "language", "status", "lead", "points", "notes", "ask"];

export class ApiClient {
  /**
   * @param {string} base  the API's base URL, ending with "/"
   * @param {{timeoutMs?: number, session?: string}} options
   */
  constructor(base, { timeoutMs = 45000, session = "" } = {}) {
    this.base = base;
    this.timeoutMs = timeoutMs;
    this.session = session;
    this.streaming = true; // false once the server has said it has no /v1/chat/stream
  }

  url(path) {
    return new URL(path.replace(/^\//, ""), this.base).href;
  }

  /**
   * Ask a question. `on` receives meta, delta, citations, calculation and done in order,
   * whichever transport carries them; resolves with the transport used ("stream" | "json").
   * A conversation the server no longer knows (purged, or another server) is started afresh.
   */
  async chat(body, on, signal) {
    try {
      return await this.#chatOnce(body, on, signal);
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind !== "not_found" || !body.conversation_id) throw error;
      return this.#chatOnce({ ...body, conversation_id: null }, on, signal);
    }
  }

  async #chatOnce(body, on, signal) {
    if (this.streaming) {
      const response = await this.#post("v1/chat/stream", body, signal, "text/event-stream");
      if (response.status === 404 || response.status === 405) {
        // No streaming endpoint on this server, or (404) an unknown conversation: the JSON
        // endpoint tells which, and answers in the first case.
        const fallback = await this.#checked(await this.#post("v1/chat", body, signal));
        this.streaming = false;
        emitWhole(await fallback.json(), on);
        return "json";
      }
      await this.#checked(response);
      if ((response.headers.get("content-type") || "").includes("text/event-stream")) {
        await readEvents(response, on, this.timeoutMs);
        return "stream";
      }
      emitWhole(await response.json(), on);
      return "json";
    }
    const response = await this.#checked(await this.#post("v1/chat", body, signal));
    emitWhole(await response.json(), on);
    return "json";
  }

  async feedback(body) {
    await this.#checked(await this.#post("v1/feedback", body));
  }

  async section(docId, section, version) {
    const query = version ? `?version=${encodeURIComponent(version)}` : "";
    const path = `v1/documents/${encodeURIComponent(docId)}/sections/${encodeURIComponent(section)}${query}`;
    const response = await this.#checked(await this.#fetch(this.url(path), { method: "GET" }));
    return response.json();
  }

  async #post(path, body, signal, accept = "application/json") {
    const headers = { "Content-Type": "application/json", Accept: accept };
    if (this.session) headers["X-Termsbot-Session"] = this.session;
    return this.#fetch(this.url(path), { method: "POST", headers, body: JSON.stringify(body) }, signal);
  }

  // fetch with a time limit on the response's start; the caller's signal aborts too.
  async #fetch(url, init, signal) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ApiError("timeout")), this.timeoutMs);
    const onAbort = () => controller.abort(signal.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      return await fetch(url, { ...init, signal: controller.signal, credentials: "omit", mode: "cors" });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (controller.signal.reason instanceof ApiError) throw controller.signal.reason;
      if (signal?.aborted) throw error;
      throw new ApiError(navigator.onLine === false ? "offline" : "network");
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async #checked(response) {
    if (response.ok) return response;
    let code = "";
    let message = `HTTP ${response.status}`;
    try {
      const body = await response.json();
      code = body?.error?.code || "";
      message = body?.error?.message || message;
    } catch {
      // not JSON: keep the status line
    }
    const status = response.status;
    const options = { status, code: code || String(status), message };
    if (status === 429) {
      throw new ApiError("rate_limited", { ...options, retryAfter: retryAfterSeconds(response) });
    }
    if (status === 401 || status === 403) throw new ApiError("forbidden", options);
    if (status === 503) throw new ApiError("unavailable", { ...options, retryAfter: retryAfterSeconds(response) });
    if (status >= 500) throw new ApiError(status === 504 ? "timeout" : "server", options);
    if (status === 404) throw new ApiError("not_found", options);
    throw new ApiError("bad_request", options);
  }
}

function retryAfterSeconds(response) {
  const header = response.headers.get("retry-after");
  if (!header) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const when = Date.parse(header);
  return Number.isNaN(when) ? 0 : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

// A whole JSON answer (POST /v1/chat) replayed as the stream's events.
function emitWhole(body, on) {
  on.meta(pick(body, META_FIELDS));
  on.delta({ text: body.answer || "" });
  on.citations({ citations: body.citations || [] });
  on.calculation({ calculation: body.calculation ?? null });
  on.done({ ...pick(body, ["status", "message_id", "conversation_id"]), escalation: body.escalation ?? null });
}

function pick(object, keys) {
  return Object.fromEntries(keys.map((key) => [key, object?.[key] ?? null]));
}

/** Read a text/event-stream body, dispatching each event to `on[name]`, until `done`. */
export async function readEvents(response, on, idleMs) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let name = "";
  let data = [];
  let finished = false;
  let ended = false;

  const dispatch = () => {
    if (!data.length) {
      name = "";
      return;
    }
    const eventName = name || "message";
    const payload = JSON.parse(data.join("\n"));
    name = "";
    data = [];
    if (eventName === "error") {
      const error = payload?.error || {};
      throw new ApiError("server", { code: error.code || "stream_error", message: error.message || "stream error" });
    }
    if (eventName === "done") finished = true;
    on[eventName]?.(payload);
  };

  try {
    while (!finished) {
      const chunk = await withIdleLimit(reader.read(), idleMs);
      if (chunk.done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let newline;
      while (!finished && (newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
        if (line === "") dispatch();
        else if (line.startsWith(":")) continue;
        else {
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") name = value;
          else if (field === "data") data.push(value);
        }
      }
    }
    if (!finished && buffer.trim() === "" && data.length) dispatch();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof SyntaxError) throw new ApiError("server", { code: "bad_event", message: error.message });
    throw new ApiError(navigator.onLine === false ? "offline" : "interrupted");
  } finally {
    if (!finished && !ended) reader.cancel().catch(() => {});
  }
  if (!finished) throw new ApiError("interrupted");
  // The server ends the stream right after `done`: read it to its end rather than cancel it
  // (a cancelled response shows as a failed request), without holding the answer back.
  if (!ended) void readToEnd(reader, idleMs);
}

async function readToEnd(reader, idleMs) {
  try {
    while (!(await withIdleLimit(reader.read(), idleMs)).done) {
      // nothing is expected after `done`
    }
  } catch {
    reader.cancel().catch(() => {});
  }
}

function withIdleLimit(promise, ms) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new ApiError("timeout")), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
