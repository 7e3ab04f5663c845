"""The web door without a browser: routes, caching headers, ETags, compression, CSP, CORS,
the server's settings in the loader, and the committed bundle matching its sources."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.runtime import Runtime
from bot.settings import PROJECT_ROOT, Settings
from bot.webui import IMMUTABLE_CACHE, LOADER_CACHE, REVALIDATE_CACHE, load_assets, mount_web

IDENTITY = {"Accept-Encoding": "identity"}


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
    response = client.get("/widget.js", headers=IDENTITY)
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
    # The widget is one module, its styles inside: no stylesheet, no other module.
    assert client.get(f"/widget/{version}/widget.css").status_code == 404
    assert sorted(load_assets().widget) == ["termsbot.js"]
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
    response = client.head("/widget.js", headers=IDENTITY)
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 1000


def test_an_origin_allow_list_limits_who_may_load_the_modules(tmp_path: Path) -> None:
    client = _client(tmp_path, allowed_origins="https://help.example.org")
    path = f"/widget/{load_assets().version}/termsbot.js"
    allowed = client.get(path, headers={"Origin": "https://help.example.org"})
    assert allowed.headers["access-control-allow-origin"] == "https://help.example.org"
    assert allowed.headers["vary"] == "Origin, Accept-Encoding"
    other = client.get(path, headers={"Origin": "https://elsewhere.example.com"})
    assert "access-control-allow-origin" not in other.headers


def test_the_fingerprint_follows_the_files(tmp_path: Path) -> None:
    web = tmp_path / "web"
    (web / "widget").mkdir(parents=True)
    (web / "demo").mkdir()
    (web / "widget.js").write_text('const VERSION = "__TERMSBOT_ASSET_VERSION__";')
    for lang in ("fr", "en"):
        (web / "demo" / f"{lang}.html").write_text("<html></html>")
    (web / "bundle").mkdir()
    (web / "bundle" / "termsbot.js").write_text("export const a = 1;")
    first = load_assets(web)
    (web / "bundle" / "termsbot.js").write_text("export const a = 2;")
    second = load_assets(web)
    assert first.version != second.version
    assert second.version.encode() in second.loader.body


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("identity", None),
        ("", None),
    ],
)
def test_files_are_sent_compressed_as_the_client_accepts(
    client: TestClient, accept: str, encoding: str | None
) -> None:
    version = load_assets().version
    plain = load_assets().widget["termsbot.js"].body
    for path in ("/widget.js", f"/widget/{version}/termsbot.js", "/"):
        response = client.get(path, headers={"Accept-Encoding": accept})
        assert response.status_code == 200, path
        assert response.headers.get("content-encoding") == encoding, path
        assert "Accept-Encoding" in response.headers["vary"], path
    # What the client unpacks is the file itself, and the compressed form is much smaller.
    raw = _raw(client, f"/widget/{version}/termsbot.js", accept)
    unpacked = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](raw)
    assert unpacked == plain
    if encoding:
        assert len(raw) < len(plain) / 2.5


def _raw(client: TestClient, path: str, accept: str) -> bytes:
    """The body as sent, before the client's own decoding."""
    with client.stream("GET", path, headers={"Accept-Encoding": accept}) as response:
        return b"".join(response.iter_raw())


def test_each_encoding_has_its_own_etag_and_revalidates(client: TestClient) -> None:
    version = load_assets().version
    path = f"/widget/{version}/termsbot.js"
    br = client.get(path, headers={"Accept-Encoding": "br"}).headers["etag"]
    plain = client.get(path, headers=IDENTITY).headers["etag"]
    assert br != plain and br.endswith('-br"')
    again = client.get(path, headers={"Accept-Encoding": "br", "If-None-Match": br})
    assert again.status_code == 304 and again.headers["content-encoding"] == "br"


def test_the_loader_carries_the_servers_settings_for_the_widget(
    built_runtime: Runtime, tmp_path: Path
) -> None:
    from api import create_app

    settings = built_runtime.settings.model_copy(
        update={"contact_url": "https://school.example/form", "warm_up": False}
    )
    with TestClient(create_app(settings=settings, runtime=built_runtime)) as client:
        loader = client.get("/widget.js").text
    found = re.search(r"const SERVER = (\{.*?\});\n", loader)
    assert found, "the loader has no server settings"
    server = json.loads(found.group(1))
    assert server["contactUrl"] == "https://school.example/form"
    assistant = built_runtime.assistant
    assert server["contact"] == {"fr": assistant.contact("fr"), "en": assistant.contact("en")}
    assert "+33" in server["contact"]["fr"]  # Student Success's phone, from CGS Article 10


def test_the_committed_bundle_is_built_from_the_sources() -> None:
    node = shutil.which("node")
    assert node, "Node.js is missing: `make system-deps` installs it with the build tools"
    assert (PROJECT_ROOT / "web" / "node_modules" / "esbuild").is_dir(), (
        "esbuild is missing: run `npm ci --prefix web` (make system-deps)"
    )
    check = subprocess.run(
        [node, "web/build.mjs", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stderr + check.stdout
