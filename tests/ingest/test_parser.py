from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bot.errors import ParseError
from ingest.corpus import Corpus
from ingest.manifest import Structure
from ingest.parser import parse_source

CGS_IDS = [
    "definitions", "1", "accessibilite",
    "2.1.a", "2.1.b", "2.1.c", "2.1.d",
    "2.2.a", "2.2.b", "2.2.c", "2.2.d", "2.2.e", "2.2.f", "2.2.g",
    "3", "3.1", "3.2", "3.3", "4", "5", "6.1", "6.2", "7.1", "7.2", "8", "9", "10", "annexe1",
]  # fmt: skip
REGULATIONS_IDS = [
    "preamble", "1",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.6.1", "2.6.2", "2.6.3", "2.7", "2.8", "2.9",
    "3.1", "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8",
    "4", "5", "5.1", "5.2", "5.3", "5.4", "5.5", "6", "7",
]  # fmt: skip
NAVIGATION_AND_FOOTER = [
    "Politique globale de réclamations", "Dernière mise à jour le", "Pour les étudiants",
    "Blog étudiants", "contact:hello@openclassrooms.com", "Déclaration d'accessibilité",
    "Global complaints policy", "Last update on", "For Students", "Student Blog",
    "Funding options", "Follow us", "Nous suivre",
]  # fmt: skip


@pytest.mark.parametrize(
    ("doc_id", "version", "expected"),
    [("cgs", "A", CGS_IDS), ("cgs", "B", CGS_IDS), ("regulations", "1", REGULATIONS_IDS)],
)
def test_complete_section_ids(
    corpus: Corpus, doc_id: str, version: str, expected: list[str]
) -> None:
    assert corpus.parsed(doc_id, version).section_ids() == expected


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def _body_paragraphs(raw: str, start: str, end: str | None, markdown: bool) -> list[str]:
    body = raw.split(start, 1)[1]
    if end:
        body = body.split("\n" + end, 1)[0]
    if markdown:
        body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", body)
        body = re.sub(r"<(https?://[^>]+)>", r"\1", body)
        body = body.replace("**", "")
        body = re.sub(r"\*([^*\n]+)\*", r"\1", body)
        # The two paragraphs B breaks mid-sentence, as printed in A.
        body = body.replace("des\n\nServices commandés", "des Services commandés")
        body = body.replace("dans\n\nde bonnes conditions", "dans de bonnes conditions")
    lines = [re.sub(r"^\s*(?:•|-)\s+", "", line) for line in body.splitlines()]
    return [_norm(line) for line in lines if line.strip()]


def _sentences(paragraphs: list[str]) -> list[str]:
    return [s for p in paragraphs for s in re.split(r"(?<=[.;!?])\s+", p) if s]


@pytest.mark.parametrize(
    ("doc_id", "version", "file", "end", "markdown"),
    [
        ("cgs", "A", "cgs_A.txt", "Pour les étudiants", False),
        ("cgs", "B", "cgs_B.md", None, True),
        ("regulations", "1", "regulations.txt", "For Students", False),
    ],
)
def test_every_body_sentence_lands_in_exactly_one_section(
    corpus: Corpus, doc_id: str, version: str, file: str, end: str | None, markdown: bool
) -> None:
    """The body, less its headings, is exactly the sections' paragraphs: nothing lost, nothing
    doubled, nothing added; so each of its sentences sits in one section."""
    parsed = corpus.parsed(doc_id, version)
    raw = (Path(__file__).resolve().parents[2] / "corpus" / file).read_text(encoding="utf-8")
    headings = {_norm(s.title) for s in parsed.sections} | {
        _norm(t) for t in parsed.groups.values()
    }
    source = [
        p for p in _body_paragraphs(raw, f"\n{parsed.title}\n", end, markdown) if p not in headings
    ]
    held = [_norm(p.removeprefix("• ")) for s in parsed.sections for p in s.paragraphs]
    assert len(source) > 60
    assert Counter(held) == Counter(source)
    owners = Counter(
        sentence
        for s in parsed.sections
        for sentence in set(_sentences([_norm(p.removeprefix("• ")) for p in s.paragraphs]))
    )
    for sentence, count in Counter(_sentences(source)).items():
        if count == 1:
            assert owners[sentence] == 1, sentence


