"""The answer statements of `corpus/answers/`, tied to the sentences they rest on.

A fact applies to a version of its section when each of its quotes is found (loosely: case,
accents of apostrophes, spaces and markdown aside) in the official sentences of that version;
the sentences that contain a quote are the fact's proof. A fact must not say a figure its
proof does not: `unsupported_numbers` finds those (a test runs it on every fact)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.errors import CorpusError
from bot.sentences import Unit, section_units
from ingest.answers import Fact, parse_answers
from ingest.corpus import Corpus

ANSWERS_DIR = "answers"


@dataclass(frozen=True)
class Grounded:
    """A fact with the official sentences that prove it, in one version."""

    fact: Fact
    version: str
    proof: tuple[Unit, ...]


def load_facts(corpus: Corpus, corpus_dir: Path) -> list[Fact]:
    facts: list[Fact] = []
    for doc in corpus.manifest.documents:
        path = corpus_dir / ANSWERS_DIR / f"{doc.doc_id}.md"
        if not path.is_file():
            continue
        ids = corpus.parsed(doc.doc_id, doc.current_version).section_ids()
        facts += parse_answers(path, doc.doc_id, ids)
    return facts


def ground(corpus: Corpus, facts: list[Fact]) -> dict[tuple[str, str, str], list[Grounded]]:
    """(doc_id, version, section) → the facts that apply there, with their proof."""
    out: dict[tuple[str, str, str], list[Grounded]] = defaultdict(list)
    for doc in corpus.manifest.documents:
        for entry in doc.versions:
            parsed = corpus.parsed(doc.doc_id, entry.version)
            for fact in (f for f in facts if f.doc_id == doc.doc_id):
                section = parsed.get(fact.section)
                if section is None:
                    continue
                units = section_units(
                    doc.doc_id, entry.version, fact.section, doc.language, True, section.paragraphs
                )
                proof = proof_of(fact, units)
                if proof:
                    out[(doc.doc_id, entry.version, fact.section)].append(
                        Grounded(fact, entry.version, proof)
                    )
    return out


def proof_of(fact: Fact, units: list[Unit]) -> tuple[Unit, ...]:
    """The sentences containing each quote, or () when one quote is found nowhere."""
    found: list[Unit] = []
    for quote in fact.quotes:
        wanted = loose(quote)
        matches = [u for u in units if wanted in loose(u.text)]
        if not matches:
            # A quote may run across two sentences of one paragraph.
            matches = _across(wanted, units)
        if not matches:
            return ()
        found += [u for u in matches[:2] if u not in found]
    return tuple(sorted(found, key=lambda u: (u.paragraph, u.index)))


def _across(wanted: str, units: list[Unit]) -> list[Unit]:
    for first, second in itertools.pairwise(units):
        if first.paragraph == second.paragraph and wanted in loose(f"{first.text} {second.text}"):
            return [first, second]
    return []


_MARKDOWN = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)|<(https?://[^>]+)>")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def loose(text: str) -> str:
    text = _MARKDOWN.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r'"\s*|\s*"', '"', text)
    text = re.sub(r"\s+([;:!?])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORDS = {
    "un": "1", "une": "1", "one": "1", "deux": "2", "two": "2", "trois": "3", "three": "3",
    "quatre": "4", "four": "4", "cinq": "5", "five": "5", "six": "6", "sept": "7",
    "seven": "7", "huit": "8", "eight": "8", "quinze": "15", "fifteen": "15", "douze": "12",
    "twelve": "12", "trente": "30", "thirty": "30", "quarante": "40", "forty": "40",
    "seize": "16", "sixteen": "16", "dix-huit": "18", "eighteen": "18",
}  # fmt: skip


def numbers(text: str) -> set[str]:
    found = set(_NUMBER.findall(text))
    for word in re.findall(r"[a-zà-ÿ-]+", text.lower()):
        if word in _WORDS:
            found.add(_WORDS[word])
    return found


def unsupported_numbers(fact: Fact, proof: tuple[Unit, ...]) -> set[str]:
    """Figures the fact states in either language that its proof does not."""
    said = set(_NUMBER.findall(fact.fr)) | set(_NUMBER.findall(fact.en))
    return said - numbers(" ".join(u.text for u in proof))


def check(corpus: Corpus, corpus_dir: Path) -> list[str]:
    """Every problem of the fact files, one line each (empty: all good)."""
    problems: list[str] = []
    try:
        facts = load_facts(corpus, corpus_dir)
    except CorpusError as exc:
        return [str(exc)]
    grounded = ground(corpus, facts)
    for fact in facts:
        doc = corpus.document(fact.doc_id)
        where = f"{fact.doc_id} {fact.section} fact {fact.number + 1} ({fact.en[:50]}…)"
        current = [
            g for g in grounded[(fact.doc_id, doc.current_version, fact.section)] if g.fact is fact
        ]
        if not current:
            problems.append(f"{where}: a quote is not in the current version's text")
            continue
        if extra := unsupported_numbers(fact, current[0].proof):
            problems.append(f"{where}: figures not in the quoted sentences: {sorted(extra)}")
    return problems


def main() -> None:
    """`python -m bot.facts [CORPUS_DIR]`: check the fact files and print their problems."""
    import sys

    from ingest.corpus import load_corpus

    corpus_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    corpus = load_corpus(corpus_dir)
    problems = check(corpus, corpus_dir)
    facts = load_facts(corpus, corpus_dir) if not problems or "fact" in problems[0] else []
    for line in problems:
        print(line)
    print(f"{len(facts)} facts, {len(problems)} problems")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
