// How each piece of the conversation looks: messages, citations, calculations, the hand-off
// to Student Success, feedback, errors and the in-widget view of a document section.
// Pure builders: they take data and callbacks and return DOM nodes.

import { format } from "./i18n.js";
import { h, icon } from "./dom.js";
import { renderMarkdown, safeHref } from "./markdown.js";

const ERROR_TEXT = {
  offline: "errOffline",
  network: "errNetwork",
  timeout: "errTimeout",
  interrupted: "errInterrupted",
  rate_limited: "errRateLimited",
  unavailable: "errUnavailable",
  server: "errServer",
  bad_request: "errBadRequest",
  forbidden: "errForbidden",
  not_found: "errServer",
};

export function errorText(t, error, secondsLeft) {
  return format(t[ERROR_TEXT[error.kind] || "errServer"], { s: Math.max(1, secondsLeft) });
}

export function userMessage(t, message, { onRetry, secondsLeft }) {
  const row = h(
    "div",
    { class: `row user${message.error ? " failed" : ""}`, dataset: { id: message.id, role: "user" } },
    h("span", { class: "sr-only", text: `${t.you} :` }),
    h("div", { class: "bubble user-bubble", dir: "auto", text: message.text }),
  );
  if (message.error) row.append(errorCard(t, message.error, secondsLeft, onRetry));
  return row;
}

function errorCard(t, error, secondsLeft, onRetry) {
  const waiting = secondsLeft > 0;
  const retry = h(
    "button",
    { type: "button", class: "btn btn-secondary retry", disabled: waiting, onclick: onRetry },
    icon("refresh", 16),
    h("span", { text: waiting ? format(t.retryIn, { s: secondsLeft }) : t.retry }),
  );
  const retryable = error.kind !== "forbidden" && error.kind !== "bad_request";
  return h(
    "div",
    { class: "error-card", dataset: { kind: error.kind } },
    h("span", { class: "error-icon" }, icon("alert", 18)),
    h("div", { class: "error-body" }, h("p", { class: "error-text", text: errorText(t, error, secondsLeft) }), retryable ? retry : null),
  );
}

export function botMessage(t, message, ui) {
  const status = message.status || "answered";
  const article = h("article", {
    class: `row bot status-${status}${message.pending ? " pending" : ""}`,
    lang: message.language || null,
    "aria-label": t.assistant,
    dataset: {
      id: message.id,
      role: "bot",
      messageId: message.messageId || "",
      status,
      transport: message.transport || "",
    },
  });
  const head = h(
    "div",
    { class: "bot-head" },
    h("span", { class: "bot-avatar" }, icon("book", 14)),
    h("span", { class: "bot-name", text: t.assistant }),
    statusChip(t, status, message.pending),
  );
  const bubble = h("div", { class: "bubble bot-bubble" });
  const body = h("div", { class: "md" });
  fillAnswer(t, body, message, ui.slow);
  bubble.append(body);
  if (!message.pending) {
    if (message.calculation) {
      const table = calculationTable(t, message.calculation, ui.locale);
      // When the answer already lays the result out in its own words, the raw figures
      // stay one click away.
      bubble.append(body.querySelector("table") ? h("details", { class: "calc-details" }, h("summary", { text: t.calcDetails }), table) : table);
    }
    if (message.escalation) bubble.append(handoff(t, message.escalation, status));
    if (message.citations?.length) bubble.append(sources(t, message, ui.onOpenSection));
  }
  article.append(head, bubble);
  if (!message.pending && message.messageId) article.append(feedback(t, message, ui.onFeedback));
  return article;
}

/** The answer's text, or the typing indicator while nothing has arrived yet. */
export function fillAnswer(t, container, message, slow) {
  container.replaceChildren();
  if (message.pending && !message.text) {
    container.append(
      h(
        "div",
        { class: "typing", role: "img", "aria-label": t.typing },
        h("span", { class: "dot" }),
        h("span", { class: "dot" }),
        h("span", { class: "dot" }),
      ),
    );
    if (slow) container.append(h("p", { class: "slow", text: t.slow }));
    return;
  }
  container.append(renderMarkdown(message.text));
  // The hand-off card below gives Student Success's details: the answer's own sentence with
  // the same details (kept for the API and Slack) would say it twice.
  const contact = !message.pending && message.escalation?.contact;
  if (contact) {
    for (const paragraph of container.querySelectorAll("p")) {
      if (paragraph.textContent.includes(contact)) paragraph.remove();
    }
  }
}

function statusChip(t, status, pending) {
  if (pending) return null;
  const label = { declined: t.statusDeclined, refused: t.statusRefused, calculated: t.statusCalculated }[status];
  return label ? h("span", { class: `chip-status ${status}`, text: label }) : null;
}

