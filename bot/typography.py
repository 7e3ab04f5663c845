"""What counts as typography when two wordings of a clause are compared.

Two wordings say the same thing, for the version diff, when they have the same words and
punctuation marks in the same order once these are set aside:

- white space of every kind and amount: spaces, non-breaking and narrow non-breaking spaces,
  line and paragraph breaks ("formation;" = "formation ;", a paragraph break in mid-sentence
  = a space, "Nous\u00a0 pouvons" = "Nous pouvons");
- the shape of quotes, apostrophes, dashes and ellipses (’ ‘ → ', “ ” « » → ", – — → -);
- markdown syntax: bold and italic markers, link brackets (`[text](#)` → text), autolink
  brackets (`<https://…>`), list bullets and heading markers at a line's start;
- Unicode compatibility forms (NFKC).

Words, their case and accents, numbers and the punctuation marks themselves stay
significant: "usités" → "utilisés" or a moved comma is a change of wording.

The tokens keep their place in the original text, so that what the diff reports is quoted
verbatim from either version."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

# Each of these marks is the same mark in another shape.
_SHAPES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "ʼ": "'",
        "´": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‹": '"',
        "›": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)
_TOKEN = re.compile(r"\.{2,}|…|\w+|[^\w\s]")
# Markdown syntax, which is formatting, never wording. Each pattern's groups 1 and 2 (when
# present) are the syntax around the text; a pattern without groups is all syntax.
_MARKDOWN = (
    re.compile(r"(\[)[^\]\n]*(\]\([^)\s]*\))"),  # [text](url)
    re.compile(r"(<)https?://[^>\s]+(>)"),  # <https://…>
    re.compile(r"\*\*|__"),  # bold
    re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"),  # *italic*
    re.compile(r"(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])"),  # _italic_
    re.compile(r"^[ \t]*(?:[-*+•]|#{1,6})(?=[ \t])", re.MULTILINE),  # bullets, headings
    re.compile(r"(?<=\n)[ \t]*•|^[ \t]*•"),  # a bullet glued to its text
)
# Typographic differences a reader may want named ("spaces", "quotes"…), in display order.
TYPOGRAPHY_KINDS = ("spaces", "line_breaks", "apostrophes", "quotes", "dashes", "markdown")


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark: `norm` is compared, `start:end` is its place in the text."""

    norm: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


def tokens(text: str) -> list[Token]:
    """The words and punctuation marks of `text`, markdown syntax left out, each normalised."""
    syntax = _syntax_spans(text)
    out = []
    for match in _TOKEN.finditer(text):
        if any(start <= match.start() < end for start, end in syntax):
            continue
        out.append(Token(normalise(match.group()), match.start(), match.end()))
    return out


def normalise(token: str) -> str:
    token = unicodedata.normalize("NFKC", token).translate(_SHAPES)
    return "…" if token in {"...", "…"} or (set(token) == {"."} and len(token) > 1) else token


def same_wording(a: str, b: str) -> bool:
    """True when `a` and `b` differ in typography only."""
    return [t.norm for t in tokens(a)] == [t.norm for t in tokens(b)]


def typography_kinds(a: str, b: str) -> list[str]:
    """Which kinds of typography differ between `a` and `b` (for a typographic change)."""
    found = []
    if _gaps(a) != _gaps(b):
        found.append("spaces")
    if a.count("\n") != b.count("\n"):
        found.append("line_breaks")
    if _count(a, "[’‘ʼ]") != _count(b, "[’‘ʼ]"):
        found.append("apostrophes")
    if _count(a, "[“”«»„]") != _count(b, "[“”«»„]"):
        found.append("quotes")
    if _count(a, "[‐‑‒–—―]") != _count(b, "[‐‑‒–—―]"):
        found.append("dashes")
    if len(_syntax_spans(a)) != len(_syntax_spans(b)):
        found.append("markdown")
    return found


def _syntax_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in _MARKDOWN:
        for match in pattern.finditer(text):
            if pattern.groups:
                spans += [match.span(group) for group in range(1, pattern.groups + 1)]
            else:
                spans.append(match.span())
    return spans


def _count(text: str, pattern: str) -> int:
    return len(re.findall(pattern, text))


def _gaps(text: str) -> list[str]:
    """The spaces between consecutive tokens ("" in "formation;", NBSP…), breaks left out."""
    marks = tokens(text)
    gaps = (text[a.end : b.start] for a, b in itertools.pairwise(marks))
    return [re.sub(r"[^ \t\u00a0\u202f]", "", gap) or "" for gap in gaps]
