"""Version questions through the real assistant (real index), and `version_reply` on its own
for what retrieval does not decide (which question is about versions, dates)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.hints import read_hints
from bot.render import markdown
from bot.reply import Reply
from bot.runtime import Runtime
from bot.versions import version_reply
from ingest.corpus import Corpus, load_corpus
from ingest.manifest import sha256_file

TODAY = date(2026, 12, 2)


def _ask(runtime: Runtime, question: str, as_of: date | None = None) -> Reply:
    return runtime.assistant.answer(question, state={}, language=None, as_of=as_of, today=TODAY)


def _reply(
    corpus: Corpus, question: str, lang: str = "fr", as_of: date | None = None
) -> Reply | None:
    return version_reply(question, read_hints(question), lang, as_of, corpus, today=TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Quelles différences y a-t-il entre les deux versions des CGS ?", "fr"),
        ("What was changed between version A and version B of the terms?", "en"),
    ],
)
def test_what_changed_is_answered_with_the_changes_in_the_lead(
    built_runtime: Runtime, question: str, lang: str
) -> None:
    reply = _ask(built_runtime, question)
    assert reply.status == "answered" and reply.language == lang
    lead = reply.lead
    for words in (
        "sur la Plateforme",
        "sans autorisation",
        "si vous êtes mineur",
        "usités",
        "utilisés",
        "pourrons",
        "pourrions",
    ):
        assert words in lead, words
    assert ("typographie" if lang == "fr" else "typography") in lead
    assert ("synonyme" if lang == "fr" else "synonym") in lead
    assert {(p.section, p.version) for p in reply.passages} == {
        (s, v) for s in ("accessibilite", "3", "5", "7.2") for v in ("A", "B")
    }
    for passage in reply.passages:
        section = built_runtime.corpus.parsed("cgs", passage.version).get(passage.section)
        assert section is not None and passage.quote in section.text
    assert any("date" in note for note in reply.notes)  # no effective date is known


def test_one_clause_two_wordings_and_what_the_difference_means(built_runtime: Runtime) -> None:
    reply = _ask(
        built_runtime,
        "My copy of the French terms says « nous ne pourrons être tenus » in 7.2, a colleague's "
        "says « nous ne pourrions être tenus ». Is that a real difference?",
    )
    assert reply.status == "answered" and reply.language == "en"
    assert "pourrons" in reply.lead and "pourrions" in reply.lead
    assert "future" in reply.lead and "conditional" in reply.lead
    assert [(p.section, p.version) for p in reply.passages] == [("7.2", "A"), ("7.2", "B")]
    assert "pourrons" in reply.passages[0].quote and "pourrions" in reply.passages[1].quote
    text = markdown(reply)
    assert "Version A" in text and "Version B (current version)" in text


def test_the_qualifier_that_moved_is_explained(built_runtime: Runtime) -> None:
    reply = _ask(
        built_runtime,
        "Article 3 des CGS : les deux versions ne formulent pas pareil le refus pour un mineur "
        "ou une personne sous curatelle, qu'est-ce qui change ?",
    )
    assert reply.status == "answered"
    assert "autorisation parentale" in reply.lead and "représentants légaux" in reply.lead
    assert "si vous êtes mineur" in reply.lead and "mesure de protection juridique" in reply.lead
    assert {p.version for p in reply.passages} == {"A", "B"}


def test_a_synonym_is_called_one(built_runtime: Runtime) -> None:
    reply = _ask(
        built_runtime,
        "Dans une version des CGS l'article 5 dit usités, dans l'autre utilisés : ça change quoi ?",
    )
    assert "synonymes" in reply.lead and "ne change pas" in reply.lead


def test_which_version_is_in_force_without_dates(built_runtime: Runtime) -> None:
    reply = _ask(built_runtime, "Quelle version des CGS est en vigueur aujourd'hui ?")
    assert reply.status == "answered"
    assert "version B" in reply.lead and "aucune date" in reply.lead


def test_ordinary_questions_are_not_version_questions(corpus: Corpus) -> None:
    for question in (
        "J'ai combien de temps pour changer d'avis ?",
        "Puis-je obtenir une version accessible des CGS ?",
        "Quelle loi est applicable aux CGS ?",
        "Can I change my path after subscribing?",
        "I accepted the terms on 2026-03-03, was I still in the reflection period on 2026-03-08?",
    ):
        assert _reply(corpus, question) is None, question


def test_what_changed_about_an_unchanged_clause(corpus: Corpus) -> None:
    reply = _reply(corpus, "Est-ce que l'article 6.2 est différent entre les deux versions ?")
    assert reply is not None and reply.lead.startswith("Article 6.2 dit la même chose")
    assert reply.passages and reply.passages[0].section == "6.2"


def _dated_corpus(corpus_copy: Path, dates: dict[str, str | None], current: str = "B") -> Corpus:
    path = corpus_copy / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    cgs = next(d for d in manifest["documents"] if d["doc_id"] == "cgs")
    cgs["current_version"] = current
    for entry in cgs["versions"]:
        entry["effective_date"] = dates.get(entry["version"])
        assert entry["sha256"] == sha256_file(corpus_copy / entry["file"])
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
    return load_corpus(corpus_copy)


def test_in_force_on_a_date_uses_the_operators_dates(corpus_copy: Path) -> None:
    dated = _dated_corpus(corpus_copy, {"A": "2024-01-15", "B": "2025-09-01"})
    before = _reply(dated, "Quelle version des CGS était en vigueur le 3 mars 2025 ?")
    assert before is not None
    assert "version A" in before.lead and "15 janvier 2024" in before.lead
    assert "La version B la remplace le 1er septembre 2025." in before.lead
    after = _reply(dated, "Which version of the terms is in force?", "en", as_of=date(2026, 1, 1))
    assert after is not None and "version B" in after.lead and "1 September 2025" in after.lead
    early = _reply(dated, "Quelle version des CGS était en vigueur le 1er janvier 2020 ?")
    assert early is not None and "Aucune version" in early.lead


def test_undated_versions_say_so_for_a_past_day(corpus: Corpus) -> None:
    reply = _reply(corpus, "Which version of the terms applied on 1 March 2025?", "en")
    assert reply is not None
    assert "no effective date" in reply.lead and "1 March 2025" in reply.lead
