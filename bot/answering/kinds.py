"""What kind of answer a question wants, read from its words in French or English.

A "how long" question wants a duration, "how much" an amount, "can I…?" a yes or no with a
permission, "how do I…?" the steps, "who do I tell?" a person or a channel. The kind steers
which statement of the cited section leads the answer; it never answers on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.textnorm import fold

# Patterns run on folded text (lower case, no accents, straight apostrophes).
_KINDS: dict[str, str] = {
    "duration": r"\bcombien de (temps|jours?|semaines?|mois|heures?|annees?)\b|\bquel(le)?s? (delai|duree)\b"
    r"|\bdelai\b|\bhow (long|soon|many (days|weeks|months|hours|years))\b|\bhow much (time|notice)\b"
    r"|\bdeadline\b|\btime ?limit\b|\bnotice period\b|\bwithin how\b|\bduree\b|\bhow early\b"
    r"|\b(a l'avance|in advance)\b.{0,30}\?|\bcombien a l'avance\b|\bpendant combien\b",
    "date": r"\bquand\b|\bwhen\b|\bjusqu'(a|au) quand\b|\buntil when\b|\bfrom when\b|\bquelle date\b"
    r"|\bwhat date\b|\ba partir de quand\b|\bby when\b|\bstill\b.{0,40}\?|\bencore\b.{0,40}\?",
    "amount": r"\bcombien\b(?! de (temps|jours?|semaines?|mois|heures?|annees?))|\bhow (much|many)\b(?! (time|notice|days|weeks|months|hours|years))"
    r"|\b(montant|somme|prix|tarif|frais|cout|coute|fee|fees|price|cost|amount|charge|pourcentage|percentage|indemnite|indemnity|penalty|penalite)\b"
    r"|\brembours|\brefund",
    "procedure": r"\bcomment (je|on|puis|peut|faire|faut|dois|proceder|resilier|annuler|arreter|obtenir|changer|faire)|\bcomment\b.{0,30}\?"
    r"|\bhow (do|can|should|to|would)\b(?! (long|much|many))|\bsteps?\b|\bprocedure\b|\bprocess\b|\bmarche a suivre\b"
    r"|\b(que|quoi) (dois|faut)[- ]|\bwhat (should|do|must) (i|we)\b.{0,20}\bdo\b|\bsupposed to do\b|\bque faire\b|\bqu'est-ce que je (dois|peux) faire\b",
    "contact": r"\b(a qui|qui (dois|faut|contacter|prevenir|informer|joindre))\b|\bwho (do|should|must|to|can)\b.{0,20}\b(contact|tell|inform|notify|call|write|reach|ask|talk)\b"
    r"|\bwhom\b|\bcontact(er)?\b|\bjoindre\b|\bprevenir\b|\binformer\b|\bnotify\b|\bwho (to|should i)\b|\bqui (je|on) (dois|doit)\b",
    "place": r"\bou (est|sont|trouver|je|puis|peut|se trouve|consulter|telecharger)\b|\bou\s?\?|\bwhere\b|\bquelle adresse\b|\bwhat address\b|\badresse\b|\baddress\b",
    "definition": r"\bc'est quoi\b(?! (la|les) (difference|differences|regle|delai|procedure))|\bqu'est[- ]ce (que|qu') (c'est|un|une|le|la|l')\b|\bca veut dire\b|\bsignifie\b|\bdefinition\b|\bwhat (is|are) (a|an|the)\b"
    r"|\bwhat does\b.{0,40}\bmean\b|\bmeaning of\b|\bwhat counts as\b|\bqu'appelle|\bqu'entend|\bwhat exactly (is|counts)\b|\bc'est qui\b|\bwho (is|are) (a|an|the|my)\b",
    "consequence": r"\bque se passe|\bqu'est-ce qui se passe|\bqu'est-ce qui arrive\b|\bque risque|\bqu'est-ce que je risque\b|\bje risque\b|\brisque[sz]?\b"
    r"|\bwhat happens\b|\bwhat (do|would|will) i risk\b|\bconsequences?\b|\bsanctions?\b|\bpenalt|\bpunish|\bwhat will happen\b|\bwhat if\b|\bet si\b",
    "reason": r"\bpourquoi\b|\bwhy\b|\bfor what reason\b",
    "list": r"\bquel(le)?s (sont|documents|navigateurs|absences|cas|motifs|raisons|elements)\b|\blesquel|\bwhich\b|\bwhat (are|kinds?|types?) (the|of)\b|\blist\b|\bliste\b",
    "condition": r"\b(a quelles?|sous quelles?) conditions?\b|\bunder what conditions?\b|\beligib|\bqui peut\b|\bwho (can|may)\b|\bconditions?\b|\bexceptions?\b",
    "frequency": r"\b(a quelle|quelle) frequence\b|\bhow often\b|\bcombien de fois\b|\bhow many times\b|\bchaque (semaine|mois|annee)\b.{0,20}\?|\bevery (week|month|year)\b.{0,20}\?",
}
_COMPILED = {kind: re.compile(pattern) for kind, pattern in _KINDS.items()}

# Yes/no questions, by what they ask: a permission or possibility, an obligation, a state.
_CAN = re.compile(
    r"^(can|could|may|might|am i allowed|is it (possible|allowed|ok|okay)|are we allowed|do i get|will i get|would i get|am i entitled|is there any way)\b"
    r"|\b(je peux|j'peux|on peut|puis-je|peut-on|pourrais-je|pourrait-on|est-il possible|c'est possible|possible de|ai-je le droit|j'ai le droit|on a le droit"
    r"|suis-je autorise|j'ai droit|ai-je droit|je pourrai|est-ce que je (peux|pourrai|pourrais)|est-ce qu'on (peut|pourra)|peut-il|peuvent-ils|can i|can we|can they|could i|may i|allowed to)\b"
)
_MUST = re.compile(
    r"^(must|do i (have|need) to|do we (have|need) to|should i|is it (mandatory|compulsory|required|obligatory)|am i (required|obliged))\b"
    r"|\b(dois-je|je dois|faut-il|il faut|est-ce obligatoire|c'est obligatoire|obligatoire|suis-je oblige|je suis oblige|est-ce que je dois|on doit"
    r"|do i have to|do i need to|have to|must i|need to|required to|obliged to|mandatory"
    # "do I need insurance?", "ai-je besoin d'une assurance ?": a thing one must have
    r"|do (i|we|you) need|does (he|she|the learner) need|ai-je besoin|j'ai besoin|faut-il avoir)\b"
)
_POLAR_START = re.compile(
    r"^(is|are|was|were|do|does|did|will|would|can|could|may|might|must|should|shall|have|has|am"
    r"|est-ce|est ce|y a-t-il|y-a-t-il|ya t il|ya-t-il)\b"
)
_WH_WORDS = (
    r"combien|comment|pourquoi|quand|quel|quelle|quels|quelles|qui|que|qu'|quoi|ou|lequel|laquelle"
    r"|how|what|what's|whats|when|where|which|who|whom|whose|why"
)
# A question asks for a piece of information when it opens with a question word (after a
# preposition: "à qui", "dans quel délai"), ends with one ("je dois prévenir qui ?"), or says
# "c'est quoi / combien / où".
_WH = re.compile(
    rf"^((a|au|aux|de|du|des|dans|en|pour|par|sous|avec|to|in|for|by|from|within|under|on|at)\s+)?({_WH_WORDS})\b"
    rf"|\b({_WH_WORDS})\s*\??$|\bc'est (quoi|combien|ou|qui|quand|comment)\b|\b(que|qu'est-ce qu)"
)
_NEGATED = re.compile(
    r"\bne\b|\bn'|\bpas\b|\bjamais\b|\bnot\b|n't\b|\bnever\b|\bno longer\b|\bcannot\b"
)
_QUESTION_SPLIT = re.compile(r"(?<=\?)\s+|\s*\n+\s*")


@dataclass(frozen=True)
class Ask:
    """What a question wants: the kinds of answer, and for a yes/no question, its modality."""

    kinds: frozenset[str]
    polar: bool
    modality: str | None  # "can", "must", "is" for yes/no questions
    negated: bool

    def wants(self, kind: str) -> bool:
        return kind in self.kinds


def read_ask(question: str) -> Ask:
    text = fold(question)
    kinds = frozenset(kind for kind, pattern in _COMPILED.items() if pattern.search(text))
    clause = _last_question(text)
    polar = _is_polar(clause)
    modality = None
    if polar:
        if _MUST.search(clause):
            modality = "must"
        elif _CAN.search(clause):
            modality = "can"
        else:
            modality = "is"
    if polar:
        kinds = kinds | {"yesno"}
    return Ask(kinds, polar, modality, bool(_NEGATED.search(clause)))


def _last_question(text: str) -> str:
    """The sentence that asks: the last one ending with "?", else the last sentence."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    return (asked or sentences or [text])[-1]


