"""What the agent sees of an answer, as Block Kit, rendered from the core's structured answer
(`Reply.from_response`): never from the core's markdown.

    the lead                       first block: the direct answer, in the answer's language
    points, figures, the rule      short statements; a calculation's results as fields
    the question back              what is missing, with *Open in calculator*
    a compact line of sources      document, article, title, version; official or translation
    buttons                        post in channel, learner reply, full clause, calculator,
                                   escalate, 👍/👎

The deciding quote sits behind *Full clause* (bot/slack/clause.py), except in a message
posted for everyone, who has no button to open it. Pure functions; no Slack calls here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bot.render import section_label, source_line
from bot.reply import Passage, Reply
from bot.schemas import ChatResponse, RuleRef
from bot.slack.blocks import (
    MESSAGE_BLOCKS_MAX,
    Block,
    actions,
    button,
    capped,
    clip,
    context,
    escape,
    fallback_text,
    fields_sections,
    mrkdwn,
    preformatted,
    sections,
)
from bot.slack.labels import input_label
from bot.slack.texts import ui
from bot.wording import SHORT_DOC, Lang

Audience = Literal["agent", "thread", "channel"]
Rating = Literal["up", "down"]

ACTION_POST = "terms_post"
ACTION_REPLY = {"fr": "terms_reply_fr", "en": "terms_reply_en"}
ACTION_CLAUSE = "terms_clause"
ACTION_CALCULATOR = "terms_calculator"
ACTION_ESCALATE = "terms_escalate"
ACTION_FEEDBACK = {"up": "terms_feedback_up", "down": "terms_feedback_down"}
ANSWER_BLOCK = "terms_answer"

# Documents that exist in several versions (CONTRACT.md: the CGS, A and B): their sources
# name the version.
VERSIONED = frozenset(["cgs"])
SOURCES_SHOWN = 4
QUOTE_MAX = 600
_MORE = "_…_"


@dataclass(frozen=True)
class AnswerView:
    """Where and to whom an answer is shown, and what the agent can still do with it."""

    audience: Audience
    escalation: bool = False  # whether *Escalate* is offered (a destination is configured)
    shared_by: str | None = None  # the agent who posted it in the channel
    question: str | None = None  # shown above an answer posted for everyone
    rated: Rating | None = None
    posted: bool = False  # the agent's copy once posted in the channel
    context_messages: int = 0  # earlier thread messages read with the question
    about: str | None = None  # the author of the message a shortcut asked about


def message(blocks: list[Block], text: str) -> dict[str, Any]:
    """A message body (`text` is the notification and screen-reader fallback)."""
    return {"text": fallback_text(text), "blocks": capped(blocks, MESSAGE_BLOCKS_MAX, _MORE)}


def notice(text: str) -> dict[str, Any]:
    return message(sections(escape(text)), text)


def answer_message(response: ChatResponse, view: AnswerView) -> dict[str, Any]:
    reply = Reply.from_response(response)
    lang = reply.language
    blocks: list[Block] = []
    if view.audience == "channel" and view.question:
        asker = f"<@{escape(view.shared_by)}>" if view.shared_by else "?"
        blocks.append(context(ui("asked_by", lang, user=asker, question=_inline(view.question))))
    blocks += sections(escape(reply.lead or response.answer[:500]))
    blocks += _status(reply, view)
    blocks += _reading(reply, view)
    if reply.points:
        blocks += sections("\n".join(f"• {escape(point)}" for point in reply.points))
    blocks += _calculation(reply)
    blocks += _question_back(reply)
    blocks += [context(f"_{escape(note)}_") for note in reply.notes]
    if view.audience == "channel" and reply.passages and reply.status != "declined":
        blocks.append(_deciding_quote(reply.passages[0], lang))
    # A decline quotes nothing, or the closest rule it names (its source is shown then).
    if reply.passages and reply.status != "refused":
        blocks.append(context(sources_line(reply.passages, lang)))
    if view.shared_by is not None and view.audience == "channel":
        blocks.append(context(ui("shared_by", lang, user=f"<@{escape(view.shared_by)}>")))
    if view.audience != "channel":
        blocks += _buttons(response, reply, view)
    return message(blocks, reply.lead or response.answer)


def _status(reply: Reply, view: AnswerView) -> list[Block]:
    if reply.status not in ("declined", "refused"):
        return []
    closest = reply.status == "declined" and bool(reply.passages)
    line = ui("declined_closest" if closest else reply.status, reply.language)
    if view.escalation and view.audience != "channel":
        line += " " + ui("escalate_hint", reply.language)
    return [context(line)]


def _reading(reply: Reply, view: AnswerView) -> list[Block]:
    """Say what was read besides the question: the thread above, or the message asked about."""
    lang = reply.language
    if view.about is not None:
        return [context(ui("about_message", lang, author=f"<@{escape(view.about)}>"))]
    if view.context_messages == 1:
        return [context(ui("context_one", lang))]
    if view.context_messages > 1:
        return [context(ui("context_many", lang, count=view.context_messages))]
    return []


def _calculation(reply: Reply) -> list[Block]:
    if not reply.figures:
        return []
    blocks = fields_sections([(f.label, f.value) for f in reply.figures])
    if reply.calculation is not None and reply.calculation.rules:
        rules = rules_text(reply.calculation.rules, reply.passages, reply.language)
        blocks.append(context(escape(ui("rule_applied", reply.language, rules=rules))))
    return blocks


def rules_text(rules: list[RuleRef], passages: list[Passage], lang: Lang) -> str:
    """ "CGS, article 6.2 (« Abonnés Premium Plus »)", titled where a passage names it."""
    titled = {(p.doc_id, p.section): p for p in passages}
    shown = []
    for rule in rules:
        passage = titled.get((rule.doc_id, rule.section))
        if passage is not None:
            shown.append(source_line(passage, lang, passage.shown(lang)[1]))
        else:
            doc = SHORT_DOC.get(rule.doc_id, {}).get(lang, rule.doc_id)
            shown.append(f"{doc}, {section_label(rule.section, lang)}")
    return " · ".join(shown)


def _question_back(reply: Reply) -> list[Block]:
    if not reply.ask:
        return []
    blocks = sections(f"*{escape(reply.ask)}*")
    pending = reply.pending
    if pending is not None and pending.missing:
        facts = ", ".join(
            input_label(pending.calculator, key, reply.language) for key in pending.missing
        )
        blocks.append(context(escape(ui("missing", reply.language, facts=facts))))
    return blocks


def sources_line(passages: list[Passage], lang: Lang) -> str:
    """One line for every passage: where it is, which version, official or translated."""
    shown = []
    for passage in passages[:SOURCES_SHOWN]:
        _, official = passage.shown(lang)
        line = source_line(passage, lang, official=official, mark=False)
        if passage.doc_id in VERSIONED:
            line += ", " + ui("version", lang, version=passage.version)
        line += ", " + ui("official" if official else "translation", lang)
        shown.append(escape(line))
    if len(passages) > SOURCES_SHOWN:
        shown.append(ui("more_sources", lang, count=len(passages) - SOURCES_SHOWN))
    heading = f"*{ui('sources', lang)}* :" if lang == "fr" else f"*{ui('sources', lang)}:*"
    return f"{heading} " + " · ".join(shown)


def _deciding_quote(passage: Passage, lang: Lang) -> Block:
    text, _ = passage.shown(lang)
    quoted = "\n".join(f"> {escape(line)}" for line in clip(text, QUOTE_MAX).splitlines())
    return {"type": "section", "text": mrkdwn(quoted)}


def _buttons(response: ChatResponse, reply: Reply, view: AnswerView) -> list[Block]:
    lang, message_id = reply.language, response.message_id
    elements: list[Block] = []
    if view.audience == "agent" and not view.posted:
        elements.append(button(ui("post", lang), ACTION_POST, message_id, style="primary"))
    first, second = ("fr", "en") if lang == "fr" else ("en", "fr")
    for reply_lang in (first, second):
        elements.append(
            button(ui(f"reply_{reply_lang}", lang), ACTION_REPLY[reply_lang], message_id)
        )
    if reply.passages:
        elements.append(button(ui("clause", lang), ACTION_CLAUSE, message_id))
    if reply.calculation is not None or reply.pending is not None:
        elements.append(button(ui("calculator", lang), ACTION_CALCULATOR, message_id))
    if view.escalation:
        elements.append(button(ui("escalate", lang), ACTION_ESCALATE, message_id))
    blocks: list[Block] = []
    if view.posted:
        blocks.append(context(ui("posted", lang)))
    if view.rated is None:
        elements += [
            button("👍", ACTION_FEEDBACK["up"], message_id),
            button("👎", ACTION_FEEDBACK["down"], message_id),
        ]
    else:
        rating = "👍" if view.rated == "up" else "👎"
        blocks.append(context(ui("feedback", lang, rating=rating)))
    return [*blocks, actions(elements, block_id=ANSWER_BLOCK)]


def _inline(text: str) -> str:
    return escape(clip(" ".join(text.split()), 500))


def learner_reply_message(language: Lang, interface: Lang, reply: str) -> dict[str, Any]:
    """The ready-to-paste reply, as a code block the agent copies in one go."""
    name = ui(f"language_{language}", interface)
    blocks = [context(ui("learner_reply", interface, language=name)), preformatted(reply)]
    return message(blocks, reply)
