"""What a message says about where its answer is: an article it names, a document, a plan.

These re-rank retrieval; they never answer on their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.textnorm import fold

_SECTION_REF = re.compile(
    r"\b(?:article|art\.?|section|clause|§)\s*(\d+(?:\.\d+)*(?:\.[a-g])?)\b|\b(annexe?|annex)\s*1\b"
)
_CGS = re.compile(
    r"\b(cgs|cgv|conditions generales|terms of (service|sale)|terms and conditions|french terms|tos)\b"
)
_REGS = re.compile(r"\b(reglement interieur|internal regulations?|regulations|house rules|ri)\b")
_SOLO = re.compile(r"\bsolo\b")
_PLUS = re.compile(
    r"\b(premium plus|plus subscription|abonnement plus|parcours diplomant|diploma path)\b|\bplus\b(?=.{0,15}\b(path|parcours|subscription|abonnement)\b)"
    # "Solo et Plus", "Solo vs Plus", "Plus or Solo": the offer, beside the other one
    r"|\bsolo\s*(et|and|vs\.?|versus|ou|or|/|,)\s*(premium )?plus\b|\bplus\s*(et|and|vs\.?|versus|ou|or|/|,)\s*(premium )?solo\b"
)
_VERSION = re.compile(
    r"\b(versions?|one copy|another copy|une copie|autre copie|ancienne|old(er)? (copy|text)|a et b|a and b)\b"
)
_BOTH = re.compile(
    r"\b(vs\.?|versus|compare|comparer|difference|both|les deux|et le reglement|and the (internal )?regulations|et les cgs|and the terms)\b"
)


@dataclass(frozen=True)
class Hints:
    sections: tuple[str, ...]
    doc_ids: frozenset[str]
    plan: str | None
    versions: bool
    compare: bool


def read_hints(message: str) -> Hints:
    text = fold(message)
    sections: list[str] = []
    for m in _SECTION_REF.finditer(text):
        sections.append("annexe1" if m.group(2) else m.group(1).lower())
    docs = set()
    if _CGS.search(text):
        docs.add("cgs")
    if _REGS.search(text):
        docs.add("regulations")
    solo, plus = bool(_SOLO.search(text)), bool(_PLUS.search(text))
    plan = "solo" if solo and not plus else "plus" if plus and not solo else None
    return Hints(
        sections=tuple(dict.fromkeys(sections)),
        doc_ids=frozenset(docs),
        plan=plan,
        versions=bool(_VERSION.search(text)),
        compare=bool(_BOTH.search(text)) or (solo and plus) or len(docs) == 2,
    )


def plan_of(doc_id: str, section: str) -> str | None:
    """CGS sections specific to one offer."""
    if doc_id != "cgs":
        return None
    if section.startswith("2.1") or section == "6.1":
        return "solo"
    if section.startswith("2.2") or section == "6.2":
        return "plus"
    return None
