"""The web door: the chat widget's files and the demo help page, served by the API.

    GET /                           the demo help page (French; `?lang=en` for English)
    GET /widget.js                  the loader that help pages embed with one script tag
    GET /widget/{version}/{file}    the widget: one module, its styles inside (web/bundle/)
    GET /demo/{version}/{file}      the demo page's own stylesheet and script

The files under `web/` are read once, when the app is built, fingerprinted together and
compressed once (brotli and gzip): each request gets the encoding its `Accept-Encoding`
allows, with `Vary: Accept-Encoding`. The loader and the demo page name the fingerprint in
their asset URLs, so the assets are cached for a year (`immutable`) while the loader and the
page are revalidated (ETag, 304). The loader also carries the server's settings for the
widget: the contact form (`TERMSBOT_CONTACT_URL`) and Student Success's details.

The widget's module is built from `web/widget/` by `node web/build.mjs` (esbuild) and
committed, so that serving it needs no Node.js.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import brotli
from fastapi import FastAPI, Query, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.errors import TermsbotError
from bot.settings import PROJECT_ROOT, Settings

WEB_DIR = PROJECT_ROOT / "web"
VERSION_MARK = "__TERMSBOT_ASSET_VERSION__"
CONFIG_MARK = '"__TERMSBOT_SERVER_CONFIG__"'

LOADER_CACHE = "public, max-age=300, stale-while-revalidate=86400"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
REVALIDATE_CACHE = "no-cache"

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
# Encodings offered, best first; smaller files are sent as they are.
ENCODINGS = ("br", "gzip")
MIN_COMPRESSED_SIZE = 256

# The demo page allows nothing but its own origin: the widget must work under a strict policy.
DEMO_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str
    etag: str
    encoded: Mapping[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, body: bytes, suffix: str) -> Asset:
        digest = hashlib.sha256(body).hexdigest()[:20]
        encoded: dict[str, bytes] = {}
        if suffix in _TYPES and suffix != ".svg" and len(body) >= MIN_COMPRESSED_SIZE:
            encoded = {
                "br": brotli.compress(body, quality=11),
                "gzip": gzip.compress(body, compresslevel=9, mtime=0),
            }
        return cls(body, _TYPES.get(suffix, "application/octet-stream"), f'"{digest}"', encoded)

    def representation(self, accept_encoding: str | None) -> tuple[str | None, bytes, str]:
        """(encoding, body, ETag) for a request's Accept-Encoding."""
        accepted = _accepted(accept_encoding)
        for encoding in ENCODINGS:
            if encoding in accepted and encoding in self.encoded:
                return encoding, self.encoded[encoding], f'{self.etag[:-1]}-{encoding}"'
        return None, self.body, self.etag


def _accepted(header: str | None) -> frozenset[str]:
    """The encodings an Accept-Encoding header allows (a zero quality refuses one)."""
    accepted = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            if float(quality or "1") > 0:
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return frozenset(accepted)


@dataclass(frozen=True)
class WebAssets:
    version: str
    loader_source: str
    pages: Mapping[str, Asset]
    widget: Mapping[str, Asset]
    demo: Mapping[str, Asset]

    @property
    def loader(self) -> Asset:
        """The loader without server settings (the widget then has no contact details)."""
        return self.loader_with({})

    def loader_with(self, server: Mapping[str, Any]) -> Asset:
        config = json.dumps(dict(server), ensure_ascii=True)  # ASCII: safe anywhere in JS
        return Asset.of(self.loader_source.replace(CONFIG_MARK, config).encode("utf-8"), ".js")


def load_assets(web_dir: Path = WEB_DIR) -> WebAssets:
    """Everything the web door serves, read from `web_dir` and fingerprinted."""
    widget = _read_files(web_dir / "bundle", (".js", ".css", ".svg", ".json"))
    demo = _read_files(web_dir / "demo", (".js", ".css"))
    version = _fingerprint({**_prefixed("widget/", widget), **_prefixed("demo/", demo)})

    def stamped(path: Path) -> str:
        return path.read_text(encoding="utf-8").replace(VERSION_MARK, version)

    return WebAssets(
        version=version,
        loader_source=stamped(web_dir / "widget.js"),
        pages={
            lang: Asset.of(stamped(web_dir / "demo" / f"{lang}.html").encode("utf-8"), ".html")
            for lang in ("fr", "en")
        },
        widget={name: Asset.of(body, Path(name).suffix) for name, body in widget.items()},
        demo={name: Asset.of(body, Path(name).suffix) for name, body in demo.items()},
    )


def _read_files(folder: Path, suffixes: tuple[str, ...]) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in suffixes
    }


def _prefixed(prefix: str, files: Mapping[str, bytes]) -> dict[str, bytes]:
    return {prefix + name: body for name, body in files.items()}