def _is_polar(clause: str) -> bool:
    start = re.sub(
        r"^((et|and|so|alors|donc|ok|okay|bonjour|hello|hi|hey|salut|mais|but|also|aussi)\b[ ,!]*)+",
        "",
        clause.strip(),
    )
    if _WH.search(start) and not _POLAR_START.search(start):
        return False
    return (
        start.endswith("?")
        or bool(_POLAR_START.search(start))
        or bool(_CAN.search(start))
        or bool(_MUST.search(start))
    )


# "…, et qui dois-je prévenir ?", "… and when will the decision be sent?", "…, and if I
# leave…": a second question joined to the first.
_JOINED = re.compile(
    r"(?:,\s*|\s+)(?:et|and|puis|also|mais|but)\s+"
    r"(?=(?:qui|quand|comment|combien|quel|quelle|quels|quelles|ou|où|pourquoi|si|s'|est-ce"
    r"|who|whom|when|how|what|where|which|why|if)\b"
    # an auxiliary asks only with its subject after it ("and will the decision be sent?");
    # "I'm flying through my path and will certify early" goes on with the same subject
    r"|(?:is|are|do|does|can|will|should|must)\s+(?:i|you|we|they|it|he|she|the|my|this|that"
    r"|there|a|an)\b)"
    # after a comma, a new subject starts a new question too ("…, et le mois commencé est dû ?")
    r"|,\s*(?:et|and)\s+(?=(?:le|la|les|l'|mon|ma|mes|ça|ca|it|the|my|je|j'|i)\b)",
    re.IGNORECASE,
)
_MIN_PART_WORDS = 4


