"""Block Kit builders keep to Slack's limits whatever the core says; the validator that
checks every recorded payload catches what Slack would refuse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.schemas import ChatResponse, Citation, Escalation, SectionResponse, SectionTranslation
from bot.slack.blocks import chunks, clip, preformatted, to_mrkdwn
from bot.slack.messages import answer_message, clause_view, learner_reply_message
from tests.slack.blockkit import problems_of_message, problems_of_view


def citation(i: int, quote: str, official: bool = True) -> Citation:
    return Citation(
        doc_id="cgs",
        section=f"6.{i}",
        version="B",
        title=f"6.{i} Titre " * 30,
        quote=quote,
        language="fr",
        official=official,
    )


def response(answer: str, citations: list[Citation]) -> ChatResponse:
    return ChatResponse(
        conversation_id="c",
        message_id="m" * 32,
        language="fr",
        status="declined",
        answer=answer,
        citations=citations,
        escalation=Escalation(reason="r", contact="Student Success " * 20),
    )


def test_the_validator_catches_what_slack_refuses() -> None:
    too_long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    assert problems_of_message({"text": "t", "blocks": [too_long]})
    assert problems_of_message({"text": "t", "blocks": [{"type": "divider"}] * 51})
    button = {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "b" * 76}}
    assert problems_of_message({"text": "t", "blocks": [{"type": "actions", "elements": [button]}]})
    title = {"type": "plain_text", "text": "a title that is far too long"}
    assert problems_of_view({"type": "modal", "title": title, "blocks": []})
    assert problems_of_view(
        {
            "type": "modal",
            "title": {"type": "plain_text", "text": "t"},
            "blocks": [{"type": "divider"}] * 101,
        }
    )


@settings(max_examples=40, deadline=None)
@given(
    answer=st.text(min_size=1, max_size=20_000),
    quotes=st.lists(st.text(min_size=1, max_size=4000), max_size=70),
)
def test_any_answer_becomes_a_valid_message(answer: str, quotes: list[str]) -> None:
    cited = [citation(i, q, official=i % 2 == 0) for i, q in enumerate(quotes)]
    for audience in ("agent", "thread", "channel"):
        for rated in (None, "up"):
            body = answer_message(
                response(answer, cited), audience=audience, shared_by="U1", rated=rated
            )
            assert problems_of_message(body) == []
            if audience != "channel":
                assert body["blocks"][-1]["type"] == "actions"  # the buttons survive the cap


def test_a_long_answer_is_split_not_cut() -> None:
    paragraphs = [f"Paragraph {i}: " + "mot " * 300 for i in range(12)]
    body = answer_message(response("\n\n".join(paragraphs), []), audience="agent")
    shown = "".join(b["text"]["text"] for b in body["blocks"] if b["type"] == "section")
    assert all(f"Paragraph {i}:" in shown for i in range(12))


@given(st.text(max_size=10_000), st.integers(min_value=10, max_value=3000))
def test_chunks_keep_every_character_under_the_limit(text: str, limit: int) -> None:
    pieces = chunks(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")


def test_mrkdwn_escapes_control_characters_but_keeps_quotes() -> None:
    assert to_mrkdwn("> a <b> & **c**") == "> a &lt;b&gt; &amp; *c*"
    assert clip("abcdef", 4) == "abc…"


def test_a_long_clause_and_a_long_reply_stay_within_limits() -> None:
    translation = SectionTranslation(
        language="en", title="t", text="word " * 20_000, notice="Non-official English translation."
    )
    section = SectionResponse(
        doc_id="cgs",
        section="6.2",
        version="B",
        title="6.2 Abonnés",
        breadcrumbs=[],
        text="mot " * 20_000,
        language="fr",
        translations=[translation],
        versions_available=["B"],
    )
    assert problems_of_view(clause_view([section, section])) == []
    assert problems_of_message(learner_reply_message("fr", "Bonjour " * 5000)) == []
    assert len(preformatted("x" * 7000)["elements"][0]["elements"]) == 3
