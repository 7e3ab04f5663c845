"""The one core every door calls: a learner's message in, a cited answer out.

Stages, in the order data flows: understand (language, manipulation, hints, follow-ups) →
retrieve (hybrid search, re-ranked by hints) → decide (answer, decline, refuse) → compose
(sentences of the cited sections, verbatim quotes) → store (before the reply leaves)."""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from cachetools import LRUCache

from bot.answering.build import (
    MAX_STATEMENTS,
    also_worth_saying,
    caveats,
    every_statement_with,
    lead_text,
    passages,
    pick,
    said_in_lead,
    split_caveat,
    statement,
)
from bot.answering.choose import Choice, candidates
from bot.answering.gaps import Gap, detect_gap
from bot.answering.kinds import Ask, enumerated_quantity, read_ask, split_parts
from bot.calcchat import (
    PREMIUM_PLUS_ONLY,
    CalcIntent,
    calculation_parts,
    detect_calculation,
    names_a_plan,
    pending_state,
)
from bot.calculators import CalculationResult, run_calculator
from bot.compose import CitedSection, Composer, Selection, claimed_quantities, contradicts
from bot.errors import CalculatorInputError
from bot.followup import contextual_query, next_state
from bot.generative import GroundedGenerator, Source
from bot.hints import Hints, read_hints
from bot.policy import Manipulation, detect_manipulation
from bot.ranking import (
    MIN_DOMAIN_MARGIN,
    MIN_KEYWORD,
    cited_sections,
    confident,
    rerank,
    without_brand,
)
from bot.render import source_line
from bot.reply import Passage, Reply, merge_passages
from bot.retrieval import SectionHit
from bot.runtime import Runtime
from bot.schemas import Calculation, ChatResponse, Escalation, PendingCalculation, RuleRef
from bot.sentences import Unit
from bot.store.records import Conversation, Owner
from bot.textnorm import fold, tokens
from bot.versions import version_notes, version_reply
from bot.wording import DOC_NAMES, Lang, say

# Calibrated on the development questions (benchmarks/calibrate_decline.py): below this best
# dense similarity, with no keyword support, the documents do not hold the answer.


# Where a half-gathered calculation waits for the learner's next message.
CALC_STATE = "calc_pending"
# Whether the learner has said, in this conversation, which plan they have.
PLAN_NAMED = "plan_named"


class ConversationStoreLike(Protocol):
    def start(
        self, conversation_id: str | None, *, channel: str, now: datetime, owner: Owner
    ) -> Conversation: ...

    def draft(self, *, channel: str, now: datetime, owner: Owner) -> Conversation: ...

    def record_exchange(
        self,
        conversation_id: str,
        *,
        user_text: str,
        answer: dict[str, Any],
        state: dict[str, Any],
        now: datetime,
        new_channel: str | None = None,
        owner: Owner | None = None,
    ) -> str: ...


# Replies kept for questions asked again (a few kB each).
REPLIES_KEPT = 4096


