"""Re-ranking by the hints, around a section that leads by meaning and by words alike."""

from __future__ import annotations

from bot.hints import Hints
from bot.ranking import rerank
from bot.retrieval import SectionHit
from bot.runtime import Runtime

VERSIONS = {"cgs": "B", "regulations": "1"}


def hints(plan: str | None) -> Hints:
    return Hints(sections=(), doc_ids=frozenset(), plan=plan, versions=False, compare=False)


def hit(section: str, fused: float, dense: float, keyword: float) -> SectionHit:
    return SectionHit("cgs", section, "B", fused, dense=dense, keyword=keyword)


def test_a_clear_leader_is_not_passed_over_by_a_plan_boost(built_runtime: Runtime) -> None:
    hits = [hit("annexe1", 0.0328, 0.92, 35.0), hit("6.2", 0.0315, 0.59, 11.0)]
    ranked = rerank(hits, hints("plus"), VERSIONS, built_runtime)
    assert [h.section for h in ranked] == ["annexe1", "6.2"]
    assert ranked[1].fused / ranked[0].fused > 0.99  # still close enough to be cited beside it


def test_a_leader_by_a_small_margin_gives_way_to_the_named_plan(built_runtime: Runtime) -> None:
    hits = [hit("definitions", 0.0323, 0.52, 3.6), hit("2.1.a", 0.0304, 0.49, 3.5)]
    ranked = rerank(hits, hints("solo"), VERSIONS, built_runtime)
    assert [h.section for h in ranked] == ["2.1.a", "definitions"]


def test_a_clear_leader_of_the_other_plan_stays_demoted(built_runtime: Runtime) -> None:
    hits = [hit("2.1.d", 0.0328, 0.86, 10.8), hit("2.2.g", 0.0308, 0.58, 4.3)]
    ranked = rerank(hits, hints("plus"), VERSIONS, built_runtime)
    assert [h.section for h in ranked] == ["2.2.g", "2.1.d"]


def test_premium_solo_puts_the_regulations_behind_the_cgs(built_runtime: Runtime) -> None:
    """The Regulations govern learners of a training path, which Premium Solo is not."""
    hits = [
        SectionHit("regulations", "3.1.2", "1", 0.0325, dense=0.52, keyword=4.9),
        hit("2.1.d", 0.0300, 0.50, 5.9),
    ]
    ranked = rerank(hits, hints("solo"), VERSIONS, built_runtime)
    assert [h.section for h in ranked] == ["2.1.d", "3.1.2"]