def split_parts(question: str) -> list[str]:
    """The questions a message asks, each with enough words to stand alone: sentences that
    end with "?", and questions joined by "et / and" + a question word or "si / if"."""
    pieces = [p.strip() for p in _QUESTION_SPLIT.split(question) if p.strip()]
    asked = [p for p in pieces if p.endswith("?")] or pieces
    parts: list[str] = []
    for piece in asked:
        parts += [j.strip() for j in _JOINED.split(piece) if j.strip()]
    # A part too short to stand alone ("il y a des frais ?", "jusqu'à combien ?") stays with
    # the question before it.
    merged: list[str] = []
    for part in parts:
        if merged and len(_content_words(part)) < _MIN_CONTENT_WORDS:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    merged = [p for p in merged if len(re.findall(r"\w+", p)) >= _MIN_PART_WORDS]
    return merged if len(merged) > 1 else [question]


_MIN_CONTENT_WORDS = 2
_QUESTION_WORDS = frozenset(_WH_WORDS.split("|")) | {"max", "maximum", "exactement", "exactly"}


def _content_words(text: str) -> list[str]:
    from bot.textnorm import tokens

    return [t for t in tokens(text) if t not in _QUESTION_WORDS and len(t) > 2]


# "All the things I must report within 48 hours", "tout ce qui doit être fait sous 48 h".
_EVERY = re.compile(
    r"\b(all|every|everything|each|tous|toutes|tout ce|chaque|list|liste|which things|quelles choses)\b"
)


def enumerated_quantity(question: str) -> tuple[str, str] | None:
    """The (number, unit) a question asks every rule of ("all … within 48 hours"), if any."""
    from bot.compose import asserted_quantities

    if not _EVERY.search(fold(question)):
        return None
    found = sorted(asserted_quantities(question))
    return found[0] if len(found) == 1 else None
