"""Where index builds live, and the pointer to the one that serves.

A build is complete before it is published, and publishing is one atomic step, so the previous
build keeps serving until then and stays if a build fails or is interrupted.

- Embedded (default): each build is its own Chroma directory under `index/builds/`; the pointer
  is `index/CURRENT.json`, replaced atomically. Readers never open a directory being written,
  which matters because embedded Chroma is not process-safe.
- Server (`TERMSBOT_CHROMA_URL`): each build is its own collection; the pointer is the
  metadata of the `termsbot-pointer` collection, so every process sharing the server agrees.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from bot.errors import IndexMissing

COLLECTION_PREFIX = "termsbot-build-"
POINTER_COLLECTION = "termsbot-pointer"


@dataclass(frozen=True)
class BuildInfo:
    """What an index was built from: checked before any answer is served from it."""

    build_id: str
    corpus_fingerprint: str
    corpus_files: dict[str, str]
    embedder: str
    dim: int
    chunk_count: int
    chunks_digest: str
    created_at: str

    @property
    def collection_name(self) -> str:
        return COLLECTION_PREFIX + self.build_id

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> BuildInfo:
        return cls(**json.loads(raw))


class IndexStore(Protocol):
    description: str

    def current(self) -> BuildInfo | None: ...

    def create_collection(self, build_id: str) -> Any: ...

    def open_collection(self, info: BuildInfo) -> Any: ...

    def publish(self, info: BuildInfo) -> None: ...

    def discard(self, build_id: str) -> None: ...

    def collect_garbage(self) -> None: ...


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _create(client: Any, name: str) -> Any:
    # embedding_function=None: we always pass our own vectors; Chroma's default would try to
    # download a model on first use.
    return client.create_collection(
        name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
    )


class EmbeddedStore:
    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.description = f"embedded Chroma in {index_dir}"
        self._clients: dict[str, Any] = {}

    @property
    def _pointer(self) -> Path:
        return self.index_dir / "CURRENT.json"

    def _build_dir(self, build_id: str) -> Path:
        return self.index_dir / "builds" / build_id

    def _client(self, build_id: str) -> Any:
        if build_id not in self._clients:
            import chromadb

            path = self._build_dir(build_id)
            path.mkdir(parents=True, exist_ok=True)
            self._clients[build_id] = chromadb.PersistentClient(
                path=str(path), settings=_chroma_settings()
            )
        return self._clients[build_id]

    def current(self) -> BuildInfo | None:
        try:
            return BuildInfo.from_json(self._pointer.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def create_collection(self, build_id: str) -> Any:
        return _create(self._client(build_id), COLLECTION_PREFIX + build_id)

    def open_collection(self, info: BuildInfo) -> Any:
        if not self._build_dir(info.build_id).is_dir():
            raise IndexMissing(f"build {info.build_id} is missing from {self.index_dir}")
        return self._client(info.build_id).get_collection(
            info.collection_name, embedding_function=None
        )

    def publish(self, info: BuildInfo) -> None:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        tmp = self._pointer.with_suffix(".tmp")
        tmp.write_text(info.to_json(), encoding="utf-8")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self._pointer)

    def discard(self, build_id: str) -> None:
        self._clients.pop(build_id, None)
        shutil.rmtree(self._build_dir(build_id), ignore_errors=True)

    def collect_garbage(self) -> None:
        """Remove builds that are not current (interrupted or superseded ones)."""
        current = self.current()
        builds = self.index_dir / "builds"
        if not builds.is_dir():
            return
        for path in builds.iterdir():
            if current is None or path.name != current.build_id:
                self.discard(path.name)


class ServerStore:
    def __init__(self, url: str) -> None:
        import chromadb

        parsed = urlparse(url)
        self.description = f"Chroma server at {url}"
        self._client = chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=_chroma_settings(),
        )

    def _pointer(self) -> Any:
        return self._client.get_or_create_collection(POINTER_COLLECTION, embedding_function=None)

    def current(self) -> BuildInfo | None:
        raw = (self._pointer().metadata or {}).get("build")
        return BuildInfo.from_json(raw) if isinstance(raw, str) else None

    def create_collection(self, build_id: str) -> Any:
        return _create(self._client, COLLECTION_PREFIX + build_id)

    def open_collection(self, info: BuildInfo) -> Any:
        try:
            return self._client.get_collection(info.collection_name, embedding_function=None)
        except Exception as exc:
            raise IndexMissing(f"collection {info.collection_name} is missing: {exc}") from exc

    def publish(self, info: BuildInfo) -> None:
        self._pointer().modify(metadata={"build": info.to_json()})

    def discard(self, build_id: str) -> None:
        # Already gone is fine; chroma raises several types for it.
        with contextlib.suppress(Exception):
            self._client.delete_collection(COLLECTION_PREFIX + build_id)

    def collect_garbage(self) -> None:
        current = self.current()
        for collection in self._client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if name.startswith(COLLECTION_PREFIX) and (
                current is None or name != current.collection_name
            ):
                self.discard(name.removeprefix(COLLECTION_PREFIX))


def make_store(index_dir: Path, chroma_url: str | None) -> IndexStore:
    return ServerStore(chroma_url) if chroma_url else EmbeddedStore(index_dir)
