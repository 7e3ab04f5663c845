"""The word-level edits between two wordings of one section, quoted from each version.

difflib compares the normalised tokens (bot/typography.py); each run it reports is one
edit, except that a run of words dropped in one place and a run starting with the same words
added in another place of the same paragraph is one edit: words moved ("sans autorisation de
vos représentants légaux" after one clause, "sans autorisation parentale" after another)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from bot.edits import EditFacts, brief, explanation, meaning_of, statement
from bot.schemas import EditKind, WordEdit
from bot.sentences import split_sentences
from bot.textnorm import fold
from bot.typography import Token, tokens

# Words of context on each side of an edit.
CONTEXT_WORDS = 6
# A clause starts after one of these marks, or at one of these words (kept in the clause).
_CLAUSE_MARKS = frozenset({",", ";", ":", ".", "!", "?"})
_CLAUSE_WORDS = frozenset(
    [
        "si",
        "lorsque",
        "quand",
        "lorsqu",
        "sauf",
        "dès",
        "if",
        "when",
        "unless",
        "where",
        "whereas",
        "once",
    ]
)
_CLAUSE_MAX_WORDS = 14


@dataclass(frozen=True)
class SectionText:
    """A section's text with its tokens and the character spans of its sentences."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> SectionText:
        return cls(text, tuple(tokens(text)), tuple(_sentence_spans(text)))

    @property
    def norms(self) -> list[str]:
        return [t.norm for t in self.tokens]

    def offset(self, index: int) -> int:
        """Where token `index` starts (the text's end past the last token)."""
        return self.tokens[index].start if index < len(self.tokens) else len(self.text)

    def span(self, i: int, j: int) -> str:
        """Tokens i..j-1, verbatim."""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end] if j > i else ""

    def sentence_at(self, offset: int) -> str:
        for start, end in self.sentences:
            if start <= offset < end:
                return self.text[start:end]
        return self.text[self.sentences[-1][0] :] if self.sentences else self.text

    def excerpt(self, i: int, j: int) -> str:
        """Tokens i..j-1 with up to CONTEXT_WORDS tokens of their sentence on each side,
        verbatim, "…" where the sentence goes on."""
        if not self.tokens:
            return ""
        at = self.offset(min(i, len(self.tokens) - 1))
        start, end = next(((a, b) for a, b in self.sentences if a <= at < b), (0, len(self.text)))
        inside = [k for k, t in enumerate(self.tokens) if start <= t.start < end]
        if not inside:
            return ""
        first = max(inside[0], i - CONTEXT_WORDS)
        last = min(inside[-1] + 1, max(j, i) + CONTEXT_WORDS)
        text = self.span(first, last)
        prefix = "…" if first > inside[0] else ""
        suffix = "…" if last < inside[-1] + 1 else ""
        return f"{prefix}{text}{suffix}"

    def paragraph_of(self, offset: int) -> int:
        return self.text.count("\n\n", 0, offset)

    def clause_before(self, index: int) -> str:
        """The clause that ends just before token `index` ("si vous êtes mineur"), verbatim,
        its parenthesised asides shortened to "(…)"."""
        end = index
        while end > 0 and self.tokens[end - 1].norm in _CLAUSE_MARKS:
            end -= 1
        start, depth, words = end, 0, 0
        while start > 0 and words < _CLAUSE_MAX_WORDS:
            token = self.tokens[start - 1]
            depth += {")": 1, "(": -1}.get(token.norm, 0)
            if depth == 0 and token.norm in _CLAUSE_MARKS:
                break
            start -= 1
            words += token.is_word and depth == 0
            if depth == 0 and fold(token.norm) in _CLAUSE_WORDS:
                break
        clause = self.span(start, end)
        return re.sub(r"\([^()]*\)", "(…)", clause)


@dataclass(frozen=True)
class _Run:
    kind: EditKind
    i1: int
    i2: int
    j1: int
    j2: int