// Citations

function sources(t, message, onOpenSection) {
  const citations = message.citations;
  const list = h("div", { class: "sources" }, h("p", { class: "sources-title", text: `${t.sources} (${citations.length})` }));
  citations.forEach((citation, index) => {
    const label = citationLabel(t, citation);
    const summary = h(
      "summary",
      {},
      h("span", { class: "cite-num", "aria-hidden": "true", text: String(index + 1) }),
      h(
        "span",
        { class: "cite-label" },
        h("span", { class: "cite-doc", text: label.ref }),
        h("span", { class: "cite-title", lang: citation.language || null, text: label.title }),
        citation.official === false ? h("span", { class: "badge unofficial", text: t.nonOfficial }) : null,
      ),
      h("span", { class: "cite-chevron" }, icon("chevronDown", 16)),
    );
    const meta = [`${t.version} ${citation.version}`, citation.official === false ? t.nonOfficial : t.officialText];
    const body = h(
      "div",
      { class: "cite-body" },
      h("blockquote", { class: "cite-quote", lang: citation.language || null, text: citation.quote || "" }),
      h("p", { class: "cite-meta", text: meta.join(" · ") }),
      h(
        "button",
        { type: "button", class: "link-btn open-section", onclick: (event) => onOpenSection(citation, event.currentTarget) },
        h("span", { text: t.readSection }),
        icon("send", 14),
      ),
    );
    const details = h(
      "details",
      {
        class: "cite",
        open: Boolean(message.openCitations?.includes(index)),
        dataset: { doc: citation.doc_id, section: citation.section, official: String(citation.official !== false) },
      },
      summary,
      body,
    );
    // Re-renders keep what the learner opened.
    details.addEventListener("toggle", () => {
      const open = new Set(message.openCitations || []);
      if (details.open) open.add(index);
      else open.delete(index);
      message.openCitations = [...open];
    });
    list.append(details);
  });
  return list;
}

// "CGS 2.2.e" and "Vos obligations" from {doc_id: "cgs", section: "2.2.e", title: "e. Vos obligations"};
// named parts (definitions, preamble, annexe1…) are called by their title alone.
export function citationLabel(t, citation) {
  const doc = t.docShort[citation.doc_id] || citation.doc_id;
  const numbered = /^\d+(\.[\da-z]+)*$/.test(citation.section || "");
  const title = String(citation.title || citation.section || "");
  const bare = title.replace(/^(Article\s+\d+\s*[.\-–—]?\s*|\d+(\.\d+)*\.?\s+|[a-z]\.\s+)/i, "").trim();
  return { ref: numbered ? `${doc} ${citation.section}` : doc, title: bare || title };
}

// Calculations

function calculationTable(t, calculation, locale) {
  const rows = Object.entries(calculation.result || {}).map(([key, value]) =>
    h("tr", {}, h("th", { scope: "row", text: humanize(key) }), h("td", { text: displayValue(t, value, locale) })),
  );
  const rules = (calculation.rules || []).map((rule) => `${t.docShort[rule.doc_id] || rule.doc_id} ${rule.section}`);
  return h(
    "figure",
    { class: "calc" },
    h("figcaption", {}, icon("calculator", 16), h("span", { text: `${t.calculation} · ${humanize(calculation.calculator || "")}` })),
    h("table", {}, h("tbody", {}, rows)),
    rules.length ? h("p", { class: "calc-rules", text: `${t.rulesApplied} : ${rules.join(", ")}` }) : null,
  );
}

export function humanize(key) {
  const words = String(key).replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "";
}

export function displayValue(t, value, locale) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? t.yes : t.no;
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (typeof value === "string") {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (date) {
      const when = new Date(Date.UTC(+date[1], +date[2] - 1, +date[3]));
      return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(when);
    }
    const moment = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value);
    if (moment) {
      const when = new Date(Date.UTC(+moment[1], +moment[2] - 1, +moment[3], +moment[4], +moment[5]));
      return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(when);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => displayValue(t, item, locale)).join(", ");
  return JSON.stringify(value);
}

// Hand-off

function handoff(t, escalation, status) {
  return h(
    "div",
    { class: "handoff", role: "note" },
    h("span", { class: "handoff-icon" }, icon("headset", 20)),
    h(
      "div",
      { class: "handoff-body" },
      h("p", { class: "handoff-title", text: t.handoffTitle }),
      h("p", { class: "handoff-intro" }, escalation.reason ? `${escalation.reason} ` : "", status === "refused" ? t.handoffRefused : t.handoffIntro),
      h("p", { class: "handoff-contact" }, linkifyContact(escalation.contact || "")),
    ),
  );
}

