from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import CorpusError
from ingest.corpus import Corpus
from ingest.translations import align_translation, parse_translation_file

PAIRS = [("cgs", "A", "en"), ("cgs", "B", "en"), ("regulations", "1", "fr")]
# Legal references and identifiers that must survive translation exactly.
_REFERENCE = re.compile(
    r"\b[LR]\.?\s?\d{3,4}-\d+(?:\s\d°)?|\bL\d{3}-\d+|\bUAI \w+|\bCC BY(?:-NC)?-SA 4\.0|\+33[\d ]+\d"
)


@pytest.mark.parametrize(("doc_id", "version", "language"), PAIRS)
def test_every_section_has_its_translation_and_no_more(
    corpus: Corpus, doc_id: str, version: str, language: str
) -> None:
    official = corpus.parsed(doc_id, version)
    translated = corpus.parsed(doc_id, version, language)
    assert translated.section_ids() == official.section_ids()
    for section in translated.sections:
        assert section.official is False and section.language == language
        if official.get(section.section).text:  # type: ignore[union-attr]
            assert section.text, section.section


@pytest.mark.parametrize(("doc_id", "version", "language"), PAIRS)
def test_numbers_and_legal_references_survive_translation(
    corpus: Corpus, doc_id: str, version: str, language: str
) -> None:
    official = corpus.parsed(doc_id, version)
    translated = corpus.parsed(doc_id, version, language)
    for section in official.sections:
        twin = translated.get(section.section)
        assert twin is not None
        source = f"{section.title} {section.text}"
        target = f"{twin.title} {twin.text}"
        for number in set(re.findall(r"\d+", source)):
            assert re.search(rf"(?<!\d){number}(?!\d)", target), (section.section, number)
        for reference in set(_REFERENCE.findall(section.text.replace("\xa0", " "))):
            digits = re.sub(r"\D", "", reference)
            assert digits in re.sub(r"\D", "", target), (section.section, reference)


def test_versions_translate_their_own_wording(corpus: Corpus) -> None:
    a = corpus.parsed("cgs", "A", "en").get("7.2")
    b = corpus.parsed("cgs", "B", "en").get("7.2")
    assert a is not None and b is not None and a.text != b.text


def test_translated_breadcrumbs_are_in_the_translation_language(corpus: Corpus) -> None:
    section = corpus.parsed("regulations", "1", "fr").get("3.1.1")
    assert section is not None
    assert section.breadcrumbs[1].startswith("Article 3 – Obligations des")


def _blocks(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_translation_for_a_section_the_document_lacks_is_an_error(
    corpus: Corpus, tmp_path: Path
) -> None:
    source = (Path(__file__).resolve().parents[2] / "corpus/translations/cgs.en.md").read_text(
        encoding="utf-8"
    )
    path = _blocks(tmp_path, source + "\n@@ section: 99\n@@ title: Ghost\n\nBoo.\n")
    with pytest.raises(CorpusError, match=r"sections the document lacks: \['99'\]"):
        align_translation(
            corpus.parsed("cgs", "B"), parse_translation_file(path), language="en", path=path
        )


def test_a_missing_translation_is_an_error(corpus: Corpus, tmp_path: Path) -> None:
    path = _blocks(tmp_path, "@@ section: definitions\n@@ title: Definitions\n\nText.\n")
    with pytest.raises(CorpusError, match="no translation of section '1'"):
        align_translation(
            corpus.parsed("cgs", "B"), parse_translation_file(path), language="en", path=path
        )


def test_a_block_without_title_is_an_error(tmp_path: Path) -> None:
    path = _blocks(tmp_path, "@@ section: 1\n\nText.\n")
    with pytest.raises(CorpusError, match="has no '@@ title:' line"):
        parse_translation_file(path)


def test_learner_questions_cover_every_section_in_both_languages(corpus: Corpus) -> None:
    for doc_id, version in (("cgs", "B"), ("regulations", "1")):
        questions = corpus.questions[doc_id]
        assert set(questions) == set(corpus.parsed(doc_id, version).section_ids())
        for section, asked in questions.items():
            languages = [language for language, _ in asked]
            assert languages.count("fr") >= 4 and languages.count("en") >= 4, section


def test_a_question_for_an_unknown_section_is_an_error(tmp_path: Path) -> None:
    from ingest.questions import parse_questions

    path = _blocks(tmp_path, "@@ section: 42\n- fr: Quoi ?\n")
    with pytest.raises(CorpusError, match="section '42' is not in the document"):
        parse_questions(path, ["1", "2"])
