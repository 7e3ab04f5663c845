"""The version diff of the real CGS: exactly the four changes of substance by default, each
with its edits quoted from both versions; typography only on request."""

from __future__ import annotations

import pytest

from bot.diff import compare_sections, default_pair, diff_versions, section_changes
from bot.errors import NotFound
from ingest.corpus import Corpus
from ingest.model import Section


def test_by_default_only_the_substantive_changes(corpus: Corpus) -> None:
    changes = section_changes(corpus, "cgs", "A", "B")
    assert [(c.section, c.change) for c in changes] == [
        ("accessibilite", "substantive"),
        ("3", "substantive"),
        ("5", "substantive"),
        ("7.2", "substantive"),
    ]
    edits = {c.section: [(e.kind, e.meaning, e.removed, e.added) for e in c.edits] for c in changes}
    assert edits == {
        "accessibilite": [("added", "words_added", None, "sur la Plateforme")],
        "3": [
            (
                "moved",
                "qualifier_moved",
                "sans autorisation de vos représentants légaux",
                "sans autorisation parentale,",
            )
        ],
        "5": [("replaced", "synonym", "usités", "utilisés")],
        "7.2": [("replaced", "tense_mood", "pourrons", "pourrions")],
    }


def test_each_edit_is_quoted_in_context_from_its_own_version(corpus: Corpus) -> None:
    for change in section_changes(corpus, "cgs", "A", "B"):
        old = corpus.parsed("cgs", "A").get(change.section)
        new = corpus.parsed("cgs", "B").get(change.section)
        assert old is not None and new is not None
        for edit in change.edits:
            assert edit.from_context and edit.from_context in old.text
            assert edit.to_context and edit.to_context in new.text
            assert edit.from_excerpt.strip("…") in old.text
            assert edit.to_excerpt.strip("…") in new.text
            if edit.removed:
                assert edit.removed in edit.from_context and edit.removed not in edit.to_context
            if edit.added:
                assert edit.added in edit.to_context and edit.added not in edit.from_context
            assert edit.statement["fr"].startswith("La version B")
            assert edit.statement["en"].startswith("Version B")


def test_the_moved_qualifier_names_the_protected_person_and_the_minor(corpus: Corpus) -> None:
    (article3,) = [c for c in section_changes(corpus, "cgs", "A", "B") if c.section == "3"]
    (edit,) = article3.edits
    text = edit.statement["fr"]
    # In A the qualifier follows the protected-person clause; in B, the minor.
    assert text.index("mesure de protection juridique") < text.index("si vous êtes mineur")
    assert "« si vous êtes mineur » en version A" in edit.explanation["fr"]


def test_typographic_changes_are_listed_only_on_request(corpus: Corpus) -> None:
    every = section_changes(corpus, "cgs", "A", "B", include_typographic=True)
    typographic = [c for c in every if c.change == "typographic"]
    assert len(typographic) == 21
    assert all(c.typography and not c.edits for c in typographic)
    assert {"spaces", "apostrophes", "quotes"} <= {k for c in typographic for k in c.typography}
    unchanged = set(corpus.parsed("cgs", "B").section_ids()) - {c.section for c in every}
    assert unchanged == {"2.1.c", "4", "9"}
    diff = diff_versions(corpus, "cgs", "A", "B")
    assert diff.include == "substantive" and len(diff.changes) == 4
    assert sorted(diff.typographic_sections) == sorted(c.section for c in typographic)
    assert diff.from_effective_date is None and diff.to_effective_date is None


def test_segments_rebuild_the_newer_text_with_the_older_words_in_place(corpus: Corpus) -> None:
    for change in section_changes(corpus, "cgs", "A", "B"):
        newer = "".join(s.text for s in change.segments if s.op != "removed")
        assert newer == change.to_text
        removed = [s.text for s in change.segments if s.op == "removed"]
        added = [s.text.strip() for s in change.segments if s.op == "added"]
        assert all(r in (change.from_text or "") for r in removed)
        assert removed or added
    (article5,) = [c for c in section_changes(corpus, "cgs", "A", "B") if c.section == "5"]
    ops = [(s.op, s.text) for s in article5.segments if s.op != "equal"]
    assert ops == [("removed", "usités"), ("added", "utilisés")]


def test_one_section_and_bad_names(corpus: Corpus) -> None:
    one = diff_versions(corpus, "cgs", "A", "B", section="7.2")
    assert [c.section for c in one.changes] == ["7.2"]
    quiet = diff_versions(corpus, "cgs", "A", "B", section="6.2")
    assert quiet.changes == [] and quiet.typographic_sections == ["6.2"]
    assert section_changes(corpus, "cgs", "B", "B") == []
    with pytest.raises(NotFound):
        diff_versions(corpus, "cgs", "A", "B", section="99")
    with pytest.raises(NotFound):
        section_changes(corpus, "cgs", "A", "Z")
    with pytest.raises(NotFound):
        section_changes(corpus, "nope", "A", "B")
    assert default_pair(corpus, "cgs") == ("A", "B")


def _section(section: str, *paragraphs: str) -> Section:
    return Section("doc", "X", section, f"{section} Title", (), paragraphs, "fr")


def test_sections_added_and_removed() -> None:
    added = compare_sections(None, _section("11", "Un nouvel article."), "A", "B")
    removed = compare_sections(_section("12", "Un article retiré."), None, "A", "B")
    assert added is not None and added.change == "added" and added.from_text is None
    assert removed is not None and removed.change == "removed" and removed.to_text is None
    same = compare_sections(_section("1", "Même texte."), _section("1", "Même texte."), "A", "B")
    assert same is None
