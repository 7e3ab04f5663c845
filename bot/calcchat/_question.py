"""What the learner asks of a calculation: a yes or no, an amount, a date, or the outcome.

The answer opens with it: "Oui : jusqu'au 19 janvier" to "puis-je encore me rétracter ?",
"Au plus 90,00 €" to "how much at most?", "Jusqu'au 5 avril" to "until when?". The words
of the question also say which yes or no is asked (the 7 days or the 3 months, in time or
unauthorized), read by `about`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from bot.calcchat._cues import cue
from bot.calcchat._facts import fold

Kind = Literal["yesno", "amount", "date", "other"]

_AMOUNT = cue(
    r"combien(?! de (?:temps|jours|mois|semaines|heures|minutes|fois))|how much|what amount"
    r"|quel montant|quelle somme|what (?:can|could|may|should|will|would|do|does) (?:we|they|you"
    r"|openclassrooms|oc|i|he|she|the learner) (?:\w+ )?(?:retain|keep|charge|claim|owe|pay"
    r"|get back|be refunded)|que (?:pouvons|peuvent|peut|puis|doit|dois|dois-je|devons|vais)"
    r"[- ]?(?:nous|ils|on|je|il|elle)? ?(?:\w+ )?(?:retenir|garder|facturer|reclamer|payer"
    r"|devoir|rembourser|recuperer)|quel est le montant|what is the amount"
)
_DATE = cue(
    r"jusqu'a quand|until when|by when|d'ici quand|avant quand|a partir de quand|from when"
    r"|quelle date|what date|which date|what day|quel jour|date limite|deadline|how long"
    r"|combien de (?:temps|jours|mois|semaines)|how many (?:days|months|weeks)|by what time"
    r"|a quelle heure|avant quelle heure"
)
_WHEN = cue(r"quand|when")
_YES_NO = cue(
    r"est-ce|est ce|puis-je|peux-je|je peux|on peut|peut-on|pouvons-nous|peuvent-ils|ai-je|suis-je"
    r"|dois-je|vais-je|serai-je|aurai-je|y a-t-il|compte(?:-t-il|-t-elle| comme)|ca compte"
    r"|est-il|est-elle|sont-ils|c'est (?:grave|possible|autorise|trop tard|bon|ok)|ai-je le droit"
    r"|a-t-il|a-t-elle|doit-il|doit-elle|peut-il|peut-elle|risque-t-il|risque-je|je risque"
    r"|(?:can|could|may|must|should|will|would|do|does|did|am|is|are|was|were|has|have|had)"
    r" (?:i|we|he|she|they|it|this|that|the learner|my|the)\b|counts? as|still (?:ok|fine"
    r"|possible|allowed|in time|within)|too late|trop tard|allowed\?|autorise\w*\s*\?|ok\s*\?"
    # Reported: "il nous demande s'il est encore dans son délai", "asks whether she can…"
    r"|(?:demande\w*|savoir|sais pas|sait pas|ask\w*|wonder\w*|know) (?:\w+ ){0,2}(?:s'ils?|si"
    r"|whether|if)\b|\bwhether\b"
)
_CLAUSES = re.compile(r"[.?!;,:]|\s(?:and|et|mais|but)\s")
_OPENS_YES_NO = re.compile(
    r"\s*(?:est-ce|est ce|puis-je|peux-je|ai-je|suis-je|dois-je|sommes-nous|sont-ils|est-il"
    r"|est-elle|(?:can|could|may|must|should|will|would|do|does|did|am|is|are|was|were|has"
    r"|have|had) (?:i|we|he|she|they|it|this|that|the learner|my|the)\b)"
)
_WH = cue(r"pourquoi|why|comment|how|quoi|what|which|quel\w*|where|ou\b|qui\b|who")


@dataclass(frozen=True)
class Question:
    kind: Kind
    folded: str = ""  # the words of the question, lower case without accents

    def about(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self.folded) is not None

    @property
    def wants_yes_or_no(self) -> bool:
        """A yes or no is asked, maybe beside an amount ("am I still in the window, and
        what do I owe?"): a clause of its own opens with "am I", "est-ce"…"""
        if self.kind == "yesno":
            return True
        clauses = _CLAUSES.split(self.folded)
        return any(_OPENS_YES_NO.match(c) and not _AMOUNT.search(c) for c in clauses)

    def to_state(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.folded}

    @classmethod
    def from_state(cls, value: object) -> Question | None:
        if not isinstance(value, dict):
            return None
        kind, text = value.get("kind"), value.get("text")
        if kind not in ("yesno", "amount", "date", "other") or not isinstance(text, str):
            return None
        return cls(kind, text[:4000])


def read_question(message: str) -> Question:
    folded = fold(message)
    return Question(_kind(folded), folded)


def asks_something(message: str) -> bool:
    """Whether the message asks a question of its own (rather than telling a fact, "300 €
    par mois", or varying the last one, "et si je résilie le 15 juin ?")."""
    folded = fold(message)
    if _WHAT_IF.match(folded):
        return False
    return "?" in folded or _kind(folded) != "other"


# "Et si je résilie le 15 juin ?", "what about 10 June?": the same question, another fact.
_WHAT_IF = re.compile(
    r"\W*(?:(?:et|and|mais|but|ok|d'accord|alright)\W+)?(?:si|if|what if|what about|how about"
    r"|et pour|pour|for|avec|with|au|le|on|same|meme)\b"
)


def _kind(folded: str) -> Kind:
    if _AMOUNT.search(folded):
        return "amount"
    if _DATE.search(folded):
        return "date"
    if _asks_yes_or_no(folded):
        return "yesno"
    if _WHEN.search(folded):
        return "date"
    if "?" in folded and not _WH.search(folded):
        return "yesno"
    return "other"


_WH_BEFORE = re.compile(
    r"(?:when|what|how|where|why|which|who|whom|quand|comment|pourquoi|quoi|quel\w*"
    r"|combien)\W*(?:\w+\W+)?$"
)


def _asks_yes_or_no(folded: str) -> bool:
    """A yes-or-no form not governed by a question word: "is the decision sent?" is one,
    "when is the decision sent?" asks a date."""
    for match in _YES_NO.finditer(folded):
        if not _WH_BEFORE.search(folded[max(0, match.start() - 30) : match.start()]):
            return True
    return False
