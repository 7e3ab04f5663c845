// The widget's fixed skeleton: launcher, panel (header, conversation, composer, section
// view) and the live region, with the brand colours and the stylesheet; texts are set later by
// applyStrings.

import css from "./widget.css";
import { contrast, darkenFor, h, icon, parseColor, toHex } from "./dom.js";

const DEFAULT_COLOR = [79, 70, 229];
const WHITE = [255, 255, 255];
const INK = [17, 24, 39];
const LOG_BACKGROUND = [246, 247, 251];

/**
 * The stylesheet, shared by every shadow root of the page. A constructed stylesheet needs no
 * request and no `style-src 'unsafe-inline'` from the host page's Content Security Policy.
 */
let sheet = null;
export function adoptStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(h("style", { text: css }));
  }
}

/**
 * @param {{position: string, color: string}} config
 * @param {Record<string, Function>} on  the element's handlers
 * @returns {Record<string, HTMLElement>}
 */
export function buildShell(config, on) {
  const els = {};
  els.root = h("div", { class: "tb", dataset: { position: config.position } });
  applyBrand(els.root, config.color);

  els.launcher = h(
    "button",
    { type: "button", class: "launcher", "aria-controls": "tb-panel", "aria-expanded": "false", onclick: on.toggle },
    h("span", { class: "launcher-icon icon-open" }, icon("chat", 28)),
    h("span", { class: "launcher-icon icon-close" }, icon("chevronDown", 28)),
  );
  // A <dialog>: modal (the page behind inert) where it covers the screen, non-modal where it
  // floats beside a page that stays usable (see TermsbotWidget.openPanel).
  els.panel = h(
    "dialog",
    { id: "tb-panel", class: "panel", "aria-labelledby": "tb-title", onkeydown: on.panelKey, oncancel: on.cancel },
    header(els, on),
    chatView(els, on),
    sectionView(els, on),
  );
  els.live = h("div", { class: "sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  els.root.append(els.panel, els.launcher, els.live);
  return els;
}

function header(els, on) {
  els.title = h("h2", { id: "tb-title", class: "title" });
  els.subtitle = h("p", { class: "subtitle" });
  els.close = h("button", { type: "button", class: "icon-btn head-close", onclick: on.close }, icon("close", 20));
  return h(
    "div",
    { class: "head" },
    h("span", { class: "avatar" }, icon("book", 22)),
    h("div", { class: "head-text" }, els.title, els.subtitle),
    els.close,
  );
}

function chatView(els, on) {
  els.welcomeText = h("p", { class: "welcome-text" });
  els.suggestions = h("div", { class: "suggestions", role: "group" });
  els.welcome = h(
    "div",
    { class: "welcome" },
    h("div", { class: "welcome-card" }, h("span", { class: "welcome-avatar" }, icon("book", 18)), els.welcomeText),
    els.suggestions,
  );
  els.messages = h("div", { class: "messages" });
  els.log = h("div", { class: "log", role: "region", tabindex: "0" }, els.welcome, els.messages, resetBar(els, on));
  els.input = h("textarea", { class: "input", rows: "1", enterkeyhint: "send", onkeydown: on.inputKey, oninput: on.input });
  els.send = h("button", { type: "submit", class: "send" }, icon("send", 20));
  els.counter = h("p", { class: "counter", hidden: true, "aria-live": "polite" });
  els.form = h(
    "form",
    { class: "composer", onsubmit: (event) => (event.preventDefault(), on.submit()) },
    h("div", { class: "field" }, els.input, els.send),
    els.counter,
  );
  els.disclaimer = h("p", { class: "disclaimer" });
  els.chat = h("div", { class: "chat-view" }, els.log, els.form, els.disclaimer);
  return els.chat;
}

// "New conversation" sits under the conversation, away from the close button, and asks first:
// it wipes the history.
function resetBar(els, on) {
  els.reset = h("button", { type: "button", class: "link-btn reset-ask", onclick: on.resetAsk }, icon("newChat", 16), h("span"));
  els.resetQuestion = h("p", { class: "reset-question", id: "tb-reset-q" });
  els.resetYes = h("button", { type: "button", class: "btn btn-danger reset-yes", onclick: on.resetConfirm });
  els.resetNo = h("button", { type: "button", class: "btn btn-secondary reset-no", onclick: on.resetCancel });
  els.resetConfirm = h(
    "div",
    { class: "reset-confirm", role: "group", "aria-labelledby": "tb-reset-q", hidden: true },
    els.resetQuestion,
    h("div", { class: "reset-actions" }, els.resetYes, els.resetNo),
  );
  els.resetBar = h("div", { class: "reset-bar", hidden: true }, els.reset, els.resetConfirm);
  return els.resetBar;
}

function sectionView(els, on) {
  els.back = h("button", { type: "button", class: "icon-btn back", onclick: on.back }, icon("back", 20));
  els.sectionLabel = h("span", { class: "sv-label" });
  els.sectionBody = h("div", { class: "sv-body", tabindex: "0" });
  els.section = h(
    "div",
    { class: "section-view", hidden: true },
    h("div", { class: "sv-bar" }, els.back, els.sectionLabel),
    els.sectionBody,
  );
  return els.section;
}

// Brand colour, readable text on it (WCAG AA, 4.5:1), and a shade dark enough for links and
// outlines on the light conversation background.
function applyBrand(root, color) {
  const rgb = parseColor(color || "") || DEFAULT_COLOR;
  let brand = rgb;
  let onBrand = WHITE;
  if (contrast(brand, WHITE) < 4.5) {
    if (contrast(brand, INK) >= 4.5) onBrand = INK;
    else brand = darkenFor(brand, WHITE, 4.5);
  }
  root.style.setProperty("--tb-brand", toHex(brand));
  root.style.setProperty("--tb-on-brand", toHex(onBrand));
  root.style.setProperty("--tb-ink", toHex(darkenFor(rgb, LOG_BACKGROUND, 4.8)));
}
