"""/docs in a real browser: Swagger UI renders the API from the server's own files, and the
page asks no other host for anything."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, expect

from tests.web.conftest import WebServer


def test_docs_render_from_the_servers_own_files(page: Page, web_server: WebServer) -> None:
    asked: list[Request] = []
    page.on("request", lambda request: asked.append(request))
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("termsbot")
    expect(page.locator(".opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    origin = urlsplit(web_server.url)
    hosts = {urlsplit(r.url).netloc for r in asked if urlsplit(r.url).scheme in {"http", "https"}}
    assert hosts == {origin.netloc}, hosts
    loaded = {urlsplit(r.url).path for r in asked}
    assert {"/docs/assets/swagger-ui-bundle.js", "/openapi.json"} <= loaded
