"""What one word-level edit between two wordings of a clause means, read from the words.

    meaning_of(kind, removed, added, language) -> (Meaning, tenses)

      words_added, words_removed  words added to, or dropped from, an otherwise same sentence
      negation          the words added or dropped carry a negation: the sense turns over
      figure            a number changed
      tense_mood        the same verb in another tense or mood ("pourrons" → "pourrions")
      inflection        the same word in another form (agreement, number)
      capitalisation    only capital letters changed
      synonym           a word swapped for a near-synonym (bot/data/synonyms.txt)
      word_swap         a word swapped for another one, of unknown relation
      qualifier_moved   the same qualifier ("sans autorisation …") now follows another clause
      moved             words moved within the sentence
      reworded          anything longer

`statement` says the edit in a sentence ("La version B ajoute « sur la Plateforme »") and
`explanation` says what the difference means, in French or English."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from bot.schemas import EditKind, EditMeaning
from bot.textnorm import fold
from bot.wording import Lang

# The API's names for an edit and what it means (bot.schemas), used by the core too.
Meaning = EditMeaning
Tense = Literal["present", "future", "conditional", "past"]

_NEGATIONS = frozenset(
    [
        "ne",
        "n",
        "pas",
        "non",
        "jamais",
        "aucun",
        "aucune",
        "ni",
        "sans",
        "not",
        "no",
        "never",
        "without",
        "none",
        "nor",
    ]
)
# French future and conditional endings after the future stem ("pourr-", "ser-"), by person.
_FUTURE = {"ai": "1s", "as": "2s", "a": "3s", "ons": "1p", "ez": "2p", "ont": "3p"}
_CONDITIONAL = {"ais": "1s2s", "ait": "3s", "ions": "1p", "iez": "2p", "aient": "3p"}
# Present forms of the verbs whose future stem is irregular: (present forms, future stem).
_IRREGULAR = (
    ("peux peut pouvons pouvez peuvent", "pourr"),
    ("dois doit devons devez doivent", "devr"),
    ("suis es est sommes êtes sont", "ser"),
    ("ai as a avons avez ont", "aur"),
    ("fais fait faisons faites font", "fer"),
    ("vais va allons allez vont", "ir"),
)
# English modals: each pair is one verb in two tenses or moods.
_MODALS = {
    "will": "future",
    "would": "conditional",
    "can": "present",
    "could": "conditional",
    "shall": "future",
    "should": "conditional",
    "may": "present",
    "might": "conditional",
}
_MODAL_PAIRS = {
    frozenset(p)
    for p in (("will", "would"), ("can", "could"), ("shall", "should"), ("may", "might"))
}


@dataclass(frozen=True)
class EditFacts:
    """Everything the sentences about one edit need, in the words of the two versions."""

    kind: EditKind
    meaning: Meaning
    removed: str | None
    added: str | None
    from_version: str
    to_version: str
    tenses: tuple[Tense, Tense] | None = None
    # For a moved qualifier: the clause it followed in each version ("si vous êtes mineur").
    from_anchor: str | None = None
    to_anchor: str | None = None


def meaning_of(
    kind: EditKind, removed: list[str], added: list[str], language: str
) -> tuple[Meaning, tuple[Tense, Tense] | None]:
    """What an edit is, from its removed and added words (normalised tokens)."""
    words_removed = [w for w in removed if w[:1].isalnum()]
    words_added = [w for w in added if w[:1].isalnum()]
    if kind == "moved":
        same_head = words_removed[:1] == words_added[:1] and bool(words_added)
        return ("qualifier_moved" if same_head else "moved"), None
    if any(w.isdigit() for w in words_removed + words_added):
        return "figure", None
    if _negation(words_removed) != _negation(words_added):
        return "negation", None
    if kind == "added":
        return "words_added", None
    if kind == "removed":
        return "words_removed", None
    if len(words_removed) == 1 and len(words_added) == 1:
        return _one_word(words_removed[0], words_added[0], language)
    if [w.lower() for w in removed] == [w.lower() for w in added]:
        return "capitalisation", None
    return "reworded", None


def _one_word(old: str, new: str, language: str) -> tuple[Meaning, tuple[Tense, Tense] | None]:
    if old.lower() == new.lower():
        return "capitalisation", None
    tenses = verb_tenses(old.lower(), new.lower())
    if tenses is not None:
        return "tense_mood", tenses
    if _stem(old, language) == _stem(new, language):
        return "inflection", None
    if synonyms(old, new, language):
        return "synonym", None
    return "word_swap", None


def verb_tenses(old: str, new: str) -> tuple[Tense, Tense] | None:
    """The tenses of one verb written two ways ("pourrons", "pourrions" → future,
    conditional), or None when the two words are not one verb in two tenses."""
    if frozenset((old, new)) in _MODAL_PAIRS:
        return _MODALS[old], _MODALS[new]  # type: ignore[return-value]
    for a, b in ((old, new), (new, old)):
        found = _future_or_conditional(a, b) or _present_against(a, b)
        if found is not None:
            return found if a == old else (found[1], found[0])
    return None


def _future_or_conditional(a: str, b: str) -> tuple[Tense, Tense] | None:
    for k in range(min(len(a), len(b)), 1, -1):
        stem = a[:k]
        if b[:k] != stem or not stem.endswith("r"):
            continue
        end_a, end_b = a[k:], b[k:]
        if end_a in _FUTURE and end_b in _CONDITIONAL and _FUTURE[end_a] in _CONDITIONAL[end_b]:
            return "future", "conditional"
    return None


def _present_against(a: str, b: str) -> tuple[Tense, Tense] | None:
    for forms, stem in _IRREGULAR:
        if a in forms.split() and b.startswith(stem):
            end = b[len(stem) :]
            if end in _FUTURE:
                return "present", "future"
            if end in _CONDITIONAL:
                return "present", "conditional"
    return None


def _negation(words: list[str]) -> bool:
    return any(fold(w) in _NEGATIONS for w in words)


def _stem(word: str, language: str) -> str:
    from bot.textnorm import stems

    found = stems(word, language if language in {"fr", "en"} else None)
    return found[0] if found else fold(word)


@cache
def _synonym_groups() -> tuple[frozenset[str], ...]:
    path = Path(__file__).parent / "data" / "synonyms.txt"
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words = line.split()
            groups.append(frozenset(_stem(w, lang) for w in words for lang in ("fr", "en")))
    return tuple(groups)


def synonyms(a: str, b: str, language: str) -> bool:
    """Whether `a` and `b` are near-synonyms in the project's lexicon."""
    sa, sb = _stem(a, language), _stem(b, language)
    return sa != sb and any(sa in group and sb in group for group in _synonym_groups())