class Assistant:
    def __init__(
        self,
        runtime: Runtime,
        store: ConversationStoreLike | None = None,
        generator: GroundedGenerator | None = None,
    ) -> None:
        """`store` may be None for answering without a conversation (evaluation, benchmarks):
        then only `answer()` is available."""
        self.runtime = runtime
        self.store = store
        self.generator = generator
        self._replies: LRUCache[tuple[Any, ...], Reply] = LRUCache(maxsize=REPLIES_KEPT)
        self._replies_lock = threading.Lock()

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
        owner: Owner,
        conversation_id: str | None = None,
        language: Lang | None = None,
        as_of: date | None = None,
        channel: str = "api",
        context: str | None = None,
    ) -> ChatResponse:
        """Answer `message` in a conversation and store the exchange before returning it.
        `owner` is the caller (API key, widget session, Slack thread, command line): a new
        conversation is theirs, and only they can continue one (anyone else's
        `conversation_id` is `NotFound`, as an unknown one). `context` is text the message
        refers to (the messages above a mention in a Slack thread: the learner's case); it is
        read with the question, never stored as said."""
        if self.store is None:
            raise RuntimeError("Assistant.ask needs a conversation store")
        # A new conversation is stored with its first exchange: one transaction, and no
        # empty conversation left behind when answering fails.
        if conversation_id is None:
            conversation = self.store.draft(channel=channel, now=now, owner=owner)
        else:
            conversation = self.store.start(conversation_id, channel=channel, now=now, owner=owner)
        reply = self.answer(
            message,
            state=conversation.state,
            language=language,
            as_of=as_of,
            today=now.date(),
            context=context,
        )
        # Stored first: a reply that reaches the learner is already in the database.
        message_id = self.store.record_exchange(
            conversation.id,
            user_text=message,
            answer=reply.payload(),
            state=reply.state,
            now=now,
            new_channel=channel if conversation_id is None else None,
            owner=owner,
        )
        return reply.response(conversation.id, message_id)

    # -- the pipeline ----------------------------------------------------------------------

    def answer(
        self,
        message: str,
        *,
        state: dict[str, Any],
        language: Lang | None,
        as_of: date | None,
        today: date,
        context: str | None = None,
    ) -> Reply:
        """The reply to `message` in a conversation in `state`. A reply depends on nothing
        else but the published index: the same question asked again (learners ask the same
        things) is answered from memory, a copy of the first reply, until the index changes."""
        if self.generator is not None:  # a language model's lead is not kept
            return self._answer(message, state, language, as_of, today, context)
        key = (
            self.runtime.index_build_id(),
            message,
            json.dumps(state, sort_keys=True, default=str),
            language,
            as_of,
            today,
            context,
        )
        with self._replies_lock:
            known = self._replies.get(key)
        if known is None:
            known = self._answer(message, state, language, as_of, today, context)
            with self._replies_lock:
                self._replies[key] = known
        return copy.deepcopy(known)

    def _answer(
        self,
        message: str,
        state: dict[str, Any],
        language: Lang | None,
        as_of: date | None,
        today: date,
        context: str | None,
    ) -> Reply:
        from bot.understand.language import detect_language
        from bot.understand.markup import without_markup

        # Everything below reads the message as its reader sees it: no tags, links, images.
        message = without_markup(message) or message
        lang: Lang = language or detect_language(message, fallback=state.get("language"))
        manipulation = detect_manipulation(message)
        question = _without(message, manipulation)
        if context:
            # The case the message is about ("what do the CGS say here?" under a learner's
            # message): read together, without any instruction the quoted text may carry.
            question = f"{_without(context, detect_manipulation(context))}\n\n{question}"
        query = contextual_query(question, state)
        hints = read_hints(query)
        vector = self._query_vector(query)
        hits = self._retrieve(query, vector, hints, as_of)
        new_state = next_state(state, lang, question, query, hits)
        new_state[PLAN_NAMED] = bool(state.get(PLAN_NAMED)) or names_a_plan(question)
        if manipulation is not None:
            return self._refused(manipulation, question, vector, hits, hints, lang, new_state)
        # Questions about the versions themselves (what changed, which is in force, one
        # clause's two wordings) are answered from the version diff, before any decline.
        versioned = version_reply(
            question,
            hints,
            lang,
            as_of,
            self.runtime.corpus,
            today=today,
            cited=[(hit.doc_id, hit.section) for hit in hits],
            state=new_state,
            answer_at=lambda day: self._answered(
                question, vector, self._retrieve(query, vector, hints, day), hints, lang, new_state
            ),
        )
        if versioned is not None:
            return versioned
        pending = new_state.pop(CALC_STATE, None)
        intent = detect_calculation(
            question, language=lang, today=today, pending=pending, previous=state.get("last_query")
        )
        if intent is not None:
            return self._calculation(intent, question, vector, hits, hints, lang, new_state, as_of)
        gap = detect_gap(question)
        if gap is not None or not self._in_domain(vector, hits, hints):
            return self._declined(query, vector, hits, lang, new_state, gap)
        return self._answered(question, vector, hits, hints, lang, new_state)

    def _retrieve(
        self,
        query: str,
        vector: np.ndarray,
        hints: Hints,
        as_of: date | None,
        doc_id: str | None = None,
        k: int = 10,
    ) -> list[SectionHit]:
        scope = self.runtime.scope(as_of, doc_id=doc_id)
        hits = self.runtime.retriever().search(
            without_brand(query), scope, k=k, vectors=[vector.tolist()]
        )
        return rerank(hits, hints, scope.versions, self.runtime)

    def _query_vector(self, query: str) -> np.ndarray:
        return np.asarray(self.runtime.embedder.embed_query(without_brand(query)), dtype=np.float32)

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
        if not confident(hits):
            return False
        off_topic = float((self._off_topic @ vector).max()) if len(self._off_topic) else -1.0
        return (hits[0].dense or 0.0) - off_topic >= MIN_DOMAIN_MARGIN

    def _selections(
        self, question: str, vector: np.ndarray, hits: list[SectionHit], hints: Hints, lang: Lang
    ) -> list[Selection]:
        chosen = cited_sections(hits, hints)
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
    ) -> Reply:
        ask = read_ask(question)
        chosen, also = self._statements(question, ask, vector, hits, hints, lang)
        if chosen:
            said = said_in_lead(chosen, lang, question)
            lead = lead_text(chosen, ask, question, lang, said)
            found = passages(
                chosen, self.runtime.facts, self.runtime.corpus, lang, question, vector
            )
            if enumerated_quantity(question) is None:  # a list asked for is the whole answer
                found += self._related(question, ask, vector, hits, found, lang)
            points = caveats(chosen, lang, said) + [
                split_caveat(statement(c, lang))[0] for c in also
            ]
            reply = Reply(lang, "answered", lead, points=points, passages=found, state=state)
        else:
            reply = self._sentence_answer(question, vector, hits, hints, lang, state)
        if self.generator is not None and reply.passages:
            reply.lead = self._generated_lead(question, reply) or reply.lead
        if hints.versions:
            selections = self._selections(question, vector, hits, hints, lang)
            version_points, version_passages = version_notes(self.runtime.corpus, selections, lang)
            reply.points += version_points
            reply.passages = merge_passages(reply.passages + version_passages)
        return reply

    def _statements(
        self,
        question: str,
        ask: Ask,
        vector: np.ndarray,
        hits: list[SectionHit],
        hints: Hints,
        lang: Lang,
    ) -> tuple[list[Choice], list[Choice]]:
        """The facts the answer states (for the question, then for each further part of a
        question that asks several things), and one more worth saying after the lead."""
        languages = self._languages(lang)
        facts = self.runtime.facts
        if hits and not facts.of_section(hits[0].doc_id, hits[0].version, hits[0].section):
            # A section (or a version of it) no statement was written for: its own sentences
            # answer, rather than another section's statements.
            return [], []
        wanted = enumerated_quantity(question)
        if wanted is not None:
            # "Everything I must report within 48 hours": every section may hold one, not
            # only the ten that read most like the question.
            everywhere = self._retrieve(question, vector, hints, None, k=ENUMERATION_DEPTH)
            wide = candidates(
                question, ask, vector, everywhere, facts, languages, limit=len(everywhere)
            )
            return every_statement_with(wanted, wide), []
        sides = _sides(question, hints)
        parts = split_parts(question) if not sides else []
        if not sides and len(parts) == 1:
            ranked = candidates(question, ask, vector, hits, facts, languages, hints.sections)
            claimed = frozenset(unit for _, unit in claimed_quantities(question))
            best = pick(
                ranked, ask, hints, asked=self._spoken_of(question, languages), claimed=claimed
            )
            best = best[:MAX_STATEMENTS]
            return best, also_worth_saying(best, ranked)
        # Several questions in one message, or two sides of a comparison: each answered from
        # its own best statement, with what the message says it is about.
        topic = _topic(question, hints)
        # A part that points back ("et est-ce que c'est enregistré ?", "does it restart my
        # subscription?") is about what the part before it names.
        worded = [
            f"{parts[i - 1]} {part}" if i and _POINTS_BACK.search(fold(part)) else part
            for i, part in enumerate(parts)
        ]
        asked = sides or [
            (f"{topic} {part}".strip(), read_hints(f"{topic} {part}"), None) for part in worded
        ]
        chosen: list[Choice] = []
        for query, part_hints, doc_id in asked:
            part_ask = read_ask(query)
            part_vector = self._query_vector(query)
            part_hits = self._retrieve(query, part_vector, part_hints, None, doc_id)
            # A side's plan is in its hints and its retrieval; its name in the words would
            # favour any statement that names the plan, such as the glossary's.
            words = _without_plan(_without_plan(query, "solo"), "plus") if sides else query
            ranked = candidates(
                words, part_ask, part_vector, part_hits, facts, languages, part_hints.sections
            )
            # Each part adds what the others have not said yet.
            fresh = [
                c for c in ranked if all(c.grounded.fact is not o.grounded.fact for o in chosen)
            ]
            chosen += pick(fresh, part_ask, part_hints)[:1]
        return chosen[:MAX_STATEMENTS], []

    def _related(
        self,
        question: str,
        ask: Ask,
        vector: np.ndarray,
        hits: list[SectionHit],
        found: list[Passage],
        lang: Lang,
    ) -> list[Passage]:
        """The section retrieval put first, named as "see also" when the statements chosen
        come from elsewhere: the learner may be asking about it."""
        if not hits or not confident(hits):
            return []
        top = hits[0]
        if any((p.doc_id, p.section) == (top.doc_id, top.section) for p in found):
            return []
        facts = self.runtime.facts
        best = candidates(question, ask, vector, [top], facts, self._languages(lang))[:1]
        return [replace(p, related=True) for p in passages(best, facts, self.runtime.corpus, lang)]

    def _spoken_of(self, question: str, languages: list[str]) -> Callable[[Unit], bool]:
        """Whether the question shares a word with a sentence, in any language shown."""
        facts = self.runtime.facts

        def spoken_of(unit: Unit) -> bool:
            rendered = facts.translations(unit, languages)
            return any(facts.lexical(question, shown.text) > 0 for shown in rendered)

        return spoken_of

    def _languages(self, lang: Lang) -> list[str]:
        docs = self.runtime.corpus.manifest.documents
        return list(dict.fromkeys([lang, *(d.language for d in docs)]))

    def _sentence_answer(
        self,
        question: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        hints: Hints,
        lang: Lang,
        state: dict[str, Any],
    ) -> Reply:
        """No statement of the fact bank answers: the best sentences of the best section."""
        selections = self._selections(question, vector, hits, hints, lang)[:1]
        lead = provisional_lead(selections)
        shown_text = " ".join(u.text for s in selections for u in s.official + s.shown)
        if contradicts(question, shown_text):
            lead = f"{say('false_premise', lang)} {lead}"
        return Reply(
            lang, "answered", lead, passages=self.composer.passages(selections), state=state
        )

    def _calculation(
        self,
        intent: CalcIntent,
        question: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        hints: Hints,
        lang: Lang,
        state: dict[str, Any],
        as_of: date | None,
    ) -> Reply:
        """Run the calculator when every fact is known; otherwise say what the documents
        decide without the missing facts and ask for them (the next message may give them)."""
        result = None
        if intent.complete:
            try:
                result = run_calculator(intent.calculator, intent.inputs)
            except CalculatorInputError as exc:
                intent = replace(intent, unreadable=[*intent.unreadable, exc.field])
        # Kept after a run too: "et si je résilie le 10 juin ?" changes one fact.
        state[CALC_STATE] = pending_state(intent)
        reply = self._calculated(intent, result, question, lang, state, as_of)
        several = result is None and not intent.facts_given and len(split_parts(question)) > 1
        if several and self._in_domain(vector, hits, hints):
            # No fact given and several things asked ("when do I get the grievances, and
            # when is the decision sent?"): each part answered from the documents.
            answered = self._answered(question, vector, hits, hints, lang, state)
            answered.ask, answered.pending = reply.ask, reply.pending
            return answered
        return reply

    def _calculated(
        self,
        intent: CalcIntent,
        result: CalculationResult | None,
        question: str,
        lang: Lang,
        state: dict[str, Any],
        as_of: date | None,
    ) -> Reply:
        """The answer first, then the figures, the deciding clause quoted, the caveats and
        assumptions; without `result`, what is known already and the question back."""
        parts = calculation_parts(intent, result, lang)
        notes = list(parts.notes)
        refs = list(parts.rules)
        # A CGS acceptance date alone leads to the Premium Plus periods: a learner who never
        # named a plan may have Premium Solo, where 6.1 applies instead (quoted too).
        solo = intent.calculator in PREMIUM_PLUS_ONLY and not state.get(PLAN_NAMED)
        if solo:
            notes.insert(0, say("plan_assumed_plus", lang))
        # The clause is chosen for the question and the answer together: "what do I risk?"
        # with "level 2 or 3" finds the clause that says "beyond two absences".
        focus = f"{question} {parts.lead}"
        focus_vector = self._query_vector(focus)
        versions = self.runtime.scope(as_of).versions
        selections: list[Selection] = []
        # The deciding clause: the first rule applied whose words fit; then 6.1 if assumed.
        for doc_id, section in [*refs, ("cgs", "6.1")]:
            if selections and not (solo and section == "6.1"):
                continue
            cited = CitedSection(doc_id, section, versions[doc_id])
            limit = 1 if selections else 2
            selection = self.composer.select(cited, focus, focus_vector, lang, limit)
            if selection.shown:
                selections.append(selection)
        reply = Reply(
            lang,
            "answered" if result is None else "calculated",
            parts.lead,
            points=list(parts.points),
            passages=self.composer.passages(selections),
            figures=list(parts.figures),
            notes=notes,
            ask=parts.ask,
            state=state,
        )
        if result is None:
            if not parts.ask:  # the facts known already decide: nothing is pending
                return reply
            reply.pending = PendingCalculation(
                calculator=intent.calculator,
                inputs=dict(intent.inputs),
                missing=[*intent.missing, *intent.unreadable],
            )
            return reply
        body = result.to_dict()
        reply.calculation = Calculation(
            calculator=result.calculator,
            inputs=body["inputs"],
            result=body["result"],
            rules=[RuleRef(doc_id=r["doc_id"], section=r["section"]) for r in body["rules"]],
            figures=list(parts.figures),
        )
        return reply

    def _generated_lead(self, question: str, reply: Reply) -> str | None:
        """The chat model's lead, written from the passages the answer quotes, when it passes
        the guard rules (markers, figures, language); None keeps the extractive lead."""
        assert self.generator is not None
        lang = reply.language
        sources = []
        for number, passage in enumerate(reply.passages, start=1):
            text, official = passage.shown(lang)
            label = source_line(passage, lang, official)
            sources.append(Source(number, label, text))
        draft = self.generator.draft(question, lang, sources)
        return draft.text if draft is not None else None

    def _declined(
        self,
        query: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        lang: Lang,
        state: dict[str, Any],
        gap: Gap | None,
    ) -> Reply:
        """Say precisely what the documents do not state; for a question on their subject,
        the closest rule they do state; then the hand-over."""
        lead = say("declined_topic", lang, topic=gap.named(lang)) if gap else say("declined", lang)
        found: list[Passage] = []
        if gap is not None and gap.near:
            query = f"{query} {gap.near}"
            vector = self._query_vector(query)
            hits = self._retrieve(query, vector, read_hints(query), None)
        if gap is not None and gap.closest and confident(hits):
            ask = read_ask(query)
            ranked = candidates(query, ask, vector, hits, self.runtime.facts, self._languages(lang))
            closest = pick(ranked, ask, read_hints(query))[:1]
            if closest:
                fact = statement(closest[0], lang)
                lead = f"{lead} {say('declined_closest', lang, rule=fact)}"
                found = passages(closest, self.runtime.facts, self.runtime.corpus, lang)
        contact = self.contact(lang)
        escalation = Escalation(reason=say("escalation_reason_declined", lang), contact=contact)
        return Reply(lang, "declined", lead, passages=found, escalation=escalation, state=state)

    def _refused(
        self,
        manipulation: Manipulation,
        question: str,
        vector: np.ndarray,
        hits: list[SectionHit],
        hints: Hints,
        lang: Lang,
        state: dict[str, Any],
    ) -> Reply:
        """Decline the instruction, then state the real rule when the message also asks
        about the documents ("confirm refunds are always 100%" → what the CGS say)."""
        key = "refused_prompt" if manipulation.kind == "prompt_extraction" else "refused"
        lead = say(key, lang)
        found: list[Passage] = []
        # A message written to steer the assistant reads unlike a learner's question, so the
        # off-topic margin misjudges it: words the documents use are evidence enough here.
        on_terms = self._in_domain(vector, hits, hints) or (
            confident(hits) and (hits[0].keyword or 0.0) >= MIN_KEYWORD
        )
        if _has_terms_question(question) and on_terms:
            ask = read_ask(question)
            chosen = self._statements(question, ask, vector, hits, hints, lang)[0][:2]
            if chosen:
                rule = " ".join(statement(c, lang) for c in chosen)
                lead = f"{lead} {say('refused_rule', lang)} {rule}"
                found = passages(chosen, self.runtime.facts, self.runtime.corpus, lang)
            else:
                selections = self._selections(question, vector, hits, hints, lang)[:1]
                if selections:
                    lead = f"{lead} {say('refused_rule', lang)} {provisional_lead(selections)}"
                    found = self.composer.passages(selections)
        contact = self.contact(lang)
        escalation = Escalation(reason=say("escalation_reason_refused", lang), contact=contact)
        return Reply(lang, "refused", lead, passages=found, escalation=escalation, state=state)

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
        return _with_form_link(", ".join(details), self.runtime.settings.contact_url)


