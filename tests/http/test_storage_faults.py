"""Storage faults on real file systems (tmpfs mounts): a read-only data directory stops
start-up with its path named; a full disk makes /readyz 503 with the reason, a chat that
cannot be stored is refused and leaves nothing half-written, and freeing space recovers."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from bot.runtime import Runtime
from tests.conftest import CORPUS_DIR
from tests.http.conftest import runtime_sharing
from tests.http.servers import clean_env, termsbot_executable

QUESTION = "Combien de jours ai-je pour changer d'avis après mon inscription Premium Plus ?"


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A real small file system at `path` (mounting needs root, as in CI)."""
    path.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


def test_a_read_only_data_directory_stops_start_up_naming_it(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "4m") as mount:
        (mount / "var").mkdir()
        _remount_read_only(mount)
        env = clean_env(TERMSBOT_DATA_DIR=str(mount / "var"), TERMSBOT_CORPUS_DIR=str(CORPUS_DIR))
        started = subprocess.run(
            [termsbot_executable(), "serve", "--port", "1"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    output = started.stdout + started.stderr
    assert started.returncode == 2, output
    assert str(mount / "var") in output and "Read-only file system" in output
    assert "Traceback" not in output


def _fill(directory: Path) -> Path:
    """Write until the file system is full; the filler file, to delete later."""
    filler = directory / "filler"
    for block in (1 << 20, 4096):  # megabytes, then the last few kilobytes
        with suppress(OSError), filler.open("ab", buffering=0) as handle:
            while True:
                handle.write(b"\0" * block)
                os.fsync(handle.fileno())
    return filler


def test_a_full_disk_is_not_ready_and_loses_nothing(tmp_path: Path, built_runtime: Runtime) -> None:
    with tmpfs(tmp_path / "small", "48m") as mount:
        data_dir = mount / "var"
        shutil.copytree(built_runtime.settings.index_dir, data_dir / "index")
        runtime = runtime_sharing(
            built_runtime,
            data_dir=data_dir,
            database_url=f"sqlite:///{data_dir / 'termsbot.sqlite3'}",
        )
        settings = runtime.settings.model_copy(
            update={"warm_up": False, "min_free_disk_mb": 1.0, "readiness_cache_seconds": 0.0}
        )
        session = {"x-termsbot-session": "full-disk-session-0001"}
        with TestClient(create_app(settings, runtime)) as client:
            assert client.get("/readyz").status_code == 200
            first = client.post("/v1/chat", json={"message": QUESTION}, headers=session)
            assert first.status_code == 200
            conversation = first.json()["conversation_id"]
            store = runtime.conversations
            stored = store.history(conversation)

            filler = _fill(mount)
            ready = client.get("/readyz")
            assert ready.status_code == 503
            assert str(data_dir) in ready.json()["reason"]
            follow = client.post(
                "/v1/chat",
                json={"message": "Et pour Solo ?", "conversation_id": conversation},
                headers=session,
            )
            # Refused as unavailable, or answered and stored: never answered and lost.
            if follow.status_code == 200:
                assert len(store.history(conversation)) == len(stored) + 1
            else:
                assert follow.status_code == 503, follow.text
                assert store.history(conversation) == stored

            filler.unlink()
            assert client.get("/readyz").status_code == 200
            again = client.post(
                "/v1/chat",
                json={"message": "Et pour Solo ?", "conversation_id": conversation},
                headers=session,
            )
            assert again.status_code == 200
            assert store.history(conversation)[-1].message_id == again.json()["message_id"]
        runtime.conversations.dispose()