# -- sentences ------------------------------------------------------------------------------


def statement(facts: EditFacts, lang: Lang) -> str:
    """The edit in one sentence: "La version B ajoute « sur la Plateforme »."."""
    q = _quoter(lang)
    to, old, new = facts.to_version, _trimmed(facts.removed), _trimmed(facts.added)
    if facts.kind == "moved" and facts.from_anchor and facts.to_anchor:
        head = q(f"{_common_head(old, new)} …")
        if lang == "fr":
            return (
                f"La version {to} déplace {head} : en version {facts.from_version}, {q(old)} "
                f"vise {q(facts.from_anchor)} ; en version {to}, {q(new)} vise "
                f"{q(facts.to_anchor)}."
            )
        return (
            f"Version {to} moves {head}: in version {facts.from_version}, {q(old)} applies to "
            f"{q(facts.from_anchor)}; in version {to}, {q(new)} applies to {q(facts.to_anchor)}."
        )
    if facts.kind == "added":
        return (
            f"La version {to} ajoute {q(new)}." if lang == "fr" else f"Version {to} adds {q(new)}."
        )
    if facts.kind == "removed":
        return (
            f"La version {to} retire {q(old)}." if lang == "fr" else f"Version {to} drops {q(old)}."
        )
    if lang == "fr":
        return f"La version {to} remplace {q(old)} par {q(new)}."
    return f"Version {to} replaces {q(old)} with {q(new)}."


