"""Shared fixtures: the real corpus, the real bundled embedder, a real Chroma index."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings

from bot.runtime import Runtime
from bot.settings import PROJECT_ROOT, Settings
from ingest.corpus import Corpus, load_corpus
from ingest.embedders import Embedder, UseEmbedder

CORPUS_DIR = PROJECT_ROOT / "corpus"

# CI explores the same examples every run (a failure there is reproducible, and a busy machine
# does not trip deadlines); developers' runs keep exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def use_embedder() -> Embedder:
    return UseEmbedder()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the corpus, for tests that alter or break it."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", corpus_dir=CORPUS_DIR, _env_file=None)  # type: ignore[call-arg]


class _SharedEmbedderRuntime(Runtime):
    """A Runtime that reuses the session's embedder instead of loading another."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        super().__init__(settings)
        self.__dict__["embedder"] = embedder


def make_runtime(settings: Settings, embedder: Embedder) -> Runtime:
    return _SharedEmbedderRuntime(settings, embedder)


@pytest.fixture(scope="session")
def built_runtime(tmp_path_factory: pytest.TempPathFactory, use_embedder: Embedder) -> Runtime:
    """One index built once for the session, from the real corpus."""
    data_dir = tmp_path_factory.mktemp("built") / "var"
    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS_DIR, _env_file=None)  # type: ignore[call-arg]
    runtime = make_runtime(settings, use_embedder)
    runtime.ingest()
    return runtime


@pytest.fixture
def client(built_runtime: Runtime) -> Iterator[TestClient]:
    from api import create_app

    with TestClient(create_app(runtime=built_runtime)) as test_client:
        yield test_client
