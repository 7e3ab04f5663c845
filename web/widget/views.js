// How each piece of the conversation looks: messages, errors, feedback and the in-widget view
// of a document section. Pure builders: they take data and callbacks and return DOM nodes.

import { answerParts } from "./answer.js";
import { h, icon } from "./dom.js";
import { handoffCard } from "./handoff.js";
import { format } from "./i18n.js";
import { sourceLabel, sources, uniqueCitations } from "./sources.js";

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

/**
 * An answer: who speaks, the answer's parts, its sources, the feedback buttons and, on the one
 * message that offers it, the hand-off to a person.
 *
 * @param {object} t  the interface's strings
 * @param {object} message  a bot message
 * @param {{stringsOf: Function, locale: string, slow: boolean, handoff: object|null,
 *          onFeedback: Function, onOpenSection: Function, onRef: Function}} ui
 */
export function botMessage(t, message, ui) {
  const status = message.status || "answered";
  const tl = ui.stringsOf(message.language);
  const row = h("div", {
    class: `row bot status-${status}${message.pending ? " pending" : ""}`,
    dataset: {
      id: message.id,
      role: "bot",
      messageId: message.messageId || "",
      status,
      language: message.language || "",
      transport: message.transport || "",
    },
  });
  const head = h(
    "div",
    { class: "bot-head" },
    h("span", { class: "bot-avatar" }, icon("book", 14)),
    h("span", { class: "bot-name", text: `${t.assistant}` }),
    h("span", { class: "sr-only", text: " :" }),
  );
  const body = h("div", { class: "answer", lang: message.language || null });
  fillAnswer(t, tl, body, message, ui);
  const bubble = h("div", { class: "bubble bot-bubble" }, body);
  if (!message.pending && uniqueCitations(message.citations || []).length) bubble.append(sources(t, tl, message, ui));
  row.append(head, bubble);
  const card = ui.handoff ? handoffCard(t, ui.handoff) : null;
  // A declined answer leads into the hand-off; after a 👎 it follows the feedback.
  if (card && status === "declined") row.append(card);
  if (!message.pending && message.messageId) row.append(feedback(t, message, ui.onFeedback));
  if (card && status !== "declined") row.append(card);
  return row;
}

/** The answer's parts, or the typing indicator while none has arrived yet. */
export function fillAnswer(t, tl, container, message, ui) {
  const parts = answerParts(tl, message, {
    locale: ui.locale,
    sources: uniqueCitations(message.citations || []).length,
    onRef: (n, opener) => ui.onRef(message, n, opener),
  });
  if (parts.length) {
    container.replaceChildren(...parts);
    return;
  }
  container.replaceChildren(
    h(
      "div",
      { class: "typing", role: "img", "aria-label": t.typing },
      h("span", { class: "dot" }),
      h("span", { class: "dot" }),
      h("span", { class: "dot" }),
    ),
  );
  if (ui.slow) container.append(h("p", { class: "slow", text: t.slow }));
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
      icon(name, 18),
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
  const label = sourceLabel(t, data, uiLanguage);
  const parts = [
    h("p", { class: "sv-crumbs", text: (data.breadcrumbs || []).slice(0, -1).join(" › ") }),
    h("h3", { class: "sv-title", tabindex: "-1", lang: data.language, text: data.title }),
    h("p", { class: "sv-meta", text: `${label.ref} · ${t.version} ${data.version} · ${t.officialText}` }),
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
