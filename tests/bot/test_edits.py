"""What an edit means, read from the words: table-driven, none of it keyed on the CGS."""

from __future__ import annotations

import pytest

from bot.edits import EditFacts, brief, explanation, meaning_of, statement, verb_tenses
from bot.typography import tokens


def _meaning(kind: str, old: str, new: str, language: str = "fr") -> str:
    removed = [t.norm for t in tokens(old)]
    added = [t.norm for t in tokens(new)]
    return meaning_of(kind, removed, added, language)[0]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "old", "new", "language", "meaning"),
    [
        ("replaced", "devra", "devrait", "fr", "tense_mood"),
        ("replaced", "serons", "serions", "fr", "tense_mood"),
        ("replaced", "peut", "pourrait", "fr", "tense_mood"),
        ("replaced", "will", "would", "en", "tense_mood"),
        ("replaced", "résilié", "résiliés", "fr", "inflection"),
        ("replaced", "débuter", "commencer", "fr", "synonym"),
        ("replaced", "employés", "utilisés", "fr", "synonym"),
        ("replaced", "permitted", "allowed", "en", "synonym"),
        ("replaced", "autorisés", "interdits", "fr", "word_swap"),
        ("replaced", "sept", "quinze", "fr", "word_swap"),
        ("replaced", "7", "14", "fr", "figure"),
        ("added", "", "ne pas", "fr", "negation"),
        ("removed", "not", "", "en", "negation"),
        ("added", "", "par courriel", "fr", "words_added"),
        ("removed", "par courriel", "", "fr", "words_removed"),
        ("replaced", "abonnement", "Abonnement", "fr", "capitalisation"),
        ("moved", "sauf accord écrit de l'école", "sauf accord écrit", "fr", "qualifier_moved"),
        ("moved", "avant la fin", "dans le mois", "fr", "moved"),
        ("replaced", "par lettre recommandée", "par tout moyen écrit", "fr", "reworded"),
    ],
)
def test_meaning_of_an_edit(kind: str, old: str, new: str, language: str, meaning: str) -> None:
    assert _meaning(kind, old, new, language) == meaning


def test_verb_tenses_are_read_both_ways() -> None:
    assert verb_tenses("pourra", "pourrait") == ("future", "conditional")
    assert verb_tenses("pourrait", "pourra") == ("conditional", "future")
    assert verb_tenses("doit", "devrait") == ("present", "conditional")
    assert verb_tenses("might", "may") == ("conditional", "present")
    assert verb_tenses("pourra", "devra") is None
    assert verb_tenses("parle", "parlent") is None


def _facts(**values: object) -> EditFacts:
    base: dict[str, object] = {
        "kind": "replaced",
        "meaning": "word_swap",
        "removed": None,
        "added": None,
        "from_version": "A",
        "to_version": "B",
    }
    return EditFacts(**(base | values))  # type: ignore[arg-type]


def test_sentences_quote_both_words_and_say_what_changes() -> None:
    tense = _facts(
        meaning="tense_mood", removed="devra", added="devrait", tenses=("future", "conditional")
    )
    assert statement(tense, "fr") == "La version B remplace « devra » par « devrait »."
    assert "futur" in explanation(tense, "fr") and "conditionnel" in explanation(tense, "fr")
    assert "conditional" in explanation(tense, "en") and "does not change" in explanation(
        tense, "en"
    )
    assert brief(tense, "en") == "“devra” (future) becomes “devrait” (conditional)"

    added = _facts(kind="added", meaning="words_added", added="par courriel,")
    assert statement(added, "fr") == "La version B ajoute « par courriel »."  # edge marks trimmed
    assert statement(added, "en") == "Version B adds “par courriel”."

    swap = _facts(removed="autorisés", added="interdits")
    assert "synonym" not in explanation(swap, "en") and "both wordings" in explanation(swap, "en")


def test_a_moved_qualifier_names_the_clause_it_leaves_and_the_one_it_joins() -> None:
    moved = _facts(
        kind="moved",
        meaning="qualifier_moved",
        removed="sauf accord de l'école",
        added="sauf accord écrit,",
        from_anchor="si vous partez",
        to_anchor="si vous revenez",
    )
    text = statement(moved, "fr")
    assert "« sauf accord … »" in text
    assert text.index("si vous partez") < text.index("si vous revenez")
    meaning = explanation(moved, "en")
    assert "“si vous revenez” in version A" in meaning
    assert "“si vous partez” in version B" in meaning
