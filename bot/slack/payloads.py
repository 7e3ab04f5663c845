"""Whether a signed body is something Slack sends, before Bolt reads it.

Bolt reads every request's payload (`to_event`, `to_action`, `to_view`…) and its listener
matchers index into it (`actions[0]["action_id"]`, `view["type"]`) assuming Slack's shapes;
a body that breaks one of them becomes a 500 with a traceback. A request that reaches Bolt has
been read the same way here first, and has the fields by which it is routed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.payload_utils import (
    to_action,
    to_command,
    to_event,
    to_message,
    to_options,
    to_shortcut,
    to_step,
    to_view,
)

NOT_A_PAYLOAD = "not a Slack payload (a JSON object, or a form whose `payload` is one)"

# What Bolt reads of every request before any listener runs.
_BOLT_READERS = (
    to_event,
    to_message,
    to_command,
    to_action,
    to_options,
    to_shortcut,
    to_view,
    to_step,
)

Shape = tuple[tuple[tuple[str, ...], type], ...]
_VIEW: Shape = ((("view",), dict), (("view", "callback_id"), str), (("view", "type"), str))
# The fields by which Bolt routes each payload type, and that the listeners read: (path, type).
_SHAPES: dict[str, Shape] = {
    "block_actions": ((("actions",), list),),
    "view_submission": _VIEW,
    "view_closed": _VIEW,
    "shortcut": ((("callback_id",), str),),
    "message_action": ((("callback_id",), str), (("message",), dict)),
    "block_suggestion": ((("action_id",), str),),
    "event_callback": ((("event",), dict), (("event", "type"), str)),
    "url_verification": ((("challenge",), str),),
}
# Objects Slack nests in payloads (Bolt and the listeners read their ids; Bolt reads
# `event` of every request, whatever its type).
_OBJECTS = ("user", "channel", "container", "view", "message", "event")
_MESSAGES = ("message", "app_mention")


def malformed(body: bytes, headers: Mapping[str, str]) -> str | None:
    """What makes `body` unlike anything Slack sends; None when it is fine."""
    try:
        payload = AsyncBoltRequest(body=body.decode("utf-8"), headers=dict(headers)).body
        if not isinstance(payload, dict):
            return NOT_A_PAYLOAD
        for key in _OBJECTS:
            # Bolt reads `body.get(key, {})` as an object: a null one breaks it too.
            if key in payload and not isinstance(payload[key], dict):
                return f"{key}: must be an object"
        problem = _shape_problem(payload)
        if problem is not None:
            return problem
        for read in _BOLT_READERS:
            read(payload)
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, IndexError):
        return NOT_A_PAYLOAD
    return None


def _shape_problem(payload: dict[str, Any]) -> str | None:
    kind = payload.get("type")
    shape = _SHAPES.get(kind, ()) if isinstance(kind, str) else ()
    for path, expected in shape:
        if not isinstance(_at(payload, path), expected):
            named = "an object" if expected is dict else f"a {expected.__name__}"
            return f"{'.'.join(path)}: must be {named}"
    if kind == "block_actions" and not all(
        isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in payload["actions"]
    ):
        return "actions: each needs an action_id"
    event = payload.get("event")
    message = isinstance(event, dict) and event.get("type") in _MESSAGES
    if kind == "event_callback" and message and not _has_place(event):
        return "event: a message needs its channel and ts"
    return None


def _has_place(event: Any) -> bool:
    return isinstance(event.get("channel"), str) and isinstance(event.get("ts"), str)


def _at(payload: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = payload
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value
