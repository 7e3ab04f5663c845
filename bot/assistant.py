"""The one core every door calls: a learner's message in, a cited answer out.

Stages, in the order data flows: understand (language, manipulation, hints, follow-ups) →
retrieve (hybrid search, re-ranked by hints) → decide (answer, decline, refuse) → compose
(sentences of the cited sections, verbatim quotes) → store (before the reply leaves)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bot.compose import CitedSection, Composer, Selection, contradicts
from bot.generative import GroundedGenerator, Source
from bot.hints import Hints, plan_of, read_hints
from bot.policy import Manipulation, detect_gap, detect_manipulation
from bot.retrieval import SectionHit
from bot.runtime import Runtime
from bot.schemas import Calculation, ChatResponse, Citation, Escalation, Status
from bot.textnorm import fold, tokens
from bot.wording import DOC_NAMES, SHORT_DOC, Lang, say

# Calibrated on the development questions (benchmarks/calibrate_decline.py): below this best
# dense similarity, with no keyword support, the documents do not hold the answer.
MIN_DENSE = 0.30
MIN_KEYWORD = 3.0
CLOSE_CALL = 0.92
# How much closer to the documents than to the off-topic prototypes a message must be.
MIN_DOMAIN_MARGIN = -0.02
HISTORY_TURNS = 10


class ConversationStoreLike(Protocol):
    def start(self, conversation_id: str | None, *, channel: str, now: datetime) -> Any: ...

    def state(self, conversation_id: str) -> dict[str, Any]: ...

    def record_exchange(
        self,
        conversation_id: str,
        *,
        user_text: str,
        answer: dict[str, Any],
        state: dict[str, Any],
        now: datetime,
    ) -> str: ...


@dataclass
class Draft:
    language: Lang
    status: Status
    answer: str
    citations: list[Citation] = field(default_factory=list)
    calculation: Calculation | None = None
    escalation: Escalation | None = None
    state: dict[str, Any] = field(default_factory=dict)

    def response(self, conversation_id: str, message_id: str) -> ChatResponse:
        return ChatResponse(
            conversation_id=conversation_id,
            message_id=message_id,
            language=self.language,
            status=self.status,
            answer=self.answer,
            citations=self.citations,
            calculation=self.calculation,
            escalation=self.escalation,
        )

    def payload(self) -> dict[str, Any]:
        return self.response("", "").model_dump(
            mode="json", exclude={"conversation_id", "message_id"}
        )


class Assistant:
    def __init__(
        self,
        runtime: Runtime,
        store: ConversationStoreLike,
        generator: GroundedGenerator | None = None,
    ) -> None:
        self.runtime = runtime
        self.store = store
        self.generator = generator

    @cached_property
    def composer(self) -> Composer:
        return Composer(self.runtime.corpus, self.runtime.sentences)

    def warm_up(self) -> None:
        """Load the index and embed the sentences before the first learner waits for it."""
        from bot.understand.language import detect_language

        self.runtime.retriever()
        _ = self.composer
        detect_language("bonjour, warm-up")
        self.answer(
            "délai de réflexion", state={}, language=None, as_of=None, today=date(2000, 1, 1)
        )

    def ask(
        self,
        message: str,
        *,
        now: datetime,
        conversation_id: str | None = None,
        language: Lang | None = None,
        as_of: date | None = None,
        channel: str = "api",
    ) -> ChatResponse:
        conversation = self.store.start(conversation_id, channel=channel, now=now)
        state = self.store.state(conversation.id)
        draft = self.answer(message, state=state, language=language, as_of=as_of, today=now.date())
        # Stored first: a reply that reaches the learner is already in the database.
        message_id = self.store.record_exchange(
            conversation.id, user_text=message, answer=draft.payload(), state=draft.state, now=now
        )
        return draft.response(conversation.id, message_id)

    # -- the pipeline ----------------------------------------------------------------------

    def answer(
        self,
        message: str,
        *,
        state: dict[str, Any],
        language: Lang | None,
        as_of: date | None,
        today: date,
    ) -> Draft:
        from bot.understand.language import detect_language

        lang: Lang = language or detect_language(message, fallback=state.get("language"))
        manipulation = detect_manipulation(message)
        question = _without(message, manipulation)
        query = _contextual_query(question, state)
        hints = read_hints(query)
        vector = self._query_vector(query)
        hits = self._retrieve(query, vector, hints, as_of)
        new_state = _next_state(state, lang, question, query, hits)
        if manipulation is not None:
            return self._refused(manipulation, question, vector, hits, hints, lang, new_state)
        if detect_gap(question) is not None or not self._in_domain(vector, hits, hints):
            return self._declined(query, vector, hits, lang, new_state)
        return self._answered(question, vector, hits, hints, lang, new_state)

    def _retrieve(
        self, query: str, vector: np.ndarray, hints: Hints, as_of: date | None
    ) -> list[SectionHit]:
        scope = self.runtime.scope(as_of)
        hits = self.runtime.retriever().search(
            _without_brand(query), scope, k=10, vectors=[vector.tolist()]
        )
        return _rerank(hits, hints, scope.versions, self.runtime)

    def _query_vector(self, query: str) -> np.ndarray:
        return np.asarray(
            self.runtime.embedder.embed_query(_without_brand(query)), dtype=np.float32
        )

    @cached_property
    def _off_topic(self) -> np.ndarray:
        """Prototypes of requests outside the documents (bot/data/offtopic.md)."""
        lines = (Path(__file__).parent / "data" / "offtopic.md").read_text("utf-8").splitlines()
        texts = [line.split(": ", 1)[1] for line in lines if line.startswith("- ")]
        return np.asarray(self.runtime.embedder.embed_documents(texts), dtype=np.float32)

    def _in_domain(self, vector: np.ndarray, hits: list[SectionHit], hints: Hints) -> bool:
        """Closer to some learner question or clause than to any off-topic request, and
        with enough evidence; an article the learner names is always in the domain."""
        if hints.sections and hits and hits[0].section in hints.sections:
            return True
        if not _confident(hits):
            return False
        off_topic = float((self._off_topic @ vector).max()) if len(self._off_topic) else -1.0
        return (hits[0].dense or 0.0) - off_topic >= MIN_DOMAIN_MARGIN

    def _selections(
        self, question: str, vector: np.ndarray, hits: list[SectionHit], hints: Hints, lang: Lang
    ) -> list[Selection]:
        chosen = _cited(hits, hints)
        selections = []
        for rank, hit in enumerate(chosen):
            cited = CitedSection(hit.doc_id, hit.section, hit.version)
            limit = 3 if rank == 0 else 2
            selection = self.composer.select(cited, question, vector, lang, limit)
            if selection.shown:
                selections.append(selection)
        return selections

    def _answered(
        self,
        question: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        hints: Hints,
        lang: Lang,
        state: dict[str, Any],
    ) -> Draft:
        selections = self._selections(question, vector, hits, hints, lang)
        if self.generator is not None and selections:
            generated = self._generated(question, lang, selections, state)
            if generated is not None:
                return generated
        parts: list[str] = []
        shown_text = " ".join(u.text for s in selections for u in s.official + s.shown)
        if contradicts(question, shown_text):
            parts.append(say("false_premise", lang))
        for rank, selection in enumerate(selections):
            parts.append(
                self.composer.render(selection, lang, "according_to" if rank == 0 else "also")
            )
        citations = self.composer.citations(selections)
        if hints.versions:
            version_text, version_citations = self._version_differences(selections, lang)
            if version_text:
                parts.append(version_text)
                citations = _merge(citations, version_citations)
        return Draft(lang, "answered", "\n\n".join(parts), citations, state=state)

    def _generated(
        self, question: str, lang: Lang, selections: list[Selection], state: dict[str, Any]
    ) -> Draft | None:
        """The chat model's answer when it passes the guard rules; None to fall back."""
        assert self.generator is not None
        sources = []
        for number, selection in enumerate(selections, start=1):
            cited = selection.cited
            shown_language = selection.shown[0].language
            section = self.runtime.corpus.parsed(cited.doc_id, cited.version, shown_language).get(
                cited.section
            )
            text = section.text if section else " ".join(u.text for u in selection.shown)
            title = section.title if section else ""
            label = f"{SHORT_DOC[cited.doc_id][lang]} {cited.section} — {title}"
            sources.append(Source(number, label, text))
        draft = self.generator.draft(question, lang, sources)
        if draft is None:
            return None
        used = [selections[n - 1] for n in draft.cited]
        return Draft(lang, "answered", draft.text, self.composer.citations(used), state=state)

    def _declined(
        self,
        query: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        lang: Lang,
        state: dict[str, Any],
    ) -> Draft:
        parts = [say("declined", lang)]
        citations: list[Citation] = []
        if hits and _confident(hits):
            hit = hits[0]
            selection = self.composer.select(
                CitedSection(hit.doc_id, hit.section, hit.version), query, vector, lang, 1
            )
            if selection.shown:
                parts.append(self.composer.render(selection, lang, "declined_nearby"))
                citations = self.composer.citations([selection])
        contact = self.contact(lang)
        parts.append(say("handover", lang, contact=contact))
        escalation = Escalation(reason=say("escalation_reason_declined", lang), contact=contact)
        return Draft(
            lang, "declined", "\n\n".join(parts), citations, escalation=escalation, state=state
        )

    def _refused(
        self,
        manipulation: Manipulation,
        question: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        hints: Hints,
        lang: Lang,
        state: dict[str, Any],
    ) -> Draft:
        key = "refused_prompt" if manipulation.kind == "prompt_extraction" else "refused"
        parts = [say(key, lang)]
        citations: list[Citation] = []
        if _has_terms_question(question) and self._in_domain(vector, hits, hints):
            selections = self._selections(question, vector, hits, hints, lang)
            if selections:
                parts.append(say("refused_rule", lang))
                parts += [
                    self.composer.render(s, lang, "according_to" if i == 0 else "also")
                    for i, s in enumerate(selections)
                ]
                citations = self.composer.citations(selections)
        contact = self.contact(lang)
        parts.append(say("refused_written", lang, contact=contact))
        escalation = Escalation(reason=say("escalation_reason_refused", lang), contact=contact)
        return Draft(
            lang, "refused", "\n\n".join(parts), citations, escalation=escalation, state=state
        )

    def _version_differences(
        self, selections: list[Selection], lang: Lang
    ) -> tuple[str, list[Citation]]:
        corpus = self.runtime.corpus
        cgs = corpus.document("cgs")
        for selection in selections:
            if selection.cited.doc_id != "cgs":
                continue
            texts = {
                v.version: corpus.parsed("cgs", v.version).get(selection.cited.section)
                for v in cgs.versions
            }
            sentences = {
                version: _sentences_of(section.paragraphs) if section else []
                for version, section in texts.items()
            }
            differing = {
                version: [
                    s
                    for s in own
                    if _loose(s)
                    not in {
                        _loose(o) for v, others in sentences.items() if v != version for o in others
                    }
                ]
                for version, own in sentences.items()
            }
            if not any(differing.values()):
                continue
            lines = [say("versions_differ", lang, section=selection.cited.section)]
            citations = []
            for version, own in differing.items():
                if not own:
                    continue
                label = say("version_label", lang, version=version)
                if version == cgs.current_version:
                    label += say("current_version", lang)
                lines.append(
                    f"- {label} : « {own[0]} »" if lang == "fr" else f"- {label}: “{own[0]}”"
                )
                citations.append(
                    Citation(
                        doc_id="cgs",
                        section=selection.cited.section,
                        version=version,
                        title=texts[version].title if texts[version] else selection.cited.section,  # type: ignore[union-attr]
                        quote=own[0],
                        language=cgs.language,
                        official=True,
                    )
                )
            return "\n".join(lines), citations
        return "", []

    def contact(self, lang: Lang) -> str:
        """Student Success's details as CGS Article 10 prints them."""
        section = self.runtime.corpus.parsed(
            "cgs", self.runtime.corpus.document("cgs").current_version, lang
        ).get("10")
        if section is None:
            return "Student Success"
        paragraphs = list(section.paragraphs)
        start = next((i for i, p in enumerate(paragraphs) if "Student Success" in p), None)
        if start is None:
            return "Student Success"
        details = []
        for paragraph in paragraphs[start + 1 :]:
            if len(paragraph) > 80:
                break
            details.append(paragraph.rstrip("."))
        return ", ".join(details)


