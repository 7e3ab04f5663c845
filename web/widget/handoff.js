// The hand-off to a person (Student Success), offered once in a conversation: after the
// first answer the documents do not cover, or the first 👎. It gives the contact form as a
// link (TERMSBOT_CONTACT_URL), the other details of CGS Article 10 with their phone number
// callable, and the conversation's reference to quote.

import { h, icon } from "./dom.js";

/**
 * @param {object} t  the interface's strings
 * @param {{contact: string, url: string|null, reference: string|null, language: string|null}} details
 */
export function handoffCard(t, { contact, url, reference, language }) {
  const form = safeHref(url || "");
  // With the form as a button, the details need not name it again.
  const details = form ? contact.replace(FORM_CLAUSE, "").trim() : contact;
  return h(
    "div",
    { class: "handoff", role: "group", "aria-label": t.handoffTitle },
    h("span", { class: "handoff-icon" }, icon("headset", 20)),
    h(
      "div",
      { class: "handoff-body" },
      h("p", { class: "handoff-title", text: t.handoffTitle }),
      h("p", { class: "handoff-intro", text: t.handoffIntro }),
      form
        ? h(
            "a",
            { class: "btn btn-primary handoff-form", href: form, target: "_blank", rel: "noopener noreferrer" },
            h("span", { text: t.handoffForm }),
            icon("external", 16),
          )
        : null,
      details ? h("p", { class: "handoff-contact", lang: language }, contactNodes(details, form)) : null,
      reference
        ? h(
            "p",
            { class: "handoff-ref" },
            h("span", { text: `${t.handoffReference} ` }),
            h("code", { class: "handoff-id", text: reference }),
          )
        : null,
    ),
  );
}

/** The contact form's address: the operator's setting, or the one the details name. */
export function contactUrl(contact, configured) {
  if (safeHref(configured || "")) return configured;
  const found = /https?:\/\/[^\s<>"()]+/.exec(contact || "");
  return found ? found[0].replace(/[.,;:]+$/, "") : null;
}

const FORM_CLAUSE = /,?\s*(?:ou|or)\s+(?:via\s+)?(?:le |the )?(?:formulaire de contact|contact form)(?:\s*\([^)]*\))?\.?/i;

// Phone numbers become tel: links, e-mail addresses mailto: links; "the contact form (URL)"
// becomes a link named "the contact form", and a bare address a link. The rest stays text.
const CONTACT_PATTERN =
  /((?:le |the )?(?:formulaire de contact|contact form))(?:\s*\((https?:\/\/[^\s)]+)\))?|(\+?\d[\d .()-]{7,}\d)|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(https?:\/\/[^\s<>"]+)/gi;

export function contactNodes(text, formUrl) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(CONTACT_PATTERN)) {
    const [whole, formName, formHref, phone, email, url] = match;
    let link = null;
    if (formName) link = linkTo(safeHref(formHref || "") || formUrl, formName);
    else if (phone) link = h("a", { href: `tel:${phone.replace(/[^\d+]/g, "")}`, text: phone });
    else if (email) link = h("a", { href: `mailto:${email}`, text: email });
    else if (url) link = linkTo(safeHref(url.replace(/[.,;:)]+$/, "")), url);
    if (!link) continue;
    if (match.index > last) nodes.push(text.slice(last, match.index));
    nodes.push(link);
    last = match.index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

function linkTo(href, text) {
  return href ? h("a", { href, target: "_blank", rel: "noopener noreferrer", text }) : null;
}

/** http(s) addresses only: anything else (javascript:, data:…) is no link. */
export function safeHref(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
