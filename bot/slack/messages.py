"""What the agent sees: answers with their sources and buttons, calculator results, the full
clause. Pure functions from the core's responses to Block Kit; no Slack calls here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from bot.schemas import ChatResponse, Citation, RuleRef, SectionResponse
from bot.slack.blocks import (
    MESSAGE_BLOCKS_MAX,
    Block,
    actions,
    button,
    capped,
    chunks,
    clip,
    context,
    divider,
    escape,
    fallback_text,
    fields_sections,
    header,
    modal,
    mrkdwn,
    preformatted,
    sections,
    to_mrkdwn,
)

Audience = Literal["agent", "thread", "channel"]
Rating = Literal["up", "down"]

ACTION_POST = "terms_post"
ACTION_REPLY = {"fr": "terms_reply_fr", "en": "terms_reply_en"}
ACTION_CLAUSE = "terms_clause"
ACTION_FEEDBACK = {"up": "terms_feedback_up", "down": "terms_feedback_down"}

DOC_LABEL = {"cgs": "CGS", "regulations": "Regulations"}
QUOTE_MAX = 1200


_MORE = "_More sources than Slack shows: use *Full clause*._"


def message(blocks: list[Block], text: str) -> dict[str, Any]:
    """A message body (`text` is the notification and screen-reader fallback)."""
    return {"text": fallback_text(text), "blocks": capped(blocks, MESSAGE_BLOCKS_MAX, _MORE)}


def notice(text: str) -> dict[str, Any]:
    return message(sections(escape(text)), text)


def section_label(doc_id: str, section: str) -> str:
    return f"{DOC_LABEL.get(doc_id, doc_id)} {section}"


def answer_message(
    response: ChatResponse,
    *,
    audience: Audience,
    shared_by: str | None = None,
    rated: Rating | None = None,
) -> dict[str, Any]:
    """The answer, its status, its sources; the agent's buttons unless posted in a channel."""
    blocks = sections(to_mrkdwn(response.answer))
    blocks += _status_blocks(response)
    if response.calculation is not None:
        calc = response.calculation
        blocks += calculation_blocks(calc.calculator, calc.result, calc.rules)
    if response.citations:
        blocks += [divider(), context("*Sources*")]
        blocks += [_citation_block(c) for c in response.citations]
    if shared_by is not None:
        blocks.append(context(f"Shared by <@{escape(shared_by)}> · answered by termsbot"))
    if audience != "channel":
        blocks += _agent_actions(response.message_id, audience, rated)
    return message(blocks, response.answer)


def _status_blocks(response: ChatResponse) -> list[Block]:
    escalation = response.escalation
    if response.status == "declined":
        lead = ":information_source: *Not covered by the documents.*"
    elif response.status == "refused":
        lead = ":no_entry: *Outside the assistant's role.*"
    else:
        return []
    if escalation is not None:
        lead += f" Hand over to Student Success: {escape(escalation.contact)}"
    return [context(lead)]


def _citation_block(citation: Citation) -> Block:
    title = citation.title.removeprefix(f"{citation.section} ").strip()
    label = f"*{escape(section_label(citation.doc_id, citation.section))}* — {escape(title)}"
    label += f" · version {escape(citation.version)}"
    quote = "\n".join(f"> {escape(line)}" for line in clip(citation.quote, QUOTE_MAX).splitlines())
    note = "" if citation.official else "\n_non-official translation_"
    return {"type": "section", "text": mrkdwn(f"{label}\n{quote}{note}")}


def _agent_actions(message_id: str, audience: Audience, rated: Rating | None) -> list[Block]:
    buttons = []
    if audience == "agent":
        buttons.append(button("Post in channel", ACTION_POST, message_id, style="primary"))
    buttons += [
        button("Learner reply (FR)", ACTION_REPLY["fr"], message_id),
        button("Learner reply (EN)", ACTION_REPLY["en"], message_id),
        button("Full clause", ACTION_CLAUSE, message_id),
    ]
    if rated is None:
        buttons += [
            button("👍", ACTION_FEEDBACK["up"], message_id),
            button("👎", ACTION_FEEDBACK["down"], message_id),
        ]
        return [actions(buttons, block_id="terms_answer")]
    thanks = context(f"Feedback recorded: {'👍' if rated == 'up' else '👎'} — thank you.")
    return [thanks, actions(buttons, block_id="terms_answer")]


def calculation_blocks(
    calculator: str,
    result: Mapping[str, Any],
    rules: list[RuleRef],
    explanation: str | None = None,
    rule_titles: Mapping[str, str] | None = None,
) -> list[Block]:
    """A calculator's result as fields, its explanation, and the rules it applied."""
    blocks: list[Block] = [header(f"Calculator: {calculator}")]
    if explanation:
        blocks += sections(escape(explanation))
    blocks += fields_sections([(key, _shown(value)) for key, value in result.items()])
    titles = rule_titles or {}
    cited = [
        f"{section_label(r.doc_id, r.section)}"
        + (f" ({titles[f'{r.doc_id}:{r.section}']})" if f"{r.doc_id}:{r.section}" in titles else "")
        for r in rules
    ]
    if cited:
        blocks.append(context(escape("Rules applied: " + " · ".join(cited))))
    return blocks


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def learner_reply_message(language: str, reply: str) -> dict[str, Any]:
    """The ready-to-paste reply, as a code block the agent copies in one go."""
    name = {"fr": "French", "en": "English"}.get(language, language)
    blocks = [context(f"*Learner reply ({name})* — copy and paste:"), preformatted(reply)]
    return message(blocks, reply)


def clause_view(found: list[SectionResponse]) -> Block:
    """A modal with the full text of each cited section, official first, then translations."""
    blocks: list[Block] = []
    for section in found:
        title = f"{section_label(section.doc_id, section.section)} — {section.title}"
        blocks.append(header(f"{title} (version {section.version})"))
        blocks.append(context(f"Official text ({section.language})"))
        blocks += _plain_sections(section.text)
        for translation in section.translations:
            blocks.append(context(f"_{escape(translation.notice)}_"))
            blocks += _plain_sections(translation.text)
        blocks.append(divider())
    if not blocks:
        blocks = sections("No cited section to show.")
    return modal("Full clause", blocks[:-1] if blocks[-1]["type"] == "divider" else blocks)


def _plain_sections(text: str) -> list[Block]:
    return [
        {"type": "section", "text": {"type": "plain_text", "text": piece or " ", "emoji": False}}
        for piece in chunks(text)
    ]


def calculator_result_message(
    calculator: str,
    result: Mapping[str, Any],
    rules: list[RuleRef],
    explanation: Mapping[str, str],
    *,
    ambiguous: bool,
    rule_titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    english = explanation.get("en", "")
    blocks = calculation_blocks(calculator, result, rules, english, rule_titles)
    if explanation.get("fr"):
        blocks.append(context(f"*FR* — {escape(explanation['fr'])}"))
    if ambiguous:
        blocks.append(context(":warning: The inputs leave this ambiguous: check the rule."))
    return message(blocks, f"{calculator}: {english}")


def help_message() -> dict[str, Any]:
    text = (
        "*termsbot* answers from the CGS and the Internal Regulations, citing the articles.\n"
        "• `/terms <question>` — an answer only you see, with sources and a learner reply\n"
        "• `/terms calc` — a calculator (deadlines, refunds, notices)\n"
        "• mention `@termsbot` in a channel, or write to it directly: it answers in the thread"
    )
    return message(sections(text), "termsbot: /terms <question> or /terms calc")
