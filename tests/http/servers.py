"""Real `termsbot serve` processes for tests, on free loopback ports."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.chroma_server import free_port


def termsbot_executable() -> str:
    return str(Path(sys.executable).parent / "termsbot")


def clean_env(**settings: str) -> dict[str, str]:
    """This process's environment without any TERMSBOT_ setting, plus `settings`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("TERMSBOT_")}
    return base | settings


@contextmanager
def server(
    env: dict[str, str], log: Path, *options: str
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`termsbot serve` on a free loopback port (not yet ready: see `wait_ready`)."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [termsbot_executable(), "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process, f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_ready(
    process: subprocess.Popen[bytes], url: str, log: Path, timeout: float = 300.0
) -> dict[str, object]:
    """`/readyz`'s body once it is 200."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            response = httpx.get(f"{url}/readyz", timeout=10.0)
            if response.status_code == 200:
                body: dict[str, object] = response.json()
                return body
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"server not ready in time:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
