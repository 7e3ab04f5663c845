"""`/terms calc`: the modal, its inputs from each calculator's schema, the API's validation
errors on the right block, and the result with its rules."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.calculators import CALCULATORS, input_schema
from bot.slack.blocks import clip
from bot.slack.labels import calculator_title
from bot.slack.modal import CALLBACK_ID, PICK_ACTION, ModalContext, calculator_view, read_inputs
from bot.wording import Lang
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


def picker_of(view: dict[str, Any]) -> dict[str, Any]:
    (picker,) = [b for b in view["blocks"] if b["type"] == "actions"]
    element: dict[str, Any] = picker["elements"][0]
    return element


def test_calc_opens_the_picker_by_title_grouped_by_document(slack: Slack) -> None:
    response = slack.command("calc")
    assert response.status_code == 200
    (opened,) = slack.standin.wait_for("views.open")
    view = opened.body["view"]
    assert view["callback_id"] == CALLBACK_ID
    assert problems_of_view(view) == []
    groups = picker_of(view)["option_groups"]
    assert [g["label"]["text"] for g in groups] == ["CGS", "Règlement intérieur"]
    names = [o["value"] for g in groups for o in g["options"]]
    assert sorted(names) == sorted(CALCULATORS)
    titles = [o["text"]["text"] for g in groups for o in g["options"]]
    assert not any("_" in title for title in titles)  # titles, not snake_case names
    assert titles == [clip(calculator_title(name, "fr"), 75) for name in names]  # agent's language
    cgs, regulations = ({o["value"] for o in g["options"]} for g in groups)
    assert {"late_payment", "premium_plus_reflection_period"} <= cgs
    assert {"lateness_classification", "inactivity_advisor_contact"} <= regulations
    assert json.loads(view["private_metadata"])["calculator"] is None
    assert view["title"]["text"] == "Calculateurs"


def test_calc_speaks_the_agents_slack_language(slack: Slack) -> None:
    slack.standin.locale = "en-US"
    slack.command("calc")
    (opened,) = slack.standin.wait_for("views.open")
    assert opened.body["view"]["title"]["text"] == "Calculators"
    (asked,) = slack.standin.of("users.info")
    assert asked.body["user"] == AGENT


def test_calc_with_words_opens_the_calculator_they_name(slack: Slack) -> None:
    slack.command("calc late_payment")
    (opened,) = slack.standin.wait_for("views.open")
    block_ids = [b.get("block_id") for b in opened.body["view"]["blocks"]]
    assert "amount_due_eur" in block_ids and "due_date" in block_ids
    slack.standin.reset()
    slack.command("calc intérêts et frais")
    (opened,) = slack.standin.wait_for("views.open")
    assert json.loads(opened.body["view"]["private_metadata"])["calculator"] == "late_payment"


def test_calc_with_words_naming_several_lists_those_first(slack: Slack) -> None:
    slack.command("calc résiliation")
    (opened,) = slack.standin.wait_for("views.open")
    view = opened.body["view"]
    metadata = json.loads(view["private_metadata"])
    groups = picker_of(view)["option_groups"]
    if metadata["calculator"] is None:  # several name it: they come first
        first = [o["value"] for o in groups[0]["options"]]
        assert len(first) > 1 and "subscription_termination" in first
    else:
        assert "termination" in metadata["calculator"]
    assert problems_of_view(view) == []


def test_calc_with_words_naming_none_says_so(slack: Slack) -> None:
    slack.command("calc météo")
    (opened,) = slack.standin.wait_for("views.open")
    assert "météo" in str(opened.body["view"]["blocks"])


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
        "premium_plus_reflection_period", {"acceptance_date": date_value("1800-01-01")}
    )
    response = slack.interact(payload)
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == ["acceptance_date"]
    assert body["errors"]["acceptance_date"]
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
    blocks = result.body["blocks"]
    assert "8 mars 2024" in str(blocks)  # 7 days from 1 March, in the agent's language
    fields = [f["text"] for b in blocks for f in b.get("fields", [])]
    assert fields and not any("_" in f.split("\n")[0] for f in fields)  # human labels
    assert "Règle appliquée : CGS, article 6.2" in str(blocks)
    ids = {e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]}
    assert {"terms_post", "terms_reply_fr", "terms_calculator"} <= ids


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
    assert "Règlement intérieur, article 3.1.1" in str(dm.body["blocks"])


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
        "errors": {"event_time": "il faut la date et l'heure"},
    }


@pytest.mark.parametrize("name", list(CALCULATORS))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_calculator_view_keeps_to_slack_limits(name: str, lang: Lang) -> None:
    view = calculator_view(ModalContext(CHANNEL, name, lang))
    assert problems_of_view(view) == []
    assert view["submit"]["text"] == ("Calculer" if lang == "fr" else "Compute")
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert all(not re.search(r"[a-z]_[a-z]", label) for label in labels)  # no snake_case


def test_choices_are_named_in_the_agents_language() -> None:
    view = calculator_view(ModalContext(CHANNEL, "premium_plus_early_termination", "fr"))
    elements = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    basis = [o["text"]["text"] for o in elements["price_basis"]["options"]]
    assert basis == ["un mois d'abonnement", "prix total du contrat"]
    view = calculator_view(ModalContext(CHANNEL, "subscription_termination", "en"))
    elements = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert [o["text"]["text"] for o in elements["plan"]["options"]] == [
        "Premium Plus",
        "Premium Solo",
    ]
    assert [o["value"] for o in elements["plan"]["options"]] == ["premium_plus", "premium_solo"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_labels_and_hints_come_from_the_calculators_catalogue(lang: Lang) -> None:
    for name in CALCULATORS:
        view = calculator_view(ModalContext(CHANNEL, name, lang))
        shown = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
        for key, prop in input_schema(name)["properties"].items():
            block = shown[key]
            labels, hints = prop.get("x-labels"), prop.get("x-hints")
            label = block["label"]["text"]
            if labels:
                assert label.startswith(labels[lang][:20]) or labels[lang] in label
            assert "_" not in label
            if hints:
                assert block["hint"]["text"] == hints[lang]
