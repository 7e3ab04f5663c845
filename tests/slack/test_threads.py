"""What a thread message says once Slack's markup is read, and which replies are the bot's."""

from __future__ import annotations

import pytest

from bot.slack.threads import (
    CONTEXT_CHARS_MAX,
    _within_budget,
    asks_the_bot,
    follows,
    mentions,
    readable,
)

BOT = "UBOT"


def test_markup_becomes_words() -> None:
    text = (
        f"<@{BOT}> voir <#C123|support> et <https://example.org/cgs|les CGS>, "
        "cc <@U77|jo> <@U78> <!subteam^S1|@support> <!here> &lt;urgent&gt; &amp; merci"
    )
    expected = "voir #support et les CGS, cc @jo @ @support @here <urgent> & merci"
    assert readable(text, BOT) == expected


def test_only_the_bots_own_mention_counts() -> None:
    assert mentions(f"hello <@{BOT}>", BOT)
    assert mentions(f"hello <@{BOT}|termsbot>", BOT)
    assert not mentions("hello <@U77>", BOT)
    assert not mentions(f"hello <@{BOT}>", None)


@pytest.mark.parametrize(
    ("setting", "channel", "followed"),
    [
        (None, "C1", False),
        ("", "C1", False),
        ("C1, C2", "C2", True),
        ("C1", "C3", False),
        ("*", "C9", True),
    ],
)
def test_following_is_per_channel(setting: str | None, channel: str, followed: bool) -> None:
    assert follows(setting, channel) is followed


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("merci, je m'en occupe 👍", False),
        ("ok", False),
        ("and for Solo?", True),
        ("et en Premium Solo ?", True),
        ("<@U77> tu peux regarder ce cas ?", False),  # a question to a colleague
        (f"<@{BOT}> et en Solo ?", True),
    ],
)
def test_in_a_followed_thread_only_questions_to_no_one_else(text: str, answered: bool) -> None:
    assert asks_the_bot(text, BOT) is answered


def test_the_thread_read_keeps_the_latest_messages_within_the_budget() -> None:
    texts = ["a" * 900, "b" * 900, "c" * 900]
    kept = _within_budget(texts)
    assert kept == ["b" * 900, "c" * 900]
    assert sum(map(len, kept)) <= CONTEXT_CHARS_MAX
    assert _within_budget(["x" * 5000]) == ["x" * CONTEXT_CHARS_MAX]