def brief(facts: EditFacts, lang: Lang) -> str:
    """The edit as a clause, for a list of changes: "« usités » devient « utilisés »
    (synonyme)"."""
    q = _quoter(lang)
    old, new = q(_trimmed(facts.removed)), q(_trimmed(facts.added))
    becomes = "devient" if lang == "fr" else "becomes"
    if facts.kind == "moved" and facts.from_anchor and facts.to_anchor:
        head = q(f"{_common_head(_trimmed(facts.removed), _trimmed(facts.added))} …")
        if lang == "fr":
            return f"{head} ne suit plus {q(facts.from_anchor)} mais {q(facts.to_anchor)}"
        return f"{head} no longer follows {q(facts.from_anchor)} but {q(facts.to_anchor)}"
    if facts.kind == "added":
        return (
            f"la version {facts.to_version} ajoute {new}"
            if lang == "fr"
            else f"version {facts.to_version} adds {new}"
        )
    if facts.kind == "removed":
        return (
            f"la version {facts.to_version} retire {old}"
            if lang == "fr"
            else f"version {facts.to_version} drops {old}"
        )
    if facts.meaning == "tense_mood" and facts.tenses is not None:
        t1, t2 = (_TENSE_NAMES[t][lang].removesuffix(" tense") for t in facts.tenses)
        return f"{old} ({t1}) {becomes} {new} ({t2})"
    label = _BRIEF_LABELS.get(facts.meaning, {}).get(lang)
    return f"{old} {becomes} {new}" + (f" ({label})" if label else "")


_BRIEF_LABELS: dict[str, dict[Lang, str]] = {
    "synonym": {"fr": "synonyme", "en": "a synonym"},
    "inflection": {"fr": "même mot, autre forme", "en": "same word, another form"},
    "negation": {"fr": "le sens s'inverse", "en": "the sense turns over"},
    "figure": {"fr": "autre chiffre", "en": "another figure"},
}


def explanation(facts: EditFacts, lang: Lang) -> str:
    """What the difference means, from the words alone."""
    q = _quoter(lang)
    values = {
        "old": q(_trimmed(facts.removed)),
        "new": q(_trimmed(facts.added)),
        "from": facts.from_version,
        "to": facts.to_version,
        "from_anchor": q(facts.from_anchor or ""),
        "to_anchor": q(facts.to_anchor or ""),
    }
    if facts.meaning == "tense_mood" and facts.tenses is not None:
        old_tense, new_tense = facts.tenses
        values |= {"t1": _TENSE_NAMES[old_tense][lang], "t2": _TENSE_NAMES[new_tense][lang]}
        nuance = _NUANCE.get((old_tense, new_tense), {}).get(lang, "")
        return f"{_MEANINGS['tense_mood'][lang].format(**values)} {nuance}".strip()
    return _MEANINGS[facts.meaning][lang].format(**values)


_TENSE_NAMES: dict[str, dict[Lang, str]] = {
    "present": {"fr": "présent", "en": "present tense"},
    "future": {"fr": "futur", "en": "future tense"},
    "conditional": {"fr": "conditionnel", "en": "conditional"},
    "past": {"fr": "passé", "en": "past tense"},
}
_SOFTER: dict[Lang, str] = {
    "fr": "Le conditionnel formule la même chose de façon plus nuancée, comme une éventualité, "
    "là où {firm} l'affirme.",
    "en": "The conditional says the same thing more softly, as a possibility, where {firm} "
    "states it flatly.",
}


