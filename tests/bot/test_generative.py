"""Generative mode: guard rules driven by a scripted chat model, and the OpenAI-compatible
wiring exercised against a local stand-in that speaks the protocol."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot.assistant import Assistant
from bot.generative import GroundedGenerator, Source, check_draft, make_chat_model
from bot.render import markdown
from bot.runtime import Runtime

SOURCES = [
    Source(1, "CGS 6.2", "vous bénéficiez d'un délai de sept (7) jours de réflexion"),
    Source(2, "CGS annexe1", "dans un délai de trois mois, indemnité de 30 % du prix"),
]
QUESTION = "Combien de jours de réflexion pour Premium Plus ?"


def _answer(runtime: Runtime, reply: str) -> Any:
    assistant = Assistant(
        runtime, store=None, generator=GroundedGenerator(FakeListChatModel(responses=[reply]))
    )  # type: ignore[arg-type]
    return assistant.answer(QUESTION, state={}, language="fr", as_of=None, today=date(2026, 5, 20))


def test_guard_accepts_a_cited_faithful_draft() -> None:
    assert check_draft("Vous avez sept (7) jours de réflexion [1].", SOURCES, "fr") == []


@pytest.mark.parametrize(
    ("draft", "problem"),
    [
        ("Vous avez sept jours de réflexion.", "no [n] marker"),
        ("Vous avez sept (7) jours [3].", "markers [3] point to no retrieved section"),
        ("Vous avez 14 jours de réflexion [1].", "figure '14' is not in the cited text"),
        ("Le délai finit le 10 mars [1].", "figure '10' is not in the cited text"),
        ("You have seven (7) days to think it over [1].", "not written in fr"),
    ],
)
def test_guard_rejects(draft: str, problem: str) -> None:
    assert problem in check_draft(draft, SOURCES, "fr")


def test_a_passing_draft_is_the_answer_and_cites_what_it_marks(built_runtime: Runtime) -> None:
    draft = _answer(built_runtime, "Vous disposez d'un délai de sept (7) jours de réflexion [1].")
    assert draft.status == "answered"
    assert draft.lead.startswith("Vous disposez d'un délai de sept (7) jours")
    assert markdown(draft).startswith("Vous disposez d'un délai de sept (7) jours")
    assert draft.citations and draft.citations[0].section == "6.2"


@pytest.mark.parametrize(
    "reply",
    [
        "Vous avez 14 jours [1].",  # a figure the sources do not state
        "Vous avez sept (7) jours [9].",  # cites what was never retrieved
        "Sept jours.",  # no marker
    ],
)
def test_a_rejected_draft_falls_back_to_the_extractive_answer(
    built_runtime: Runtime, reply: str
) -> None:
    draft = _answer(built_runtime, reply)
    extractive = Assistant(built_runtime, store=None).answer(
        QUESTION, state={}, language="fr", as_of=None, today=date(2026, 5, 20)
    )
    assert draft.lead == extractive.lead != reply
    assert "sept (7) jours" in markdown(draft)


def test_a_failing_model_falls_back(built_runtime: Runtime) -> None:
    class Broken(FakeListChatModel):
        def invoke(self, *args: Any, **kwargs: Any) -> Any:
            raise TimeoutError("model did not answer")

    assistant = Assistant(
        built_runtime, store=None, generator=GroundedGenerator(Broken(responses=["x"]))
    )  # type: ignore[arg-type]
    draft = assistant.answer(QUESTION, state={}, language="fr", as_of=None, today=date(2026, 5, 20))
    extractive = Assistant(built_runtime, store=None).answer(
        QUESTION, state={}, language="fr", as_of=None, today=date(2026, 5, 20)
    )
    assert draft.lead == extractive.lead and draft.lead


class _OpenAIStandIn(BaseHTTPRequestHandler):
    """Answers POST /v1/chat/completions the way an OpenAI-compatible server does."""

    requests: ClassVar[list[dict[str, Any]]] = []
    reply = ""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
        )
        payload = {
            "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": type(self).reply}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }  # fmt: skip
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def stand_in() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OpenAIStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _OpenAIStandIn.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_openai_compatible_endpoint_wiring(built_runtime: Runtime, stand_in: str) -> None:
    _OpenAIStandIn.reply = "Le délai de réflexion est de sept (7) jours [1]."
    model = make_chat_model(
        "openai", base_url=stand_in, api_key="sk-test", model="tiny", gguf_path=None, timeout=5
    )
    assistant = Assistant(built_runtime, store=None, generator=GroundedGenerator(model))
    draft = assistant.answer(QUESTION, state={}, language="fr", as_of=None, today=date(2026, 5, 20))
    assert draft.lead == _OpenAIStandIn.reply
    (request,) = _OpenAIStandIn.requests
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "tiny" and request["body"]["temperature"] == 0
    system = request["body"]["messages"][0]["content"]
    assert "[1]" in system and "sept (7) jours" in system
    assert request["body"]["messages"][-1]["content"] == QUESTION
