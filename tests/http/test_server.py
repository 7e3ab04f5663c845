"""The HTTP server around the app (a real `termsbot serve`): which proxies it believes, and
the error body of the requests it refuses before the app sees them."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from bot.runtime import Runtime
from tests.conftest import CORPUS_DIR
from tests.http.servers import clean_env, server, wait_ready

pytestmark = pytest.mark.server

SPOOFED = {"x-forwarded-for": "198.51.100.77"}


def _serve(tmp_path: Path, built_runtime: Runtime, name: str, *options: str) -> Iterator[str]:
    data_dir = tmp_path / name
    shutil.copytree(built_runtime.settings.index_dir, data_dir / "index")
    env = clean_env(
        TERMSBOT_DATA_DIR=str(data_dir),
        TERMSBOT_CORPUS_DIR=str(CORPUS_DIR),
        TERMSBOT_ANONYMOUS_RATE_LIMIT="3/minute",
        TERMSBOT_ACCESS_LOG="false",
        TERMSBOT_WARM_UP="false",
    )
    log = tmp_path / f"{name}.log"
    with server(env, log, *options) as (process, url):
        wait_ready(process, url, log)
        yield url


@pytest.fixture(scope="module")
def default_server(
    tmp_path_factory: pytest.TempPathFactory, built_runtime: Runtime
) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("default"), built_runtime, "default")


def test_a_spoofed_forwarded_for_from_loopback_does_not_lift_the_limit(
    default_server: str,
) -> None:
    for _ in range(3):
        assert httpx.get(f"{default_server}/v1/calculators").status_code == 200
    for spoofed in ("198.51.100.77", "198.51.100.78, 127.0.0.1", "unknown"):
        limited = httpx.get(
            f"{default_server}/v1/calculators", headers={"x-forwarded-for": spoofed}
        )
        assert limited.status_code == 429, limited.text
        assert limited.json()["error"]["code"] == "rate_limited"


def test_a_named_proxy_is_believed(tmp_path: Path, built_runtime: Runtime) -> None:
    for url in _serve(tmp_path, built_runtime, "proxied", "--forwarded-allow-ips", "127.0.0.1"):
        for _ in range(3):
            assert httpx.get(f"{url}/v1/calculators", headers=SPOOFED).status_code == 200
        assert httpx.get(f"{url}/v1/calculators", headers=SPOOFED).status_code == 429
        # Another client behind the proxy has its own allowance.
        other = {"x-forwarded-for": "198.51.100.78"}
        assert httpx.get(f"{url}/v1/calculators", headers=other).status_code == 200


def _raw(url: str, request: bytes) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize(
    "request_bytes",
    [
        pytest.param(b"GARBAGE\r\n\r\n", id="bad request line"),
        pytest.param(b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", id="bad header"),
        pytest.param(
            b"POST /v1/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"zz\r\nhello\r\n0\r\n\r\n",
            id="bad chunk size",
        ),
        pytest.param(
            b"POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            id="content-length with transfer-encoding",
        ),
    ],
)
def test_malformed_requests_get_the_api_error_body(
    default_server: str, request_bytes: bytes
) -> None:
    status, headers, body = _raw(default_server, request_bytes)
    assert status == 400
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == "bad_request" and error["message"].startswith("malformed HTTP request")
