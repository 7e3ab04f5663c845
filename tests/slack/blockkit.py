"""A small Block Kit validator: Slack's documented limits on text lengths and block counts.

Slack refuses a whole message or view (`invalid_blocks`) when one limit is broken, so every
payload the app sends is run through `problems()` (see the `slack` fixture's teardown)."""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS = 50
MODAL_BLOCKS = 100
MESSAGE_TEXT = 40_000
SECTION_TEXT = 3000
SECTION_FIELDS = 10
FIELD_TEXT = 2000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
OPTION_TEXT = 75
OPTION_VALUE = 150
OPTIONS = 100
PLACEHOLDER = 150
LABEL = 2000
HINT = 2000
MODAL_TITLE = 24
PRIVATE_METADATA = 3000
ID_LENGTH = 255
PLAIN_INPUT_MAX = 3000
RICH_TEXT_ELEMENT = 3000  # our own bound: Slack documents none, we keep pieces small

BLOCK_TYPES = {"section", "context", "actions", "divider", "header", "input", "rich_text"}
ELEMENT_TYPES = {
    "button",
    "static_select",
    "datepicker",
    "timepicker",
    "number_input",
    "radio_buttons",
    "plain_text_input",
    "checkboxes",
}


def problems_of_message(payload: dict[str, Any]) -> list[str]:
    found: list[str] = []
    text = payload.get("text")
    blocks = payload.get("blocks")
    if not text and not blocks:
        found.append("message: neither text nor blocks")
    if isinstance(text, str) and len(text) > MESSAGE_TEXT:
        found.append(f"message: text of {len(text)} > {MESSAGE_TEXT}")
    if blocks is not None:
        found += _blocks(blocks, MESSAGE_BLOCKS, "message")
    return found


