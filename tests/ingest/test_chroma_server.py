"""The multi-process path: a real `chroma run` server shared through HttpClient."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.settings import Settings
from ingest.embedders import Embedder
from ingest.store import ServerStore
from tests.chroma_server import chroma_server
from tests.conftest import CORPUS_DIR, make_runtime

pytestmark = pytest.mark.server


def _runtime(tmp_path: Path, url: str, embedder: Embedder) -> Runtime:
    settings = Settings(
        data_dir=tmp_path / "var",
        corpus_dir=CORPUS_DIR,
        chroma_url=url,
        _env_file=None,  # type: ignore[call-arg]
    )
    return make_runtime(settings, embedder)


def test_ingest_and_search_through_a_chroma_server(tmp_path: Path, use_embedder: Embedder) -> None:
    with chroma_server(tmp_path / "chroma") as url:
        writer = _runtime(tmp_path / "writer", url, use_embedder)
        report = writer.ingest()
        assert not report.unchanged and report.chunks > 200
        assert isinstance(writer.store, ServerStore)
        # Another process's view: a fresh runtime that shares only the server.
        reader = _runtime(tmp_path / "reader", url, use_embedder)
        assert reader.readiness().ready
        hits = reader.retriever().search("AME Conso médiateur", reader.scope(), k=3)
        assert hits[0].doc_id == "cgs" and hits[0].section == "10"
        assert writer.ingest().unchanged
        # No local index directory is used in server mode.
        assert not (tmp_path / "writer" / "var" / "index").exists()
        collections = [
            c if isinstance(c, str) else c.name for c in writer.store._client.list_collections()
        ]  # type: ignore[attr-defined]
        assert sorted(collections) == sorted(
            ["termsbot-pointer", f"termsbot-build-{report.build_id}"]
        )
