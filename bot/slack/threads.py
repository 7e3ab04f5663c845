"""Threads: what a message says once Slack's markup is read, which replies are the bot's to
answer, and the earlier messages of a thread (the learner's case) read with a mention.

The bot answers when it is mentioned, and every message of a DM. A reply in a thread it has
answered, without a mention, is someone talking to someone else — unless the operator turned
"follow the thread" on for that channel (TERMSBOT_SLACK_FOLLOW_THREADS), and then only a reply
that asks something and names no colleague: "merci, je m'en occupe 👍" stays unanswered."""

from __future__ import annotations

import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.delivery import error_code

log = logging.getLogger("termsbot.slack")

CONTEXT_MESSAGES_MAX = 5
CONTEXT_CHARS_MAX = 2000
REPLIES_LIMIT = 100

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(?:subteam\^[A-Z0-9]+)?\|?([^>|]*)(?:\|([^>]*))?>")


def readable(text: str, bot_user_id: str | None) -> str:
    """A message's text as its author wrote it: the bot's mention removed, people, channels
    and links as words, Slack's escaping undone."""
    text = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else _at(m.group(2)), text)
    text = _CHANNEL.sub(lambda m: f"#{m.group(1)}", text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SPECIAL.sub(lambda m: _at(m.group(2) or m.group(1)), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()


def _at(name: str | None) -> str:
    return "@" + (name or "").lstrip("@")


def mentions(text: str, user_id: str | None) -> bool:
    return bool(user_id) and any(m.group(1) == user_id for m in _MENTION.finditer(text))


def names_someone_else(text: str, bot_user_id: str | None) -> bool:
    return any(m.group(1) != bot_user_id for m in _MENTION.finditer(text))


def follows(setting: str | None, channel: str) -> bool:
    """Whether unmentioned replies are answered in `channel` (the operator's list, or `*`)."""
    if not setting:
        return False
    channels = {c.strip() for c in setting.split(",") if c.strip()}
    return "*" in channels or channel in channels


def asks_the_bot(text: str, bot_user_id: str | None) -> bool:
    """In a followed thread: a question, addressed to no one else."""
    return "?" in text and not names_someone_else(text, bot_user_id)


async def earlier_messages(
    client: AsyncWebClient, channel: str, thread_ts: str, before_ts: str, bot_user_id: str | None
) -> list[str]:
    """The people's messages of the thread before `before_ts`, after the bot's last answer
    in it, the most recent last (at most CONTEXT_MESSAGES_MAX, CONTEXT_CHARS_MAX characters).
    Empty when Slack will not say (no history scope, not in the channel, network)."""
    try:
        answer = await client.conversations_replies(
            channel=channel, ts=thread_ts, limit=REPLIES_LIMIT
        )
    except Exception as error:  # the question is still answered, without the thread
        log.info("slack: thread %s:%s not read (%s)", channel, thread_ts, error_code(error))
        return []
    before = _stamp(before_ts)
    texts: list[str] = []
    for item in answer.get("messages") or []:
        if not isinstance(item, dict) or _stamp(item.get("ts")) >= before:
            continue
        if item.get("bot_id") or item.get("user") == bot_user_id:
            texts = []  # what came before the bot's answer was read then
            continue
        text = readable(str(item.get("text") or ""), bot_user_id)
        if text:
            texts.append(text)
    return _within_budget(texts[-CONTEXT_MESSAGES_MAX:])


def _within_budget(texts: list[str]) -> list[str]:
    kept: list[str] = []
    used = 0
    for text in reversed(texts):
        if used + len(text) > CONTEXT_CHARS_MAX:
            if not kept:
                kept.append(text[-CONTEXT_CHARS_MAX:])
            break
        kept.append(text)
        used += len(text)
    return kept[::-1]


def _stamp(ts: Any) -> Decimal:
    try:
        return Decimal(str(ts))
    except (InvalidOperation, ValueError):
        return Decimal("Infinity")
