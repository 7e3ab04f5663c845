// The sources of an answer: one entry per article and version, numbered as the answer's
// [n] markers, named and titled in the answer's language. An entry opens on the cited passage
// in the learner's language, with a toggle between the official text and the marked,
// non-official translation, and a way to read the whole article inside the widget.

import { format } from "./i18n.js";
import { h, icon } from "./dom.js";

/**
 * @param {object} t   the interface's strings (buttons, toggles)
 * @param {object} tl  the strings of the answer's language (names of documents and sections)
 * @param {object} message  a bot message with `citations`, `language`, `id`
 * @param {{onOpenSection: Function}} ui
 */
export function sources(t, tl, message, ui) {
  const citations = uniqueCitations(message.citations || []);
  const versions = versionsBySection(citations);
  const list = h("ol", { class: "source-list" });
  citations.forEach((citation, index) => {
    const several = versions.get(`${citation.doc_id} ${citation.section}`) > 1;
    list.append(entry(t, tl, message, citation, index + 1, several, ui));
  });
  return h(
    "div",
    { class: "sources", role: "group", "aria-labelledby": `src-title-${message.id}` },
    h("p", { class: "sources-title", id: `src-title-${message.id}`, text: t.sources }),
    list,
  );
}

export function sourceId(message, n) {
  return `src-${message.id}-${n}`;
}

/** One entry per document, section and version, in the order given (most relevant first). */
export function uniqueCitations(citations) {
  const seen = new Set();
  return citations.filter((citation) => {
    const key = `${citation.doc_id} ${citation.section} ${citation.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function versionsBySection(citations) {
  const counts = new Map();
  for (const citation of citations) {
    const key = `${citation.doc_id} ${citation.section}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

function entry(t, tl, message, citation, n, showVersion, ui) {
  const label = sourceLabel(tl, citation, message.language);
  const doc = showVersion ? `${label.ref} (${t.version.toLowerCase()} ${citation.version})` : label.ref;
  const summary = h(
    "summary",
    {},
    h("span", { class: "cite-num", "aria-hidden": "true", text: String(n) }),
    h(
      "span",
      { class: "cite-label" },
      h("span", { class: "sr-only", text: `${format(t.sourceNumber, { n })} : ` }),
      h("span", { class: "cite-doc", lang: message.language || null, text: doc }),
      label.title ? h("span", { class: "cite-title", lang: label.titleLanguage, text: label.title }) : null,
    ),
    h("span", { class: "cite-chevron" }, icon("chevronDown", 16)),
  );
  const details = h("details", { class: "cite", open: Boolean(message.openCitations?.includes(n)) }, summary);
  details.append(body(t, message, citation, n, details, ui));
  // Re-renders keep what the learner opened.
  details.addEventListener("toggle", () => {
    const open = new Set(message.openCitations || []);
    if (details.open) open.add(n);
    else open.delete(n);
    message.openCitations = [...open];
  });
  return h(
    "li",
    {
      class: "source",
      id: sourceId(message, n),
      dataset: { doc: citation.doc_id, section: citation.section, version: citation.version, n: String(n) },
    },
    details,
  );
}

function body(t, message, citation, n, details, ui) {
  const translation = citation.translation?.quote ? citation.translation : null;
  const quote = h("blockquote", { class: "cite-quote" });
  const meta = h("p", { class: "cite-meta" });
  const container = h("div", { class: "cite-body" });
  const show = (form) => {
    const shown = form === "translation" && translation ? translation : citation;
    quote.lang = shown.language || "";
    quote.textContent = shown.quote || "";
    details.dataset.shown = shown === citation ? "official" : "translation";
    meta.textContent =
      shown === citation ? `${t.officialText} · ${t.version} ${citation.version}` : t.translationNotice;
    for (const button of container.querySelectorAll(".cite-toggle button")) {
      button.setAttribute("aria-pressed", String(button.dataset.form === details.dataset.shown));
    }
  };
  if (translation) {
    const choose = (form) => () => {
      message.shown = { ...message.shown, [n]: form };
      show(form);
    };
    const button = (form, text, language) =>
      h("button", { type: "button", class: "toggle-btn", dataset: { form }, onclick: choose(form) }, text, h("span", { class: "toggle-lang", text: ` (${language})` }));
    container.append(
      h(
        "div",
        { class: "cite-toggle", role: "group", "aria-label": t.shownText },
        button("official", t.officialText, t.languageNames[citation.language] || citation.language),
        button("translation", t.translation, t.languageNames[translation.language] || translation.language),
      ),
    );
  }
  container.append(
    quote,
    meta,
    h(
      "button",
      { type: "button", class: "link-btn open-section", onclick: (event) => ui.onOpenSection(citation, event.currentTarget) },
      h("span", { text: t.readSection }),
      icon("send", 14),
    ),
  );
  show(message.shown?.[n] || defaultForm(citation, translation, message.language));
  return container;
}

// The learner reads the passage in their own language first, when a translation exists.
function defaultForm(citation, translation, language) {
  return translation && citation.language !== language && translation.language === language ? "translation" : "official";
}

/**
 * How the answer's language names a source: {ref: "CGS, article 6.2", title: "Abonnés Premium
 * Plus"}. Named parts (definitions, preamble, annexe1…) are called by their name alone.
 */
export function sourceLabel(tl, citation, language) {
  const doc = tl.docShort[citation.doc_id] || citation.doc_id;
  const section = citation.section || "";
  const named = tl.namedSections[section];
  const ref = named ? `${doc}, ${named}` : `${doc}, ${format(tl.sectionLabel, { section })}`;
  const translated = citation.language !== language && citation.translation?.title;
  const title = stripNumber(String(translated || citation.title || ""));
  const sameAsRef = !title || title.toLowerCase() === section || (named && title.toLowerCase() === named.toLowerCase());
  return {
    ref,
    title: sameAsRef ? "" : title,
    titleLanguage: translated ? citation.translation.language : citation.language || null,
  };
}

function stripNumber(title) {
  return title.replace(/^(Article\s+\d+\s*[.\-–—]?\s*|\d+(\.\d+)*\.?\s+|[a-z]\.\s+)/i, "").trim();
}
