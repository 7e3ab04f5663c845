"""A `Reply` as text: markdown for the API and the widget, plain text for the command line.

Both read the same parts in the same order: the lead, the points, the figures, the proof
(each passage once, with its source and its number), the assumptions, the question back,
the hand-over. Slack renders the same parts as Block Kit (bot/slack)."""

from __future__ import annotations

import re

from bot.reply import Passage, Reply
from bot.wording import SHORT_DOC, Lang, say


def markdown(reply: Reply) -> str:
    lang = reply.language
    parts = [_escape(reply.lead)] if reply.lead else []
    if reply.points:
        parts.append("\n".join(f"- {_escape(point)}" for point in reply.points))
    if reply.figures:
        rows = [f"| {say('figure_item', lang)} | {say('figure_value', lang)} |", "|---|---|"]
        rows += [f"| {_escape(f.label)} | {_escape(f.value)} |" for f in reply.figures]
        parts.append("\n".join(rows))
    related = []
    for number, passage in enumerate(reply.passages, start=1):
        text, official = passage.shown(lang)
        if passage.related:
            related.append(f"{_escape(source_line(passage, lang, official))} [{number}]")
            continue
        text = with_ellipses(text)
        quote = "\n".join(f"> {_escape(line)}" for line in text.splitlines() if line.strip())
        parts.append(f"{quote}\n>\n> — {_escape(source_line(passage, lang, official))} [{number}]")
    if related:
        parts.append(f"{say('see_also', lang)} {' ; '.join(related)}")
    parts += [f"_{_escape(note)}_" for note in reply.notes]
    if reply.ask:
        parts.append(f"**{_escape(reply.ask)}**")
    if handover := handover_line(reply):
        parts.append(_escape(handover))
    return "\n\n".join(parts)


def plain_text(reply: Reply) -> str:
    lang = reply.language
    parts = [reply.lead] if reply.lead else []
    if reply.points:
        parts.append("\n".join(f"• {point}" for point in reply.points))
    if reply.figures:
        parts.append("\n".join(f"{f.label} : {f.value}" for f in reply.figures))
    for number, passage in enumerate(reply.passages, start=1):
        text, official = passage.shown(lang)
        source = source_line(passage, lang, official)
        if passage.related:
            parts.append(f"[{number}] {say('see_also', lang)} {source}")
            continue
        text = with_ellipses(text)
        parts.append(f"[{number}] {quoted(text, lang)}\n    — {source}")
    parts += reply.notes
    if reply.ask:
        parts.append(reply.ask)
    if handover := handover_line(reply):
        parts.append(handover)
    return "\n\n".join(parts)


def source_line(passage: Passage, lang: Lang, official: bool = True, mark: bool = True) -> str:
    """ "CGS, article 6.2 (« Abonnés Premium Plus »)", titled in the language shown and
    marked when it is the translation (unless `mark` is off: the caller says it its way)."""
    title = strip_number(passage.title_in(lang if not official else passage.language))
    line = f"{SHORT_DOC[passage.doc_id][lang]}, {section_label(passage.section, lang)}"
    if title and title.lower() != passage.section:
        line += f" ({quoted(title, lang)})"
    if not official and mark:
        line += f", {say('non_official', lang)}"
    return line


def with_ellipses(quote: str) -> str:
    """A quote cut out of its sentence says so: "… clause …"."""
    start = "" if quote[:1].isupper() or not quote[:1].isalpha() else "… "
    end = "" if quote.rstrip()[-1:] in '.!?:»”"' else " …"
    return f"{start}{quote}{end}"


def handover_line(reply: Reply) -> str | None:
    escalation = reply.escalation
    if escalation is None:
        return None
    key = "refused_written" if reply.status == "refused" else "handover"
    return say(key, reply.language, contact=escalation.contact)


def quoted(text: str, lang: Lang) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


_NAMED = {
    "definitions": {"fr": "Définitions", "en": "Definitions"},
    "accessibilite": {"fr": "Accessibilité", "en": "Accessibility"},
    "annexe1": {"fr": "Annexe 1", "en": "Annex 1"},
    "preamble": {"fr": "Préambule", "en": "Preamble"},
}


def section_label(section: str, language: Lang) -> str:
    """How a section is named in a sentence: "article 6.2", "Annexe 1"."""
    if section in _NAMED:
        return _NAMED[section][language]
    return f"article {section}" if language == "fr" else f"section {section}"


def strip_number(title: str) -> str:
    return re.sub(r"^(Article\s+\d+\s*[.\-–—]\s*|\d+(\.\d+)*\s+|[a-z]\.\s+)", "", title).strip()


def _escape(text: str) -> str:
    # Document text and leads are shown as text: no markdown or HTML from them takes effect.
    return re.sub(r"([\\`*_<>\[\]#|])", r"\\\1", text)
