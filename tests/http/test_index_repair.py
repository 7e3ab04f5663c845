"""A real `termsbot serve` on a real embedded Chroma build whose files are overwritten while
it serves, then restarted on the damaged index and on a truncated pointer: `/readyz` says so
at once, the index is rebuilt from the corpus, and answers come back right."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.runtime import Runtime
from tests.conftest import CORPUS_DIR
from tests.http.servers import clean_env, server, wait_ready

pytestmark = pytest.mark.server

QUESTION = "Combien de jours ai-je pour changer d'avis après mon inscription Premium Plus ?"


def _answer(url: str) -> dict[str, Any]:
    response = httpx.post(f"{url}/v1/chat", json={"message": QUESTION}, timeout=60.0)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _is_right(body: dict[str, Any]) -> bool:
    return body["status"] == "answered" and body["citations"][0]["section"] == "6.2"


def _overwrite_index(index_dir: Path) -> None:
    for path in (index_dir / "builds").rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            with path.open("r+b") as handle:
                handle.write(os.urandom(size))


def _wait_rebuilt(url: str, old_build: object, timeout: float = 600.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = httpx.get(f"{url}/readyz", timeout=30.0)
        if response.status_code == 200 and response.json()["build_id"] != old_build:
            body: dict[str, Any] = response.json()
            return body
        time.sleep(1.0)
    raise AssertionError("the index was not rebuilt in time")


def test_a_damaged_index_is_seen_and_rebuilt_while_serving_and_at_restart(
    tmp_path: Path, built_runtime: Runtime
) -> None:
    data_dir = tmp_path / "var"
    shutil.copytree(built_runtime.settings.index_dir, data_dir / "index")
    env = clean_env(
        TERMSBOT_DATA_DIR=str(data_dir),
        TERMSBOT_CORPUS_DIR=str(CORPUS_DIR),
        TERMSBOT_ACCESS_LOG="false",
    )
    log = tmp_path / "serve.log"

    with server(env, log) as (process, url):
        first = wait_ready(process, url, log)["build_id"]
        assert _is_right(_answer(url))

        _overwrite_index(data_dir / "index")
        damaged = httpx.get(f"{url}/readyz", timeout=30.0)
        assert damaged.status_code == 503, damaged.text
        assert damaged.json()["status"] == "not_ready" and damaged.json()["reason"]
        # While it is rebuilt: a chat is answered right (the vectors are still in memory) or
        # refused as not ready, never a 500.
        during = httpx.post(f"{url}/v1/chat", json={"message": QUESTION}, timeout=60.0)
        assert during.status_code in (200, 503), during.text
        if during.status_code == 200:
            assert _is_right(during.json())
        else:
            assert during.json()["error"]["code"].startswith("index_")

        repaired = _wait_rebuilt(url, first)["build_id"]
        assert _is_right(_answer(url))
    assert "damaged" in log.read_text()

    # A restart on a damaged index: rebuilt before serving.
    _overwrite_index(data_dir / "index")
    with server(env, log) as (process, url):
        restarted = wait_ready(process, url, log, timeout=600.0)["build_id"]
        assert restarted not in (first, repaired)
        assert _is_right(_answer(url))

    # A restart on a truncated pointer: no index, built before serving.
    pointer = data_dir / "index" / "CURRENT.json"
    pointer.write_bytes(pointer.read_bytes()[:64])
    with server(env, log) as (process, url):
        rebuilt = wait_ready(process, url, log, timeout=600.0)["build_id"]
        assert rebuilt != restarted
        assert _is_right(_answer(url))
    assert "Traceback" not in log.read_text()