# -- helpers -------------------------------------------------------------------------------

_FOLLOW_UP = re.compile(
    r"^(et|and|what about|how about|same|pareil|idem|et si|and if|also|aussi|ok and|ok et"
    r"|et pour|and for|et avec|et le|et la|et les)\b"
)


def _without(message: str, manipulation: Manipulation | None) -> str:
    """The message less the instructions aimed at the assistant."""
    if manipulation is None:
        return message
    from bot.policy import strip_manipulation

    return strip_manipulation(message) or message


def _contextual_query(question: str, state: dict[str, Any]) -> str:
    """A follow-up ("and for Solo?") is read with the question it follows."""
    previous = state.get("last_query")
    if not previous:
        return question
    folded = fold(question)
    short = len(tokens(question)) <= 5
    referential = bool(_FOLLOW_UP.search(folded)) or (folded.endswith("?") and len(folded) < 30)
    if short and referential:
        hints = read_hints(question)
        base = str(previous)
        if hints.plan == "solo":
            base = re.sub(r"(?i)premium plus|\bplus\b", "Premium Solo", base)
        elif hints.plan == "plus":
            base = re.sub(r"(?i)premium solo|\bsolo\b", "Premium Plus", base)
        return f"{question} {base}"
    return question


_BRAND = re.compile(
    r"\b(open ?classrooms?(\.com)?|OC|premium plus|premium solo|premium)\b", re.IGNORECASE
)


