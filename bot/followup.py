"""Conversations: a follow-up ("and for Solo?") is read with the question it follows, and the
state a turn leaves for the next."""

from __future__ import annotations

import re
from typing import Any

from bot.hints import read_hints
from bot.retrieval import SectionHit
from bot.textnorm import fold, tokens
from bot.wording import Lang

FOLLOW_UP = re.compile(
    r"^(et|and|what about|how about|same|pareil|idem|et si|and if|also|aussi|ok and|ok et"
    r"|et pour|and for|et avec|et le|et la|et les)\b"
)


def contextual_query(question: str, state: dict[str, Any]) -> str:
    """A follow-up ("and for Solo?") is read with the question it follows."""
    previous = state.get("last_query")
    if not previous:
        return question
    folded = fold(question)
    short = len(tokens(question)) <= 5
    referential = bool(FOLLOW_UP.search(folded)) or (folded.endswith("?") and len(folded) < 30)
    if short and referential:
        hints = read_hints(question)
        base = str(previous)
        if hints.plan == "solo":
            base = re.sub(r"(?i)premium plus|\bplus\b", "Premium Solo", base)
        elif hints.plan == "plus":
            base = re.sub(r"(?i)premium solo|\bsolo\b", "Premium Plus", base)
        return f"{question} {base}"
    return question


def next_state(
    state: dict[str, Any], lang: Lang, question: str, query: str, hits: list[SectionHit]
) -> dict[str, Any]:
    new = dict(state)
    new["language"] = lang
    new["last_query"] = query
    new["last_sections"] = [f"{h.doc_id}:{h.section}" for h in hits[:3]]
    return new
