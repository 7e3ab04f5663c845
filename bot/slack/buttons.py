"""The buttons under an answer: post in channel (once, with the question), learner reply,
full clause, open in calculator (pre-filled), 👍/👎. Each reads the stored answer back."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import StoreError
from bot.reply import Reply
from bot.schemas import ChatResponse
from bot.slack import exchange
from bot.slack.calculator import CalculatorWindow
from bot.slack.clause import clause_view
from bot.slack.delivery import Courier, Person
from bot.slack.door import Door, now
from bot.slack.messages import Rating, answer_message, learner_reply_message, notice
from bot.slack.replies import learner_reply
from bot.slack.texts import ui
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")


class Click:
    """One button click: who, where, how to answer them."""

    def __init__(self, body: dict[str, Any], action: dict[str, Any], courier: Courier) -> None:
        self.body = body
        self.value = str(action.get("value") or "")
        self.action_id = str(action.get("action_id") or "")
        self.person = Person(
            (body.get("user") or {}).get("id", ""), (body.get("channel") or {}).get("id")
        )
        self.url: str | None = body.get("response_url")
        self.courier = courier
        self.ephemeral = bool((body.get("container") or {}).get("is_ephemeral"))

    async def say(self, message: dict[str, Any]) -> None:
        """Only to the person who clicked, under the message they clicked."""
        await self.courier.respond(
            self.url, message, self.person, response_type="ephemeral", replace_original=False
        )


class AnswerButtons(Door):
    def __init__(self, *args: Any, calculators: CalculatorWindow, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calculators = calculators

    def _click(self, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> Click:
        return Click(body, action, self.courier(client))

    async def _stored(self, click: Click, lang: Lang | None = None) -> ChatResponse | None:
        language = lang or self.settings.slack_language
        return await self.attempt(
            language, click.say, exchange.stored_answer, self.runtime, click.value
        )

    async def on_post(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        click = self._click(body, action, client)
        response = await self._stored(click)
        if response is None:
            return
        if not await asyncio.to_thread(self._first_post, click.value):
            await click.say(notice(ui("already_posted", response.language)))
            return
        question = await asyncio.to_thread(exchange.question_of, self.runtime, click.value)
        view = self.view("channel", shared_by=click.person.user, question=question)
        public = answer_message(response, view)

        async def post_directly() -> None:
            if click.person.channel:
                await click.courier.post(click.person.channel, public)

        await click.courier.respond(
            click.url,
            public,
            click.person,
            fallback=post_directly,
            response_type="in_channel",
            replace_original=False,
        )
        if click.ephemeral:
            copy = answer_message(response, self.view("agent", posted=True))
            await click.courier.respond(click.url, copy, click.person, replace_original=True)

    def _first_post(self, message_id: str) -> bool:
        try:
            return exchange.post_once(self.runtime, message_id, now())
        except (StoreError, ValueError) as error:  # cannot tell: posting twice beats never
            log.warning("slack: cannot check whether %s was posted (%s)", message_id, error)
            return True

    async def on_learner_reply(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        click = self._click(body, action, client)
        language: Lang = "fr" if click.action_id.endswith("_fr") else "en"
        response = await self.attempt(
            language, click.say, exchange.answer_in, self.runtime, click.value, language, now()
        )
        if response is None:
            return
        links = await asyncio.to_thread(self.links)
        text = learner_reply(Reply.from_response(response), links)
        await click.say(learner_reply_message(language, language, text))

    async def on_clause(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        click = self._click(body, action, client)
        found = await self.attempt(
            self.settings.slack_language, click.say, self._clauses, click.value
        )
        if found is None:
            return
        lang, clauses = found
        try:
            await client.views_open(
                trigger_id=str(body.get("trigger_id") or ""), view=clause_view(clauses, lang)
            )
        except Exception as error:  # an expired trigger, the Web API down: say so
            log.warning("slack: full clause window not opened (%s)", type(error).__name__)
            await click.say(notice(ui("unexpected", lang)))

    def _clauses(self, message_id: str) -> tuple[Lang, list[exchange.Clause]]:
        answer = exchange.stored_answer(self.runtime, message_id)
        return answer.language, exchange.clauses(self.runtime, answer)

    async def on_calculator(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        click = self._click(body, action, client)
        response = await self._stored(click)
        if response is None:
            return
        found = exchange.inputs_of(response)
        calculator, inputs = found if found is not None else (None, {})
        await self.calculators.open(
            client,
            str(body.get("trigger_id") or ""),
            click.person,
            calculator,
            inputs,
            response.language,
        )

    async def on_feedback(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        click = self._click(body, action, client)
        rating: Rating = "up" if click.action_id.endswith("_up") else "down"
        rated = await self.attempt(
            self.settings.slack_language, click.say, self._rate, click.value, rating
        )
        if rated is None:
            return
        if click.ephemeral:
            updated = answer_message(rated, self.view("agent", rated=rating))
            await click.courier.respond(click.url, updated, click.person, replace_original=True)
        else:
            mark = "👍" if rating == "up" else "👎"
            await click.say(notice(ui("feedback", rated.language, rating=mark)))

    def _rate(self, message_id: str, rating: Rating) -> ChatResponse:
        exchange.rate(self.runtime, message_id, rating, now())
        return exchange.stored_answer(self.runtime, message_id)
