"""Learner-style questions written for each section (doc2query by hand): indexed to match a
learner's wording to the clause, never quoted or shown as an answer.

    @@ section: 6.2
    - fr: J'ai combien de temps pour changer d'avis ?
    - en: Is there a cooling-off period for Premium Plus?
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.errors import CorpusError

_BLOCK = re.compile(r"^@@ section: *(\S+) *$")
_QUESTION = re.compile(r"^- (fr|en): *(\S.*)$")

Questions = dict[str, list[tuple[str, str]]]


def parse_questions(path: Path, section_ids: list[str]) -> Questions:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc})") from exc
    questions: Questions = {}
    current: str | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        if m := _BLOCK.match(line):
            current = m.group(1)
            if current not in section_ids:
                raise CorpusError(f"{path}:{number}: section {current!r} is not in the document")
            questions.setdefault(current, [])
        elif (m := _QUESTION.match(line)) and current is not None:
            questions[current].append((m.group(1), m.group(2).strip()))
        else:
            raise CorpusError(f"{path}:{number}: expected '@@ section:' or '- fr:|en: …'")
    return questions
