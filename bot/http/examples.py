"""Examples shown in the OpenAPI document (and tried first by schemathesis)."""

from __future__ import annotations

from typing import Any

from fastapi import Path
from fastapi.openapi.models import Example

DOC_ID = Path(max_length=32, examples=["cgs"], description="`cgs` or `regulations`.")
SECTION = Path(max_length=32, examples=["6.2"], description="As printed, e.g. `6.2`, `annexe1`.")
CALCULATOR_NAME = Path(max_length=64, examples=["premium_plus_reflection_period"])

CHAT: dict[str, Example] = {
    "fr": Example(
        summary="A question in French",
        value={"message": "J'ai combien de temps pour changer d'avis ?"},
    ),
    "follow_up": Example(
        summary="A follow-up in a conversation",
        value={"message": "And for Solo?", "conversation_id": "9b2d0c1e4f6a4b7c8d9e0f1a2b3c4d5e"},
    ),
    "as_of": Example(
        summary="Rules in force on a given day",
        value={"message": "Can I cancel Premium Plus?", "language": "en", "as_of": "2026-01-15"},
    ),
}

_CHAT_BODY = {
    "conversation_id": "9b2d0c1e4f6a4b7c8d9e0f1a2b3c4d5e",
    "message_id": "8f14e45fceea167a5a36dedd4bea2543",
    "language": "fr",
    "status": "answered",
    "answer": "Vous disposez de sept jours de réflexion à compter de l'acceptation [CGS 6.2].",
    "citations": [
        {
            "doc_id": "cgs",
            "section": "6.2",
            "version": "B",
            "title": "6.2 Abonnés Premium Plus",
            "quote": "d'un délai de sept (7) jours de réflexion",
            "language": "fr",
            "official": True,
        }
    ],
    "calculation": None,
    "escalation": None,
}

CHAT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"example": _CHAT_BODY}}}
}

_STREAM = (
    'event: meta\ndata: {"conversation_id": "9b2d…", "message_id": "8f14…", '
    '"language": "fr", "status": "answered", '
    '"lead": "Vous disposez de sept jours de réflexion à compter de l\'acceptation.", '
    '"points": [], "notes": [], "ask": null}\n\n'
    'event: delta\ndata: {"text": "Vous disposez de sept jours de réflexion"}\n\n'
    'event: delta\ndata: {"text": " à compter de l\'acceptation [CGS 6.2]."}\n\n'
    'event: citations\ndata: {"citations": [{"doc_id": "cgs", "section": "6.2", "…": "…"}]}\n\n'
    'event: calculation\ndata: {"calculation": null}\n\n'
    'event: done\ndata: {"status": "answered", "escalation": null, "message_id": "8f14…", '
    '"conversation_id": "9b2d…"}\n\n'
)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(**properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


_ID = {"type": "string"}
_EVENT_DATA = {
    "meta": _object(
        conversation_id=_ID,
        message_id=_ID,
        language={"enum": ["fr", "en"]},
        status={"enum": ["answered", "calculated", "declined", "refused"]},
        lead={"type": "string"},
        points={"type": "array", "items": {"type": "string"}},
        notes={"type": "array", "items": {"type": "string"}},
        ask=_nullable({"type": "string"}),
    ),
    "delta": _object(text={"type": "string"}),
    "citations": _object(citations={"type": "array", "items": _ref("Citation")}),
    "calculation": _object(calculation=_nullable(_ref("Calculation"))),
    "done": _object(
        status={"enum": ["answered", "calculated", "declined", "refused"]},
        escalation=_nullable(_ref("Escalation")),
        message_id=_ID,
        conversation_id=_ID,
    ),
    "error": _object(error=_object(code={"type": "string"}, message={"type": "string"})),
}

# One server-sent event: its name, and its data (JSON, one line) by name.
SSE_EVENT = {
    "oneOf": [
        {
            "type": "object",
            "required": ["event", "data"],
            "properties": {
                "event": {"const": name},
                "data": {
                    "type": "string",
                    "contentMediaType": "application/json",
                    "contentSchema": data,
                },
            },
        }
        for name, data in _EVENT_DATA.items()
    ]
}

STREAM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: meta, delta…, citations, calculation, done "
        "(or error, then the end). The schema is that of one event.",
        "content": {"text/event-stream": {"schema": SSE_EVENT, "example": _STREAM}},
    }
}

SEARCH: dict[str, Example] = {
    "simple": Example(summary="Search every document", value={"query": "délai de réflexion"}),
    "filtered": Example(
        summary="English text of the Regulations",
        value={"query": "absence", "k": 3, "doc_id": "regulations", "language": "en"},
    ),
}

CALCULATOR: dict[str, Example] = {
    "reflection": Example(
        summary="premium_plus_reflection_period",
        value={"acceptance_date": "2027-02-25"},
    ),
}
