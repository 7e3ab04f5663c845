"""The web door: the chat widget's files and the demo help page, served by the API.

    GET /                           the demo help page (French; `?lang=en` for English)
    GET /widget.js                  the loader that help pages embed with one script tag
    GET /widget/{version}/{file}    the widget's modules and stylesheet
    GET /demo/{version}/{file}      the demo page's own stylesheet and script

The files under `web/` are read once, when the app is built, and fingerprinted together:
the loader and the demo page name that fingerprint in their asset URLs, so the assets are
cached for a year (`immutable`) while the loader and the page are revalidated (ETag, 304).
No build step: the widget is plain JavaScript modules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.settings import PROJECT_ROOT, Settings

WEB_DIR = PROJECT_ROOT / "web"
VERSION_MARK = "__TERMSBOT_ASSET_VERSION__"

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

    @classmethod
    def of(cls, body: bytes, suffix: str) -> Asset:
        digest = hashlib.sha256(body).hexdigest()[:20]
        return cls(body, _TYPES.get(suffix, "application/octet-stream"), f'"{digest}"')


@dataclass(frozen=True)
class WebAssets:
    version: str
    loader: Asset
    pages: Mapping[str, Asset]
    widget: Mapping[str, Asset]
    demo: Mapping[str, Asset]


def load_assets(web_dir: Path = WEB_DIR) -> WebAssets:
    """Everything the web door serves, read from `web_dir` and fingerprinted."""
    widget = _read_files(web_dir / "widget", (".js", ".css", ".svg", ".json"))
    demo = _read_files(web_dir / "demo", (".js", ".css"))
    version = _fingerprint({**_prefixed("widget/", widget), **_prefixed("demo/", demo)})

    def stamped(path: Path) -> Asset:
        text = path.read_text(encoding="utf-8").replace(VERSION_MARK, version)
        return Asset.of(text.encode("utf-8"), path.suffix)

    return WebAssets(
        version=version,
        loader=stamped(web_dir / "widget.js"),
        pages={lang: stamped(web_dir / "demo" / f"{lang}.html") for lang in ("fr", "en")},
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

    def page(request: Request, lang: Annotated[str | None, Query(max_length=8)] = None) -> Response:
        asset = assets.pages["en" if lang == "en" else "fr"]
        return _send(request, asset, REVALIDATE_CACHE, {"Content-Security-Policy": DEMO_CSP})

    def loader(request: Request) -> Response:
        return _send(request, assets.loader, LOADER_CACHE, _cors(request, origins))

    def widget_file(request: Request, version: str, name: str) -> Response:
        return _versioned(request, assets.widget, assets.version, version, name, origins)

    def demo_file(request: Request, version: str, name: str) -> Response:
        return _versioned(request, assets.demo, assets.version, version, name, origins)

    routes: dict[str, Callable[..., Response]] = {
        "/": page,
        "/widget.js": loader,
        "/widget/{version}/{name:path}": widget_file,
        "/demo/{version}/{name:path}": demo_file,
    }
    for path, endpoint in routes.items():
        app.add_api_route(path, endpoint, methods=["GET", "HEAD"], include_in_schema=False)
    app.state.web_assets = assets


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
    headers = {
        "ETag": asset.etag,
        "Cache-Control": cache_control,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        **extra,
    }
    if _matches(request.headers.get("if-none-match"), asset.etag):
        return Response(status_code=304, headers=headers)
    body = b"" if request.method == "HEAD" else asset.body
    response = Response(body, media_type=asset.content_type, headers=headers)
    if request.method == "HEAD":
        response.headers["Content-Length"] = str(len(asset.body))
    return response


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


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
