"""A version diff as plain text, for operators (`termsbot diff`).

Each substantive change gives its statement, what it means, and the two wordings with the
edit marked the way wdiff marks it: [-removed words-] in the older, {+added words+} in the
newer."""

from __future__ import annotations

from bot.render import section_label
from bot.schemas import SectionChange, VersionDiff
from bot.wording import Lang

_TEXTS: dict[str, dict[Lang, str]] = {
    "header": {
        "fr": "{doc} : version {old} → version {new}",
        "en": "{doc}: version {old} → version {new}",
    },
    "dates": {
        "fr": "dates d'entrée en vigueur : {old} {old_date}, {new} {new_date}",
        "en": "effective dates: {old} {old_date}, {new} {new_date}",
    },
    "unknown": {"fr": "inconnue", "en": "unknown"},
    "counts": {
        "fr": "{count} section(s) changent sur le fond ; {typo} ne diffèrent que par la "
        "typographie{hint}",
        "en": "{count} section(s) changed in substance; {typo} differ only in typography{hint}",
    },
    "hint": {"fr": " (--all pour les lister)", "en": " (--all lists them)"},
    "none": {"fr": "aucune différence de fond", "en": "no change in substance"},
}


def diff_report(diff: VersionDiff, lang: Lang = "en") -> str:
    """The whole diff as text."""
    old, new = diff.from_version, diff.to_version
    unknown = _TEXTS["unknown"][lang]
    lines = [
        _TEXTS["header"][lang].format(doc=diff.doc_id, old=old, new=new),
        _TEXTS["dates"][lang].format(
            old=old,
            new=new,
            old_date=diff.from_effective_date or unknown,
            new_date=diff.to_effective_date or unknown,
        ),
    ]
    substantive = [c for c in diff.changes if c.change != "typographic"]
    hint = _TEXTS["hint"][lang] if diff.include == "substantive" else ""
    lines.append(
        _TEXTS["counts"][lang].format(
            count=len(substantive), typo=len(diff.typographic_sections), hint=hint
        )
    )
    if not diff.changes:
        lines.append(_TEXTS["none"][lang])
    for change in diff.changes:
        lines += ["", *change_lines(change, old, new, lang)]
    return "\n".join(lines)


def change_lines(change: SectionChange, old: str, new: str, lang: Lang) -> list[str]:
    label = section_label(change.section, lang)
    heading = f"{label} — {change.title} [{change.change}]"
    if change.change == "typographic":
        return [f"{heading}: {', '.join(change.typography)}"]
    if change.change in {"added", "removed"}:
        text = change.to_text if change.change == "added" else change.from_text
        return [heading, f"  {_shortened(text or '')}"]
    lines = [heading]
    for edit in change.edits:
        lines += [
            f"  {edit.statement[lang]}",
            f"  {edit.explanation[lang]}",
            f"    {old}: {marked(edit.from_excerpt, edit.removed, '[-', '-]')}",
            f"    {new}: {marked(edit.to_excerpt, edit.added, '{+', '+}')}",
        ]
    return lines


def marked(excerpt: str, words: str | None, opening: str, closing: str) -> str:
    """`excerpt` with `words` wrapped in the markers (unchanged when absent)."""
    if not words or words not in excerpt:
        return excerpt
    at = excerpt.index(words)
    return f"{excerpt[:at]}{opening}{words}{closing}{excerpt[at + len(words) :]}"


def _shortened(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = ["change_lines", "diff_report", "marked"]