def _without_brand(query: str) -> str:
    """The school's and the offers' names are in nearly every clause: in a query they only
    pull towards the clauses that describe them (the offer a learner names still re-ranks,
    through the hints)."""
    cleaned = re.sub(r"\s+", " ", _BRAND.sub(" ", query)).strip()
    return cleaned if len(cleaned) >= 3 else query


def _rerank(
    hits: list[SectionHit], hints: Hints, versions: dict[str, str], runtime: Runtime
) -> list[SectionHit]:
    for hit in hits:
        factor = 1.0
        if hints.doc_ids and hit.doc_id not in hints.doc_ids:
            factor *= 0.7
        plan = plan_of(hit.doc_id, hit.section)
        if hints.plan and plan:
            factor *= 1.05 if plan == hints.plan else 0.7
        hit.fused *= factor
    ranked = sorted(hits, key=lambda h: h.fused, reverse=True)
    # An article the learner names goes first, when the named document has it.
    for section in reversed(hints.sections):
        docs = sorted(hints.doc_ids) or [h.doc_id for h in ranked[:1]] or ["cgs"]
        for doc_id in docs:
            parsed = runtime.corpus.parsed(doc_id, versions[doc_id])
            if parsed.get(section) is None:
                continue
            existing = next(
                (h for h in ranked if h.doc_id == doc_id and h.section == section), None
            )
            if existing is None:
                existing = _synthetic_hit(runtime, doc_id, section, versions[doc_id])
            else:
                ranked.remove(existing)
            ranked.insert(0, existing)
            break
    return ranked