# -- helpers -------------------------------------------------------------------------------


# Article 10 ends on "ou via ce formulaire", a link on the school's site that the text
# cannot carry: the form is named, and its address given when the operator set one.
_THIS_FORM = re.compile(r"\b(?:ce formulaire|this form)\b")


def _with_form_link(contact: str, url: str | None) -> str:
    def name(match: re.Match[str]) -> str:
        named = "le formulaire de contact" if match[0].startswith("ce") else "the contact form"
        return f"{named} ({url})" if url else named

    return _THIS_FORM.sub(name, contact)


def _without(message: str, manipulation: Manipulation | None) -> str:
    """The message less the instructions aimed at the assistant."""
    if manipulation is None:
        return message
    from bot.policy import strip_manipulation

    return strip_manipulation(message) or message


def _has_terms_question(question: str) -> bool:
    return len(tokens(question)) >= 3


_PLAN_WORDS = {"plus": "Premium Plus", "solo": "Premium Solo"}
_DOC_WORDS = {"cgs": "CGS", "regulations": "Internal Regulations"}


def _sides(question: str, hints: Hints) -> list[tuple[str, Hints, str | None]]:
    """A comparison of the two offers or of the two documents, or a question about several
    named articles ("dans l'article 6.2 et dans l'annexe 1"), as one question per side."""
    if len(hints.sections) >= 2:
        return [(question, replace(hints, sections=(s,)), None) for s in hints.sections[:3]]
    if not hints.compare:
        return []
    folded = fold(question)
    if re.search(r"\bsolo\b", folded) and re.search(r"\bplus\b", folded):
        # Each side asked about its own plan alone: with both names in it, the query finds
        # the glossary entry that names both.
        return [
            (
                f"{_without_plan(question, other)} {_PLAN_WORDS[plan]}".strip(),
                replace(hints, plan=plan, compare=False),
                None,
            )
            for plan, other in (("solo", "plus"), ("plus", "solo"))
        ]
    if len(hints.doc_ids) == 2:
        return [(question, replace(hints, compare=False), doc) for doc in sorted(hints.doc_ids)]
    return []


# Sections searched for a quantity asked of every rule (the Regulations and the CGS hold
# some 150 sections; the quantity is rare, so depth costs little).
ENUMERATION_DEPTH = 40


_POINTS_BACK = re.compile(
    r"\b(c'est|c'etait|ca|cela|ce sera|le faire|la faire|l'est|it|that|this|they|them|those)\b"
)


def _without_plan(question: str, plan: str) -> str:
    text = re.sub(rf"\b(?:premium\s+)?{plan}\b", " ", question, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


def _topic(question: str, hints: Hints) -> str:
    """What a message with several questions is about: its words before a colon ("Premium
    Plus : …", "For a disciplinary council: …"), or the plan and documents it names."""
    head, colon, _ = question.partition(":")
    if colon and len(head) <= 60:
        return head.strip()
    named = [_PLAN_WORDS[hints.plan]] if hints.plan else []
    return " ".join(named + [_DOC_WORDS[d] for d in sorted(hints.doc_ids)])


def provisional_lead(selections: list[Selection]) -> str:
    """The first sentence shown of the best section."""
    for selection in selections:
        if selection.shown:
            return selection.shown[0].text
    return ""


__all__ = ["DOC_NAMES", "Assistant", "Owner", "Reply"]
