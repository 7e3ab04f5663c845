"""The reply an agent pastes to a learner, in French or English, and the bot's polite words
when it cannot answer. The rule itself is the core's answer: this only frames it."""

from __future__ import annotations

import re

from bot.errors import CalculatorInputError, IndexError_, NotFound, StoreError, TermsbotError
from bot.schemas import ChatResponse
from bot.wording import SHORT_DOC, Lang, say

GREETING: dict[Lang, str] = {"fr": "Bonjour,", "en": "Hello,"}
SIGN_OFF: dict[Lang, str] = {"fr": "Bien cordialement,", "en": "Kind regards,"}
REFERENCES: dict[Lang, str] = {"fr": "Références :", "en": "References:"}
ARTICLE: dict[Lang, str] = {"fr": "article", "en": "section"}
NON_OFFICIAL: dict[Lang, str] = {
    "fr": "traduction non officielle",
    "en": "non-official translation",
}

_ITALIC = re.compile(r"(?<![\w*])_(\S(?:.*?\S)?)_(?![\w*])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def learner_reply(response: ChatResponse) -> str:
    """Greeting, the rule with its articles and quotes, the hand-off when the documents do
    not answer, and a sign-off: plain text in the response's language."""
    lang: Lang = response.language
    parts = [GREETING[lang], plain_text(response.answer)]
    references = _references(response, lang)
    if references:
        parts.append("\n".join([REFERENCES[lang], *references]))
    escalation = response.escalation
    if escalation is not None and escalation.contact not in response.answer:
        parts.append(say("handover", lang, contact=escalation.contact))
    parts.append(SIGN_OFF[lang])
    return "\n\n".join(parts)


def plain_text(markdown: str) -> str:
    """The core's markdown without its emphasis markers (quotes keep their `>`)."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", markdown)).strip()


def _references(response: ChatResponse, lang: Lang) -> list[str]:
    seen: set[tuple[str, str, bool]] = set()
    lines = []
    for citation in response.citations:
        key = (citation.doc_id, citation.section, citation.official)
        if key in seen:
            continue
        seen.add(key)
        doc = SHORT_DOC.get(citation.doc_id, {}).get(lang, citation.doc_id)
        title = citation.title.removeprefix(f"{citation.section} ").strip()
        line = f"- {doc}, {ARTICLE[lang]} {citation.section} ({_quoted(title, lang)})"
        if not citation.official:
            line += f" — {NON_OFFICIAL[lang]}"
        lines.append(line)
    return lines


def _quoted(text: str, lang: Lang) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def apology(error: TermsbotError) -> str:
    """What the agent reads when the core refuses or fails (never a stack trace or secret)."""
    if isinstance(error, CalculatorInputError):
        return f"That input cannot be used: {error.field}: {error.reason}."
    if isinstance(error, NotFound):
        return "I can't find that answer any more (it may have been purged)."
    if isinstance(error, IndexError_):
        return "I can't answer right now: the document index is being rebuilt. Try again soon."
    if isinstance(error, StoreError):
        return "I can't answer right now: the conversation store is unavailable."
    return f"I can't answer right now ({error.code})."


TOO_LONG = "Please keep the question under 4,000 characters."
EMPTY = "Ask me a question about the CGS or the Internal Regulations."
THINKING = ":hourglass_flowing_sand: Looking it up…"
UNEXPECTED = "Something went wrong on my side; the team has been told. Please try again."