def _fingerprint(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:12]


def mount_web(app: FastAPI, settings: Settings, web_dir: Path = WEB_DIR) -> None:
    """Register the demo page, the widget loader and the widget's assets on `app`."""
    assets = load_assets(web_dir)
    origins = _origins(settings.allowed_origins)
    loader = _LazyLoader(assets, lambda: server_config(app, settings))

    def page(request: Request, lang: Annotated[str | None, Query(max_length=8)] = None) -> Response:
        asset = assets.pages["en" if lang == "en" else "fr"]
        return _send(request, asset, REVALIDATE_CACHE, {"Content-Security-Policy": DEMO_CSP})

    def widget_loader(request: Request) -> Response:
        return _send(request, loader.get(), LOADER_CACHE, _cors(request, origins))

    def widget_file(request: Request, version: str, name: str) -> Response:
        return _versioned(request, assets.widget, assets.version, version, name, origins)

    def demo_file(request: Request, version: str, name: str) -> Response:
        return _versioned(request, assets.demo, assets.version, version, name, origins)

    routes: dict[str, Callable[..., Response]] = {
        "/": page,
        "/widget.js": widget_loader,
        "/widget/{version}/{name:path}": widget_file,
        "/demo/{version}/{name:path}": demo_file,
    }
    for path, endpoint in routes.items():
        app.add_api_route(path, endpoint, methods=["GET", "HEAD"], include_in_schema=False)
    app.state.web_assets = assets


def server_config(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """What the widget learns from the server: the contact form's address and Student
    Success's details in both languages (the core's words, CGS Article 10)."""
    contact: dict[str, str] = {}
    runtime = getattr(app.state, "runtime", None)
    if runtime is not None:
        try:
            contact = {lang: runtime.assistant.contact(lang) for lang in ("fr", "en")}
        except (TermsbotError, OSError, KeyError):  # no corpus here: the answers' own details serve
            contact = {}
    return {"contactUrl": settings.contact_url, "contact": contact}


class _LazyLoader:
    """The loader, stamped with the server's settings on its first request (reading them
    needs the corpus, which building the app does not load)."""

    def __init__(self, assets: WebAssets, config: Callable[[], Mapping[str, Any]]) -> None:
        self._assets = assets
        self._config = config
        self._lock = threading.Lock()
        self._asset: Asset | None = None

    def get(self) -> Asset:
        if self._asset is None:
            with self._lock:
                if self._asset is None:
                    self._asset = self._assets.loader_with(self._config())
        return self._asset


def _versioned(
    request: Request,
    files: Mapping[str, Asset],
    current: str,
    version: str,
    name: str,
    origins: frozenset[str],
) -> Response:
    asset = files.get(name)
    if asset is None:
        raise StarletteHTTPException(404, f"no web asset {name!r}")
    # An older version's URL still gets the current file, but must not be cached for long.
    cache = IMMUTABLE_CACHE if version == current else REVALIDATE_CACHE
    return _send(request, asset, cache, _cors(request, origins))


def _send(request: Request, asset: Asset, cache_control: str, extra: Mapping[str, str]) -> Response:
    encoding, body, etag = asset.representation(request.headers.get("accept-encoding"))
    headers = {
        "ETag": etag,
        "Cache-Control": cache_control,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        **extra,
    }
    if asset.encoded:
        vary = extra.get("Vary")
        headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    if encoding:
        headers["Content-Encoding"] = encoding
    if _matches(request.headers.get("if-none-match"), asset, etag):
        return Response(status_code=304, headers=headers)
    response = Response(
        b"" if request.method == "HEAD" else body, media_type=asset.content_type, headers=headers
    )
    if request.method == "HEAD":
        response.headers["Content-Length"] = str(len(body))
    return response


def _matches(if_none_match: str | None, asset: Asset, etag: str) -> bool:
    """Whether the client's copy is current: any representation of the same content."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    same_content = {etag, asset.etag, *(f'{asset.etag[:-1]}-{e}"' for e in asset.encoded)}
    return "*" in tags or bool(tags & same_content)


def _origins(setting: str | None) -> frozenset[str]:
    if not setting:
        return frozenset()
    return frozenset(part.strip().rstrip("/") for part in setting.split(",") if part.strip())


def _cors(request: Request, origins: frozenset[str]) -> dict[str, str]:
    """Who may load the widget's modules from another site: anyone, unless an allow-list of
    embedding origins is configured (`TERMSBOT_ALLOWED_ORIGINS`)."""
    if not origins or "*" in origins:
        return {"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin"}
    origin = (request.headers.get("origin") or "").rstrip("/")
    headers = {"Vary": "Origin", "Cross-Origin-Resource-Policy": "cross-origin"}
    if origin in origins:
        headers["Access-Control-Allow-Origin"] = origin
    return headers
