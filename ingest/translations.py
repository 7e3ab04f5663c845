"""Read the non-official parallel translations and align them, section by section, with the
parsed official text.

File format (one block per section; a `| version: X` block overrides for that version):

    @@ section: 6.2
    @@ title: 6.2 Premium Plus Subscribers

    paragraph…

    - list item

`@@ group: ID` blocks translate the title of a grouping heading (for breadcrumbs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.errors import CorpusError
from ingest.model import ParsedVersion, Section
from ingest.parser import BULLET

_BLOCK = re.compile(r"^@@ (section|group): *([^|\s]+) *(?:\| *version: *(\S+))? *$")
_TITLE = re.compile(r"^@@ title: *(.+)$")


@dataclass(frozen=True)
class _Block:
    kind: str
    section: str
    version: str | None
    title: str
    paragraphs: tuple[str, ...]


def parse_translation_file(path: Path) -> list[_Block]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc})") from exc
    blocks: list[_Block] = []
    header: tuple[str, str, str | None] | None = None
    title: str | None = None
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        if m := _BLOCK.match(line):
            if header is not None:
                blocks.append(_close(path, header, title, body))
            header, title, body = (m.group(1), m.group(2), m.group(3)), None, []
        elif (m := _TITLE.match(line)) and header is not None and title is None:
            title = m.group(1).strip()
        elif line.startswith("@@"):
            raise CorpusError(f"{path}:{number}: unknown directive {line!r}")
        elif header is not None:
            body.append(line)
    if header is not None:
        blocks.append(_close(path, header, title, body))
    return blocks


def _close(
    path: Path, header: tuple[str, str, str | None], title: str | None, body: list[str]
) -> _Block:
    kind, section, version = header
    if not title:
        raise CorpusError(f"{path}: block {section!r} has no '@@ title:' line")
    return _Block(kind, section, version, title, tuple(_paragraphs(body)))


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("<!--"):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if line.startswith("- "):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            paragraphs.append(BULLET + line[2:].strip())
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def align_translation(
    official: ParsedVersion, blocks: list[_Block], *, language: str, path: Path
) -> ParsedVersion:
    """The translated twin of `official`: exactly its sections, no more, no fewer."""
    sections = {b.section: b for b in blocks if b.kind == "section" and b.version is None}
    overrides = {
        b.section: b for b in blocks if b.kind == "section" and b.version == official.version
    }
    if not overrides:
        # A version the file does not name yet (a new version just added to the manifest)
        # takes the last version-specific translation written for each section: still the
        # marked, non-official translation; `termsbot diff` shows what changed since.
        overrides = {b.section: b for b in blocks if b.kind == "section" and b.version is not None}
    groups = {b.section: b.title for b in blocks if b.kind == "group"}
    wanted = official.section_ids()
    known = {b.section for b in blocks if b.kind == "section"}
    extra = sorted(known - set(wanted))
    if extra:
        raise CorpusError(f"{path}: translations for sections the document lacks: {extra}")
    translated: list[Section] = []
    for section in official.sections:
        block = overrides.get(section.section) or sections.get(section.section)
        if block is None:
            raise CorpusError(
                f"{path}: no translation of section {section.section!r} "
                f"(version {official.version})"
            )
        translated.append(_translated_section(section, block, groups, official, language))
    return ParsedVersion(
        doc_id=official.doc_id,
        version=official.version,
        language=language,
        title=official.title,
        sections=tuple(translated),
        groups={k: groups.get(k, v) for k, v in official.groups.items()},
    )


def _translated_section(
    section: Section,
    block: _Block,
    groups: dict[str, str],
    official: ParsedVersion,
    language: str,
) -> Section:
    # Breadcrumbs in the translation's language where a group title is translated.
    by_title = {title: groups.get(gid, title) for gid, title in official.groups.items()}
    crumbs = tuple(by_title.get(c, c) for c in section.breadcrumbs[1:-1])
    return Section(
        doc_id=section.doc_id,
        version=section.version,
        section=section.section,
        title=block.title,
        breadcrumbs=(section.breadcrumbs[0], *crumbs, block.title),
        paragraphs=block.paragraphs,
        language=language,
        official=False,
    )
