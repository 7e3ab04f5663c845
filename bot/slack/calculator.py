"""The calculator window's listeners: open it (from `/terms calc <words>`, or pre-filled from
an answer), switch calculator, compute. The result is stored like an answer and comes back to
the agent with the answer's buttons (learner reply, post in channel, calculator again)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.calculators import CALCULATORS, run_calculator
from bot.errors import CalculatorInputError
from bot.slack import exchange
from bot.slack.delivery import Person
from bot.slack.door import Door, now
from bot.slack.messages import answer_message, notice
from bot.slack.modal import (
    ModalContext,
    calculator_view,
    error_blocks,
    named_calculators,
    read_inputs,
)
from bot.slack.texts import ui
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")


class CalculatorWindow(Door):
    async def open_for_command(
        self, command: dict[str, Any], client: AsyncWebClient, words: str
    ) -> None:
        """`/terms calc [words]`: the calculator the words name, or the list (those first)."""
        person = Person(command.get("user_id", ""), command.get("channel_id"))
        lang = await self.locale_of(client, person.user)
        matches = named_calculators(words) if words else []
        chosen = matches[0] if len(matches) == 1 else None
        note = ui("no_match", lang, words=words) if words and not matches else None
        state = ModalContext(person.channel, chosen, lang, tuple(matches))
        await self._show(client, command.get("trigger_id", ""), person, state, {}, note)

    async def open(
        self,
        client: AsyncWebClient,
        trigger_id: str,
        person: Person,
        calculator: str | None,
        inputs: Mapping[str, Any],
        lang: Lang,
    ) -> None:
        """The window with `calculator` chosen and its fields filled from `inputs`."""
        chosen = calculator if calculator in CALCULATORS else None
        state = ModalContext(person.channel, chosen, lang)
        await self._show(client, trigger_id, person, state, inputs, None)

    async def _show(
        self,
        client: AsyncWebClient,
        trigger_id: str,
        person: Person,
        state: ModalContext,
        inputs: Mapping[str, Any],
        note: str | None,
    ) -> None:
        try:
            await client.views_open(
                trigger_id=trigger_id, view=calculator_view(state, inputs, note)
            )
        except Exception as error:  # an expired trigger or the Web API down: say so
            log.warning("slack: calculator window not opened (%s)", type(error).__name__)
            await self.courier(client).tell(person, notice(ui("unexpected", state.language)))

    async def on_pick(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        view = body.get("view") or {}
        chosen = (action.get("selected_option") or {}).get("value")
        state = replace(
            ModalContext.load(view.get("private_metadata")),
            calculator=chosen if chosen in CALCULATORS else None,
        )
        try:
            await client.views_update(
                view_id=view.get("id"), hash=view.get("hash"), view=calculator_view(state)
            )
        except Exception as error:  # a newer update won (hash_conflict), or Slack is down
            log.info("slack: calculator window not updated (%s)", type(error).__name__)

    async def on_submit(
        self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        state = ModalContext.load(view.get("private_metadata"))
        if state.calculator is None:
            await ack()
            return
        try:
            inputs = read_inputs(state.calculator, _values(view), state.language)
            result = run_calculator(state.calculator, inputs)
        except CalculatorInputError as error:
            await ack(response_action="errors", errors=error_blocks(state.calculator, error))
            return
        await ack()
        person = Person((body.get("user") or {}).get("id", ""), state.channel)
        courier = self.courier(client)

        async def say(message: dict[str, Any]) -> None:
            await courier.tell(person, message)

        response = await self.attempt(
            state.language,
            say,
            exchange.calculator_answer,
            self.runtime,
            result,
            state.language,
            now(),
        )
        if response is not None:
            await say(answer_message(response, self.view("agent")))


def _values(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    values = (view.get("state") or {}).get("values")
    return values if isinstance(values, dict) else {}
