// The answer itself, from the core's structured parts: the lead, further points, a
// calculation's figures, what was assumed (notes) and a question back (ask). Every part is
// plain text set through textContent: nothing in an answer can become markup, so no markdown
// or HTML is parsed here. The markdown `answer` stays the API's, for clients that want it.

import { format } from "./i18n.js";
import { h, icon } from "./dom.js";

/**
 * @param {object} tl  the strings of the answer's language
 * @param {object} message  a bot message: lead, points, notes, ask, calculation, text
 * @param {{locale: string, sources: number, onRef: (n: number, opener: Element) => void}} ui
 */
export function answerParts(tl, message, ui) {
  const refs = (text) => withRefs(tl, text, ui.sources, ui.onRef);
  const parts = [];
  if (message.lead) parts.push(h("p", { class: "lead" }, refs(message.lead)));
  if (message.points?.length) {
    parts.push(h("ul", { class: "points" }, message.points.map((point) => h("li", {}, refs(point)))));
  }
  if (message.calculation && !message.pending) parts.push(calculation(tl, message.calculation, ui.locale));
  for (const note of message.notes || []) parts.push(h("p", { class: "note" }, refs(note)));
  if (message.ask) parts.push(h("p", { class: "ask" }, refs(message.ask)));
  if (!parts.length && message.text) parts.push(...plainParagraphs(message.text));
  return parts;
}

// "[2]" in a sentence points at the second source: it becomes a button that opens it.
function withRefs(tl, text, count, onRef) {
  const nodes = [];
  let last = 0;
  for (const match of String(text).matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(match[1]);
    if (n < 1 || n > count) continue;
    if (match.index > last) nodes.push(text.slice(last, match.index));
    nodes.push(
      h("button", {
        type: "button",
        class: "cite-ref",
        dataset: { ref: String(n) },
        "aria-label": format(tl.sourceNumber, { n }),
        text: String(n),
        onclick: (event) => onRef(n, event.currentTarget),
      }),
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

// An answer without parts (a server older than the structured answer): its text, as text.
function plainParagraphs(text) {
  return String(text)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\\([\\`*_<>[\]#|])/g, "$1").trim())
    .filter(Boolean)
    .map((paragraph) => h("p", { text: paragraph }));
}

// A calculation: its figures as the answer's language words them, and the rules applied.
function calculation(tl, calc, locale) {
  const figures = calc.figures?.length
    ? calc.figures.map((figure) => [figure.label, figure.value])
    : Object.entries(calc.result || {}).map(([key, value]) => [humanize(key), displayValue(tl, value, locale)]);
  const rows = figures.map(([label, value]) => h("tr", {}, h("th", { scope: "row", text: label }), h("td", { text: value })));
  const rules = (calc.rules || []).map((rule) => `${tl.docShort[rule.doc_id] || rule.doc_id} ${rule.section}`);
  return h(
    "figure",
    { class: "calc" },
    h("figcaption", {}, icon("calculator", 16), h("span", { text: tl.calculation })),
    h("table", {}, h("tbody", {}, rows)),
    rules.length ? h("p", { class: "calc-rules", text: format(tl.rulesLine, { rules: rules.join(", ") }) }) : null,
  );
}

export function humanize(key) {
  const words = String(key).replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "";
}

export function displayValue(tl, value, locale) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? tl.yes : tl.no;
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (typeof value === "string") {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (date) {
      const when = new Date(Date.UTC(+date[1], +date[2] - 1, +date[3]));
      return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(when);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => displayValue(tl, item, locale)).join(", ");
  return JSON.stringify(value);
}