def problems_of_view(view: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if view.get("type") == "home":
        return _blocks(view.get("blocks", []), MODAL_BLOCKS, "home")
    if view.get("type") != "modal":
        found.append(f"view: type {view.get('type')!r}")
    for key in ("title", "submit", "close"):
        if key in view:
            found += _text(view[key], MODAL_TITLE, f"view.{key}", plain_only=True)
    if "title" not in view:
        found.append("view: no title")
    if len(view.get("private_metadata", "")) > PRIVATE_METADATA:
        found.append("view: private_metadata too long")
    if len(view.get("callback_id", "")) > ID_LENGTH:
        found.append("view: callback_id too long")
    blocks = view.get("blocks", [])
    found += _blocks(blocks, MODAL_BLOCKS, "view")
    if any(b.get("type") == "input" for b in blocks) and "submit" not in view:
        found.append("view: input blocks without a submit button")
    return found


def _blocks(blocks: list[dict[str, Any]], limit: int, where: str) -> list[str]:
    found: list[str] = []
    if len(blocks) > limit:
        found.append(f"{where}: {len(blocks)} blocks > {limit}")
    ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(ids) != len(set(ids)):
        found.append(f"{where}: repeated block_id")
    for i, block in enumerate(blocks):
        found += _block(block, f"{where}.blocks[{i}]")
    return found


def _block(block: dict[str, Any], where: str) -> list[str]:
    kind = block.get("type")
    if kind not in BLOCK_TYPES:
        return [f"{where}: unknown block type {kind!r}"]
    found: list[str] = []
    if len(block.get("block_id", "")) > ID_LENGTH:
        found.append(f"{where}: block_id too long")
    if kind == "section":
        if "text" not in block and "fields" not in block:
            found.append(f"{where}: section without text or fields")
        if "text" in block:
            found += _text(block["text"], SECTION_TEXT, f"{where}.text")
        fields = block.get("fields", [])
        if len(fields) > SECTION_FIELDS:
            found.append(f"{where}: {len(fields)} fields > {SECTION_FIELDS}")
        for j, item in enumerate(fields):
            found += _text(item, FIELD_TEXT, f"{where}.fields[{j}]")
        if "accessory" in block:
            found += _element(block["accessory"], f"{where}.accessory")
    elif kind == "header":
        found += _text(block.get("text"), HEADER_TEXT, f"{where}.text", plain_only=True)
    elif kind == "context":
        elements = block.get("elements", [])
        if not 1 <= len(elements) <= CONTEXT_ELEMENTS:
            found.append(f"{where}: {len(elements)} context elements")
        for j, item in enumerate(elements):
            found += _text(item, SECTION_TEXT, f"{where}.elements[{j}]")
    elif kind == "actions":
        elements = block.get("elements", [])
        if not 1 <= len(elements) <= ACTIONS_ELEMENTS:
            found.append(f"{where}: {len(elements)} actions elements")
        action_ids = [e.get("action_id") for e in elements]
        if len(action_ids) != len(set(action_ids)):
            found.append(f"{where}: repeated action_id")
        for j, item in enumerate(elements):
            found += _element(item, f"{where}.elements[{j}]")
    elif kind == "input":
        found += _text(block.get("label"), LABEL, f"{where}.label", plain_only=True)
        if "hint" in block:
            found += _text(block["hint"], HINT, f"{where}.hint", plain_only=True)
        found += _element(block.get("element", {}), f"{where}.element")
    elif kind == "rich_text":
        for section in block.get("elements", []):
            for j, item in enumerate(section.get("elements", [])):
                if len(item.get("text", "")) > RICH_TEXT_ELEMENT:
                    found.append(f"{where}.elements[{j}]: rich text piece too long")
    return found


def _element(element: dict[str, Any], where: str) -> list[str]:
    kind = element.get("type")
    if kind not in ELEMENT_TYPES:
        return [f"{where}: unknown element type {kind!r}"]
    found: list[str] = []
    if not element.get("action_id") or len(element["action_id"]) > ID_LENGTH:
        found.append(f"{where}: missing or long action_id")
    if kind == "button":
        found += _text(element.get("text"), BUTTON_TEXT, f"{where}.text", plain_only=True)
        if len(element.get("value", "")) > BUTTON_VALUE:
            found.append(f"{where}: button value longer than {BUTTON_VALUE}")
    if "placeholder" in element:
        found += _text(element["placeholder"], PLACEHOLDER, f"{where}.placeholder", True)
    groups = element.get("option_groups")
    options = element.get("options")
    if options is not None and groups is not None:
        found.append(f"{where}: both options and option_groups")
    if groups is not None:
        if not 1 <= len(groups) <= OPTIONS:
            found.append(f"{where}: {len(groups)} option groups")
        for g, group in enumerate(groups):
            found += _text(
                group.get("label"), OPTION_TEXT, f"{where}.option_groups[{g}].label", True
            )
        options = [item for group in groups for item in group.get("options", [])]
        if any(not 1 <= len(group.get("options", [])) <= OPTIONS for group in groups):
            found.append(f"{where}: an option group with no or too many options")
    if options is not None:
        if groups is None and not 1 <= len(options) <= OPTIONS:
            found.append(f"{where}: {len(options)} options")
        for j, item in enumerate(options):
            found += _option(item, f"{where}.options[{j}]")
        initial = element.get("initial_option")
        if initial is not None and initial not in options:
            found.append(f"{where}: initial_option is not one of the options")
    if kind == "plain_text_input" and element.get("max_length", 0) > PLAIN_INPUT_MAX:
        found.append(f"{where}: max_length above {PLAIN_INPUT_MAX}")
    return found


def _option(item: dict[str, Any], where: str) -> list[str]:
    found = _text(item.get("text"), OPTION_TEXT, f"{where}.text", plain_only=True)
    if not 1 <= len(item.get("value", "")) <= OPTION_VALUE:
        found.append(f"{where}: option value length")
    return found


def _text(obj: Any, limit: int, where: str, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return [f"{where}: not a text object"]
    if plain_only and obj["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    text = obj.get("text", "")
    if not text:
        return [f"{where}: empty text"]
    if len(text) > limit:
        return [f"{where}: {len(text)} characters > {limit}"]
    return []


def problems(method: str, body: dict[str, Any]) -> list[str]:
    """Every limit `body`, sent to `method`, breaks."""
    if method in ("views.open", "views.update", "views.push", "views.publish"):
        return problems_of_view(body.get("view", {}))
    if method in ("chat.postMessage", "chat.postEphemeral", "response_url"):
        return problems_of_message(body)
    return []
