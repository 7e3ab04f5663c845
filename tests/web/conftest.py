"""Browser tests of the chat widget: Debian's Chromium driven by Playwright against a real
termsbot server (uvicorn on a free loopback port) over the session's built index.

Nothing here downloads a browser: Chromium comes from `apt-get install chromium` and axe-core
from `npm ci --prefix web`. When either is missing the tests fail, saying how to fix it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.responses import HTMLResponse
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright

from bot.runtime import Runtime
from bot.settings import PROJECT_ROOT
from tests.web.driver import ConsoleWatch

CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
# The school's contact form, as an operator sets it (TERMSBOT_CONTACT_URL).
CONTACT_URL = "https://school.example/contact"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "web"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 860}
MOBILE: ViewportSize = {"width": 390, "height": 844}


@dataclass(frozen=True)
class WebServer:
    url: str
    runtime: Runtime
    # Another site that embeds the widget, allowed by the server's CORS settings: the same
    # server reached as `localhost` (a different origin from 127.0.0.1, both on loopback, as
    # Chromium refuses public pages any loopback resource).
    embedding_origin: str

    @property
    def embedding_page(self) -> str:
        return f"{self.embedding_origin}{EMBED_PATH}"


EMBED_PATH = "/__test__/embed.html"
EMBED_PAGE = """<!doctype html><html lang="fr"><head><title>Centre d'aide partenaire</title>
<link rel="icon" href="data:,"></head><body><h1>Centre d'aide partenaire</h1>
<script src="{server}/widget.js" data-title="Aide" async></script></body></html>"""


@pytest.fixture(scope="session")
def web_server(built_runtime: Runtime) -> Iterator[WebServer]:
    """The real app (create_app + mount_web) served by uvicorn in a thread."""
    from api import create_app
    from bot.webui import mount_web

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    embedding_origin = f"http://localhost:{port}"
    # Generous limits: the suite asks a few dozen questions from one address within a minute.
    settings = built_runtime.settings.model_copy(
        update={
            "anonymous_rate_limit": "10000/minute",
            "session_rate_limit": "10000/minute",
            "access_log": False,
            "allowed_origins": embedding_origin,
            "contact_url": CONTACT_URL,
        }
    )
    app = create_app(settings=settings, runtime=built_runtime)
    if not hasattr(app.state, "web_assets"):
        mount_web(app, settings)
    embed = EMBED_PAGE.format(server=f"http://127.0.0.1:{port}")
    app.add_api_route(EMBED_PATH, lambda: HTMLResponse(embed), include_in_schema=False)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="termsbot-web", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 300
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the termsbot server did not start")
        time.sleep(0.05)
    try:
        yield WebServer(f"http://127.0.0.1:{port}", built_runtime, embedding_origin)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: the widget tests need Debian's browser "
            "(`apt-get update && apt-get install -y chromium`). Never a Playwright download."
        )
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE.exists():
        pytest.fail(
            f"axe-core is missing at {AXE}: install it with `npm ci --prefix web` "
            "(web/package.json and package-lock.json pin it)."
        )
    return AXE


PageFactory = Callable[..., Page]


@pytest.fixture
def new_page(browser: Browser, web_server: WebServer) -> Iterator[PageFactory]:
    """Open pages in fresh browser contexts; each watches its console, and the test fails if
    an error was logged that the test did not announce with `watch.allow(...)`."""
    opened: list[tuple[Any, ConsoleWatch]] = []

    def make(
        *,
        viewport: ViewportSize | None = None,
        mobile: bool = False,
        bypass_csp: bool = False,
        reduced_motion: str = "no-preference",
        locale: str = "fr-FR",
    ) -> Page:
        context = browser.new_context(
            viewport=viewport or (MOBILE if mobile else DESKTOP),
            device_scale_factor=2 if mobile else 1,
            is_mobile=mobile,
            has_touch=mobile,
            bypass_csp=bypass_csp,
            reduced_motion="reduce" if reduced_motion == "reduce" else "no-preference",
            locale=locale,
            base_url=web_server.url,
        )
        context.set_default_timeout(30_000)
        page = context.new_page()
        watch = ConsoleWatch.attach(page)
        opened.append((context, watch))
        return page

    yield make
    problems: list[str] = []
    for context, watch in opened:
        problems.extend(watch.unexpected())
        context.close()
    assert not problems, f"console errors on the page: {problems}"


@pytest.fixture
def page(new_page: PageFactory) -> Page:
    return new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
