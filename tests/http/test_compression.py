"""Responses compressed by Accept-Encoding (the event stream too), and /docs served from the
server's own files."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable
from html.parser import HTMLParser

import brotli
import httpx
import pytest
from fastapi.testclient import TestClient

from tests.http.conftest import MakeClient
from tests.http.test_streaming import parse_events

QUESTION = {"message": "Combien de temps dure le délai de réflexion Premium Plus ?"}


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def _raw(
    client: TestClient, method: str, path: str, accept: str, json: object = None
) -> tuple[httpx.Headers, bytes]:
    """(headers, body as sent, before the client's own decoding)."""
    with client.stream(method, path, headers={"Accept-Encoding": accept}, json=json) as response:
        return response.headers, b"".join(response.iter_raw())


@pytest.mark.parametrize(
    ("accept", "encoding", "unpack"),
    [
        ("br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("identity", None, bytes),
    ],
)
def test_json_answers_are_compressed_when_the_client_accepts_it(
    client: TestClient, accept: str, encoding: str | None, unpack: Callable[[bytes], bytes]
) -> None:
    headers, body = _raw(client, "POST", "/v1/chat", accept, json=QUESTION)
    assert headers.get("content-encoding") == encoding
    answer = json.loads(unpack(body))
    assert answer["status"] == "answered" and answer["citations"]
    if encoding:
        assert "Accept-Encoding" in headers["vary"]


def test_the_event_stream_is_compressed_and_still_a_stream(client: TestClient) -> None:
    headers, body = _raw(client, "POST", "/v1/chat/stream", "gzip", json=QUESTION)
    assert headers["content-type"].startswith("text/event-stream")
    assert headers["content-encoding"] == "gzip"
    events = parse_events(zlib.decompress(body, wbits=31).decode("utf-8"))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done"


def test_small_responses_are_left_alone(client: TestClient) -> None:
    headers, body = _raw(client, "GET", "/healthz", "br, gzip")
    assert "content-encoding" not in headers and json.loads(body) == {"status": "ok"}


class _Sources(HTMLParser):
    """Every address an HTML page loads (src and href of script, link, img)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.urls.append(value)


def test_docs_load_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    parser = _Sources()
    parser.feed(page.text)
    assert parser.urls, "the page loads nothing?"
    assert all(url.startswith("/") and not url.startswith("//") for url in parser.urls), parser.urls
    assert not re.search(r"https?://", page.text), "an absolute address in the docs page"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for url in parser.urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 1000, url
    bundle = client.get("/docs/assets/swagger-ui-bundle.js", headers={"Accept-Encoding": "br"})
    assert bundle.headers["content-encoding"] == "br"
    assert client.get("/redoc").status_code == 404  # ReDoc would fetch its logo from a CDN
