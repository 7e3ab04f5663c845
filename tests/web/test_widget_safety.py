"""Nothing in a message can become markup, and the widget and its host page cannot change
each other's looks or globals."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from tests.web.conftest import PageFactory
from tests.web.driver import Widget, answer_events, sse

IMG = '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">'
SCRIPT = "<script>window.__pwned = 1</script>"


def _no_injection(widget: Widget) -> None:
    found = widget.js("root.querySelectorAll('img, script, iframe, object, embed, style').length")
    assert found == 0, "markup from a message reached the DOM"
    links = widget.js("[...root.querySelectorAll('a')].map(a => a.protocol)")
    assert set(links) <= {"http:", "https:", "tel:", "mailto:"}
    assert widget.page.evaluate("window.__pwned") is None


def test_a_learner_message_with_html_is_shown_as_text(new_page: PageFactory) -> None:
    page = new_page(bypass_csp=True)  # without the page's CSP, injected markup would run
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    question = f"Délai de réflexion Premium Plus ? {IMG} {SCRIPT}"

    widget.ask(question)

    expect(widget.user_rows.first.locator(".user-bubble")).to_have_text(question)
    _no_injection(widget)


HOSTILE_CITATION: dict[str, Any] = {
    "doc_id": "cgs",
    "section": "6.2",
    "version": "B",
    "title": f"6.2 <b>Abonnés</b> {IMG}",
    "quote": f"Texte {SCRIPT} cité {IMG}",
    "language": "en",
    "official": False,
}
HOSTILE_CALCULATION: dict[str, Any] = {
    "calculator": "premium_plus_reflection_period",
    "inputs": {"acceptance_date": "2027-02-25"},
    "result": {
        "reflection_last_day": "2027-03-04",
        "query_in_reflection_period": True,
        f"note {IMG}": f"{IMG}",
    },
    "rules": [{"doc_id": "cgs", "section": "6.2"}],
}
HOSTILE_ANSWER = (
    f"Voici **la règle** et _son détail_ : {IMG}\n\n"
    f"- [un lien piégé](javascript:alert(1)) et [un vrai lien](https://example.org/cgs)\n"
    f"- {SCRIPT}\n\n"
    f"> Citation <iframe src='https://example.org'></iframe>"
)


def _hostile_stream(route: Route) -> None:
    events = answer_events(
        HOSTILE_ANSWER,
        citations=[HOSTILE_CITATION],
        calculation=HOSTILE_CALCULATION,
        status="declined",
        escalation={"reason": f"Raison {IMG}", "contact": f"Tél. : +33 1 80 88 80 30 {SCRIPT}"},
    )
    route.fulfill(status=200, content_type="text/event-stream", body=sse(events))


def test_a_hostile_answer_renders_as_text(new_page: PageFactory) -> None:
    page = new_page(bypass_csp=True)
    page.route("**/v1/chat/stream", _hostile_stream)
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    answer = widget.ask("Question")

    body = answer.locator(".md")
    expect(body.locator("strong")).to_have_text("la règle")
    expect(body.locator("em")).to_have_text("son détail")
    expect(body).to_contain_text(IMG)
    expect(body.locator("li").nth(1)).to_have_text(SCRIPT)
    expect(body.locator("blockquote")).to_contain_text("<iframe")
    links = body.locator("li").first.locator("a")
    expect(links).to_have_count(1)  # the javascript: link stays text
    expect(links).to_have_attribute("href", "https://example.org/cgs")
    expect(links).to_have_attribute("rel", "noopener noreferrer nofollow")
    expect(body.locator("li").first).to_contain_text("un lien piégé")
    citation = answer.locator("details.cite").first
    expect(citation.locator(".cite-doc")).to_have_text("CGS 6.2")
    expect(citation.locator(".cite-title")).to_have_text(HOSTILE_CITATION["title"][4:])
    expect(citation.locator(".badge.unofficial")).to_have_text("Traduction non officielle")
    citation.locator("summary").click()
    expect(citation.locator(".cite-quote")).to_have_text(HOSTILE_CITATION["quote"])
    table = answer.locator(".calc table")
    expect(table.locator("tr").nth(0)).to_contain_text("4 mars 2027")
    expect(table.locator("tr").nth(1)).to_contain_text("Oui")
    expect(table.locator("tr").nth(2)).to_contain_text(IMG)
    expect(answer.locator(".handoff")).to_contain_text(SCRIPT)
    _no_injection(widget)


# The markdown renderer in the browser: input → (tag, text) of what it built.
MARKDOWN_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("**gras** et *italique*", [("strong", "gras"), ("em", "italique")]),
    ("__gras__ et _italique_", [("strong", "gras"), ("em", "italique")]),
    ("snake_case_name reste tel quel", []),
    (r"\*pas d'italique\* et \<b>", []),
    ("`<b>code</b>`", [("code", "<b>code</b>")]),
    ("[ok](https://example.org/a?b=1)", [("a", "ok")]),
    ("[piège](javascript:alert(1))", [("span", "piège")]),
    ("[piège](data:text/html,<script>1</script>)", [("span", "piège")]),
    ("voir https://example.org/x.", [("a", "https://example.org/x")]),
    ("- un\n- deux", [("ul", "undeux"), ("li", "un"), ("li", "deux")]),
    ("1. un\n2. deux", [("ol", "undeux"), ("li", "un"), ("li", "deux")]),
    ("> cité\n> encore", [("blockquote", "citéencore"), ("p", "citéencore"), ("br", "")]),
    ("<img src=x onerror=alert(1)>", []),
    ("| pas | un tableau |", []),
    (
        "| a | **b** |\n|---|---:|\n| 1 | x \\| <i>y</i> |",
        [
            ("div", "ab1x | <i>y</i>"),
            ("table", "ab1x | <i>y</i>"),
            ("thead", "ab"),
            ("tr", "ab"),
            ("th", "a"),
            ("th", "b"),
            ("strong", "b"),
            ("tbody", "1x | <i>y</i>"),
            ("tr", "1x | <i>y</i>"),
            ("td", "1"),
            ("td", "x | <i>y</i>"),
        ],
    ),
]


@pytest.mark.parametrize(("markdown", "expected"), MARKDOWN_CASES)
def test_markdown_renderer(page: Page, markdown: str, expected: list[tuple[str, str]]) -> None:
    page.goto("/")
    Widget(page).wait_ready()
    version = page.evaluate("window.Termsbot.version")
    built: dict[str, Any] = page.evaluate(
        """async ([url, text]) => {
            const { renderMarkdown } = await import(url);
            const box = document.createElement('div');
            box.append(renderMarkdown(text));
            const tags = [...box.querySelectorAll('*')]
                .filter(e => e.parentElement !== box || e.tagName !== 'P')
                .map(e => [e.tagName.toLowerCase(), e.textContent]);
            return { tags, text: box.textContent };
        }""",
        [f"/widget/{version}/markdown.js", markdown],
    )
    assert [tuple(pair) for pair in built["tags"]] == expected
    if not expected:
        # Nothing was built: the visible text is the source without its escapes.
        assert built["text"] == markdown.replace("\\", "")


HOST_STYLES = """
  body { font-family: Georgia, serif; color: rgb(20, 30, 40); background: rgb(250, 250, 240); }
  h1 { font-size: 40px; letter-spacing: 2px; }
  p, li { line-height: 1.8; }
  button { padding: 10px 14px; border-radius: 4px; background: rgb(0, 100, 0); color: white; }
