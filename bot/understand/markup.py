"""The message as a reader sees it, and the message as the manipulation detector reads it.

`without_markup` is what every later stage reads: a learner who pastes a question from a web
page, or someone who wraps one in tags, links and images to steer the answer, asks the same
question as the plain text would. Markdown is parsed by markdown-it-py (CommonMark, HTML on);
the HTML it passes through is read by the standard library's parser:

- tags go, their text stays; `<script>`, `<style>`, `<template>` and comments go whole;
- a link keeps its text, never its address (`javascript:` or any other); an image keeps its
  alternative text; a bare `javascript:` address goes;
- code fences, indented code and inline code keep their content.

`for_detection` is only for matching recognisers, never for display or retrieval: it drops
zero-width and direction characters, reads look-alike letters from other scripts (Cyrillic
`о`, Greek `ο`, …) and leetspeak (`1gn0r3`) as the Latin letters they imitate, and joins
letter-spaced words (`i g n o r e`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Only messages with one of these can hold markup; the rest are returned untouched.
_MARKUP_SIGNS = re.compile(r"[<>\[\]`&]|javascript:|^\s{4}|^\s*[#>*+-]\s|!\[", re.I | re.M)
_JAVASCRIPT_URL = re.compile(r"\bjavascript:\S*", re.I)
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"blockquote", "pre", "section", "article", "header", "footer", "hr"}
)


def without_markup(message: str) -> str:
    """The text a reader of the rendered message would see (see the module's docstring)."""
    if not _MARKUP_SIGNS.search(message):
        return message
    blocks = [_block_text(token) for token in _parser().parse(message)]
    text = "\n\n".join(block for block in blocks if block)
    text = _JAVASCRIPT_URL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # linkify off: a bare address is text, as typed; typographer off: quotes stay as typed.
    parser = MarkdownIt("commonmark", {"html": True})
    # Every link is parsed as a link, `javascript:` ones included: none is ever rendered
    # from here, and a refused one would stay behind as "[text](javascript:…)".
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _block_text(token: Token) -> str:
    if token.type in ("fence", "code_block"):
        return token.content.strip("\n")
    if token.type == "html_block":
        return _html_text(token.content)
    if token.type == "inline":
        return _html_text(_inline_html(token.children or []))
    return ""


def _inline_html(children: list[Token]) -> str:
    """Inline tokens as HTML (text escaped, raw HTML as written), for one reading by
    `_html_text`: a `<script>` opened in one token and closed in another still hides all."""
    parts: list[str] = []
    for child in children:
        if child.type == "text" or child.type == "code_inline":
            parts.append(escape(child.content, quote=False))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(escape(child.content, quote=False))  # the alternative text
        elif child.type == "html_inline":
            parts.append(child.content)
        # link_open / link_close: the address goes, the text between them stays.
    return "".join(parts)


_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link"})
_HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])"
)


class _TextOnly(HTMLParser):
    """The visible text: what elements that are never shown (scripts, styles, comments,
    `hidden` or `display: none`) hold is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides what it holds)

    @property
    def _hidden(self) -> bool:
        return any(hides for _, hides in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img" and attributes.get("alt") and not self._hidden:
            self.parts.append(f" {attributes['alt']} ")
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag not in _VOID_TAGS:
            hides = (
                tag in _HIDDEN_TAGS
                or "hidden" in attributes
                or bool(_HIDING_STYLE.search((attributes.get("style") or "").lower()))
            )
            self._open.append((tag, hides))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" or tag in _BLOCK_TAGS:  # <div/> holds nothing, hides nothing
            self.handle_starttag("img" if tag == "img" else "br", attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_text(html: str) -> str:
    if "<" not in html and "&" not in html:
        return html
    reader = _TextOnly()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


# -- reading for detection -----------------------------------------------------------------

# Format characters (Unicode category Cf: zero-width spaces and joiners, direction marks,
# soft hyphens, word joiners, tags…) are invisible: "ig\u200bnore" reads "ignore".
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
_LEET = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
# Signs read as either of two letters: the reading that makes a known word wins.
_LEET_EITHER = {"1": "il", "|": "li", "!": "il"}
# A word that mixes letters with the digits and signs leetspeak uses for letters.
_LEET_WORD = re.compile(
    r"(?<![\w@|$!])(?=[\w@|$!]*[^\W\d_])(?=[\w@|$!]*[013457@|$!])[\w@|$!]*[\w@|$]"
)
# Four or more single letters apart: "i g n o r e", "i.g.n.o.r.e".
_SPACED = re.compile(r"\b(?:[^\W\d_][ .\-_*]){3,}[^\W\d_]\b")
_MAX_AMBIGUOUS = 4


def for_detection(text: str, words: frozenset[str] = frozenset()) -> str:
    """`text` read for the recognisers: less invisible characters, with look-alike letters
    read as Latin, letter-spaced words joined, and leetspeak read as letters (a sign that
    stands for two letters, like `1`, is read as the one that makes a word of `words`)."""
    visible = _INVISIBLE.sub("", text)
    latin = unicodedata.normalize("NFKC", visible).translate(_LOOKALIKE_TABLE)
    joined = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group()), latin)
    return _LEET_WORD.sub(lambda m: _unleet(m.group(), words), joined)


def _unleet(word: str, words: frozenset[str]) -> str:
    if word.isdigit() or len(re.findall(r"[^\W\d_]", word)) < 2:
        return word  # "48h", "2e", "1er": figures, not disguise
    plain = "".join(_LEET.get(ch, ch) for ch in word)
    ambiguous = [i for i, ch in enumerate(plain) if ch in _LEET_EITHER][:_MAX_AMBIGUOUS]
    candidates = [plain]
    for i in ambiguous:
        candidates = [
            c[:i] + letter + c[i + 1 :] for c in candidates for letter in _LEET_EITHER[c[i]]
        ]
    return next((c for c in candidates if c.lower() in words), candidates[0])


# Letters of Cyrillic and Greek drawn like a Latin letter (Unicode's confusables for the
# lower- and upper-case forms that occur in disguised text).
_LOOKALIKES: dict[str, str] = {
    **dict(zip("аеорсухіјѕԁһԛԝӏ", "aeopcyxijsdhqwl", strict=True)),
    **dict(zip("АВЕКМНОРСТХІЈЅ", "abekmhopctxijs", strict=True)),
    **dict(zip("αοιυνκτρεχ", "aoiuvktpex", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx", strict=True)),
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
