"""Block Kit builders that keep to Slack's limits by construction.

Slack rejects a whole message (`invalid_blocks`) when one element breaks a limit, so every
builder here truncates or splits instead: section text at 3,000 characters, header text at
150, button and option labels at 75, at most 50 blocks in a message and 100 in a modal.
"""

from __future__ import annotations

import re
from typing import Any

Block = dict[str, Any]

SECTION_TEXT_MAX = 3000
FIELD_TEXT_MAX = 2000
FIELDS_PER_SECTION = 10
HEADER_TEXT_MAX = 150
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
OPTIONS_MAX = 100
CONTEXT_ELEMENTS_MAX = 10
ACTIONS_ELEMENTS_MAX = 25
MODAL_TITLE_MAX = 24
LABEL_MAX = 2000
PRIVATE_METADATA_MAX = 3000
MESSAGE_BLOCKS_MAX = 50
MODAL_BLOCKS_MAX = 100
FALLBACK_TEXT_MAX = 3000

_ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + _ELLIPSIS


def escape(text: str) -> str:
    """Text shown literally in mrkdwn: Slack reads &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def to_mrkdwn(markdown: str) -> str:
    """The core's markdown in Slack's dialect: `**bold**` becomes `*bold*`, and `>` opening
    a line stays a quote while every other control character is escaped."""
    lines = []
    for line in markdown.splitlines():
        quoted = line.startswith("> ")
        body = escape(line[2:] if quoted else line)
        lines.append(("> " if quoted else "") + _BOLD.sub(r"*\1*", body))
    return "\n".join(lines)


def chunks(text: str, limit: int = SECTION_TEXT_MAX) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at paragraphs, then lines, then
    anywhere; a quote cut across pieces keeps its `>` on each line."""
    pieces: list[str] = []
    current = ""
    for paragraph in _units(text, limit):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = paragraph
    if current:
        pieces.append(current)
    return pieces or [""]


def _units(text: str, limit: int) -> list[str]:
    units: list[str] = []
    for paragraph in text.split("\n\n"):
        if len(paragraph) <= limit:
            units.append(paragraph)
            continue
        for line in paragraph.split("\n"):
            units.extend(line[i : i + limit] for i in range(0, max(len(line), 1), limit))
    return units


def plain(text: str, limit: int, *, emoji: bool = True) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit) or " ", "emoji": emoji}


def mrkdwn(text: str, limit: int = SECTION_TEXT_MAX) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, limit) or " "}


def sections(text: str, *, kind: str = "mrkdwn") -> list[Block]:
    """One section per piece of `text` (mrkdwn, or plain_text shown exactly as written)."""
    blocks: list[Block] = []
    for piece in chunks(text):
        body = mrkdwn(piece) if kind == "mrkdwn" else plain(piece, SECTION_TEXT_MAX, emoji=False)
        blocks.append({"type": "section", "text": body})
    return blocks


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_TEXT_MAX)}


def context(*texts: str) -> Block:
    elements = [mrkdwn(t) for t in texts[:CONTEXT_ELEMENTS_MAX] if t]
    return {"type": "context", "elements": elements or [mrkdwn(" ")]}


def divider() -> Block:
    return {"type": "divider"}


def fields_sections(pairs: list[tuple[str, str]]) -> list[Block]:
    """`label: value` pairs as section fields, ten to a section."""
    fields = [mrkdwn(f"*{escape(k)}*\n{escape(v)}", FIELD_TEXT_MAX) for k, v in pairs]
    return [
        {"type": "section", "fields": fields[i : i + FIELDS_PER_SECTION]}
        for i in range(0, len(fields), FIELDS_PER_SECTION)
    ]


def button(text: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    if len(value) > BUTTON_VALUE_MAX:
        raise ValueError(f"button value longer than {BUTTON_VALUE_MAX} characters")
    element: Block = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT_MAX),
        "action_id": action_id,
        "value": value,
    }
    if style is not None:
        element["style"] = style
    return element


def actions(elements: list[Block], block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": elements[:ACTIONS_ELEMENTS_MAX]}
    if block_id is not None:
        block["block_id"] = block_id
    return block


def option(text: str, value: str) -> dict[str, Any]:
    if len(value) > OPTION_VALUE_MAX:
        raise ValueError(f"option value longer than {OPTION_VALUE_MAX} characters")
    return {"text": plain(text, OPTION_TEXT_MAX), "value": value}


def preformatted(text: str) -> Block:
    """Text to copy as it is: a rich-text code block (no mrkdwn, no escaping)."""
    elements = [{"type": "text", "text": piece} for piece in _slices(text, SECTION_TEXT_MAX)]
    return {
        "type": "rich_text",
        "elements": [{"type": "rich_text_preformatted", "elements": elements}],
    }


def _slices(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [" "]


def capped(blocks: list[Block], limit: int, note: str) -> list[Block]:
    """At most `limit` blocks; a trailing actions block survives, and a context `note` says
    that something was left out."""
    if len(blocks) <= limit:
        return blocks
    tail = [blocks[-1]] if blocks[-1]["type"] == "actions" else []
    body = blocks[: len(blocks) - len(tail)]
    return [*body[: limit - 1 - len(tail)], context(note), *tail]


def fallback_text(markdown: str) -> str:
    """The notification text of a message (shown where blocks are not)."""
    return clip(markdown.replace("\n\n", "\n"), FALLBACK_TEXT_MAX)


def modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str | None = None,
    submit: str | None = None,
    close: str = "Close",
    private_metadata: str = "",
) -> Block:
    if len(private_metadata) > PRIVATE_METADATA_MAX:
        raise ValueError(f"private_metadata longer than {PRIVATE_METADATA_MAX} characters")
    view: Block = {
        "type": "modal",
        "title": plain(title, MODAL_TITLE_MAX),
        "close": plain(close, MODAL_TITLE_MAX),
        "blocks": capped(blocks, MODAL_BLOCKS_MAX, "_Truncated: Slack shows 100 blocks at most._"),
        "private_metadata": private_metadata,
    }
    if callback_id is not None:
        view["callback_id"] = callback_id
    if submit is not None:
        view["submit"] = plain(submit, MODAL_TITLE_MAX)
    return view