"""
HOSTILE_STYLES = """
  html { font-size: 9px !important; }
  * { font-family: "Comic Sans MS", cursive !important; color: rgb(255, 0, 0) !important;
      box-sizing: content-box !important; line-height: 3 !important;
      letter-spacing: 3px !important; }
  div, section, button, textarea, p { border: 4px dotted orange !important; margin: 13px !important;
      padding: 17px !important; background: yellow !important; }
  button { width: 300px !important; height: 10px !important; }
  termsbot-widget { position: relative !important; transform: scale(0.5) !important;
      filter: blur(3px) !important; opacity: 0.2 !important; }
  body > * { z-index: 99999999 !important; }
"""
_HOST_ELEMENTS = ["body", "h1", "p", "li", "button", "a"]
_WIDGET_PARTS = [".launcher", ".panel", ".head", ".title", ".input", ".send", ".chip", ".log"]
_STYLE_PROPS = [
    "font-family",
    "font-size",
    "color",
    "background-color",
    "line-height",
    "letter-spacing",
    "padding-top",
    "margin-top",
    "border-top-width",
    "border-radius",
    "box-sizing",
    "width",
    "height",
    "opacity",
]


def _host_page(extra_css: str) -> str:
    return f"""<!doctype html><html lang="fr"><head><title>Hôte</title>
