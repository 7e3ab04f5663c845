"""The Slack door's calls into the core: the same `Assistant.ask` as every other door, the
conversation of a thread, stored answers read back for the buttons, the calculator window's
results stored like answers, the sections behind *Full clause*, feedback.

Everything here is blocking (database, retrieval): listeners call it through a thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.calcchat import described
from bot.calculators import ALL_RULES, CalculationResult, run_calculator
from bot.diff import compare_sections
from bot.documents import get_section
from bot.errors import NotFound
from bot.reply import Passage, Reply
from bot.runtime import Runtime
from bot.schemas import Calculation, ChatResponse, RuleRef, SectionChange, SectionResponse
from bot.slack.labels import calculator_title, input_label
from bot.store.records import Owner, Rating
from bot.wording import Lang

CHANNEL = "slack"
POSTED = "slack-post"  # the answers posted in a channel, among the stored deliveries
POSTED_WINDOW = timedelta(days=90)


def thread_key(channel: str, thread_ts: str) -> str:
    """A Slack thread is one conversation: `C123:1712345.678`."""
    return f"{channel}:{thread_ts}"


def ask(
    runtime: Runtime,
    text: str,
    *,
    now: datetime,
    thread: str | None = None,
    conversation_id: str | None = None,
    language: Lang | None = None,
    context: str | None = None,
) -> ChatResponse:
    """Answer `text`, continuing the conversation of `thread` (or `conversation_id`);
    `context` is what the question refers to (the thread's earlier messages)."""
    # The thread owns its conversation; a slash command's one-off answer has no thread, and
    # nobody continues it.
    owner = Owner.slack_thread(thread) if thread is not None else Owner.nobody()
    if thread is not None:
        conversation = runtime.conversations.start(
            None, channel=CHANNEL, now=now, owner=owner, external_key=thread
        )
        conversation_id = conversation.id
    return runtime.assistant.ask(
        text,
        now=now,
        owner=owner,
        conversation_id=conversation_id,
        language=language,
        channel=CHANNEL,
        context=context,
    )


def has_conversation(runtime: Runtime, thread: str) -> bool:
    return runtime.conversations.find_by_external_key(CHANNEL, thread) is not None


def stored_answer(runtime: Runtime, message_id: str) -> ChatResponse:
    """The answer `message_id` exactly as it was given (from the conversation store)."""
    stored = runtime.conversations.get_message(message_id)
    if stored is None or stored["role"] != "assistant":
        raise NotFound(f"no answer with message_id {message_id!r}")
    ids = {"conversation_id": stored["conversation_id"], "message_id": message_id}
    return ChatResponse.model_validate({**stored["payload"], **ids})


def question_of(runtime: Runtime, message_id: str) -> str:
    """What was asked, for the answer `message_id` ("" when the store has no question)."""
    stored = runtime.conversations.get_message(message_id) or {}
    question = runtime.conversations.get_message(stored.get("reply_to") or "")
    return str(question["text"]) if question is not None and question["text"] else ""


def answer_in(runtime: Runtime, message_id: str, language: Lang, now: datetime) -> ChatResponse:
    """The answer `message_id` in `language`: itself, or the same question asked again in the
    same conversation in that language (stored like any exchange)."""
    answer = stored_answer(runtime, message_id)
    if answer.language == language:
        return answer
    if answer.calculation is not None and answer.status == "calculated":
        return _calculation_in(runtime, answer, language, now)
    question = question_of(runtime, message_id)
    if not question:
        raise NotFound(f"no question for answer {message_id!r}")
    return runtime.assistant.ask(
        question,
        now=now,
        # Slack verified the click on this answer: it continues the answer's own conversation.
        owner=runtime.conversations.owner_of(answer.conversation_id),
        conversation_id=answer.conversation_id,
        language=language,
        channel=CHANNEL,
    )


def _calculation_in(
    runtime: Runtime, answer: ChatResponse, language: Lang, now: datetime
) -> ChatResponse:
    calculation = answer.calculation
    assert calculation is not None
    result = run_calculator(calculation.calculator, calculation.inputs)
    return calculator_answer(runtime, result, language, now)


def calculator_answer(
    runtime: Runtime, result: CalculationResult, language: Lang, now: datetime
) -> ChatResponse:
    """A result of the calculator window as an answer: its figures in `language`, the rules
    it applied, stored like any exchange so that the answer's buttons work on it."""
    parts = described(result, language)
    rules = [RuleRef(doc_id=r.doc_id, section=r.section) for r in result.rules]
    calculation = Calculation(
        calculator=result.calculator,
        inputs=result.inputs,
        result=result.result,
        rules=rules,
        figures=parts.figures,
    )
    reply = Reply(
        language,
        "calculated",
        parts.lead,
        passages=rule_passages(runtime, rules),
        figures=parts.figures,
        notes=parts.caveats,
        calculation=calculation,
    )
    facts = (
        f"{input_label(result.calculator, k, language)} : {v}" for k, v in result.inputs.items()
    )
    asked = f"{calculator_title(result.calculator, language)} — " + " ; ".join(facts)
    return stored_alone(runtime, reply, asked, now)


def stored_alone(runtime: Runtime, reply: Reply, asked: str, now: datetime) -> ChatResponse:
    """`reply` stored as a conversation of its own that nobody continues (a calculator's
    result): its buttons read it back by message id."""
    owner = Owner.nobody()
    conversation = runtime.conversations.draft(channel=CHANNEL, now=now, owner=owner)
    message_id = runtime.conversations.record_exchange(
        conversation.id,
        user_text=asked,
        answer=reply.payload(),
        state={},
        now=now,
        new_channel=CHANNEL,
        owner=owner,
    )
    return reply.response(conversation.id, message_id)


def rule_passages(runtime: Runtime, rules: list[RuleRef]) -> list[Passage]:
    """The clause of each rule applied, where the rule's quote is the current text verbatim."""
    passages = []
    for ref in rules:
        try:
            section = get_section(runtime.corpus, ref.doc_id, ref.section, None, None)
        except NotFound:
            continue
        quotes = [
            r.quote
            for r in ALL_RULES
            if (r.doc_id, r.section) == (ref.doc_id, ref.section) and r.quote in section.text
        ]
        if quotes:
            passages.append(_passage(section, quotes[0]))
    return passages


def _passage(section: SectionResponse, quote: str) -> Passage:
    return Passage(
        doc_id=section.doc_id,
        section=section.section,
        version=section.version,
        title=section.title,
        quote=quote,
        language=section.language,
    )


@dataclass(frozen=True)
class OtherVersion:
    version: str
    section: SectionResponse | None  # None: the section is not in that version
    change: SectionChange | None = None  # None: the same text

    @property
    def differs(self) -> bool:
        """In substance: typography (quotes, apostrophes, spaces) set aside (bot/diff.py)."""
        return self.section is None or (
            self.change is not None and self.change.change != "typographic"
        )


@dataclass(frozen=True)
class Clause:
    """A cited passage with the whole section, and the same section in the other versions."""

    passage: Passage
    section: SectionResponse
    current_version: str
    others: list[OtherVersion]


def clauses(runtime: Runtime, answer: ChatResponse) -> list[Clause]:
    """Each section the answer cites, once, with its official text, translations and other
    versions (compared with the cited one: in substance, or in typography only)."""
    found: list[Clause] = []
    seen: set[tuple[str, str, str]] = set()
    for passage in Reply.from_response(answer).passages:
        if passage.key in seen:
            continue
        seen.add(passage.key)
        section = get_section(runtime.corpus, *passage.key, None)
        document = runtime.corpus.document(passage.doc_id)
        order = [v.version for v in document.versions]
        others = [_other(runtime, section, v, order) for v in order if v != passage.version]
        found.append(Clause(passage, section, document.current_version, others))
    return found


def _other(
    runtime: Runtime, section: SectionResponse, version: str, order: list[str]
) -> OtherVersion:
    try:
        other = get_section(runtime.corpus, section.doc_id, section.section, version, None)
    except NotFound:
        return OtherVersion(version, None)
    older, newer = sorted((section.version, version), key=order.index)
    parsed = {
        v: runtime.corpus.parsed(section.doc_id, v).get(section.section) for v in (older, newer)
    }
    change = compare_sections(parsed[older], parsed[newer], older, newer)
    return OtherVersion(version, other, change)


def post_once(runtime: Runtime, message_id: str, now: datetime) -> bool:
    """True the first time the answer `message_id` is posted in a channel (every process)."""
    return runtime.conversations.deliveries.first(POSTED, message_id, now=now, window=POSTED_WINDOW)


def rate(runtime: Runtime, message_id: str, rating: Rating, now: datetime) -> None:
    runtime.conversations.add_feedback(message_id, rating, None, now)


def inputs_of(answer: ChatResponse) -> tuple[str, dict[str, Any]] | None:
    """The calculator an answer ran or waits for, with the facts read so far."""
    if answer.calculation is not None:
        return answer.calculation.calculator, dict(answer.calculation.inputs)
    if answer.pending_calculation is not None:
        pending = answer.pending_calculation
        return pending.calculator, dict(pending.inputs)
    return None
