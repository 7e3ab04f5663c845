// The widget's fixed skeleton: launcher, panel (header, conversation, composer, section
// view) and the live region, with the brand colours; texts are set later by applyStrings.

import { contrast, darkenFor, h, icon, parseColor, toHex } from "./dom.js";

const DEFAULT_COLOR = [79, 70, 229];
const WHITE = [255, 255, 255];
const INK = [17, 24, 39];
const LOG_BACKGROUND = [246, 247, 251];

/**
 * @param {{assets: string, position: string, color: string}} config
 * @param {Record<string, Function>} on  the element's handlers
 * @returns {{stylesheet: HTMLLinkElement, els: Record<string, HTMLElement>}}
 */
export function buildShell(config, on) {
  const els = {};
  const stylesheet = h("link", { rel: "stylesheet", href: `${config.assets}widget.css` });
  els.root = h("div", { class: "tb", dataset: { position: config.position } });
  els.root.style.visibility = "hidden"; // until the stylesheet has loaded: no flash
  const reveal = () => els.root.style.removeProperty("visibility");
  stylesheet.addEventListener("load", reveal, { once: true });
  stylesheet.addEventListener("error", reveal, { once: true });
  applyBrand(els.root, config.color);

  els.launcher = h(
    "button",
    { type: "button", class: "launcher", "aria-controls": "tb-panel", "aria-expanded": "false", onclick: on.toggle },
    h("span", { class: "launcher-icon icon-open" }, icon("chat", 28)),
    h("span", { class: "launcher-icon icon-close" }, icon("chevronDown", 28)),
  );
  els.panel = h(
    "section",
    {
      id: "tb-panel",
      class: "panel",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "tb-title",
      hidden: true,
      onkeydown: on.panelKey,
    },
    header(els, on),
    chatView(els, on),
    sectionView(els, on),
  );
  els.live = h("div", { class: "sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  els.root.append(els.panel, els.launcher, els.live);
  return { stylesheet, els };
}

function header(els, on) {
  els.title = h("h2", { id: "tb-title", class: "title" });
  els.subtitle = h("p", { class: "subtitle" });
  els.reset = h("button", { type: "button", class: "icon-btn head-reset", onclick: on.reset }, icon("newChat", 18));
  els.close = h("button", { type: "button", class: "icon-btn head-close", onclick: on.close }, icon("close", 20));
  return h(
    "div",
    { class: "head" },
    h("span", { class: "avatar" }, icon("book", 22)),
    h("div", { class: "head-text" }, els.title, els.subtitle),
    els.reset,
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
  els.log = h("div", { class: "log", role: "region", tabindex: "0" }, els.welcome, els.messages);
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