def word_edits(
    old: SectionText, new: SectionText, from_version: str, to_version: str, language: str
) -> list[WordEdit]:
    """Each edit from `old` to `new`, in the newer text's order."""
    matcher = SequenceMatcher(None, old.norms, new.norms, autojunk=False)
    kinds: dict[str, EditKind] = {"insert": "added", "delete": "removed", "replace": "replaced"}
    runs = [
        _Run(kinds[op], i1, i2, j1, j2)
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
    runs = _joined(runs, old, new)
    return [
        _edit(run, old, new, from_version, to_version, language)
        for run in _with_moves(runs, old, new)
    ]


def _joined(runs: list[_Run], old: SectionText, new: SectionText) -> list[_Run]:
    """Replacements apart only by punctuation are one edit: "sept (7)" → "quatorze (14)"."""
    out: list[_Run] = []
    for run in runs:
        last = out[-1] if out else None
        between = old.tokens[last.i2 : run.i1] if last else ()
        if (
            last is not None
            and last.kind == run.kind == "replaced"
            and len(between) <= 2
            and not any(t.is_word for t in between)
        ):
            out[-1] = _Run("replaced", last.i1, run.i2, last.j1, run.j2)
        else:
            out.append(run)
    return [_balanced(run, old, new) for run in out]


def _balanced(run: _Run, old: SectionText, new: SectionText) -> _Run:
    """A replacement that opened a bracket takes the closing one too: "sept (7)"."""
    opened = [t.norm for t in old.tokens[run.i1 : run.i2]]
    closes = (
        opened.count("(") > opened.count(")")
        and run.i2 < len(old.tokens)
        and run.j2 < len(new.tokens)
        and old.tokens[run.i2].norm == new.tokens[run.j2].norm == ")"
    )
    return _Run(run.kind, run.i1, run.i2 + 1, run.j1, run.j2 + 1) if closes else run


def _with_moves(runs: list[_Run], old: SectionText, new: SectionText) -> list[_Run]:
    """Pairs of a dropped and an added run that share their leading word, in one paragraph,
    become one `moved` run (its i-range the dropped words, its j-range the added ones)."""
    out = list(runs)
    for dropped in [r for r in runs if r.kind == "removed"]:
        for added in [r for r in out if r.kind == "added"]:
            if _same_qualifier(old, dropped, new, added):
                moved = _Run("moved", dropped.i1, dropped.i2, added.j1, added.j2)
                out = [moved if r is added else r for r in out if r is not dropped]
                break
    return sorted(out, key=lambda r: (r.j1, r.i1))


def _same_qualifier(old: SectionText, dropped: _Run, new: SectionText, added: _Run) -> bool:
    words_old = [fold(t.norm) for t in old.tokens[dropped.i1 : dropped.i2] if t.is_word]
    words_new = [fold(t.norm) for t in new.tokens[added.j1 : added.j2] if t.is_word]
    if not words_old or not words_new or words_old[0] != words_new[0]:
        return False
    shared = len(set(words_old) & set(words_new))
    same_paragraph = old.paragraph_of(old.offset(dropped.i1)) == new.paragraph_of(
        new.offset(added.j1)
    )
    return same_paragraph and shared * 2 >= min(len(words_old), len(words_new))


def _edit(
    run: _Run,
    old: SectionText,
    new: SectionText,
    from_version: str,
    to_version: str,
    language: str,
) -> WordEdit:
    removed = old.span(run.i1, run.i2) or None
    added = new.span(run.j1, run.j2) or None
    meaning, tenses = meaning_of(
        run.kind,
        [t.norm for t in old.tokens[run.i1 : run.i2]],
        [t.norm for t in new.tokens[run.j1 : run.j2]],
        language,
    )
    facts = EditFacts(
        kind=run.kind,
        meaning=meaning,
        removed=removed,
        added=added,
        from_version=from_version,
        to_version=to_version,
        tenses=tenses,
        from_anchor=old.clause_before(run.i1) if run.kind == "moved" else None,
        to_anchor=new.clause_before(run.j1) if run.kind == "moved" else None,
    )
    # A dropped run has no place in the newer text: its context is the older one's.
    text, start, end = (old, run.i1, run.i2) if run.kind == "removed" else (new, run.j1, run.j2)
    return WordEdit(
        kind=run.kind,
        meaning=meaning,
        removed=removed,
        added=added,
        before=text.span(max(0, start - CONTEXT_WORDS), start),
        after=text.span(end, min(len(text.tokens), end + CONTEXT_WORDS)),
        from_excerpt=old.excerpt(run.i1, run.i2),
        to_excerpt=new.excerpt(run.j1, run.j2),
        from_context=old.sentence_at(old.offset(run.i1)) if old.tokens else None,
        to_context=new.sentence_at(new.offset(run.j1)) if new.tokens else None,
        statement={lang: statement(facts, lang) for lang in ("fr", "en")},
        brief={lang: brief(facts, lang) for lang in ("fr", "en")},
        explanation={lang: explanation(facts, lang) for lang in ("fr", "en")},
    )


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (paragraph by paragraph)."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        cursor = paragraph.start()
        for sentence in split_sentences(paragraph.group()):
            start = text.find(sentence, cursor, paragraph.end())
            if start < 0:
                continue
            spans.append((start, start + len(sentence)))
            cursor = start + len(sentence)
    return spans
