// The <termsbot-widget> element: a launcher bubble and a chat panel in a shadow root.
// widget.js (the loader) imports this module and calls mount(config, api, queue).

import { STRINGS, format } from "./i18n.js";
import { focusables, h } from "./dom.js";
import { buildShell } from "./shell.js";
import { SessionState, randomId } from "./state.js";
import { ApiClient } from "./transport.js";
import { botMessage, citationLabel, errorText, fillAnswer, sectionView, userMessage } from "./views.js";

const TAG = "termsbot-widget";
const MAX_LENGTH = 4000;
const SLOW_MS = 8000;

export function mount(config, api, queue) {
  if (!customElements.get(TAG)) customElements.define(TAG, TermsbotWidget);
  const element = document.createElement(TAG);
  element.configure(config);
  Object.assign(api, {
    element,
    open: () => element.openPanel(),
    close: () => element.closePanel(),
    toggle: () => (element.isOpen ? element.closePanel() : element.openPanel()),
    ask: (text) => element.ask(text),
    reset: () => element.reset(),
  });
  // Calls made before the widget loaded run once it is on the page.
  const attach = () => {
    (document.body || document.documentElement).append(element);
    for (const [name, ...args] of queue.splice(0)) api[name]?.(...args);
  };
  if (document.body) attach();
  else document.addEventListener("DOMContentLoaded", attach, { once: true });
  return element;
}

