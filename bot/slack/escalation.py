"""*Escalate*: the agent's own hand-over path. A window asks for a note; the question,
termsbot's answer (its lead and sources) and the note are posted in the escalation channel
(TERMSBOT_SLACK_ESCALATION_CHANNEL, else the channel the agent works in), mentioning the
user group (TERMSBOT_SLACK_ESCALATION_USERGROUP) when one is set. The agent is told where it
went, or why it could not go."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.reply import Reply
from bot.schemas import ChatResponse
from bot.slack import exchange
from bot.slack.blocks import Block, clip, context, escape, header, modal, plain, sections
from bot.slack.delivery import Person
from bot.slack.door import Door
from bot.slack.messages import message, notice, sources_line
from bot.slack.texts import ui
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")

CALLBACK_ID = "terms_escalate"
NOTE_BLOCK = "note"
NOTE_MAX = 2000
QUESTION_MAX = 1500


class Escalation(Door):
    def destination(self, channel: str | None) -> str | None:
        return self.settings.slack_escalation_channel or channel

    async def on_escalate(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id")
        person = Person(user, channel)
        courier = self.courier(client)

        async def say(reply: dict[str, Any]) -> None:
            await courier.tell(person, reply)

        message_id = str(action.get("value") or "")
        lang = self.settings.slack_language
        answer = await self.attempt(lang, say, exchange.stored_answer, self.runtime, message_id)
        if answer is None:
            return
        where = self.destination(channel)
        window = note_view(answer.language, message_id, channel, where)
        try:
            await client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=window)
        except Exception as error:
            log.warning("slack: escalation window not opened (%s)", type(error).__name__)
            await say(notice(ui("unexpected", answer.language)))

    async def on_submit(
        self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        metadata = _metadata(view.get("private_metadata"))
        user = (body.get("user") or {}).get("id", "")
        person = Person(user, metadata.get("channel"))
        courier = self.courier(client)

        async def say(reply: dict[str, Any]) -> None:
            await courier.tell(person, reply)

        lang = self.settings.slack_language
        found = await self.attempt(lang, say, self._case, str(metadata.get("message_id", "")))
        if found is None:
            return
        answer, question = found
        note = _note(view)
        where = self.destination(person.channel)
        if where is None:
            await say(
                notice(ui("escalation_failed", answer.language, where="?", error="no_channel"))
            )
            return
        post = escalation_message(
            answer, question, note, user, self.settings.slack_escalation_usergroup
        )
        error = await courier.post(where, post)
        key = "escalated" if error is None else "escalation_failed"
        await say(notice(ui(key, answer.language, where=f"<#{where}>", error=error or "")))

    def _case(self, message_id: str) -> tuple[ChatResponse, str]:
        answer = exchange.stored_answer(self.runtime, message_id)
        return answer, exchange.question_of(self.runtime, message_id)


def note_view(lang: Lang, message_id: str, channel: str | None, where: str | None) -> Block:
    note: Block = {
        "type": "input",
        "block_id": NOTE_BLOCK,
        "optional": True,
        "label": plain(ui("escalation_note", lang), 2000),
        "hint": plain(ui("escalation_note_hint", lang), 2000),
        "element": {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": True,
            "max_length": NOTE_MAX,
        },
    }
    blocks: list[Block] = [
        note,
        context(ui("escalation_where", lang, where=f"<#{where}>" if where else "?")),
    ]
    metadata = json.dumps({"message_id": message_id, "channel": channel})
    return modal(
        ui("escalation_title", lang),
        blocks,
        callback_id=CALLBACK_ID,
        submit=ui("escalation_send", lang),
        close=ui("cancel", lang),
        private_metadata=metadata,
    )


def escalation_message(
    answer: ChatResponse, question: str, note: str, agent: str, usergroup: str | None
) -> dict[str, Any]:
    reply = Reply.from_response(answer)
    lang = reply.language
    who = ui("escalation_header", lang, user=f"<@{escape(agent)}>")
    blocks: list[Block] = [header(ui("escalation_heading", lang))]
    blocks.append(context(f"{who} · <!subteam^{escape(usergroup)}>" if usergroup else who))
    if question:
        quoted = escape(clip(question, QUESTION_MAX))
        blocks += sections(ui("escalation_question", lang, text=quoted))
    blocks += sections(ui("escalation_answer", lang, text=escape(reply.lead)))
    if reply.passages:
        blocks.append(context(sources_line(reply.passages, lang)))
    if note:
        blocks += sections(ui("escalation_agent_note", lang, text=escape(note)))
    return message(blocks, f"{ui('escalation_heading', lang)} — {clip(question, 200)}")


def _metadata(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _note(view: dict[str, Any]) -> str:
    values = (view.get("state") or {}).get("values") or {}
    value = ((values.get(NOTE_BLOCK) or {}).get("value") or {}).get("value")
    return str(value or "").strip()[:NOTE_MAX]
