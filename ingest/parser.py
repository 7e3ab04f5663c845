"""Split a source text (web-page text or markdown) into the sections of the contract.

Headings are recognised by their printed shape ("Article 3 - …", "2.6.1 …", "a. …") or by
name (the manifest's `named_headings`); the ids are the numbers as printed, lower case, joined
by dots. Site navigation above the document title and the footer are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ParseError
from ingest.manifest import SourceFormat, Structure
from ingest.model import ParsedVersion, Section

_ARTICLE = re.compile(r"^Article\s+(\d+)\s*[.\-–—]\s*(\S.*)$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s+(\S.*)$")
_LETTERED = re.compile(r"^([a-z])\.\s+(\S.*)$")
_WEB_BULLET = re.compile(r"^•\s*")
_MD_BULLET = re.compile(r"^[-*]\s+")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
# A heading is a short line; a sentence ending in these is body text.
_MAX_HEADING = 120
_SENTENCE_END = (".", ";", ":")
BULLET = "• "


@dataclass(frozen=True)
class _Line:
    text: str
    bullet: bool
    after_blank: bool


@dataclass
class _Node:
    node_id: str
    title: str
    level: int
    ancestors: tuple[str, ...]
    paragraphs: list[str] = field(default_factory=list)


def parse_source(
    path: Path,
    *,
    source_format: SourceFormat,
    structure: Structure,
    doc_id: str,
    version: str,
    language: str,
    doc_title: str,
) -> ParsedVersion:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"{path}: cannot be read ({exc})") from exc
    lines = _body_lines(text, doc_title, structure.footer_starts_with, source_format)
    builder = _TreeBuilder(path, structure, doc_title)
    for line in _join_broken_paragraphs(lines, source_format, set(structure.named_headings)):
        builder.feed(line)
    sections = builder.finish()
    return ParsedVersion(
        doc_id=doc_id,
        version=version,
        language=language,
        title=doc_title,
        sections=tuple(
            Section(
                doc_id=doc_id,
                version=version,
                section=n.node_id,
                title=n.title,
                breadcrumbs=(doc_title, *n.ancestors, n.title),
                paragraphs=tuple(n.paragraphs),
                language=language,
                official=True,
            )
            for n in sections
        ),
        groups=dict(builder.groups),
    )


def _body_lines(
    text: str, doc_title: str, footer: str | None, source_format: SourceFormat
) -> list[_Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stripped = [r.strip() for r in raw]
    # Navigation and the empty "last update" line sit above the title; the title is not body.
    start = stripped.index(doc_title) + 1 if doc_title in stripped else 0
    end = len(raw)
    if footer is not None and footer in stripped[start:]:
        end = stripped.index(footer, start)
    lines: list[_Line] = []
    blank = True
    for item in stripped[start:end]:
        if not item:
            blank = True
            continue
        lines.append(_classify_line(item, blank, source_format))
        blank = False
    return lines


def _classify_line(item: str, after_blank: bool, source_format: SourceFormat) -> _Line:
    bullet_re = _MD_BULLET if source_format == "markdown" else _WEB_BULLET
    bullet = bool(bullet_re.match(item))
    if bullet:
        item = bullet_re.sub("", item, count=1)
    if source_format == "markdown":
        item = _plain_markdown(item)
    return _Line(item, bullet, after_blank)


def _plain_markdown(item: str) -> str:
    item = _MD_LINK.sub(r"\1", item)
    item = _MD_AUTOLINK.sub(r"\1", item)
    item = _MD_BOLD.sub(r"\1", item)
    return _MD_ITALIC.sub(r"\1", item)


def _join_broken_paragraphs(
    lines: list[_Line], source_format: SourceFormat, named: set[str]
) -> list[_Line]:
    """Markdown exports break some paragraphs mid-sentence ("des ⏎⏎ Services commandés",
    "dans ⏎⏎ de bonnes conditions").

    A body paragraph that stops on a lower-case word continues in the next one when that one
    starts in lower case or the word is a short connective (de, des, dans, la…)."""
    if source_format != "markdown":
        return lines
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, line, named):
            out[-1] = _Line(f"{prev.text} {line.text}", False, prev.after_blank)
            continue
        out.append(line)
    return out


def _continues(prev: _Line, line: _Line, named: set[str]) -> bool:
    if prev.bullet or line.bullet or not prev.text[-1].isalpha() or not prev.text[-1].islower():
        return False
    if {prev.text, line.text} & named or _looks_like_heading(prev.text):
        return False
    if _looks_like_heading(line.text):
        return False
    last_word = prev.text.rsplit(" ", 1)[-1]
    return line.text[0].islower() or len(last_word) <= 4


def _looks_like_heading(text: str) -> bool:
    return bool(_ARTICLE.match(text) or _NUMBERED.match(text) or _LETTERED.match(text))


class _TreeBuilder:
    def __init__(self, path: Path, structure: Structure, doc_title: str) -> None:
        self.path = path
        self.structure = structure
        self.doc_title = doc_title
        self.stack: list[_Node] = []
        self.sections: list[_Node] = []
        self.groups: dict[str, str] = {}
        self.pending_lead: list[str] = []
        self.pending_group: str | None = None

    def feed(self, line: _Line) -> None:
        heading = None if line.bullet else self._heading(line.text)
        if heading is None:
            self._add_content(BULLET + line.text if line.bullet else line.text)
        else:
            self._open(*heading)

    def finish(self) -> list[_Node]:
        if self.pending_lead:
            raise ParseError(
                f"{self.path}: grouping heading {self.pending_group!r} has text but no section"
            )
        if not self.sections:
            raise ParseError(f"{self.path}: no section found")
        return self.sections

    def _heading(self, text: str) -> tuple[str, str, int] | None:
        if text in self.structure.named_headings:
            return self.structure.named_headings[text], text, 1
        if len(text) > _MAX_HEADING or text.endswith(_SENTENCE_END):
            return None
        if m := _ARTICLE.match(text):
            return m.group(1), text, 1
        if (m := _NUMBERED.match(text)) and self._continues_numbering(m.group(1)):
            return m.group(1), text, m.group(1).count(".") + 1
        numbered = self._deepest_numbered()
        if (m := _LETTERED.match(text)) and numbered is not None and numbered.count(".") == 1:
            return f"{numbered}.{m.group(1)}", text, 3
        return None

    def _continues_numbering(self, number: str) -> bool:
        """ "2.6.1" only counts as a heading inside Article 2: a body line may start with a
        number too."""
        return any(node.node_id == number.split(".")[0] for node in self.stack)

    def _deepest_numbered(self) -> str | None:
        for node in reversed(self.stack):
            if re.fullmatch(r"\d+(\.\d+)*", node.node_id):
                return node.node_id
        return None

    def _open(self, node_id: str, title: str, level: int) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        ancestors = tuple(n.title for n in self.stack)
        node = _Node(node_id, title, level, ancestors)
        self.stack.append(node)
        if node_id in self.structure.grouping_headings:
            self.groups[node_id] = title
            return
        if any(s.node_id == node_id for s in self.sections):
            raise ParseError(f"{self.path}: section id {node_id!r} appears twice")
        node.paragraphs.extend(self.pending_lead)
        self.pending_lead = []
        self.pending_group = None
        self.sections.append(node)

    def _add_content(self, text: str) -> None:
        if not self.stack:
            raise ParseError(f"{self.path}: text before the first heading: {text[:60]!r}")
        node = self.stack[-1]
        if node.node_id in self.structure.grouping_headings:
            self.pending_lead.append(text)
            self.pending_group = node.node_id
        else:
            node.paragraphs.append(text)
