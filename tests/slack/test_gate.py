"""Each event once within Slack's retry window; the memory stays bounded."""

from __future__ import annotations

from bot.slack.gate import RecentEvents


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_event_id_is_new_once_within_the_window() -> None:
    clock = Clock()
    recent = RecentEvents(ttl=900, clock=clock)
    assert recent.first_time("Ev1")
    clock.now += 60  # Slack's second retry comes a minute later
    assert not recent.first_time("Ev1")
    clock.now += 5 * 60
    assert not recent.first_time("Ev1")
    assert recent.first_time("Ev2")


def test_an_event_id_is_forgotten_after_the_window() -> None:
    clock = Clock()
    recent = RecentEvents(ttl=900, clock=clock)
    recent.first_time("Ev1")
    clock.now += 901
    assert recent.first_time("Ev1")
    assert len(recent) == 1


def test_the_memory_is_bounded_oldest_first() -> None:
    recent = RecentEvents(ttl=900, size=3, clock=Clock())
    for event_id in ("a", "b", "c", "d"):
        assert recent.first_time(event_id)
    assert len(recent) == 3
    assert recent.first_time("a")  # forgotten to make room
    assert not recent.first_time("d")
