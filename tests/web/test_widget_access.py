"""Keyboard use end to end, an axe-core audit (closed and open, desktop and mobile), the
mobile layout, reduced motion, and screenshots of each layout as test artifacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import DESKTOP, MOBILE, PageFactory
from tests.web.driver import ROOT_JS, Widget

QUESTIONS = {
    "fr": "J'ai combien de temps pour changer d'avis après mon inscription Premium Plus ?",
    "en": "How many unauthorized absences before I get excluded?",
}
BLOCKING = ("serious", "critical")


def _active_in_widget(page: Page) -> str | None:
    """The class of the focused element inside the widget's shadow root, or None."""
    result: str | None = page.evaluate(
        "() => { const host = document.activeElement;"
        " if (!host || host.tagName !== 'TERMSBOT-WIDGET') return null;"
        " const el = host.shadowRoot.activeElement;"
        " return el ? (el.className || el.tagName).toString() : null; }"
    )
    return result


def test_keyboard_only_from_launcher_to_answer_and_back(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready()
    widget.launcher.focus()

    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("Délai de réflexion Premium Plus ?")
    page.keyboard.press("Enter")
    widget.wait_settled(1)

    # Every control of the panel is reached with Tab; the floating panel is not modal, so
    # Tab then goes on to the launcher and the page.
    seen: list[str] = []
    widget.host.locator(".head-close").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        active = _active_in_widget(page)
        if active is None or "launcher" in active:
            break
        seen.append(active)
    assert active is not None and "launcher" in active, f"Tab never left the panel: {seen}"
    assert {"fb-btn fb-up", "link-btn reset-ask", "input"} <= set(seen), seen
    assert (
        any("cite" in item or item == "SUMMARY" for item in seen)
        or page.evaluate(f"{ROOT_JS}.querySelectorAll('details.cite summary').length") > 0
    )

    # A source opens with the keyboard.
    summary = widget.bot_rows.first.locator("details.cite summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(widget.bot_rows.first.locator("details.cite").first).to_have_attribute("open", "")

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Space")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()


def test_the_floating_panel_is_not_modal_and_the_page_stays_usable(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    expect(widget.panel).not_to_have_attribute("aria-modal", "true")
    assert not widget.panel.evaluate("p => p.matches(':modal')")
    page.locator("#ask-input").click()
    expect(page.locator("#ask-input")).to_be_focused()
    expect(widget.panel).to_be_visible()


def test_the_full_screen_panel_is_modal_and_the_page_behind_inert(new_page: PageFactory) -> None:
    page = new_page(mobile=True)
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    expect(widget.panel).to_have_attribute("aria-modal", "true")
    assert widget.panel.evaluate("p => p.matches(':modal')")
    # Nothing behind can take focus, and Tab cycles inside the panel.
    page.evaluate("document.querySelector('#ask-input').focus()")
    assert page.evaluate("document.activeElement.id") != "ask-input"
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        active = _active_in_widget(page)
        assert active is not None and "launcher" not in active, f"focus left after {key}"
    widget.host.locator(".head-close").click()
    expect(widget.panel).to_be_hidden()
    page.locator("#ask-input").focus()
    expect(page.locator("#ask-input")).to_be_focused()


def test_the_panel_changes_mode_when_the_window_crosses_the_full_screen_width(
    page: Page,
) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.input.fill("un brouillon")
    page.set_viewport_size(MOBILE)
    expect(widget.panel).to_have_attribute("aria-modal", "true")
    assert widget.panel.evaluate("p => p.matches(':modal')")
    page.wait_for_timeout(200)  # the dialog's close event, queued by the switch
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()
    page.set_viewport_size(DESKTOP)
    expect(widget.panel).not_to_have_attribute("aria-modal", "true")
    page.wait_for_timeout(200)
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_have_value("un brouillon")


def test_touch_targets_are_44_px_on_mobile(new_page: PageFactory) -> None:
    page = new_page(mobile=True)
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    answer = widget.ask(QUESTIONS["fr"])
    answer.locator("details.cite summary").first.click()
    answer.locator(".fb-down").click()  # the comment form and the hand-off card
    expect(answer.locator(".handoff")).to_be_visible()
    widget.host.locator(".reset-ask").click()  # the confirmation's buttons
    small = widget.js(
        """[...root.querySelectorAll('button, summary, a.btn, [role=button]')]
            .filter(el => !el.classList.contains('cite-ref') && el.getClientRects().length)
            .map(el => [el.className || el.tagName, el.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && (r.width < 44 || r.height < 44))
            .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""
    )
    assert not small, small
    sizes = widget.js(
        "['.head-close', '.fb-up', '.fb-down', '.send'].map(s => {"
        " const r = root.querySelector(s).getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert all(w >= 44 and h >= 44 for w, h in sizes), sizes


def test_focus_is_visible(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready()
    widget.launcher.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # from the input to the log, then to the close button
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate(
        "() => { const el = document.querySelector('termsbot-widget').shadowRoot.activeElement;"
        " const s = getComputedStyle(el); return [el.className, s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[1] == "solid" and outline[2] == "3px", outline


def _audit(page: Page, axe: Path) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    found = [v for v in result["violations"] if v["impact"] in BLOCKING]
    # What axe could not decide (e.g. contrast over a gradient) must not be in the widget;
    # except text scrolled half out of the conversation, whose colours it cannot sample there.
    for check in result["incomplete"]:
        nodes = [n for n in check["nodes"] if _in_widget(n["target"]) and not _scrolled_off(n)]
        if check["impact"] in BLOCKING and nodes:
            found.append({**check, "nodes": nodes})
    return found


def _scrolled_off(node: dict[str, Any]) -> bool:
    reasons = [check.get("message") or "" for check in node.get("any", [])]
    return any("partially obscured" in reason for reason in reasons)


def _in_widget(target: list[Any]) -> bool:
    return bool(target) and isinstance(target[0], list) and target[0][0] == "termsbot-widget"


def _describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


@pytest.mark.parametrize("layout", ["desktop", "mobile"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accessibility_audit_and_screenshots(
    new_page: PageFactory, axe_source: Path, artifacts: Path, layout: str, lang: str
) -> None:
    # bypass_csp: the audit injects axe-core as an inline script, which the page's CSP forbids.
    page = new_page(mobile=layout == "mobile", bypass_csp=True)
    page.goto("/?lang=en" if lang == "en" else "/")
    widget = Widget(page).wait_ready()
    name = f"{layout}-{lang}"
    page.screenshot(path=str(artifacts / f"{name}-closed.png"))
    assert not (closed := _audit(page, axe_source)), _describe(closed)

    widget.open()
    page.wait_for_timeout(400)  # the opening animation
    page.screenshot(path=str(artifacts / f"{name}-welcome.png"))
    assert not (welcome := _audit(page, axe_source)), _describe(welcome)

    answer = widget.ask(QUESTIONS[lang])
    answer.locator("details.cite summary").first.click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"{name}-answer.png"))
    answer.locator(".fb-down").click()
    expect(answer.locator("textarea.fb-text")).to_be_visible()
    widget.js("root.querySelector('.log').scrollTop = root.querySelector('.log').scrollHeight")
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"{name}-sources.png"))
    assert not (opened := _audit(page, axe_source)), _describe(opened)

    answer.locator(".open-section").first.click()
    expect(widget.host.locator(".sv-title")).to_be_visible()
    page.screenshot(path=str(artifacts / f"{name}-section.png"))
    assert not (section := _audit(page, axe_source)), _describe(section)


def test_declined_answer_screenshot(
    new_page: PageFactory, axe_source: Path, artifacts: Path
) -> None:
    page = new_page(bypass_csp=True)
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.ask("Y a-t-il une réduction étudiante sur Premium Plus ?")
    widget.js("root.querySelector('.log').scrollTop = root.querySelector('.log').scrollHeight")
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "desktop-fr-declined.png"))
    assert not (found := _audit(page, axe_source)), _describe(found)


def test_mobile_panel_takes_the_whole_screen(new_page: PageFactory) -> None:
    page = new_page(mobile=True)
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    page.wait_for_timeout(300)
    box = widget.panel.bounding_box()
    assert box == {"x": 0, "y": 0, "width": MOBILE["width"], "height": MOBILE["height"]}
    expect(widget.launcher).to_be_hidden()
    expect(widget.host.locator(".head-close")).to_be_visible()
    widget.host.locator(".head-close").click()
    expect(widget.launcher).to_be_visible()


def test_desktop_panel_floats_above_the_launcher(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    page.wait_for_timeout(300)
    panel = widget.panel.bounding_box()
    launcher = widget.launcher.bounding_box()
    assert panel is not None and launcher is not None
    assert panel["width"] == 400
    assert panel["y"] + panel["height"] < launcher["y"]
    assert DESKTOP["width"] - (panel["x"] + panel["width"]) == 24


def test_reduced_motion_turns_animations_off(new_page: PageFactory) -> None:
    page = new_page(reduced_motion="reduce")
    held: list[object] = []
    page.route("**/v1/chat**", lambda route: held.append(route))
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.send("Délai de réflexion ?")
    dot = widget.host.locator(".typing .dot").first
    expect(dot).to_be_visible()
    assert dot.evaluate("d => getComputedStyle(d).animationName") == "none"
    assert widget.panel.evaluate("p => getComputedStyle(p).animationName") == "none"
    assert widget.launcher.evaluate("b => getComputedStyle(b).transitionDuration") == "0s"
    expect(widget.host.locator("[role=status]")).to_have_text("L'assistant rédige une réponse…")


def test_a_light_brand_colour_keeps_readable_text(page: Page) -> None:
    html = """<!doctype html><html lang="en"><head><title>Light</title></head><body>
    <h1>Help</h1><script src="/widget.js" data-color="#ffd400" data-position="left" async>
    </script></body></html>"""
    page.route("**/light.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto("/light.html")
    widget = Widget(page).wait_ready()
    colours = widget.launcher.evaluate(
        "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]"
    )
    assert colours == ["rgb(255, 212, 0)", "rgb(17, 24, 39)"]  # dark text on yellow
    launcher = widget.launcher.bounding_box()
    assert launcher is not None and launcher["x"] == 24  # data-position="left"
