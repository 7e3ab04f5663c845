"""`/terms calc`: the modal, its inputs from each calculator's schema, the API's validation
errors on the right block, and the result with its rules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.calculators import CALCULATORS
from bot.slack.modal import CALLBACK_ID, PICK_ACTION, ModalContext, calculator_view, read_inputs
from tests.slack.blockkit import problems_of_view
from tests.slack.conftest import AGENT, CHANNEL, Slack


def submission(calculator: str, values: dict[str, Any], channel: str = CHANNEL) -> dict[str, Any]:
    view = calculator_view(ModalContext(channel, calculator))
    return {
        "type": "view_submission",
        "view": {**view, "id": "V1", "hash": "h1", "state": {"values": values}},
    }


def date_value(day: str) -> dict[str, Any]:
    return {"value": {"type": "datepicker", "selected_date": day}}


def test_calc_opens_the_picker_modal(slack: Slack) -> None:
    response = slack.command("calc")
    assert response.status_code == 200
    (opened,) = slack.standin.wait_for("views.open")
    view = opened.body["view"]
    assert view["callback_id"] == CALLBACK_ID
    assert problems_of_view(view) == []
    (picker,) = [b for b in view["blocks"] if b["type"] == "actions"]
    names = [o["value"] for o in picker["elements"][0]["options"]]
    assert names == list(CALCULATORS)
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL, "calculator": None}


def test_calc_with_a_name_opens_that_calculator(slack: Slack) -> None:
    slack.command("calc late_payment")
    (opened,) = slack.standin.wait_for("views.open")
    block_ids = [b.get("block_id") for b in opened.body["view"]["blocks"]]
    assert "amount_due_eur" in block_ids and "due_date" in block_ids


def test_picking_a_calculator_updates_the_modal_with_its_inputs(slack: Slack) -> None:
    metadata = ModalContext(CHANNEL).dump()
    slack.interact(
        {
            "type": "block_actions",
            "view": {"id": "V1", "hash": "h1", "type": "modal", "private_metadata": metadata},
            "actions": [
                {
                    "action_id": PICK_ACTION,
                    "block_id": "terms_calc_pick",
                    "type": "static_select",
                    "selected_option": {"value": "absence_notice"},
                }
            ],
        }
    )
    (update,) = slack.standin.wait_for("views.update")
    assert update.body["view_id"] == "V1" and update.body["hash"] == "h1"
    elements = {
        b["block_id"]: b["element"]["type"]
        for b in update.body["view"]["blocks"]
        if b["type"] == "input"
    }
    assert elements == {
        "session_start": "datepicker",
        "session_start__time": "timepicker",
        "notification_time": "datepicker",
        "notification_time__time": "timepicker",
        "justified": "radio_buttons",
        "reason": "plain_text_input",
    }


def test_a_bad_date_is_refused_on_its_block(slack: Slack) -> None:
    payload = submission(
        "premium_plus_reflection_period", {"acceptance_date": date_value("1900-01-01")}
    )
    response = slack.interact(payload)
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == ["acceptance_date"]
    assert "1970" in body["errors"]["acceptance_date"]
    assert slack.standin.sent() == []


def test_dates_in_the_wrong_order_name_the_later_field(slack: Slack) -> None:
    payload = submission(
        "inactivity_advisor_contact",
        {
            "last_activity_date": date_value("2024-05-20"),
            "check_date": date_value("2024-05-01"),
        },
    )
    body = slack.interact(payload).json()
    assert body["response_action"] == "errors"
    assert "check_date" in body["errors"]


def test_a_good_submission_posts_the_result_with_its_rules(slack: Slack) -> None:
    payload = submission(
        "premium_plus_reflection_period", {"acceptance_date": date_value("2024-03-01")}
    )
    response = slack.interact(payload)
    assert response.status_code == 200 and response.content in (b"", b"null")
    (result,) = slack.standin.wait_for("chat.postEphemeral")
    assert result.body["channel"] == CHANNEL and result.body["user"] == AGENT
    text = str(result.body["blocks"])
    assert "2024-03-08" in text  # 7 days from 1 March
    assert "Rules applied: CGS 6.2" in text


def test_the_result_falls_back_to_a_dm_when_the_channel_refuses(slack: Slack) -> None:
    slack.standin.failures["chat.postEphemeral"] = "channel_not_found"
    slack.interact(
        submission(
            "lateness_classification",
            {"minutes_late": {"value": {"type": "number_input", "value": "20"}}},
        )
    )
    (dm,) = slack.standin.wait_for("chat.postMessage")
    assert dm.body["channel"] == AGENT
    assert "Regulations 3.1.1" in str(dm.body["blocks"])


def test_a_datetime_is_read_as_paris_wall_clock_time() -> None:
    values = {
        "session_start": date_value("2024-05-10"),
        "session_start__time": {"value": {"type": "timepicker", "selected_time": "14:00"}},
        "notification_time": date_value("2024-05-09"),
        "notification_time__time": {"value": {"type": "timepicker", "selected_time": "09:30"}},
        "justified": {"value": {"type": "radio_buttons", "selected_option": {"value": "true"}}},
        "reason": {"value": {"type": "plain_text_input", "value": None}},
    }
    assert read_inputs("absence_notice", values) == {
        "session_start": "2024-05-10T14:00",
        "notification_time": "2024-05-09T09:30",
        "justified": True,
    }


def test_a_datetime_without_its_time_is_refused(slack: Slack) -> None:
    payload = submission(
        "notification_deadline_48h",
        {
            "event": {"value": {"type": "plain_text_input", "value": "hospitalisation"}},
            "event_time": date_value("2024-05-10"),
        },
    )
    body = slack.interact(payload).json()
    assert body == {
        "response_action": "errors",
        "errors": {"event_time": "needs both a date and a time"},
    }


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_every_calculator_view_keeps_to_slack_limits(name: str) -> None:
    view = calculator_view(ModalContext(CHANNEL, name))
    assert problems_of_view(view) == []
    assert view["submit"]["text"] == "Compute"
