"""The reply an agent pastes to a learner, and the bot's words when it cannot answer.

A learner reply is short and in one language: a greeting with a name to fill in, the answer
(the core's lead and points, or its figures), at most one citation — the deciding passage in
the reply's language, marked when that is the translation — the public link of the document,
the hand-over when the documents do not answer, and a sign-off. The rule itself is the
core's answer: this only frames it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.errors import CalculatorInputError, IndexError_, NotFound, StoreError, TermsbotError
from bot.render import handover_line, section_label, strip_number
from bot.reply import Passage, Reply
from bot.slack.blocks import clip
from bot.slack.texts import ui
from bot.wording import SHORT_DOC, Lang

QUOTE_MAX = 500

GREETING: dict[Lang, str] = {"fr": "Bonjour [Prénom],", "en": "Hello [First name],"}
CLOSING: dict[Lang, str] = {
    "fr": "N'hésitez pas à revenir vers nous si vous avez d'autres questions.",
    "en": "Do not hesitate to get back to us if you have any other questions.",
}
SIGN_OFF: dict[Lang, str] = {"fr": "Bien cordialement,", "en": "Kind regards,"}
AS_WRITTEN: dict[Lang, str] = {
    "fr": "C'est ce que prévoit {where}{note} : « {quote} »",
    "en": "This is set out in {where}{note}: “{quote}”",
}
RULE: dict[Lang, str] = {"fr": "Règle appliquée : {where}.", "en": "Rule applied: {where}."}
LINK: dict[Lang, str] = {
    "fr": "Vous pouvez consulter {document} ici : {url}",
    "en": "You can read {document} here: {url}",
}
DOCUMENT: dict[str, dict[Lang, str]] = {
    "cgs": {"fr": "les CGS", "en": "the Terms of Service"},
    "regulations": {"fr": "le Règlement intérieur", "en": "the Internal Regulations"},
}
OF_DOCUMENT: dict[str, dict[Lang, str]] = {
    "cgs": {"fr": "des CGS", "en": "of the Terms of Service"},
    "regulations": {"fr": "du Règlement intérieur", "en": "of the Internal Regulations"},
}
NON_OFFICIAL: dict[Lang, str] = {
    "fr": " (traduction non officielle)",
    "en": " (non-official translation)",
}


@dataclass(frozen=True)
class Links:
    """The public link of each document, per language when the operator gives one."""

    links: Mapping[str, str]

    def of(self, doc_id: str, lang: Lang) -> str | None:
        return self.links.get(f"{doc_id}:{lang}") or self.links.get(doc_id)


def learner_reply(reply: Reply, links: Links) -> str:
    lang = reply.language
    parts = [GREETING[lang], _answer(reply)]
    answered = reply.status in ("answered", "calculated")
    passage = reply.passages[0] if reply.passages and answered else None
    if passage is not None:
        parts.append(_citation(passage, lang))
    elif reply.calculation is not None and reply.calculation.rules:
        rule = reply.calculation.rules[0]
        parts.append(RULE[lang].format(where=_where(rule.doc_id, rule.section, None, lang)))
    if handover := handover_line(reply):
        parts.append(handover)
    doc_id = passage.doc_id if passage is not None else _rule_document(reply)
    url = links.of(doc_id, lang) if doc_id else None
    if doc_id in DOCUMENT and url:
        parts.append(LINK[lang].format(document=DOCUMENT[doc_id][lang], url=url))
    parts.append(f"{CLOSING[lang]}\n\n{SIGN_OFF[lang]}")
    return "\n\n".join(part for part in parts if part)


def _answer(reply: Reply) -> str:
    """The lead and the points; a calculation's assumptions; the question back, if any."""
    sentences = [reply.lead, *reply.points]
    if reply.status == "calculated":
        sentences += reply.notes
    if reply.ask:
        sentences.append(reply.ask)
    return " ".join(s.strip() for s in sentences if s.strip())


def _citation(passage: Passage, lang: Lang) -> str:
    text, official = passage.shown(lang)
    title = strip_number(passage.title_in(lang if not official else passage.language))
    if passage.language != lang and official:  # no translation: no quote in another language
        return RULE[lang].format(where=_where(passage.doc_id, passage.section, title, lang))
    quote = clip(" ".join(text.split()), QUOTE_MAX)
    where = _where(passage.doc_id, passage.section, title, lang)
    note = "" if official else NON_OFFICIAL[lang]
    return AS_WRITTEN[lang].format(where=where, note=note, quote=quote)


def _where(doc_id: str, section: str, title: str | None, lang: Lang) -> str:
    """ "l'article 6.2 des CGS (« Abonnés Premium Plus »)"."""
    label = section_label(section, lang)
    of = OF_DOCUMENT.get(doc_id, {}).get(lang) or SHORT_DOC.get(doc_id, {}).get(lang, doc_id)
    if lang == "fr":
        article = f"l'{label}" if label.startswith("article") else label
        where = f"{article} {of}"
    else:
        where = f"{label} {of}"
    if title and title.lower() != section:
        where += f" (« {title} »)" if lang == "fr" else f" (“{title}”)"
    return where


def _rule_document(reply: Reply) -> str | None:
    calculation = reply.calculation
    if calculation is not None and calculation.rules:
        return calculation.rules[0].doc_id
    return None


def apology(error: TermsbotError, lang: Lang) -> str:
    """What the agent reads when the core refuses or fails (never a stack trace or secret)."""
    if isinstance(error, CalculatorInputError):
        return ui("bad_input", lang, field=error.field, reason=error.reason)
    if isinstance(error, NotFound):
        return ui("not_found", lang)
    if isinstance(error, IndexError_):
        return ui("index_rebuilding", lang)
    if isinstance(error, StoreError):
        return ui("store_down", lang)
    return ui("core_error", lang, code=error.code)
