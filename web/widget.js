/*!
 * termsbot web chat widget — loader.
 *
 *   <script src="https://HOST/widget.js" data-lang="fr" data-title="Assistant"
 *           data-color="#4f46e5" data-position="right" async></script>
 *
 * Attributes (all optional):
 *   data-lang      "fr" | "en": the interface language. Without it the page's <html lang>,
 *                  then the browser's. It does not change with the learner's messages (answers
 *                  are in the language the learner writes in).
 *   data-title     the panel's title.
 *   data-color     the brand colour (any CSS colour); text on it is chosen for contrast.
 *   data-position  "right" (default) | "left".
 *   data-api       the API's base URL, when it differs from where this script is served.
 *   data-timeout   seconds to wait for the server before offering a retry (default 45).
 *
 * The only global is window.Termsbot: open(), close(), toggle(), ask(text), reset(), version.
 * Everything else lives in a <termsbot-widget> element with its own shadow root.
 */
(() => {
  "use strict";
  const VERSION = "__TERMSBOT_ASSET_VERSION__";
  // The server's settings for the widget: {contactUrl, contact: {fr, en}} (Student Success).
  const SERVER = "__TERMSBOT_SERVER_CONFIG__";
  const existing = window.Termsbot;
  if (existing && existing.loaded) return;

  const script =
    document.currentScript || document.querySelector('script[src*="widget.js"][data-title], script[src$="/widget.js"]');
  const data = (script && script.dataset) || {};
  const scriptUrl = new URL((script && script.src) || "widget.js", document.baseURI);
  const base = new URL(data.api || ".", scriptUrl).href.replace(/\/?$/, "/");
  const lang = (value) => {
    const tag = String(value || "").trim().toLowerCase().split(/[-_]/)[0];
    return tag === "fr" || tag === "en" ? tag : null;
  };
  const timeout = Number(data.timeout);
  const config = {
    base,
    assets: new URL(`widget/${VERSION}/`, scriptUrl).href,
    lang: lang(data.lang),
    pageLang: lang(document.documentElement.lang) || lang(navigator.language),
    title: data.title || "",
    color: data.color || "",
    position: data.position === "left" ? "left" : "right",
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : 45000,
    contactUrl: (SERVER && SERVER.contactUrl) || null,
    contact: (SERVER && SERVER.contact) || {},
  };

  // Calls made before the widget has loaded are queued and replayed.
  const queue = [];
  const later = (name) => (...args) => {
    queue.push([name, ...args]);
  };
  const api = {
    version: VERSION,
    loaded: true,
    open: later("open"),
    close: later("close"),
    toggle: later("toggle"),
    ask: later("ask"),
    reset: later("reset"),
  };
  window.Termsbot = api;

  // One request more: the widget, its styles included (web/bundle/termsbot.js).
  import(`${config.assets}termsbot.js`)
    .then((module) => module.mount(config, api, queue))
    .catch((error) => {
      console.error("termsbot: the chat widget could not load", error);
    });
})();
