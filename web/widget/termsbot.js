// The <termsbot-widget> element: a launcher bubble and a chat panel in a shadow root.
// widget.js (the loader) imports this module and calls mount(config, api, queue).

import { focusables, h } from "./dom.js";
import { contactUrl } from "./handoff.js";
import { STRINGS, format, stringsFor } from "./i18n.js";
import { adoptStyles, buildShell } from "./shell.js";
import { sourceId, sourceLabel } from "./sources.js";
import { SessionState, randomId } from "./state.js";
import { ApiClient } from "./transport.js";
import { botMessage, errorText, fillAnswer, sectionView, userMessage } from "./views.js";

const TAG = "termsbot-widget";
const MAX_LENGTH = 4000;
const SLOW_MS = 8000;
// Where the panel covers the whole screen (widget.css says the same).
const FULL_SCREEN = "(max-width: 600px)";

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
  #fullScreen = null;

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

  /** The interface's language: the page's (data-lang, then <html lang>), never the learner's. */
  get lang() {
    return this.#config.lang || this.#config.pageLang || "fr";
  }

  get t() {
    return STRINGS[this.lang];
  }

  get #locale() {
    return this.lang === "fr" ? "fr-FR" : "en-GB";
  }

  // Building

  #build() {
    adoptStyles(this.#root);
    const els = buildShell(this.#config, {
      toggle: () => this.#toggle(),
      close: () => this.closePanel(),
      back: () => this.#closeSection(),
      inputKey: (event) => this.#onInputKey(event),
      input: () => this.#onInput(),
      submit: () => this.#submit(),
      panelKey: (event) => this.#onPanelKey(event),
      cancel: (event) => this.#onCancel(event),
      resetAsk: () => this.#askReset(),
      resetConfirm: () => this.#confirmReset(),
      resetCancel: () => this.#cancelReset(),
    });
    this.#els = els;
    els.panel.addEventListener("close", () => this.#onClosed());
    this.#root.append(els.root);
    this.#fullScreen = window.matchMedia(FULL_SCREEN);
    this.#fullScreen.addEventListener("change", () => this.#relayout());
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
      [els.close, t.close],
      [els.back, t.back],
      [els.send, t.send],
    ]) {
      button.setAttribute("aria-label", label);
      button.title = label;
    }
    els.reset.lastChild.textContent = t.newConversation;
    els.resetQuestion.textContent = t.resetQuestion;
    els.resetYes.textContent = t.resetConfirm;
    els.resetNo.textContent = t.resetCancel;
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
    if (!els.panel.open) this.#showPanel(focus);
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

  // Full screen, the panel is a modal dialog: the page behind is inert, and aria-modal says
  // so. Floating beside the page it is non-modal: the page stays usable and focus may leave.
  #showPanel(focus) {
    const panel = this.#els.panel;
    const modal = this.#fullScreen.matches;
    const before = document.activeElement;
    if (modal) {
      panel.showModal();
      panel.setAttribute("aria-modal", "true");
    } else {
      panel.show();
      panel.removeAttribute("aria-modal");
    }
    // Showing a dialog moves focus into it: a panel reopened with the page must not take it.
    if (!focus && !modal) {
      if (before && before !== document.body && before !== this) before.focus({ preventScroll: true });
      else this.#root.activeElement?.blur();
    }
  }

  // The window crossed the full-screen width while the panel was open: reopen it in the other
  // mode, the keyboard where it was.
  #relayout() {
    const panel = this.#els.panel;
    if (!panel.open || panel.matches(":modal") === this.#fullScreen.matches) return;
    const focused = this.#root.activeElement;
    panel.close();
    this.#showPanel(false);
    focused?.focus({ preventScroll: true });
  }

  closePanel() {
    const els = this.#els;
    if (!els.panel) return;
    const hadFocus = this.#root.activeElement !== null;
    this.#closeSection({ restoreFocus: false });
    this.#cancelReset({ focus: false });
    if (els.panel.open) els.panel.close();
    els.launcher.setAttribute("aria-expanded", "false");
    els.root.classList.remove("open");
    this.removeAttribute("data-open");
    this.#state.data.open = false;
    this.#state.save();
    this.#applyStrings();
    if (hadFocus) els.launcher.focus();
  }

  // The browser closed the dialog itself (a close request such as Android's back gesture).
  // The event comes after the fact: a panel reopened meanwhile (#relayout) stays open.
  #onClosed() {
    if (!this.#els.panel.open && this.isOpen) this.closePanel();
  }

  #onCancel(event) {
    event.preventDefault();
    this.#escape();
  }

  #toggle() {
    if (this.isOpen) this.closePanel();
    else this.openPanel();
  }

  #onPanelKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      this.#escape();
    } else if (event.key === "Tab" && this.#els.panel.matches(":modal")) {
      this.#trapFocus(event);
    }
  }

  // Escape undoes the innermost thing: the reset question, the section view, then the panel.
  #escape() {
    if (!this.#els.resetConfirm.hidden) this.#cancelReset();
    else if (!this.#els.section.hidden) this.#closeSection();
    else this.closePanel();
  }

  // In the modal (full-screen) panel, Tab and Shift+Tab cycle inside it.
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

  // A new conversation: asked first from the interface; Termsbot.reset() does it at once.

  #askReset() {
    const els = this.#els;
    els.reset.hidden = true;
    els.resetConfirm.hidden = false;
    els.resetNo.focus();
    els.resetConfirm.scrollIntoView({ block: "nearest" });
  }

  #cancelReset({ focus = true } = {}) {
    const els = this.#els;
    if (!els.resetConfirm || els.resetConfirm.hidden) return;
    els.resetConfirm.hidden = true;
    els.reset.hidden = false;
    if (focus) els.reset.focus();
  }

  #confirmReset() {
    this.#cancelReset({ focus: false });
    this.reset();
  }

  reset() {
    this.#controller?.abort();
    this.#controller = null;
    this.#setBusy(false);
    this.#state.reset();
    this.#els.input.value = "";
    this.#closeSection({ restoreFocus: false });
    this.#cancelReset({ focus: false });
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
      if (bot.status === "declined") this.#offerHandoff(bot);
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
        Object.assign(bot, {
          messageId: meta.message_id,
          conversationId: meta.conversation_id,
          language: meta.language,
          status: meta.status,
          lead: meta.lead || "",
          points: Array.isArray(meta.points) ? meta.points : [],
          notes: Array.isArray(meta.notes) ? meta.notes : [],
          ask: meta.ask || null,
        });
        if (meta.conversation_id) data.conversationId = meta.conversation_id;
        this.#scheduleAnswer(bot);
      },
      // The markdown pieces matter only to a server that sends no parts.
      delta: (delta) => {
        bot.text += delta.text || "";
        if (!bot.lead) this.#scheduleAnswer(bot);
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

  // The arriving answer is drawn once per animation frame, however fast its pieces come.
  #scheduleAnswer(bot) {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const node = this.#nodes.get(bot.id);
      const body = node?.querySelector(".answer");
      if (!body || !bot.pending) return;
      body.lang = bot.language || "";
      fillAnswer(this.t, this.#stringsOf(bot.language), body, bot, this.#ui());
      node.dataset.messageId = bot.messageId || "";
      this.#followAnswer(bot);
    });
  }

  #markSlow(bot) {
    if (!bot.pending || bot.lead || bot.text) return;
    this.#slow = true;
    const body = this.#nodes.get(bot.id)?.querySelector(".answer");
    if (body) fillAnswer(this.t, this.#stringsOf(bot.language), body, bot, this.#ui());
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

  // The hand-off to a person is offered once in a conversation: on the first declined answer
  // or the first 👎, whichever comes first.
  #offerHandoff(message) {
    if (!this.#state.data.handoff) this.#state.data.handoff = message.id;
  }

  #handoffFor(message) {
    const data = this.#state.data;
    if (message.id !== data.handoff) return null;
    // The answer's own details when it has some (a declined answer), else the server's.
    const own = message.escalation?.contact;
    const contact = own || this.#config.contact?.[this.lang] || "";
    return {
      contact,
      language: own ? message.language || null : this.lang,
      url: contactUrl(contact, this.#config.contactUrl),
      reference: message.conversationId || data.conversationId,
    };
  }

  // Rendering the conversation

  #stringsOf(language) {
    return stringsFor(language, this.lang);
  }

  #ui() {
    return {
      stringsOf: (language) => this.#stringsOf(language),
      locale: this.#locale,
      slow: this.#slow,
      onFeedback: (message, change) => this.#feedback(message, change),
      onOpenSection: (citation, opener) => this.#openSection(citation, opener),
      onRef: (message, n) => this.#showSource(message, n),
    };
  }

  #renderMessages() {
    const { t } = this;
    const messages = this.#state.data.messages;
    this.#els.suggestions.hidden = messages.length > 0;
    this.#els.resetBar.hidden = messages.length === 0;
    this.#nodes.clear();
    const now = Date.now();
    const ui = this.#ui();
    const nodes = messages.map((message) => {
      const node =
        message.role === "user"
          ? userMessage(t, message, { onRetry: () => this.#retry(message), secondsLeft: secondsLeft(message.error, now) })
          : botMessage(t, message, { ...ui, handoff: this.#handoffFor(message) });
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

  // A [n] in the answer opens its source.
  #showSource(message, n) {
    const item = this.#root.getElementById(sourceId(message, n));
    const details = item?.querySelector("details");
    if (!details) return;
    details.open = true;
    const summary = details.querySelector("summary");
    summary.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  #announce(text) {
    const live = this.#els.live;
    live.textContent = "";
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  // A screen reader hears the lead: the answer itself, not its sources or the boilerplate
  // around them (they are in the conversation, to be read at will).
  #announceAnswer(bot) {
    const fallback = bot.text.split(/\n\s*\n/)[0].replace(/\\/g, "");
    this.#announce(bot.lead || bot.ask || fallback);
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
    if (change.rating === "down") this.#offerHandoff(message);
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
    els.sectionLabel.textContent = sourceLabel(this.t, citation, this.lang).ref;
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