def _nuances() -> dict[tuple[str, str], dict[Lang, str]]:
    """What a move between a firm tense and the conditional changes in tone."""
    out: dict[tuple[str, str], dict[Lang, str]] = {}
    for firm in ("present", "future"):
        fr, en = _TENSE_NAMES[firm]["fr"], _TENSE_NAMES[firm]["en"]
        out[(firm, "conditional")] = {
            "fr": _SOFTER["fr"].format(firm=f"le {fr}"),
            "en": _SOFTER["en"].format(firm=f"the {en}"),
        }
        out[("conditional", firm)] = {
            "fr": f"Le {fr} affirme ce que le conditionnel présentait comme une éventualité.",
            "en": f"The {en} states flatly what the conditional put as a possibility.",
        }
    return out


_NUANCE = _nuances()

_MEANINGS: dict[str, dict[Lang, str]] = {
    "words_added": {
        "fr": "Le reste de la phrase est identique : la version {to} apporte une précision.",
        "en": "The rest of the sentence is the same: version {to} adds a detail.",
    },
    "words_removed": {
        "fr": "Le reste de la phrase est identique : la version {to} en dit moins sur ce point.",
        "en": "The rest of the sentence is the same: version {to} says less on this point.",
    },
    "negation": {
        "fr": "Ces mots portent une négation : le sens de la phrase s'inverse d'une version à "
        "l'autre.",
        "en": "These words carry a negation: the sentence means the opposite from one version "
        "to the other.",
    },
    "figure": {
        "fr": "Le chiffre change : la règle n'est plus la même.",
        "en": "The figure changes: the rule is not the same.",
    },
    "tense_mood": {
        "fr": "C'est le même verbe : {old} est au {t1}, {new} au {t2} ; le reste de la phrase "
        "est identique et ce que la clause prévoit ne change pas.",
        "en": "It is the same verb: {old} is in the {t1}, {new} in the {t2}; the rest of the "
        "sentence is the same and what the clause provides does not change.",
    },
    "inflection": {
        "fr": "C'est le même mot sous une autre forme (accord) : le sens ne change pas.",
        "en": "It is the same word in another form (agreement): the meaning does not change.",
    },
    "capitalisation": {
        "fr": "Seules les majuscules changent (une majuscule peut signaler un terme défini).",
        "en": "Only capital letters change (a capital may mark a defined term).",
    },
    "synonym": {
        "fr": "{old} et {new} sont synonymes : le sens de la clause ne change pas.",
        "en": "{old} and {new} are synonyms: the clause means the same.",
    },
    "word_swap": {
        "fr": "Un mot en remplace un autre dans une phrase sinon identique : lisez les deux "
        "formulations pour juger si le sens change.",
        "en": "One word replaces another in an otherwise identical sentence: read both "
        "wordings to judge whether the meaning changes.",
    },
    "qualifier_moved": {
        "fr": "Le cas laissé sans réserve n'est donc pas le même : {to_anchor} en version "
        "{from}, {from_anchor} en version {to}.",
        "en": "So the case left without the qualifier differs: {to_anchor} in version {from}, "
        "{from_anchor} in version {to}.",
    },
    "moved": {
        "fr": "Les mêmes mots sont placés ailleurs dans la phrase : ils ne se rapportent plus "
        "à la même chose.",
        "en": "The same words sit elsewhere in the sentence: they no longer refer to the same "
        "thing.",
    },
    "reworded": {
        "fr": "La phrase est reformulée : comparez les deux formulations.",
        "en": "The sentence is reworded: compare the two wordings.",
    },
}


def _trimmed(words: str | None) -> str:
    """Words to quote in a sentence: without the punctuation at either end."""
    return re.sub(r"^[^\w«“\"(]+|[^\w»”\")]+$", "", words or "")


def _common_head(a: str, b: str) -> str:
    head = []
    for x, y in zip(a.split(), b.split(), strict=False):
        if fold(x) != fold(y):
            break
        head.append(y)
    return " ".join(head) or b.split()[0]


def _quoter(lang: Lang) -> Callable[[str], str]:
    if lang == "fr":
        return lambda text: f"« {text} »"
    return lambda text: f"“{text}”"
