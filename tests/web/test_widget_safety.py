"""Nothing in a message can become markup, and the widget and its host page cannot change
each other's looks or globals."""

from __future__ import annotations

from typing import Any

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
    "language": "fr",
    "official": True,
    "translation": {"language": "en", "quote": f"Quoted {IMG} text", "title": f"<i>T</i> {IMG}"},
}
HOSTILE_CALCULATION: dict[str, Any] = {
    "calculator": "premium_plus_reflection_period",
    "inputs": {"acceptance_date": "2027-02-25"},
    "result": {"reflection_last_day": "2027-03-04"},
    "figures": [
        {"label": f"Dernier jour {IMG}", "value": "4 mars 2027"},
        {"label": "Note", "value": f"{SCRIPT}"},
    ],
    "rules": [{"doc_id": "cgs", "section": "6.2"}],
}
HOSTILE_PARTS: dict[str, Any] = {
    "lead": f"Voici **la règle** [1] et [javascript:x](javascript:alert(1)) {IMG}",
    "points": [SCRIPT, "[un lien](https://example.org/cgs)"],
    "notes": [f"_Note_ {IMG}"],
    "ask": "<iframe src='https://example.org'></iframe> ?",
}


def _hostile_stream(route: Route) -> None:
    events = answer_events(
        "markdown that the widget does not read",
        **HOSTILE_PARTS,
        citations=[HOSTILE_CITATION],
        calculation=HOSTILE_CALCULATION,
        status="declined",
        language="en",
        escalation={"reason": f"Raison {IMG}", "contact": f"Tél. : +33 1 80 88 80 30 {SCRIPT}"},
    )
    route.fulfill(status=200, content_type="text/event-stream", body=sse(events))


def test_a_hostile_answer_renders_as_text(new_page: PageFactory) -> None:
    page = new_page(bypass_csp=True)
    page.route("**/v1/chat/stream", _hostile_stream)
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    answer = widget.ask("Question")

    body = answer.locator(".answer")
    # Every part is text, exactly as sent; no markdown is read, no link is made.
    lead = HOSTILE_PARTS["lead"]
    expect(body.locator(".lead")).to_have_text(lead.replace("[1]", "1"))
    expect(body.locator(".points li")).to_have_text(HOSTILE_PARTS["points"])
    expect(body.locator(".note")).to_have_text(HOSTILE_PARTS["notes"][0])
    expect(body.locator(".ask")).to_have_text(HOSTILE_PARTS["ask"])
    expect(body.locator("a, strong, em")).to_have_count(0)
    source = answer.locator("li.source").first
    expect(source.locator(".cite-doc")).to_have_text("Terms of Service, section 6.2")
    expect(source.locator(".cite-title")).to_have_text(HOSTILE_CITATION["translation"]["title"])
    source.locator("summary").click()
    expect(source.locator(".cite-quote")).to_have_text(HOSTILE_CITATION["translation"]["quote"])
    source.locator(".toggle-btn[data-form='official']").click()
    expect(source.locator(".cite-quote")).to_have_text(HOSTILE_CITATION["quote"])
    rows = answer.locator(".calc tr")
    expect(rows.nth(0)).to_have_text(f"Dernier jour {IMG}4 mars 2027")
    expect(rows.nth(1).locator("td")).to_have_text(SCRIPT)
    card = answer.locator(".handoff")
    expect(card).to_contain_text(SCRIPT)
    expect(card.locator("a[href^='tel:']")).to_have_attribute("href", "tel:+33180888030")
    _no_injection(widget)


def test_a_marker_opens_its_source(page: Page) -> None:
    page.route("**/v1/chat/stream", _hostile_stream)
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    answer = widget.ask("Question")
    # Only markers of sources that exist become buttons ([1] here, not a [7]).
    marker = answer.locator(".lead .cite-ref")
    expect(marker).to_have_count(1)
    expect(marker).to_have_attribute("aria-label", "Source 1")
    source = answer.locator("li.source[data-n='1'] details")
    expect(source).not_to_have_attribute("open", "")
    marker.click()
    expect(source).to_have_attribute("open", "")
    expect(source.locator("summary")).to_be_focused()


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
