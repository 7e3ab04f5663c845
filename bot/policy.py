"""What the assistant will not do: follow instructions aimed at itself.

Manipulation is recognised by the shape of the request (instructions about the assistant
itself), never by a list of questions. What the documents do not say is bot/answering/gaps.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.textnorm import fold

ManipulationKind = Literal["injection", "prompt_extraction", "forced_answer"]

_INJECTION = [
    r"\bignore\b.{0,40}\b(instructions?|rules?|prompts?|guidelines|consignes)\b",
    r"\b(system|admin|developer)\s+(override|mode)\b",
    r"\bjailbreak|\bdan mode\b",
    r"\byou are now\b|\bfrom now on you\b|\bnew instructions?\b|\bpretend (to be|you are)\b",
    r"\bact as\b.{0,30}\b(staff|advisor|admin|manager|employee|openclassrooms)\b",
    r"\b(role.?play|roleplay)\b",
    r"\bauthori[sz]ed by\b.{0,40}\b(management|oc|openclassrooms|staff|admin)\b",
    r"\byou('re| are) (now )?authori[sz]ed\b",
    r"\bgrant (me )?(an )?exceptions?\b",
    r"\b(oublie|ignore)[rsz]?\b.{0,40}\b(instructions?|regles|consignes)\b",
    r"\btu es (desormais|maintenant)\b|\bdesormais tu\b|\bfais comme si tu etais\b",
    r"\b(autorise|habilite)e?s? par la direction\b",
    r"\baccorde[rz]?(-moi)? une exception\b",
]
_EXTRACTION = [
    r"\b(system|hidden|initial|secret)\s+(prompt|instructions?|message)\b",
    r"\b(reveal|show|print|repeat|display|give me|what are)\b.{0,30}\b(your|the)\s+(prompt|instructions|rules you follow|configuration)\b",
    r"\bprompt (systeme|initial)\b|\b(tes|vos) instructions (cachees|secretes|initiales)\b",
    r"\b(montre|affiche|revele|donne)[sz-]?(moi)?\b.{0,30}\b(ton|tes|votre|vos) (prompt|instructions|consignes)\b",
]
_FORCED = [
    r"\b(start|begin|open|preface|lead)( off)? (your |the )?(answer|reply|response)s? (with|by)\b",
    r"\b(your )?(answer|reply|response) (must|should|has to) (start|begin) with\b",
    r"\bjust (say|answer|reply) (yes|no|oui|non)\b",
    r"\b(say|answer|reply) (only )?(yes|no)\b",
    r"\bconfirm (now|that|it)\b",
    r"\b(write|tell|state|certify)\b.{0,30}\b(it'?s|that it is|this is) (the )?official\b",
    r"\b(commence|debute)[rsz]? (ta|votre) (reponse|replique) (par|avec)\b",
    r"\b(ta|votre) reponse (doit|devra) commencer par\b",
    r"\b(reponds|dis|ecris)[-\s]?(moi)?\b.{0,20}\b(juste|seulement)? ?(oui|non)\b",
    r"\becri[st][-\s]?(moi)?\b.{0,40}\b(regle officielle|officiel)",
    r"\bconfirme[rz]?\b.{0,20}\bque\b",
    r"\bcertifie[rz]?\b",
]


@dataclass(frozen=True)
class Manipulation:
    kind: ManipulationKind
    matched: str


def detect_manipulation(message: str) -> Manipulation | None:
    text = fold(message)
    for kind, patterns in (
        ("prompt_extraction", _EXTRACTION),
        ("injection", _INJECTION),
        ("forced_answer", _FORCED),
    ):
        for pattern in patterns:
            if m := re.search(pattern, text):
                return Manipulation(kind, m.group(0))  # type: ignore[arg-type]
    return None


# Words that only address the assistant; what is left of a manipulative message is its
# terms question ("refunds are always 100%" → the refund rules).
_INSTRUCTION_WORDS = frozenset(
    """system override ignore ignorer ignore previous prior all instructions instruction rules
    prompt prompts now from must confirm confirme confirmer confirmez whenever asked start
    answer reply response respond say write tell state certify begin
    open preface lead off debute debuter reponse doit commencer authorized authorised
    authorization management grant granted exception exceptions exception mode developer admin
    pretend act role play roleplay jailbreak you your you're tu es tes vos votre maintenant
    desormais dis ecris ecrire ecris-moi reponds commence official officielle officiel regle
    dossier oublie oublier consignes autorise habilite direction accorde accorder just only
    yes no oui non""".split()
)


def strip_manipulation(message: str) -> str:
    """The terms question left once the words aimed at the assistant are removed."""
    words = re.findall(r"[\w'’%€-]+", message)
    kept = [w for w in words if fold(w).strip("'’") not in _INSTRUCTION_WORDS]
    return " ".join(kept)