class TermsbotWidget extends HTMLElement {
  #config = null;
  #state = null;
  #client = null;
  #root;
  #els = {};
  #nodes = new Map();
  #busy = false;
  #controller = null;
  #slow = false;
  #slowTimer = 0;
  #countdown = 0;
  #frame = 0;
  #sectionOpener = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
  }

  configure(config) {
    this.#config = config;
    this.#state = new SessionState(`termsbot:${config.base}`);
    this.#client = new ApiClient(config.base, { timeoutMs: config.timeoutMs, session: this.#state.sessionId });
  }

  connectedCallback() {
    if (!this.#els.root && this.#config) this.#build();
  }

  get isOpen() {
    return Boolean(this.#state?.data.open);
  }

  get lang() {
    return this.#config.lang || this.#state.data.language || this.#config.pageLang || "fr";
  }

  get t() {
    return STRINGS[this.lang];
  }

  get #locale() {
    return this.lang === "fr" ? "fr-FR" : "en-GB";
  }

  // Building

  #build() {
    const { stylesheet, els } = buildShell(this.#config, {
      toggle: () => this.#toggle(),
      reset: () => this.reset(),
      close: () => this.closePanel(),
      back: () => this.#closeSection(),
      inputKey: (event) => this.#onInputKey(event),
      input: () => this.#onInput(),
      submit: () => this.#submit(),
      panelKey: (event) => this.#onPanelKey(event),
    });
    this.#els = els;
    this.#root.append(stylesheet, els.root);
    els.input.value = this.#state.data.draft || "";
    this.#applyStrings();
    this.#renderMessages();
    if (this.#state.data.open) this.openPanel({ focus: false });
    this.#tickCountdown();
  }

  #applyStrings() {
    const { t, lang } = this;
    const els = this.#els;
    els.root.lang = lang;
    els.launcher.setAttribute("aria-label", this.isOpen ? t.launcherClose : t.launcherOpen);
    els.title.textContent = this.#config.title || t.defaultTitle;
    els.subtitle.textContent = t.subtitle;
    for (const [button, label] of [
      [els.reset, t.newConversation],
      [els.close, t.close],
      [els.back, t.back],
      [els.send, t.send],
    ]) {
      button.setAttribute("aria-label", label);
      button.title = label;
    }
    els.log.setAttribute("aria-label", t.conversation);
    els.welcomeText.textContent = t.welcome;
    els.suggestions.setAttribute("aria-label", t.suggestionsLabel);
    els.suggestions.replaceChildren(
      ...t.suggestions.map((text) => h("button", { type: "button", class: "chip", text, onclick: () => this.ask(text) })),
    );
    els.input.placeholder = t.placeholder;
    els.input.setAttribute("aria-label", t.inputLabel);
    els.disclaimer.textContent = t.disclaimer;
    this.#onInput(false);
  }

  // Opening and closing

  openPanel({ focus = true } = {}) {
    const els = this.#els;
    if (!els.panel) return;
    els.panel.hidden = false;
    els.launcher.setAttribute("aria-expanded", "true");
    els.root.classList.add("open");
    this.setAttribute("data-open", "");
    this.#state.data.open = true;
    this.#state.save();
    this.#applyStrings();
    this.#autosize();
    this.#scrollToEnd();
    if (focus) requestAnimationFrame(() => els.input.focus());
  }

  closePanel() {
    const els = this.#els;
    if (!els.panel) return;
    const hadFocus = this.#root.activeElement !== null;
    this.#closeSection({ restoreFocus: false });
    els.panel.hidden = true;
    els.launcher.setAttribute("aria-expanded", "false");
    els.root.classList.remove("open");
    this.removeAttribute("data-open");
    this.#state.data.open = false;
    this.#state.save();
    this.#applyStrings();
    if (hadFocus) els.launcher.focus();
  }

  #toggle() {
    if (this.isOpen) this.closePanel();
    else this.openPanel();
  }

  #onPanelKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      if (!this.#els.section.hidden) this.#closeSection();
      else this.closePanel();
    } else if (event.key === "Tab") {
      this.#trapFocus(event);
    }
  }

  // Tab and Shift+Tab cycle inside the open panel.
  #trapFocus(event) {
    const items = focusables(this.#els.panel);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = this.#root.activeElement;
    if (event.shiftKey && (active === first || !this.#els.panel.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !this.#els.panel.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  // Composing

  #onInputKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#submit();
    }
  }

  #onInput(save = true) {
    const els = this.#els;
    const length = els.input.value.trim().length;
    els.send.disabled = this.#busy || length === 0 || length > MAX_LENGTH;
    els.counter.hidden = length < MAX_LENGTH - 500;
    els.counter.classList.toggle("over", length > MAX_LENGTH);
    els.counter.textContent = format(this.t.tooLong, { n: length, max: MAX_LENGTH });
    this.#autosize();
    if (save) {
      this.#state.data.draft = els.input.value;
      this.#state.save();
    }
  }

  #autosize() {
    const input = this.#els.input;
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 140)}px`;
  }

  #submit() {
    this.#send(this.#els.input.value);
  }

  ask(text) {
    if (!this.isOpen) this.openPanel();
    return this.#send(String(text || ""));
  }

  reset() {
    this.#controller?.abort();
    this.#controller = null;
    this.#setBusy(false);
    this.#state.reset();
    this.#els.input.value = "";
    this.#closeSection({ restoreFocus: false });
    this.#applyStrings();
    this.#renderMessages();
    if (this.isOpen) this.#els.input.focus();
  }

  // Asking

  async #send(rawText, retryOf = null) {
    const text = rawText.trim();
    if (!text || this.#busy || text.length > MAX_LENGTH) return;
    const data = this.#state.data;
    let user = retryOf;
    if (user) {
      user.error = null;
    } else {
      data.messages = data.messages.filter((message) => !message.error);
      user = { id: randomId(), role: "user", text };
      data.messages.push(user);
    }
    user.awaiting = true;
    if (this.#els.input.value.trim() === text) {
      this.#els.input.value = "";
      data.draft = "";
    }
    const bot = { id: randomId(), role: "bot", replyTo: user.id, pending: true, text: "", citations: [] };
    data.messages.push(bot);
    this.#setBusy(true);
    this.#renderMessages();
    this.#announce(this.t.typing);
    this.#state.save();

    const controller = (this.#controller = new AbortController());
    this.#slow = false;
    this.#slowTimer = setTimeout(() => this.#markSlow(bot), Math.min(SLOW_MS, this.#config.timeoutMs / 2));
    try {
      const body = { message: text, conversation_id: data.conversationId, language: null };
      bot.transport = await this.#client.chat(body, this.#handlers(bot), controller.signal);
      bot.pending = false;
      user.awaiting = false;
      this.#renderMessages();
      this.#announceAnswer(bot);
    } catch (error) {
      if (controller.signal.aborted) return;
      data.messages = data.messages.filter((message) => message !== bot);
      user.awaiting = false;
      user.error = { kind: error.kind || "network", retryAfter: error.retryAfter || 0, at: Date.now() };
      if (!this.#els.input.value.trim()) {
        this.#els.input.value = text;
        data.draft = text;
      }
      this.#renderMessages();
      this.#announce(errorText(this.t, user.error, user.error.retryAfter));
      this.#tickCountdown();
    } finally {
      clearTimeout(this.#slowTimer);
      if (this.#controller === controller) {
        this.#controller = null;
        this.#setBusy(false);
        this.#state.save();
      }
    }
  }

  #handlers(bot) {
    const data = this.#state.data;
    return {
      meta: (meta) => {
        bot.messageId = meta.message_id;
        bot.conversationId = meta.conversation_id;
        bot.language = meta.language;
        bot.status = meta.status;
        if (meta.conversation_id) data.conversationId = meta.conversation_id;
        if (!this.#config.lang && (meta.language === "fr" || meta.language === "en") && meta.language !== data.language) {
          data.language = meta.language;
          this.#applyStrings();
          this.#renderMessages();
        }
      },
      delta: (delta) => {
        bot.text += delta.text || "";
        this.#scheduleText(bot);
      },
      citations: (body) => {
        bot.citations = Array.isArray(body.citations) ? body.citations : [];
      },
      calculation: (body) => {
        bot.calculation = body.calculation || null;
      },
      done: (done) => {
        bot.status = done.status || bot.status;
        bot.escalation = done.escalation || null;
        bot.messageId = done.message_id || bot.messageId;
        if (done.conversation_id) data.conversationId = done.conversation_id;
      },
    };
  }

  // Streaming text is drawn once per animation frame, however fast the pieces arrive.
  #scheduleText(bot) {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const node = this.#nodes.get(bot.id);
      const body = node?.querySelector(".md");
      if (!body) return;
      fillAnswer(this.t, body, bot, false);
      node.dataset.messageId = bot.messageId || "";
      this.#followAnswer(bot);
    });
  }

  #markSlow(bot) {
    if (!bot.pending || bot.text) return;
    this.#slow = true;
    const body = this.#nodes.get(bot.id)?.querySelector(".md");
    if (body) fillAnswer(this.t, body, bot, true);
  }

  #setBusy(busy) {
    this.#busy = busy;
    this.#els.root.classList.toggle("busy", busy);
    this.#onInput(false);
  }

  async #retry(user) {
    if (this.#els.input.value.trim() === user.text) this.#els.input.value = "";
    await this.#send(user.text, user);
  }

  // Rendering the conversation

  #renderMessages() {
    const { t } = this;
    const messages = this.#state.data.messages;
    this.#els.suggestions.hidden = messages.length > 0;
    this.#nodes.clear();
    const now = Date.now();
    const ui = {
      locale: this.#locale,
      slow: this.#slow,
      onFeedback: (message, change) => this.#feedback(message, change),
      onOpenSection: (citation, opener) => this.#openSection(citation, opener),
    };
    const nodes = messages.map((message) => {
      const node =
        message.role === "user"
          ? userMessage(t, message, { onRetry: () => this.#retry(message), secondsLeft: secondsLeft(message.error, now) })
          : botMessage(t, message, ui);
      this.#nodes.set(message.id, node);
      return node;
    });
    const focusedId = this.#root.activeElement?.closest?.("[data-id]")?.dataset.id;
    const focusedClass = this.#root.activeElement?.className;
    this.#els.messages.replaceChildren(...nodes);
    this.#restoreFocus(focusedId, focusedClass);
    this.#scrollToEnd();
  }

  // A re-render replaces nodes: keep the keyboard where it was.
  #restoreFocus(id, className) {
    if (!id || !className) return;
    const node = this.#nodes.get(id);
    const target = node?.querySelector(`.${String(className).trim().split(/\s+/).join(".")}`);
    target?.focus();
  }

  #scrollToEnd() {
    const last = this.#state.data.messages.at(-1);
    if (last?.role === "bot") this.#followAnswer(last);
    else this.#els.log.scrollTop = this.#els.log.scrollHeight;
  }

  // Follow a growing answer, but never scroll its question out of sight: a long answer is
  // read from its start.
  #followAnswer(bot) {
    const log = this.#els.log;
    const question = this.#nodes.get(bot.replyTo);
    const bottom = log.scrollHeight - log.clientHeight;
    const questionTop = question ? question.offsetTop - log.offsetTop - 12 : bottom;
    log.scrollTop = Math.max(0, Math.min(bottom, questionTop));
  }

  #announce(text) {
    const live = this.#els.live;
    live.textContent = "";
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  #announceAnswer(bot) {
    const plain = bot.text.replace(/[\\*_`>#]/g, "").replace(/\s+/g, " ").trim();
    const summary = plain.length > 600 ? `${plain.slice(0, 600)}…` : plain;
    const sources = bot.citations?.length ? ` ${this.t.sources} : ${bot.citations.length}.` : "";
    this.#announce(`${this.t.answerAnnounce}${summary}${sources}`);
  }

  // Rate limits: the retry button counts down to the moment the server accepts again.
  #tickCountdown() {
    clearTimeout(this.#countdown);
    const now = Date.now();
    const waiting = this.#state.data.messages.some((message) => secondsLeft(message.error, now) > 0);
    if (!waiting) return;
    this.#countdown = setTimeout(() => {
      this.#renderMessages();
      this.#tickCountdown();
    }, 1000);
  }

  // Feedback

  async #feedback(message, change) {
    const previous = message.feedback || {};
    const next = { ...previous, ...change, error: false };
    message.feedback = next;
    this.#renderMessages();
    this.#state.save();
    if (change.commentOpen) {
      this.#nodes.get(message.id)?.querySelector(".fb-text")?.focus();
      return;
    }
    const body = { message_id: message.messageId, rating: next.rating };
    if (change.comment !== undefined) {
      if (!change.comment) return;
      body.comment = change.comment;
    }
    try {
      await this.#client.feedback(body);
      if (body.comment) next.commentSent = true;
      this.#announce(body.comment ? this.t.feedbackSent : this.t.feedbackThanks);
    } catch {
      next.error = true;
      this.#announce(this.t.feedbackError);
    }
    this.#renderMessages();
    this.#state.save();
    if (next.rating === "down" && !body.comment) this.#nodes.get(message.id)?.querySelector(".fb-text")?.focus();
  }

  // The section view

  async #openSection(citation, opener) {
    const els = this.#els;
    this.#sectionOpener = opener;
    els.sectionLabel.textContent = citationLabel(this.t, citation).ref;
    els.sectionBody.replaceChildren(h("p", { class: "sv-loading", text: this.t.loadingSection }));
    els.chat.hidden = true;
    els.section.hidden = false;
    els.back.focus();
    try {
      const data = await this.#client.section(citation.doc_id, citation.section, citation.version);
      if (els.section.hidden) return;
      els.sectionBody.replaceChildren(...sectionView(this.t, data, this.lang));
      els.sectionBody.scrollTop = 0;
      els.sectionBody.querySelector(".sv-title")?.focus();
    } catch {
      els.sectionBody.replaceChildren(h("p", { class: "sv-error", text: this.t.sectionError }));
    }
  }

  #closeSection({ restoreFocus = true } = {}) {
    const els = this.#els;
    if (!els.section || els.section.hidden) return;
    els.section.hidden = true;
    els.chat.hidden = false;
    if (restoreFocus) (this.#sectionOpener?.isConnected ? this.#sectionOpener : els.input).focus();
    this.#sectionOpener = null;
  }
}

function secondsLeft(error, now) {
  if (!error?.retryAfter) return 0;
  return Math.max(0, Math.ceil((error.at + error.retryAfter * 1000 - now) / 1000));
}
