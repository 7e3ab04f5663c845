"""The hand-over to Student Success names the contact form, with its address when set."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api import create_app
from bot.runtime import Runtime
from tests.http.conftest import MakeClient, runtime_sharing

OUT_OF_SCOPE = {
    "fr": "Combien coûte le parcours Data Analyst ?",
    "en": "How much is the Data Analyst path?",
}


def test_the_contact_form_is_named_and_linked_when_its_address_is_set(
    make_client: MakeClient, built_runtime: Runtime, sqlite_url: str
) -> None:
    plain = make_client()
    french = plain.post("/v1/chat", json={"message": OUT_OF_SCOPE["fr"]}).json()
    assert french["status"] == "declined"
    contact = french["escalation"]["contact"]
    assert "+33 1 80 88 80 30" in contact and "le formulaire de contact" in contact
    assert "ce formulaire" not in contact and "http" not in contact

    runtime = runtime_sharing(
        built_runtime, database_url=sqlite_url, contact_url="https://school.example/contact"
    )
    with TestClient(create_app(runtime=runtime)) as linked:
        english = linked.post("/v1/chat", json={"message": OUT_OF_SCOPE["en"]}).json()
    runtime.conversations.dispose()
    assert english["status"] == "declined"
    assert "the contact form (https://school.example/contact)" in english["escalation"]["contact"]
    assert "https://school.example/contact" in english["answer"]
