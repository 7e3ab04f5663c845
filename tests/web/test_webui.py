"""The web door without a browser: routes, caching headers, ETags, CSP and CORS."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.settings import Settings
from bot.webui import IMMUTABLE_CACHE, LOADER_CACHE, REVALIDATE_CACHE, load_assets, mount_web


def _client(tmp_path: Path, allowed_origins: str | None = None) -> TestClient:
    app = FastAPI()
    settings = Settings(data_dir=tmp_path, allowed_origins=allowed_origins, _env_file=None)
    mount_web(app, settings)
    return TestClient(app)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return _client(tmp_path)


def test_the_demo_page_in_both_languages(client: TestClient) -> None:
    version = load_assets().version
    french = client.get("/")
    english = client.get("/", params={"lang": "en"})
    assert french.status_code == english.status_code == 200
    assert french.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="fr">' in french.text and '<html lang="en">' in english.text
    assert 'src="widget.js"' in french.text
    assert f"demo/{version}/demo.css" in french.text
    assert french.headers["cache-control"] == REVALIDATE_CACHE
    csp = french.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_the_loader_names_the_current_asset_version(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == LOADER_CACHE
    assert response.headers["etag"].startswith('"')
    assert f'const VERSION = "{load_assets().version}"' in response.text
    assert "__TERMSBOT_ASSET_VERSION__" not in response.text


def test_an_unchanged_file_is_not_sent_again(client: TestClient) -> None:
    etag = client.get("/widget.js").headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get("/widget.js", headers={"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == etag
    assert client.get("/widget.js", headers={"If-None-Match": '"other"'}).status_code == 200


def test_versioned_assets_are_immutable_and_old_versions_revalidate(client: TestClient) -> None:
    version = load_assets().version
    current = client.get(f"/widget/{version}/termsbot.js")
    assert current.status_code == 200
    assert current.headers["cache-control"] == IMMUTABLE_CACHE
    assert current.headers["access-control-allow-origin"] == "*"
    assert current.headers["x-content-type-options"] == "nosniff"
    stale = client.get("/widget/0123456789ab/termsbot.js")
    assert stale.status_code == 200
    assert stale.headers["cache-control"] == REVALIDATE_CACHE
    assert stale.content == current.content
    css = client.get(f"/widget/{version}/widget.css")
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    assert client.get(f"/demo/{version}/demo.js").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/widget/v/nothing.js",
        "/widget/v/../widget.js",
        "/widget/v/%2e%2e/api.py",
        "/demo/v/fr.html",
    ],
)
def test_only_known_files_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_head_requests(client: TestClient) -> None:
    response = client.head("/widget.js")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 1000


def test_an_origin_allow_list_limits_who_may_load_the_modules(tmp_path: Path) -> None:
    client = _client(tmp_path, allowed_origins="https://help.example.org")
    path = f"/widget/{load_assets().version}/termsbot.js"
    allowed = client.get(path, headers={"Origin": "https://help.example.org"})
    assert allowed.headers["access-control-allow-origin"] == "https://help.example.org"
    assert allowed.headers["vary"] == "Origin"
    other = client.get(path, headers={"Origin": "https://elsewhere.example.com"})
    assert "access-control-allow-origin" not in other.headers


def test_the_fingerprint_follows_the_files(tmp_path: Path) -> None:
    web = tmp_path / "web"
    (web / "widget").mkdir(parents=True)
    (web / "demo").mkdir()
    (web / "widget.js").write_text('const VERSION = "__TERMSBOT_ASSET_VERSION__";')
    for lang in ("fr", "en"):
        (web / "demo" / f"{lang}.html").write_text("<html></html>")
    (web / "widget" / "termsbot.js").write_text("export const a = 1;")
    first = load_assets(web)
    (web / "widget" / "termsbot.js").write_text("export const a = 2;")
    second = load_assets(web)
    assert first.version != second.version
    assert second.version.encode() in second.loader.body