def test_no_navigation_or_footer_text_in_any_section(corpus: Corpus) -> None:
    for parsed in corpus.all_versions():
        for section in parsed.sections:
            for marker in NAVIGATION_AND_FOOTER:
                assert marker not in section.text, (parsed.doc_id, section.section, marker)


def test_titles_and_breadcrumbs(corpus: Corpus) -> None:
    cgs = corpus.parsed("cgs", "B")
    assert cgs.get("6.2") is not None
    assert cgs.get("6.2").title == "6.2 Abonnés Premium Plus"  # type: ignore[union-attr]
    assert cgs.get("2.2.g").breadcrumbs == (  # type: ignore[union-attr]
        "Conditions générales de services",
        "Article 2 - Nos Services Premium",
        "2.2 Service Premium Plus",
        "g. Durée - Résiliation",
    )
    regs = corpus.parsed("regulations", "1")
    assert regs.get("3.1.1").breadcrumbs[1:] == (  # type: ignore[union-attr]
        "Article 3 – Obligations of Learners",
        "3.1 Attendance in Training",
        "3.1.1 Short-term Absences",
    )


def test_grouping_lead_opens_the_first_section(corpus: Corpus) -> None:
    first = corpus.parsed("cgs", "A").get("2.1.a")
    assert first is not None
    assert first.paragraphs[0] == "Nous proposons deux offres payantes d’Abonnement aux Services."


def test_markdown_is_plain_text_and_broken_paragraphs_are_joined(corpus: Corpus) -> None:
    b = corpus.parsed("cgs", "B")
    joined = "En cas d'indisponibilité des Services commandés, vous pouvez nous contacter"
    assert joined in b.get("1").text  # type: ignore[union-attr]
    assert "permettent un accès aux Services dans de bonnes conditions" in b.get("7.1").text  # type: ignore[union-attr]
    for section in b.sections:
        assert "**" not in section.text and "](#)" not in section.text
    assert "https://www.mediationconso-ame.com" in b.get("10").text  # type: ignore[union-attr]
    # The address lines of Article 10 stay separate paragraphs, as printed.
    assert "OpenClassrooms" in b.get("10").paragraphs  # type: ignore[union-attr]


def test_both_cgs_versions_differ_only_where_documented(corpus: Corpus) -> None:
    a, b = corpus.parsed("cgs", "A"), corpus.parsed("cgs", "B")

    def loose(text: str) -> str:
        text = _norm(text).replace("’", "'").replace("“", '"').replace("”", '"')
        return re.sub(r"\s*([;:])\s*", r"\1 ", text)

    differing = {
        s.section
        for s, t in zip(a.sections, b.sections, strict=True)
        if loose(s.text) != loose(t.text)
    }
    assert differing == {"accessibilite", "3", "5", "7.2"}
    assert "sans autorisation parentale" in b.get("3").text  # type: ignore[union-attr]
    assert "nous ne pourrons être tenus" in a.get("7.2").text  # type: ignore[union-attr]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _parse(path: Path) -> object:
    return parse_source(
        path,
        source_format="webpage",
        structure=Structure(),
        doc_id="x",
        version="1",
        language="en",
        doc_title="Title",
    )


def test_duplicate_section_id_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "Title\n\nArticle 1 - One\n\nText.\n\nArticle 1 - Again\n\nMore.\n")
    with pytest.raises(ParseError, match=r"doc\.txt: section id '1' appears twice"):
        _parse(path)


def test_text_before_any_heading_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "Title\n\nOrphan paragraph.\n\nArticle 1 - One\n\nText.\n")
    with pytest.raises(ParseError, match="text before the first heading"):
        _parse(path)


def test_a_source_without_sections_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no section found"):
        _parse(_write(tmp_path, "Title\n"))
