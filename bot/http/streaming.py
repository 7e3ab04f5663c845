"""The server-sent events of `POST /v1/chat/stream`, from a stored `ChatResponse`.

    event: meta         {"conversation_id", "message_id", "language", "status",
                         "lead", "points", "notes", "ask"}   the answer's parts, as /v1/chat
    event: delta        {"text"}   pieces of the answer, in order (all of them = `answer`)
    event: citations    {"citations": [...]}
    event: calculation  {"calculation": {...} | null}
    event: done         {"status", "escalation", "message_id", "conversation_id"}
    event: error        {"error": {"code", "message"}}   instead of what is left; then the end

Each event is `event: NAME\\ndata: JSON\\n\\n`, the JSON on one line.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from bot.schemas import ChatResponse

log = logging.getLogger("termsbot.http")
MEDIA_TYPE = "text/event-stream"
HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}

# A piece ends after a line break, or after sentence punctuation followed by a space.
_PIECE_END = re.compile(r"(?<=\n)|(?<=[.!?])(?= )")


# The structured parts come first, so that a door can show (and a screen reader announce) the
# lead before the markdown pieces arrive.
META = ("conversation_id", "message_id", "language", "status", "lead", "points", "notes", "ask")


def pieces(answer: str) -> list[str]:
    """The answer cut by line and sentence, so that `"".join(pieces(a)) == a`."""
    return [piece for piece in _PIECE_END.split(answer) if piece]


def event(name: str, data: Any) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def chat_events(response: ChatResponse) -> Iterator[str]:
    try:
        body = response.model_dump(mode="json")
        yield event("meta", {key: body[key] for key in META})
        for piece in pieces(response.answer):
            yield event("delta", {"text": piece})
        yield event("citations", {"citations": body["citations"]})
        yield event("calculation", {"calculation": body["calculation"]})
        yield event(
            "done",
            {key: body[key] for key in ("status", "escalation", "message_id", "conversation_id")},
        )
    except Exception:  # the stream has started: the client learns it from an error event
        log.exception("chat stream failed")
        yield event("error", {"error": {"code": "internal_error", "message": "internal error"}})