// Phone numbers become tel: links, e-mail addresses mailto: links, web addresses links;
// everything else stays text.
const CONTACT_PATTERN = /(\+?\d[\d .()-]{7,}\d)|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(https?:\/\/[^\s<>"]+)/g;

export function linkifyContact(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(CONTACT_PATTERN)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const [whole, phone, email, url] = match;
    let href = null;
    if (phone) href = `tel:${phone.replace(/[^\d+]/g, "")}`;
    else if (email) href = `mailto:${email}`;
    else if (url) href = safeHref(url.replace(/[.,;:)]+$/, ""));
    nodes.push(href ? h("a", { href, ...(url ? { target: "_blank", rel: "noopener noreferrer" } : {}), text: whole }) : whole);
    last = match.index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

// Feedback

function feedback(t, message, onFeedback) {
  const state = message.feedback || {};
  const thumb = (rating, name, label) =>
    h(
      "button",
      {
        type: "button",
        class: `fb-btn fb-${rating}`,
        "aria-pressed": String(state.rating === rating),
        "aria-label": label,
        title: label,
        onclick: () => onFeedback(message, { rating }),
      },
      icon(name, 16),
    );
  const box = h(
    "div",
    { class: "feedback", role: "group", "aria-label": t.feedbackAsk },
    h("span", { class: "fb-ask", text: state.rating ? t.feedbackThanks : t.feedbackAsk }),
    thumb("up", "thumbUp", t.feedbackUp),
    thumb("down", "thumbDown", t.feedbackDown),
  );
  if (state.error) box.append(h("p", { class: "fb-error", text: t.feedbackError }));
  if (state.rating && state.commentSent) box.append(h("p", { class: "fb-note", text: t.feedbackSent }));
  else if (state.rating && (state.rating === "down" || state.commentOpen)) box.append(commentForm(t, message, onFeedback));
  else if (state.rating) {
    box.append(
      h("button", { type: "button", class: "link-btn fb-add", text: t.feedbackAddComment, onclick: () => onFeedback(message, { commentOpen: true }) }),
    );
  }
  return box;
}

function commentForm(t, message, onFeedback) {
  const id = `fb-${message.id}`;
  const area = h("textarea", { id, class: "fb-text", rows: "2", maxlength: "2000" });
  area.value = message.feedback?.draft || "";
  area.addEventListener("input", () => {
    message.feedback.draft = area.value;
  });
  return h(
    "form",
    {
      class: "fb-comment",
      onsubmit: (event) => {
        event.preventDefault();
        onFeedback(message, { comment: area.value.trim() });
      },
    },
    h("label", { for: id, text: t.feedbackCommentLabel }),
    area,
    h("button", { type: "submit", class: "btn btn-secondary btn-small", text: t.feedbackSend }),
  );
}

// A document section, shown inside the widget

export function sectionView(t, data, uiLanguage) {
  const short = citationLabel(t, data).ref;
  const parts = [
    h("p", { class: "sv-crumbs", text: (data.breadcrumbs || []).slice(0, -1).join(" › ") }),
    h("h3", { class: "sv-title", tabindex: "-1", lang: data.language, text: data.title }),
    h("p", { class: "sv-meta", text: `${short} · ${t.version} ${data.version} · ${t.officialText}` }),
    h("div", { class: "sv-text", lang: data.language }, documentText(data.text)),
  ];
  for (const translation of data.translations || []) {
    parts.push(
      h(
        "details",
        { class: "sv-translation", open: translation.language === uiLanguage && data.language !== uiLanguage },
        h("summary", { text: `${t.translationOf} (${t.languageNames[translation.language] || translation.language})` }),
        translation.notice ? h("p", { class: "sv-notice", text: translation.notice }) : null,
        h("div", { class: "sv-text", lang: translation.language }, documentText(translation.text)),
      ),
    );
  }
  return parts;
}

// Document text is shown exactly as written: paragraphs, and "•" items as a list.
function documentText(text) {
  const nodes = [];
  let list = null;
  for (const paragraph of String(text || "").split(/\n\s*\n/)) {
    const trimmed = paragraph.trim();
    if (!trimmed) continue;
    const bullet = /^[•\-–]\s+/.exec(trimmed);
    if (bullet) {
      if (!list) nodes.push((list = h("ul")));
      list.append(h("li", { text: trimmed.slice(bullet[0].length) }));
    } else {
      list = null;
      nodes.push(h("p", { text: trimmed }));
    }
  }
  return nodes;
}