def _synthetic_hit(runtime: Runtime, doc_id: str, section: str, version: str) -> SectionHit:
    chunks = [
        c
        for c in runtime.retriever().index.chunks
        if c.doc_id == doc_id and c.section == section and c.version == version
    ]
    return SectionHit(doc_id, section, version, fused=1.0, dense=None, keyword=None, chunks=chunks)


def _cited(hits: list[SectionHit], hints: Hints) -> list[SectionHit]:
    if not hits:
        return []
    named = [h for h in hits if h.section in hints.sections]
    if named:
        # The articles the learner names are what they want to read, in their order.
        return (named + [h for h in hits if h not in named])[: max(len(named), 1) + 1][:3]
    chosen = [hits[0]]
    for hit in hits[1:3]:
        other_doc = hit.doc_id != chosen[0].doc_id
        if hit.fused >= CLOSE_CALL * hits[0].fused or (hints.compare and other_doc):
            chosen.append(hit)
    if hints.compare and len({h.doc_id for h in chosen}) == 1 and len(hints.doc_ids) == 2:
        other = next((h for h in hits if h.doc_id != chosen[0].doc_id), None)
        if other is not None:
            chosen.append(other)
    return chosen[:3]


def _confident(hits: list[SectionHit]) -> bool:
    if not hits:
        return False
    top = hits[0]
    if top.dense is None and top.keyword is None:
        return True  # the learner named the article
    return (top.dense or 0.0) >= MIN_DENSE or (top.keyword or 0.0) >= MIN_KEYWORD


def _has_terms_question(question: str) -> bool:
    return len(tokens(question)) >= 3


def _next_state(
    state: dict[str, Any], lang: Lang, question: str, query: str, hits: list[SectionHit]
) -> dict[str, Any]:
    new = dict(state)
    new["language"] = lang
    new["last_query"] = query
    new["last_sections"] = [f"{h.doc_id}:{h.section}" for h in hits[:3]]
    return new


def _merge(first: list[Citation], second: list[Citation]) -> list[Citation]:
    seen = {(c.doc_id, c.section, c.version, c.official, c.language) for c in first}
    return first + [
        c for c in second if (c.doc_id, c.section, c.version, c.official, c.language) not in seen
    ]


def _sentences_of(paragraphs: tuple[str, ...]) -> list[str]:
    from bot.sentences import split_sentences

    return [s for p in paragraphs for s in split_sentences(p.removeprefix("• "))]


def _loose(text: str) -> str:
    return (
        re.sub(r"\s+", " ", fold(text).replace("\u00a0", " ")).replace(" ;", ";").replace(" :", ":")
    )


__all__ = ["DOC_NAMES", "Assistant", "Draft"]
