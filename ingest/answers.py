"""Answer statements ("facts") written from the documents: what one or two sentences of a
section decide, in a support agent's words, in French and English. An answer's lead is built
from them; the proof it quotes is always the document's own sentence.

    @@ section: 6.2
    @@ fact
    quote: délai de sept (7) jours de réflexion
    kind: duration
    yesno: can=yes
    fr: En Premium Plus, vous disposez d'un délai de réflexion de 7 jours à compter de …
    en: With Premium Plus, you have a 7-day reflection period from the day you accept …

`quote` (one or more lines) is an excerpt of the official text, matched loosely (case,
apostrophes, spaces and markdown aside): the fact rests on the sentences that contain it, and
applies to a version only where they are found. `kind` says which questions it answers,
`yesno` which yes/no questions it settles (`can`, `must`, `is`); `q` (any number) are
questions a learner would ask that the fact answers, used for matching only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.errors import CorpusError

Kind = Literal[
    "duration",
    "date",
    "amount",
    "yesno",
    "procedure",
    "contact",
    "definition",
    "consequence",
    "condition",
    "list",
    "place",
    "reason",
    "fact",
]
KINDS: frozenset[str] = frozenset(Kind.__args__)  # type: ignore[attr-defined]
Modality = Literal["can", "must", "is"]
MODALITIES: frozenset[str] = frozenset(Modality.__args__)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Fact:
    doc_id: str
    section: str
    number: int  # order in the file, for stable ids
    quotes: tuple[str, ...]
    kinds: frozenset[str]
    yesno: tuple[tuple[str, bool], ...]  # (modality, answer)
    fr: str
    en: str
    # Learner-style questions the fact answers (doc2query by hand): matched, never shown.
    questions: tuple[str, ...] = ()
    # Not written by hand: a sentence of the document no fact covers, standing for itself.
    derived: bool = False
    key: str | None = None

    @property
    def id(self) -> str:
        return self.key or f"{self.doc_id}:{self.section}:{self.number}"

    def text(self, language: str) -> str:
        return self.fr if language == "fr" else self.en

    def polarity(self, modality: str) -> bool | None:
        return next((answer for m, answer in self.yesno if m == modality), None)


_SECTION = re.compile(r"^@@ section: *(\S+) *$")
_FIELD = re.compile(r"^(quote|kind|yesno|fr|en|q): *(\S.*)$")


def parse_answers(path: Path, doc_id: str, section_ids: list[str]) -> list[Fact]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc})") from exc
    facts: list[Fact] = []
    section: str | None = None
    fields: dict[str, list[str]] | None = None
    start = 0

    def close() -> None:
        if fields is not None and section is not None:
            facts.append(_fact(path, start, doc_id, section, len(facts), fields))

    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        if m := _SECTION.match(line):
            close()
            fields = None
            section = m.group(1)
            if section not in section_ids:
                raise CorpusError(f"{path}:{number}: section {section!r} is not in the document")
        elif line.strip() == "@@ fact":
            if section is None:
                raise CorpusError(f"{path}:{number}: '@@ fact' before any '@@ section:'")
            close()
            fields, start = {}, number
        elif (m := _FIELD.match(line)) and fields is not None:
            fields.setdefault(m.group(1), []).append(m.group(2).strip())
        else:
            raise CorpusError(
                f"{path}:{number}: expected '@@ section:', '@@ fact' or 'quote|kind|yesno|fr|en|q:'"
            )
    close()
    return facts


def _fact(
    path: Path, line: int, doc_id: str, section: str, number: int, fields: dict[str, list[str]]
) -> Fact:
    where = f"{path}:{line}"
    for required in ("quote", "kind", "fr", "en"):
        if not fields.get(required):
            raise CorpusError(f"{where}: a fact needs '{required}:'")
    for single in ("fr", "en", "kind", "yesno"):
        if len(fields.get(single, [])) > 1:
            raise CorpusError(f"{where}: '{single}:' given twice")
    kinds = frozenset(k.strip() for k in fields["kind"][0].split(","))
    if unknown := kinds - KINDS:
        raise CorpusError(f"{where}: unknown kind {sorted(unknown)} (known: {sorted(KINDS)})")
    yesno = []
    for item in fields.get("yesno", [""])[0].split(","):
        if not item.strip():
            continue
        modality, _, answer = item.strip().partition("=")
        if modality not in MODALITIES or answer not in ("yes", "no"):
            raise CorpusError(f"{where}: yesno items are can|must|is=yes|no, not {item!r}")
        yesno.append((modality, answer == "yes"))
    return Fact(
        doc_id=doc_id,
        section=section,
        number=number,
        quotes=tuple(fields["quote"]),
        kinds=kinds,
        yesno=tuple(yesno),
        fr=fields["fr"][0],
        en=fields["en"][0],
        questions=tuple(fields.get("q", [])),
    )
