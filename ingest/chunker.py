"""Sections → chunks. A chunk never straddles two sections; a long section is split on
paragraph, then sentence boundaries."""

from __future__ import annotations

import hashlib

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.corpus import Corpus
from ingest.model import Chunk, ParsedVersion, Section

# ~150 words: long enough to hold a whole rule with its condition, short enough that a
# section's different rules (e.g. 6.2's 7 days and 3 months) get their own vectors.
CHUNK_SIZE = 900
CHUNK_OVERLAP = 120


def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", ". ", "; ", ", ", " "],
        keep_separator="end",
    )


def chunk_section(section: Section, splitter: RecursiveCharacterTextSplitter) -> list[Chunk]:
    # A section without text of its own (Regulations 2.6) still answers by its title.
    text = section.text or section.title
    pieces = splitter.split_text(text) if len(text) > CHUNK_SIZE else [text]
    return [
        Chunk(
            chunk_id=chunk_id(section, piece, position),
            doc_id=section.doc_id,
            version=section.version,
            section=section.section,
            language=section.language,
            official=section.official,
            title=section.title,
            breadcrumbs=section.breadcrumbs,
            text=piece.strip(),
            position=position,
        )
        for position, piece in enumerate(pieces)
    ]


def chunk_versions(versions: list[ParsedVersion]) -> list[Chunk]:
    splitter = _splitter()
    return [c for v in versions for s in v.sections for c in chunk_section(s, splitter)]


def question_chunks(corpus: Corpus) -> list[Chunk]:
    """One chunk per learner question, for every version of its document."""
    chunks: list[Chunk] = []
    for parsed in corpus.all_versions():
        if not parsed.sections or not parsed.sections[0].official:
            continue
        for section in parsed.sections:
            asked = corpus.questions.get(parsed.doc_id, {}).get(section.section, [])
            for position, (language, text) in enumerate(asked):
                chunks.append(
                    Chunk(
                        chunk_id=chunk_id(section, text, position, "question", language),
                        doc_id=section.doc_id,
                        version=section.version,
                        section=section.section,
                        language=language,
                        official=False,
                        title=section.title,
                        breadcrumbs=section.breadcrumbs,
                        text=text,
                        position=position,
                        kind="question",
                    )
                )
    return chunks


def chunk_id(
    section: Section, text: str, position: int, kind: str = "text", language: str | None = None
) -> str:
    """Derived from what the chunk is, so an unchanged chunk keeps its id across ingests."""
    key = "\x1f".join(
        [
            section.doc_id,
            section.version,
            section.section,
            language or section.language,
            str(section.official),
            section.title,
            str(position),
            kind,
            text.strip(),
        ]
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the heading path gives a bare paragraph its topic; a learner
    question is embedded as it is, to meet other learners' questions."""
    return chunk.text if chunk.kind == "question" else f"{chunk.title}\n{chunk.text}"
