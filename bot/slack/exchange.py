"""The Slack door's calls into the core: the same `Assistant.ask` as every other door, the
conversation of a thread, stored answers read back for the buttons, feedback.

Everything here is blocking (database, retrieval): listeners call it through a thread."""

from __future__ import annotations

from datetime import datetime

from bot.documents import get_section
from bot.errors import NotFound
from bot.runtime import Runtime
from bot.schemas import ChatResponse, RuleRef, SectionResponse
from bot.store.records import Owner, Rating
from bot.wording import Lang

CHANNEL = "slack"


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
) -> ChatResponse:
    """Answer `text`, continuing the conversation of `thread` (or `conversation_id`)."""
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


def answer_in(runtime: Runtime, message_id: str, language: Lang, now: datetime) -> ChatResponse:
    """The answer `message_id` in `language`: itself, or the same question asked again in the
    same conversation in that language (stored like any exchange)."""
    answer = stored_answer(runtime, message_id)
    if answer.language == language:
        return answer
    stored = runtime.conversations.get_message(message_id) or {}
    question = runtime.conversations.get_message(stored.get("reply_to") or "")
    if question is None or not question["text"]:
        raise NotFound(f"no question for answer {message_id!r}")
    return runtime.assistant.ask(
        question["text"],
        now=now,
        # Slack verified the click on this answer: it continues the answer's own conversation.
        owner=runtime.conversations.owner_of(answer.conversation_id),
        conversation_id=answer.conversation_id,
        language=language,
        channel=CHANNEL,
    )


def cited_sections(runtime: Runtime, answer: ChatResponse) -> list[SectionResponse]:
    """Each section the answer cites, once, with its official text and translations."""
    found: list[SectionResponse] = []
    seen: set[tuple[str, str, str]] = set()
    for citation in answer.citations:
        key = (citation.doc_id, citation.section, citation.version)
        if key in seen:
            continue
        seen.add(key)
        found.append(get_section(runtime.corpus, *key, None))
    return found


def rule_titles(runtime: Runtime, rules: list[RuleRef]) -> dict[str, str]:
    """`doc:section` → printed title, for the rules a calculator applied."""
    titles: dict[str, str] = {}
    for rule in rules:
        try:
            section = get_section(runtime.corpus, rule.doc_id, rule.section, None, None)
        except NotFound:
            continue
        titles[f"{rule.doc_id}:{rule.section}"] = section.title
    return titles


def rate(runtime: Runtime, message_id: str, rating: Rating, now: datetime) -> None:
    runtime.conversations.add_feedback(message_id, rating, None, now)
