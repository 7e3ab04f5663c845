"""A build proves itself: what it records when it is written, and the checks against it.

    proof = prove(collection, chunks, probe_vector)     # at build time, before publishing
    verify(store, info)                                 # later: IndexCorrupt when it fails

Checks, cheapest and safest first: the segment files are unchanged (embedded Chroma; checked
before Chroma opens them, because a damaged segment file can crash the process that loads
it), the stored chunks are the ones written (ids, texts and metadata, by digest), and a real
query (the recorded probe vector) answers the ids it answered when the build was written.
Errors of the vector store itself become `IndexCorrupt`, with its message.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.errors import IndexCorrupt, TermsbotError
from ingest.model import Chunk
from ingest.store import BuildInfo, IndexStore

# Any text does: its embedding, rounded and recorded, is the query every check repeats.
PROBE_TEXT = "délai de réflexion après l'acceptation des conditions"
PROBE_RESULTS = 5
_DECIMALS = 6

T = TypeVar("T")


@dataclass(frozen=True)
class Proof:
    content_digest: str
    probe_vector: list[float]
    probe_ids: list[str]


@contextmanager
def store_errors(build_id: str) -> Iterator[None]:
    """The vector store's own failures (a damaged SQLite file, segment, collection) as
    `IndexCorrupt`: the door answers 503 and the index is rebuilt."""
    try:
        yield
    except TermsbotError:
        raise
    except Exception as exc:  # chromadb raises many types (InternalError, ValueError, …)
        detail = " ".join(str(exc).split())[:200]
        raise IndexCorrupt(f"build {build_id}: {type(exc).__name__}: {detail}") from exc


def content_digest(ids: Sequence[str], texts: Sequence[str], metas: Sequence[Any]) -> str:
    rows = sorted(
        json.dumps([i, t, m], sort_keys=True, ensure_ascii=False)
        for i, t, m in zip(ids, texts, metas, strict=True)
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def chunks_content_digest(chunks: Sequence[Chunk]) -> str:
    return content_digest(
        [c.chunk_id for c in chunks], [c.text for c in chunks], [c.metadata() for c in chunks]
    )


def prove(collection: Any, chunks: Sequence[Chunk], probe_vector: Sequence[float]) -> Proof:
    """What the build is to answer later, read back from what was just written."""
    vector = [round(float(x), _DECIMALS) for x in probe_vector]
    proof = Proof(chunks_content_digest(chunks), vector, probe(collection, vector))
    check_content(proof.content_digest, read_all(collection), "the new build")
    return proof


def probe(collection: Any, vector: list[float]) -> list[str]:
    result = collection.query(query_embeddings=[vector], n_results=PROBE_RESULTS, include=[])
    return [str(i) for i in result["ids"][0]]


def read_all(collection: Any) -> dict[str, Any]:
    got: dict[str, Any] = collection.get(include=["documents", "metadatas"])
    return got


def check_content(expected: str, got: dict[str, Any], build_id: str) -> None:
    if content_digest(got["ids"], got["documents"], got["metadatas"]) != expected:
        raise IndexCorrupt(f"build {build_id}: its chunks differ from those written")


def check_probe(info: BuildInfo, collection: Any) -> None:
    assert info.probe_vector is not None and info.probe_ids is not None
    answered = probe(collection, info.probe_vector)
    if answered != info.probe_ids:
        raise IndexCorrupt(f"build {info.build_id}: the probe query answers other chunks")


def verify(store: IndexStore, info: BuildInfo) -> tuple[Any, dict[str, Any]]:
    """Every check of the module's docstring; the opened collection and its content (ids,
    documents, metadatas) when all pass."""
    if not info.verifiable:
        raise IndexCorrupt(f"build {info.build_id} predates self-checks: rebuild it")
    assert info.content_digest is not None
    store.check_files(info)
    with store_errors(info.build_id):
        collection = store.open_collection(info)
        got = read_all(collection)
        if len(got["ids"]) != info.chunk_count:
            raise IndexCorrupt(
                f"build {info.build_id} holds {len(got['ids'])} chunks, it recorded "
                f"{info.chunk_count}"
            )
        check_content(info.content_digest, got, info.build_id)
        check_probe(info, collection)
    return collection, got


def guarded(call: Callable[..., T], build_id: str) -> Callable[..., T]:
    """`call` with the store's failures as `IndexCorrupt`."""

    def run(*args: Any, **kwargs: Any) -> T:
        with store_errors(build_id):
            return call(*args, **kwargs)

    return run