<style>{HOST_STYLES}{extra_css}</style></head>
<body><h1>Aide</h1><p>Un paragraphe <a href="#x">avec un lien</a>.</p>
<ul><li>Un élément</li></ul><button type="button">Un bouton</button></body></html>"""


def _serve(page: Page, path: str, html: str) -> None:
    page.route(f"**{path}", lambda route: route.fulfill(body=html, content_type="text/html"))


def _computed(page: Page, selectors: list[str], inside_widget: bool) -> dict[str, dict[str, str]]:
    script = """([selectors, props, inside]) => {
        const scope = inside ? document.querySelector('termsbot-widget').shadowRoot : document;
        return Object.fromEntries(selectors.map(sel => {
            const style = getComputedStyle(scope.querySelector(sel));
            return [sel, Object.fromEntries(props.map(p => [p, style.getPropertyValue(p)]))];
        }));
    }"""
    found: dict[str, dict[str, str]] = page.evaluate(
        script, [selectors, _STYLE_PROPS, inside_widget]
    )
    return found


def _load_widget(page: Page) -> Widget:
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.src = '/widget.js'; s.async = true; document.body.append(s); }"""
    )
    return Widget(page).wait_ready()


def test_the_widget_leaves_the_host_page_styles_and_globals_alone(page: Page) -> None:
    _serve(page, "/host.html", _host_page(""))
    page.goto("/host.html")
    before = _computed(page, _HOST_ELEMENTS, inside_widget=False)
    globals_before = set(page.evaluate("Object.keys(window)"))

    widget = _load_widget(page)
    widget.open()

    assert _computed(page, _HOST_ELEMENTS, inside_widget=False) == before
    added = set(page.evaluate("Object.keys(window)")) - globals_before
    assert added == {"Termsbot"}
    assert page.evaluate("Object.keys(window.Termsbot).sort()") == [
        "ask", "close", "element", "loaded", "open", "reset", "toggle", "version",
    ]  # fmt: skip


def test_hostile_host_css_does_not_reach_the_widget(new_page: PageFactory) -> None:
    looks: list[dict[str, dict[str, str]]] = []
    boxes: list[Any] = []
    for extra in ("", HOSTILE_STYLES):
        page = new_page()
        _serve(page, "/host.html", _host_page(extra))
        page.goto("/host.html")
        widget = _load_widget(page)
        widget.open()
        page.wait_for_timeout(400)  # the panel's opening animation
        looks.append(_computed(page, _WIDGET_PARTS, inside_widget=True))
        boxes.append(widget.panel.bounding_box())
        host_style = page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('termsbot-widget'));"
            " return [s.transform, s.filter, s.opacity, s.position]; })()"
        )
        assert host_style == ["none", "none", "1", "static"]
    clean, hostile = looks
    for part in _WIDGET_PARTS:
        assert hostile[part] == clean[part], part
    assert boxes[0] == boxes[1]


def test_the_demo_page_works_under_its_content_security_policy(page: Page) -> None:
    response = page.goto("/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    widget = Widget(page).wait_ready().open()
    answer = widget.ask("Délai de réflexion Premium Plus ?")
    expect(answer.locator("details.cite").first).to_be_visible()
