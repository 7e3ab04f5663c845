from __future__ import annotations

from dataclasses import replace

from ingest.chunker import CHUNK_SIZE, _splitter, chunk_section, chunk_versions
from ingest.corpus import Corpus


def test_chunks_never_straddle_sections_and_carry_their_metadata(corpus: Corpus) -> None:
    chunks = chunk_versions(corpus.all_versions())
    sections = {s.key: s for v in corpus.all_versions() for s in v.sections}
    assert len(chunks) > len(sections) / 2
    for chunk in chunks:
        section = sections[(chunk.doc_id, chunk.version, chunk.section, chunk.language)]
        assert chunk.text in (section.text or section.title)
        assert chunk.official == section.official and chunk.title == section.title
        meta = chunk.metadata()
        assert {
            "doc_id",
            "section",
            "version",
            "language",
            "official",
            "title",
            "breadcrumbs",
        } <= set(meta)


def test_long_sections_split_on_boundaries(corpus: Corpus) -> None:
    section = corpus.parsed("regulations", "1").get("3.8")
    assert section is not None and len(section.text) > CHUNK_SIZE
    chunks = chunk_section(section, _splitter())
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk.text) <= CHUNK_SIZE
        assert chunk.text[-1] in ".;:,)" or chunk.text.endswith(section.text[-20:])


def test_chunk_ids_derive_from_content(corpus: Corpus) -> None:
    section = corpus.parsed("cgs", "B").get("6.2")
    assert section is not None
    first = chunk_section(section, _splitter())
    again = chunk_section(section, _splitter())
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    edited = replace(section, paragraphs=(section.paragraphs[0] + " ", "Changed."))
    assert chunk_section(edited, _splitter())[0].chunk_id != first[0].chunk_id
    ids = [c.chunk_id for c in chunk_versions(corpus.all_versions())]
    assert len(ids) == len(set(ids))
