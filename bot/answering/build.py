"""A grounded answer from the chosen statements: the lead says them (with the yes or no the
documents decide, or "no" to a false premise), the passages quote the sentences they rest
on, each section once, in the learner's language with the official words behind it."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from bot.answering.choose import MIN_SCORE, Choice
from bot.answering.factindex import FactIndex, stem_set
from bot.answering.kinds import Ask
from bot.compose import asserted_quantities, claimed_quantities, contradicts
from bot.errors import NotFound
from bot.hints import Hints, plan_of
from bot.reply import Passage
from bot.sentences import Unit, clip, clip_like, verbatim_span
from bot.textnorm import fold
from bot.wording import Lang, say
from ingest.corpus import Corpus

# A second statement joins the first when it is nearly as good, or when it answers a kind
# of question the first does not (a "how long and whom do I tell" question).
SECOND_MARGIN = 0.04
OTHER_DOCUMENT_MARGIN = 0.08
# Below this both statements only share words with the question: no evidence of a second rule.
OTHER_DOCUMENT_FLOOR = 0.4
COMPLEMENT_MARGIN = 0.10
MAX_STATEMENTS = 3


def pick(
    ranked: list[Choice],
    ask: Ask,
    hints: Hints,
    parts: int = 1,
    asked: Callable[[Unit], bool] | None = None,
    claimed: frozenset[str] = frozenset(),
) -> list[Choice]:
    """The statements the answer makes: the best one, then those another part of the
    question, the other plan or document of a comparison, or another asked kind needs.
    `asked` says whether the question speaks of a sentence (see `_completed`); `claimed`
    holds the units of the figures the question asserts as the rule ("15 jours, non ?")."""
    if not ranked or ranked[0].score < MIN_SCORE:
        return []
    if claimed:
        # "Le conseil doit me prévenir 15 jours avant, non ?": the statement that states the
        # notice in days confirms or corrects the claim; one about who is notified cannot.
        ranked = _promoted(ranked, lambda c: bool(_units(c) & claimed), CLAIM_MARGIN)
    if "definition" in ask.kinds:
        # "What counts as an unauthorized absence?": the statement that defines the term
        # leads when it scores nearly as well as one that only uses it.
        ranked = _promoted(ranked, lambda c: c.defines, COMPLETE_MARGIN)
    best = _completed(ranked[0], ranked, asked, ask)
    chosen = [best]
    if hints.compare:
        other = _other_side(ranked, best)
        if other is not None:
            chosen.append(other)
    covered = set(best.grounded.fact.kinds)
    for choice in ranked[1:]:
        if len(chosen) >= max(parts, 2) or len(chosen) >= MAX_STATEMENTS:
            break
        if any(_same_proof(choice, c) for c in chosen):
            continue
        # Another statement of the same section that scores as well, or one that answers a
        # kind of question the first does not; from another section only for a question
        # with several parts.
        same_section = choice.key == best.key
        close = choice.score >= best.score - SECOND_MARGIN
        adds = bool((ask.kinds - {"yesno"}) & (choice.grounded.fact.kinds - covered))
        near = choice.score >= best.score - COMPLEMENT_MARGIN
        # The other document's rule on the same question, nearly as good ("exclu
        # définitivement en Premium Plus : remboursé ?" — the Regulations' sanction, the
        # CGS' months due): the learner is under both.
        other_document = (
            choice.hit.doc_id != best.hit.doc_id
            and choice.score >= best.score - OTHER_DOCUMENT_MARGIN
            and choice.score >= OTHER_DOCUMENT_FLOOR
        )
        if ((same_section or parts > 1) and (close or (adds and near))) or other_document:
            chosen.append(choice)
            covered |= choice.grounded.fact.kinds
    if "definition" in ask.kinds:
        # "What counts as an unauthorized absence?": the definition opens the answer, the
        # list of what does not count follows.
        chosen.sort(key=lambda c: not c.defines)
    return chosen


MAX_ENUMERATED = 4


def every_statement_with(wanted: tuple[str, str], ranked: list[Choice]) -> list[Choice]:
    """Every statement that says the quantity asked about ("48 hours"), best first, one per
    sentence of the documents."""
    chosen: list[Choice] = []
    # Each rule said once and briefly: a statement of one sentence before a combination that
    # adds other rules around it (the list is read as one answer).
    for choice in sorted(ranked, key=lambda c: len(c.grounded.proof)):
        if wanted in _stated(choice) and not any(_same_proof(choice, c) for c in chosen):
            chosen.append(choice)
    best_first = sorted(chosen, key=lambda c: c.score, reverse=True)
    return best_first[:MAX_ENUMERATED]


# Another statement of the chosen section that scores nearly as well is said after the
# lead, as a point: the next thing a learner asking this usually needs.
ALSO_MARGIN = 0.15


def also_worth_saying(chosen: list[Choice], ranked: list[Choice]) -> list[Choice]:
    if not chosen:
        return []
    best = chosen[0]
    said = {u for c in chosen for u in c.grounded.proof}
    for choice in ranked:
        if choice.score < best.score - ALSO_MARGIN:
            break
        if choice.key == best.key and not said & set(choice.grounded.proof):
            return [choice]
    return []


# A statement that rests on the best one's sentences and more (a combination statement: the
# steps with their effect, the rule with its exception) replaces it when it scores nearly as
# well: it is the complete answer.
COMPLETE_MARGIN = 0.2


def _completed(
    best: Choice,
    ranked: list[Choice],
    asked: Callable[[Unit], bool] | None = None,
    ask: Ask | None = None,
) -> Choice:
    proof = set(best.grounded.proof)
    if ask is not None and ask.kinds & QUANTITY_KINDS and not _stated(best):
        # "Is there an overall deadline?" wants the figure: a statement of the same
        # sentences that states one ("3 years from the first day") says what the best one
        # only points at ("the time frame set at admission").
        for choice in ranked[1:]:
            if choice.score < best.score - COMPLETE_MARGIN:
                break
            if choice.key == best.key and proof <= set(choice.grounded.proof) and _stated(choice):
                return choice
    for choice in ranked[1:]:
        if choice.score < best.score - COMPLETE_MARGIN:
            break
        if choice.key != best.key or not proof < set(choice.grounded.proof):
            continue
        if best.defines and not choice.defines:
            continue  # a definition stays a definition, not the rule that goes on to use it
        # What the combination adds must be something the question speaks of: "how much
        # notice for my mentor?" is not completed by the doctor's note it never mentions.
        added = set(choice.grounded.proof) - proof
        if asked is None or all(asked(unit) for unit in added):
            return choice
    return best


def _promoted(
    ranked: list[Choice], wanted: Callable[[Choice], bool], margin: float
) -> list[Choice]:
    """`ranked` led by the best statement that is `wanted`, when the best is not and that one
    scores within `margin` of it."""
    if wanted(ranked[0]):
        return ranked
    found = next((c for c in ranked if c.score >= ranked[0].score - margin and wanted(c)), None)
    return ranked if found is None else [found] + [c for c in ranked if c is not found]


# The kinds of question answered by a figure: a duration, a date, an amount.
QUANTITY_KINDS = frozenset({"duration", "date", "amount"})


CLAIM_MARGIN = 0.2


def _stated(choice: Choice) -> set[tuple[str, str]]:
    """The (number, unit) figures a statement says, in either language."""
    fact = choice.grounded.fact
    return asserted_quantities(fact.fr) | asserted_quantities(fact.en)


def _units(choice: Choice) -> set[str]:
    return {unit for _, unit in _stated(choice)}


def _other_side(ranked: list[Choice], best: Choice) -> Choice | None:
    """The best statement from the other plan (Solo/Plus) or the other document."""
    side = _side(best)
    for choice in ranked[1:]:
        if _side(choice) != side and choice.score >= MIN_SCORE:
            return choice
    return None


def _side(choice: Choice) -> tuple[str, str | None]:
    return (choice.hit.doc_id, plan_of(choice.hit.doc_id, choice.hit.section))


def _same_proof(a: Choice, b: Choice) -> bool:
    return a.key == b.key and bool(set(a.grounded.proof) & set(b.grounded.proof))


# Where a statement goes on to say what the text leaves open ("; le texte ne précise pas…",
# "(the text does not say from when)"): that caveat follows the answer instead of delaying it.
_CAVEAT = re.compile(
    r"\s*[;(]\s*(?=(?:le texte|les cgs|le règlement|l'annexe|the text|the terms(?: of service)?"
    r"|the regulations|they|ils|elles)\b[^.;]*?\b(?:ne|n'|not|no|neither|none|nothing)\b)",
    re.IGNORECASE,
)


def split_caveat(text: str) -> tuple[str, str | None]:
    """(the answer, what the text leaves open) of a statement."""
    match = _CAVEAT.search(text)
    if match is None:
        return text, None
    main = text[: match.start()].rstrip(" ,;") + "."
    caveat = text[match.end() :].strip().rstrip(").").strip()
    caveat = caveat[:1].upper() + caveat[1:] + "." if caveat else ""
    return main.replace("..", "."), caveat or None


def caveats(chosen: list[Choice], lang: Lang, said: list[Said]) -> list[str]:
    """What the lead leaves for after: the further clauses of a long statement when the lead
    says several (`said_in_lead`), and what the text leaves open."""
    out = []
    for choice, (_, rest) in zip(chosen, said, strict=True):
        out += [r for r in (rest, split_caveat(statement(choice, lang))[1]) if r]
    return out


# What the lead says of a statement, and the clauses it leaves to the points.
Said = tuple[str, str | None]

# In a lead that says several statements, one longer than this says the clause the question
# asks about and leaves the others ("; …") to the points: each part's answer is read in the
# first lines.
LONG_IN_SEVERAL = 160


def said_in_lead(chosen: list[Choice], lang: Lang, question: str) -> list[Said]:
    texts = [split_caveat(statement(c, lang))[0] for c in chosen]
    if len(chosen) < 2:
        return [(text, None) for text in texts]
    # the plan a comparison names is in every clause of its side: it tells none apart
    wanted = _prefixes(stem_set(question) - _PLAN_STEMS)
    claimed = {unit for _, unit in claimed_quantities(question)}

    def relevance(clause: str) -> tuple[int, int]:
        if _LEANS_ON_BEFORE.match(clause):
            return (-1, -1)  # "mais si…", "and then…" only reads after the clause before it
        units = {unit for _, unit in asserted_quantities(clause)}
        return (len(units & claimed), len(_prefixes(stem_set(clause)) & wanted))

    return [_clause_said(text, relevance) for text in texts]


def _clause_said(text: str, relevance: Callable[[str], tuple[int, int]]) -> Said:
    if len(text) <= LONG_IN_SEVERAL:
        return text, None
    clauses = [c.strip() for c in text.rstrip(".").split(" ; ") if c.strip()]
    if len(clauses) < 2:
        return text, None
    kept = max(range(len(clauses)), key=lambda i: (relevance(clauses[i]), -i))
    end = kept + 1
    while end < len(clauses) and _LEANS_ON_BEFORE.match(clauses[end]):
        end += 1  # what goes on from the kept clause stays with it
    others = clauses[:kept] + clauses[end:]
    said = _sentence(" ; ".join(clauses[kept:end]))
    return said, _sentence(" ; ".join(others)) if others else None


_PLAN_STEMS = stem_set("premium solo plus")


def _prefixes(stems: frozenset[str]) -> set[str]:
    # Snowball leaves some conjugations apart ("résilier" → "resili", "résiliez" → "resil"):
    # words are compared by their first five letters.
    return {s[:5] for s in stems}


_LEANS_ON_BEFORE = re.compile(
    r"(mais|but|or|ou|sauf|except|however|cependant|puis|then|alors|so|donc|ainsi"
    r"|which|dont|il|elle|ils|elles|it|they|this|cela|ce|ces|these|those)\b",
    re.IGNORECASE,
)


def _sentence(clause: str) -> str:
    # "; et pendant 3 mois…" said on its own: the "and" joined it to what is said elsewhere
    clause = re.sub(r"^(et|and)\s+", "", clause.strip(), flags=re.IGNORECASE).rstrip(" ,;.")
    return clause[:1].upper() + clause[1:] + "."


def lead_text(chosen: list[Choice], ask: Ask, question: str, lang: Lang, said: list[Said]) -> str:
    """The statements in the learner's language (as `said_in_lead` says them), opened by the
    yes or no they decide; what the text leaves open is said after, in the points
    (`caveats`)."""
    sentences = [text for text, _ in said]
    proof = " ".join(u.text for c in chosen for u in c.grounded.proof)
    body = " ".join(sentences)
    if _false_premise(question, proof, chosen, lang):
        return f"{say('premise_no', lang)} {continued(body)}"
    opener = _yes_no(chosen[0], ask, lang)
    return f"{opener} {continued(body)}" if opener else body


def _yes_no(choice: Choice, ask: Ask, lang: Lang) -> str | None:
    if not ask.polar or ask.negated or ask.modality is None:
        return None
    answer = choice.grounded.fact.polarity(ask.modality)
    if answer is None:
        return None
    return say("yes" if answer else "no", lang)


# Some statements open with the yes or no of the question they were written for; the lead
# decides that from the question actually asked, so the statement is said without it.
_OWN_YES_NO = re.compile(r"^(oui|non|yes|no)\s*[,:;.]\s*", re.IGNORECASE)


# Words that start a sentence but are not names: after "Non :" they go lower case.
_COMMON_START = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "vous",
        "votre",
        "vos",
        "en",
        "si",
        "après",
        "avant",
        "pour",
        "dans",
        "avec",
        "chaque",
        "tout",
        "toute",
        "tous",
        "toutes",
        "il",
        "elle",
        "ils",
        "elles",
        "ce",
        "cette",
        "ces",
        "aucun",
        "aucune",
        "pendant",
        "depuis",
        "jusqu",
        "jusqu'à",
        "lorsque",
        "quand",
        "dès",
        "sauf",
        "seul",
        "seuls",
        "seule",
        "seules",
        "sur",
        "par",
        "à",
        "au",
        "aux",
        "ni",
        "the",
        "a",
        "an",
        "you",
        "your",
        "if",
        "after",
        "before",
        "for",
        "in",
        "with",
        "each",
        "every",
        "any",
        "all",
        "it",
        "they",
        "this",
        "these",
        "no",
        "none",
        "during",
        "since",
        "until",
        "when",
        "only",
        "on",
        "by",
        "at",
        "from",
        "as",
        # further words statements open with that are not names
        "selon",
        "sans",
        "sont",
        "once",
        "under",
        "some",
        "temporary",
        "permanent",
        "justified",
        "sick",
        "prices",
        "total",
        "to",
        "c",
        "on",
        "toute",
        "votre",
        "une",
        "temporaire",
        "définitive",
        "l'exclusion",
        "un",
    ]
)


def continued(text: str) -> str:
    """`text` as the rest of a sentence ("Non : en Premium Solo…"), names kept capitalised."""
    first = re.split(r"[\s'’]", text, maxsplit=1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _COMMON_START else text


def statement(choice: Choice, lang: Lang) -> str:
    text = choice.grounded.fact.text(lang)
    stripped = _OWN_YES_NO.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped != text else text


def _false_premise(question: str, proof: str, chosen: list[Choice], lang: Lang) -> bool:
    """The question asserts a figure the rule states otherwise ("30 jours, c'est bien ça ?")."""
    said = " ".join([proof] + [statement(c, lang) for c in chosen])
    return bool(asserted_quantities(question)) and contradicts(question, said)


def passages(
    chosen: list[Choice],
    facts: FactIndex,
    corpus: Corpus,
    lang: Lang,
    question: str = "",
    query: np.ndarray | None = None,
) -> list[Passage]:
    """One passage per section and version: the sentences its best statement rests on,
    official, cut to the clauses that decide when a sentence is long, with the same words
    of the translation when the learner reads the other language."""
    out: list[Passage] = []
    seen: set[tuple[str, str, str]] = set()
    for choice in chosen:
        if choice.key in seen:
            continue
        seen.add(choice.key)
        doc_id, section, version = choice.key
        units = list(choice.grounded.proof)
        language = units[0].language
        quote, translation = _quoted(choice, units, facts, corpus, lang, question, query)
        out.append(
            Passage(
                doc_id=doc_id,
                section=section,
                version=version,
                title=_title(corpus, doc_id, version, section, language),
                quote=quote,
                language=language,
                translation=translation,
                translation_language=lang if translation else None,
                translation_title=_title(corpus, doc_id, version, section, lang)
                if translation
                else None,
            )
        )
    return out


def _quoted(
    choice: Choice,
    units: list[Unit],
    facts: FactIndex,
    corpus: Corpus,
    lang: Lang,
    question: str = "",
    query: np.ndarray | None = None,
) -> tuple[str, str | None]:
    doc_id, section, version = choice.key
    language = units[0].language
    aligned = (
        [a for u in units if (a := facts.align(u, lang)) is not None] if lang != language else []
    )
    if len(units) > 1:
        quote = _span(corpus, doc_id, version, section, language, units)
        if len(quote) <= SPAN_LIMIT:
            translation = (
                _span(corpus, doc_id, version, section, lang, aligned) if aligned else None
            )
            return quote, translation
        # Sentences too long to quote together: the one the question speaks of most (the
        # month still due, not the exclusion's length, for "do I still pay that month?"),
        # cut to its clauses.
        best = _closest_unit(units, facts, [lang, language], question, query)
        units = units[best : best + 1]
        aligned = (
            aligned[best : best + 1] if len(aligned) == len(choice.grounded.proof) else aligned[:1]
        )
    wanted = set(re.findall(r"\w+", fold(" ".join(choice.grounded.fact.quotes))))
    quote = clip(units[0].text, wanted)
    translation = clip_like(aligned[0].text, units[0].text, quote) if aligned else None
    return quote, translation


def _closest_unit(
    units: list[Unit],
    facts: FactIndex,
    languages: list[str],
    question: str,
    query: np.ndarray | None,
) -> int:
    """The sentence of a proof the question is about: by meaning when the question's vector
    is known, then by shared words; the first one on a tie."""
    wanted = stem_set(question)

    def closeness(i: int) -> tuple[float, int, int]:
        shown = facts.translations(units[i], languages)
        meaning = (
            max(float(facts.sentences.vector(facts.sentences.position(u)) @ query) for u in shown)
            if query is not None and shown
            else 0.0
        )
        words = max((len(stem_set(u.text) & wanted) for u in shown), default=0)
        return (round(meaning, 2), words, -i)

    return max(range(len(units)), key=closeness)


def _span(
    corpus: Corpus, doc_id: str, version: str, section: str, language: str, units: list[Unit]
) -> str:
    found = corpus.parsed(doc_id, version, language).get(section)
    return verbatim_span(found.paragraphs if found else (), units, limit=SPAN_LIMIT)


# The proof of a statement resting on several sentences is quoted whole up to this length.
SPAN_LIMIT = 200


def _title(corpus: Corpus, doc_id: str, version: str, section: str, language: str) -> str:
    try:
        parsed = corpus.parsed(doc_id, version, language)
    except NotFound:
        return section
    found = parsed.get(section)
    return found.title if found else section
