"""Block Kit builders keep to Slack's limits whatever the core says; the validator that
checks every recorded payload catches what Slack would refuse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.reply import Passage
from bot.schemas import (
    Calculation,
    ChatResponse,
    Citation,
    CitationTranslation,
    Escalation,
    Figure,
    PendingCalculation,
    RuleRef,
    SectionChange,
    SectionResponse,
    SectionTranslation,
)
from bot.slack.blocks import chunks, clip, preformatted, to_mrkdwn
from bot.slack.clause import clause_view
from bot.slack.exchange import Clause, OtherVersion
from bot.slack.messages import AnswerView, answer_message, learner_reply_message
from tests.slack.blockkit import problems_of_message, problems_of_view


def citation(i: int, quote: str, translated: bool = False) -> Citation:
    translation = CitationTranslation(language="en", quote=quote[::-1], title="Title " * 30)
    return Citation(
        doc_id="cgs",
        section=f"6.{i}",
        version="B",
        title=f"6.{i} Titre " * 30,
        quote=quote,
        language="fr",
        translation=translation if translated else None,
    )


def response(
    lead: str,
    citations: list[Citation],
    *,
    points: list[str] | None = None,
    figures: int = 0,
    status: str = "declined",
) -> ChatResponse:
    calculation = Calculation(
        calculator="late_payment",
        inputs={"amount_due_eur": 100},
        result={},
        rules=[RuleRef(doc_id="cgs", section="3.2")],
        figures=[Figure(label=f"Libellé {i} " * 20, value=lead[:900]) for i in range(figures)],
    )
    return ChatResponse(
        conversation_id="c",
        message_id="m" * 32,
        language="fr",
        status=status,
        lead=lead,
        answer=lead,
        points=points or [],
        notes=[lead[:300]],
        ask=lead[:200] or None,
        pending_calculation=PendingCalculation(
            calculator="late_payment", inputs={}, missing=["due_date", "payment_date"]
        ),
        citations=citations,
        calculation=calculation if figures else None,
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
    lead=st.text(min_size=1, max_size=5_000),
    points=st.lists(st.text(min_size=1, max_size=2000), max_size=8),
    quotes=st.lists(st.text(min_size=1, max_size=4000), max_size=70),
    figures=st.integers(min_value=0, max_value=25),
)
def test_any_answer_becomes_a_valid_message(
    lead: str, points: list[str], quotes: list[str], figures: int
) -> None:
    cited = [citation(i, q, translated=i % 2 == 0) for i, q in enumerate(quotes)]
    answer = response(lead, cited, points=points, figures=figures, status="answered")
    for audience in ("agent", "thread", "channel"):
        for rated in (None, "up"):
            view = AnswerView(
                audience,
                escalation=True,
                shared_by="U1",
                question=lead,
                rated=rated,
                context_messages=3,
            )
            body = answer_message(answer, view)
            assert problems_of_message(body) == []
            if audience != "channel":
                assert body["blocks"][-1]["type"] == "actions"  # the buttons survive the cap


def test_the_lead_is_the_first_block_and_the_notification() -> None:
    answer = response("Vous avez 7 jours.", [citation(1, "sept (7) jours")], status="answered")
    body = answer_message(answer, AnswerView("agent"))
    assert body["blocks"][0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Vous avez 7 jours."},
    }
    assert body["text"].startswith("Vous avez 7 jours.")
    assert "sept (7) jours" not in str(body["blocks"])  # the quote is behind Full clause


def test_a_long_lead_is_split_not_cut() -> None:
    paragraphs = [f"Paragraph {i}: " + "mot " * 300 for i in range(12)]
    body = answer_message(response("\n\n".join(paragraphs), []), AnswerView("agent"))
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
        versions_available=["A", "B"],
    )
    passage = Passage("cgs", "6.2", "B", "6.2 Abonnés", "mot " * 2000, "fr", "word " * 2000, "en")
    change = SectionChange(
        section="6.2", title="t", change="substantive", from_text="a", to_text="b"
    )
    other = OtherVersion("A", section, change)
    assert other.differs
    clause = Clause(passage, section, "B", [other])
    for lang in ("fr", "en"):
        assert problems_of_view(clause_view([clause, clause], lang)) == []
    assert problems_of_message(learner_reply_message("fr", "fr", "Bonjour " * 5000)) == []
    assert len(preformatted("x" * 7000)["elements"][0]["elements"]) == 3
