"""Where index builds live, and the pointer to the one that serves.

A build is complete before it is published, and publishing is one atomic step, so the previous
build keeps serving until then and stays if a build fails or is interrupted.

- Embedded (default): each build is its own Chroma directory under `index/builds/`; the pointer
  is `index/CURRENT.json`, replaced atomically. Readers never open a directory being written,
  which matters because embedded Chroma is not process-safe.
- Server (`TERMSBOT_CHROMA_URL`): each build is its own collection; the pointer is the
  metadata of the `termsbot-pointer` collection, so every process sharing the server agrees.

A build records how to prove itself later (see `bot/index.py`): the digest of its chunks'
content, a probe query with the ids it answered, and (embedded) the SHA-256 of Chroma's
vector segment files, checked before Chroma opens them: a damaged segment file can crash the
process that loads it. A pointer that cannot be read (truncated, not JSON) is no index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from bot.errors import IndexCorrupt, IndexMissing

log = logging.getLogger("termsbot.index")

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
    # How the build proves itself (None in builds made before these were recorded: such a
    # build cannot be verified, and is rebuilt).
    content_digest: str | None = None
    probe_vector: list[float] | None = None
    probe_ids: list[str] | None = None
    segment_files: dict[str, str] | None = None

    @property
    def collection_name(self) -> str:
        return COLLECTION_PREFIX + self.build_id

    @property
    def verifiable(self) -> bool:
        return None not in (self.content_digest, self.probe_vector, self.probe_ids)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> BuildInfo:
        """The build a pointer names; `IndexMissing` when the pointer cannot be read."""
        try:
            values = json.loads(raw)
            known = {f.name for f in fields(cls)}
            if not isinstance(values, dict) or not set(values) <= known:
                raise TypeError("not a build record")
            return cls(**values)
        except (ValueError, TypeError) as exc:
            raise IndexMissing(f"the index pointer is unreadable ({exc})") from exc


class IndexStore(Protocol):
    description: str

    def current(self) -> BuildInfo | None: ...

    def create_collection(self, build_id: str) -> Any: ...

    def open_collection(self, info: BuildInfo) -> Any: ...

    def publish(self, info: BuildInfo) -> None: ...

    def segment_files(self, build_id: str) -> dict[str, str] | None: ...

    def check_files(self, info: BuildInfo) -> None: ...

    def stamp(self) -> tuple[object, ...] | None: ...

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
        # The last pointer read, with the identity of the file it came from: every answer
        # asks which build is current, and reading and parsing the pointer (its probe vector
        # among it) each time cost more than a `stat`. `publish` replaces the file, so a new
        # build is a new inode and always seen; an edit in place is seen by its size or
        # modification time.
        self._read: tuple[tuple[int, int, int, int], BuildInfo] | None = None

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
            with self._pointer.open("rb") as handle:
                info = os.fstat(handle.fileno())
                identity = (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)
                read = self._read
                if read is not None and read[0] == identity:
                    return read[1]
                raw = handle.read().decode("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("index pointer %s is unreadable (%s): no index", self._pointer, exc)
            return None
        try:
            build = BuildInfo.from_json(raw)
        except IndexMissing as exc:
            log.warning("%s: %s; taken as no index", self._pointer, exc)
            return None
        self._read = (identity, build)
        return build

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
        try:
            tmp.write_text(info.to_json(), encoding="utf-8")
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, self._pointer)
        except BaseException:
            tmp.unlink(missing_ok=True)  # a full disk leaves no half-written pointer behind
            raise

    def segment_files(self, build_id: str) -> dict[str, str]:
        """SHA-256 of the build's files that Chroma only reads (its vector segments); the
        SQLite file is left out: Chroma writes to it whenever it opens it."""
        root = self._build_dir(build_id)
        return {
            path.relative_to(root).as_posix(): _sha256(path)
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.name.startswith("chroma.sqlite3")
        }

    def stamp(self) -> tuple[object, ...]:
        """Size and modification time of the pointer and of the builds' files: a few `stat`
        calls that change whenever a file is written, so that a cached check can be trusted
        until they do."""
        paths = [self._pointer, *sorted((self.index_dir / "builds").rglob("*"))]
        return tuple(_stat(path) for path in paths)

    def check_files(self, info: BuildInfo) -> None:
        """`IndexCorrupt` unless every recorded segment file is there, unchanged, and the
        SQLite file reads as a sound database (opened read-only: nothing is written)."""
        if not self._build_dir(info.build_id).is_dir():
            raise IndexMissing(f"build {info.build_id} is missing from {self.index_dir}")
        root = self._build_dir(info.build_id)
        _check_sqlite(root / "chroma.sqlite3", info.build_id)
        if info.segment_files is None:
            return
        for name, digest in info.segment_files.items():
            path = root / name
            if not path.is_file():
                raise IndexCorrupt(f"build {info.build_id}: {name} is missing")
            if _sha256(path) != digest:
                raise IndexCorrupt(f"build {info.build_id}: {name} was altered")

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


def _check_sqlite(path: Path, build_id: str) -> None:
    if not path.is_file():
        raise IndexCorrupt(f"build {build_id}: {path.name} is missing")
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
            verdict = [row[0] for row in db.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        raise IndexCorrupt(f"build {build_id}: {path.name}: {exc}") from exc
    if verdict != ["ok"]:
        raise IndexCorrupt(f"build {build_id}: {path.name}: {'; '.join(verdict)[:200]}")


def _stat(path: Path) -> tuple[str, int, int] | str:
    try:
        info = path.stat()
    except OSError:
        return str(path)
    return (str(path), info.st_size, info.st_mtime_ns)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
        if not isinstance(raw, str):
            return None
        try:
            return BuildInfo.from_json(raw)
        except IndexMissing as exc:
            log.warning("the server's index pointer: %s; taken as no index", exc)
            return None

    def create_collection(self, build_id: str) -> Any:
        return _create(self._client, COLLECTION_PREFIX + build_id)

    def open_collection(self, info: BuildInfo) -> Any:
        try:
            return self._client.get_collection(info.collection_name, embedding_function=None)
        except Exception as exc:
            raise IndexMissing(f"collection {info.collection_name} is missing: {exc}") from exc

    def publish(self, info: BuildInfo) -> None:
        self._pointer().modify(metadata={"build": info.to_json()})

    def segment_files(self, build_id: str) -> None:
        return None  # the server keeps its files; content and probe are checked instead

    def check_files(self, info: BuildInfo) -> None:
        return None

    def stamp(self) -> None:
        return None  # nothing local to watch: checks are reused for their time only

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
