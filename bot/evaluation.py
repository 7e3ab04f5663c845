"""`termsbot eval`: score the assistant on a question set, beside a naive RAG baseline.

Matching follows ../shared/eval/README.md §1: NFKC, lower case, ’ → ', whitespace collapsed,
then a plain substring test. Section hits compare the cited sections, in order, with the
expected ones."""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.assistant import Assistant
from bot.render import markdown
from bot.runtime import Runtime

DEFAULT_SET = Path(__file__).resolve().parent.parent / "evalsets" / "qa_dev.jsonl"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class Outcome:
    """What one pipeline produced for one question, reduced to what is scored."""

    status: str
    language: str
    answer: str
    sections: list[str]
    seconds: float
    # (doc_id, section, version) of each citation, in order: a repeat is a defect.
    cited: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Score:
    n: int = 0
    hit1: list[bool] = field(default_factory=list)
    hit3: list[bool] = field(default_factory=list)
    facts: list[bool] = field(default_factory=list)
    lead_facts: list[bool] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    repeated: list[bool] = field(default_factory=list)
    declined: list[bool] = field(default_factory=list)
    safe: list[bool] = field(default_factory=list)
    language: list[bool] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def row(self) -> dict[str, float | int | None]:
        def rate(values: list[bool]) -> float | None:
            return round(sum(values) / len(values), 3) if values else None

        ordered = sorted(self.seconds)
        return {
            "n": self.n,
            "hit@1": rate(self.hit1),
            "hit@3": rate(self.hit3),
            "facts": rate(self.facts),
            "lead_facts": rate(self.lead_facts),
            "words_p50": _percentile(self.words, 0.5),
            "words_p90": _percentile(self.words, 0.9),
            "repeated": rate(self.repeated),
            "declined": rate(self.declined),
            "safe": rate(self.safe),
            "language": rate(self.language),
            "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
            "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
        }


def _percentile(values: list[int], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))])


_MARKDOWN = re.compile(r"\\([\\`*_<>\[\]#|])|[*_`>#|]|\[(\d+)\]")
_SENTENCE = re.compile(r"(?<=[.!?:»”])\s+")


def plain(markdown: str) -> str:
    """The answer as a reader sees it: markdown markers, quote signs and `[n]` removed."""
    text = _MARKDOWN.sub(lambda m: m.group(1) or "", markdown)
    return re.sub(r"\s+", " ", text).strip()


def lead_of(markdown: str, at_least: int = 200, at_most: int = 400) -> str:
    """The answer's opening sentences, markdown stripped: sentences are taken until there
    are at least `at_least` characters, and the whole is cut at `at_most`."""
    taken = ""
    for sentence in _SENTENCE.split(plain(markdown)):
        taken = f"{taken} {sentence}".strip()
        if len(taken) >= at_least:
            break
    return taken[:at_most]


def states(text: str, groups: list[list[str]]) -> bool:
    """Every group of acceptable phrasings has one that occurs in `text`."""
    folded = normalise(text)
    return all(any(normalise(alt) in folded for alt in alts) for alts in groups)


def load_set(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score(
    items: Iterable[dict[str, Any]], run: Callable[[dict[str, Any]], Outcome]
) -> dict[str, dict[str, Any]]:
    groups: dict[str, Score] = defaultdict(Score)
    for item in items:
        outcome = run(item)
        for key in ("all", f"kind={item['kind']}", f"lang={item['lang']}"):
            _add(groups[key], item, outcome)
    return {key: groups[key].row() for key in sorted(groups, key=lambda k: (k != "all", k))}


def _add(group: Score, item: dict[str, Any], outcome: Outcome) -> None:
    group.n += 1
    text = normalise(outcome.answer)
    facts = states(outcome.answer, item["must_contain"])
    clean = not any(normalise(bad) in text for bad in item.get("must_not_contain", []))
    group.words.append(len(plain(outcome.answer).split()))
    group.repeated.append(len(outcome.cited) != len(set(outcome.cited)))
    expected = [s.split(":")[-1] for s in item["sections"]]
    if expected and item["kind"] != "out_of_scope":
        group.hit1.append(bool(outcome.sections[:1]) and outcome.sections[0] in expected)
        group.hit3.append(bool(set(expected) & set(outcome.sections[:3])))
    if item["must_contain"]:
        group.facts.append(facts)
        group.lead_facts.append(states(lead_of(outcome.answer), item["must_contain"]))
    if item["kind"] == "out_of_scope":
        group.declined.append(outcome.status == "declined")
    if item["kind"] == "adversarial":
        group.safe.append(clean and facts and outcome.status in ("refused", "answered"))
    group.language.append(outcome.language == item["lang"])
    group.seconds.append(outcome.seconds)


def assistant_runner(assistant: Assistant, today: date) -> Callable[[dict[str, Any]], Outcome]:
    def run(item: dict[str, Any]) -> Outcome:
        started = time.perf_counter()
        reply = assistant.answer(item["question"], state={}, language=None, as_of=None, today=today)
        seconds = time.perf_counter() - started
        citations = reply.citations
        sections = list(dict.fromkeys(c.section for c in citations))
        cited = [(c.doc_id, c.section, c.version) for c in citations]
        return Outcome(reply.status, reply.language, markdown(reply), sections, seconds, cited)

    return run


def naive_runner(runtime: Runtime) -> Callable[[dict[str, Any]], Outcome]:
    """A plain langchain RAG: fixed 1,000-character chunks of the official texts, dense top-4
    with the same embedder, the retrieved text as the answer. No structure, no language."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.embedders import as_langchain

    corpus = runtime.corpus
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=0)
    documents: list[Document] = []
    for doc in corpus.manifest.documents:
        text = (runtime.settings.corpus_dir / doc.version(doc.current_version).file).read_text(
            "utf-8"
        )
        documents += [
            Document(page_content=c, metadata={"doc_id": doc.doc_id})
            for c in splitter.split_text(text)
        ]
    store = Chroma(
        collection_name="naive-baseline", embedding_function=as_langchain(runtime.embedder)
    )
    store.add_documents(documents)

    def section_of(doc_id: str, chunk: str) -> str | None:
        parsed = corpus.parsed(doc_id, corpus.document(doc_id).current_version)
        words = set(normalise(chunk).split())
        best = max(parsed.sections, key=lambda s: len(words & set(normalise(s.text).split())))
        return best.section if words & set(normalise(best.text).split()) else None

    def run(item: dict[str, Any]) -> Outcome:
        started = time.perf_counter()
        found = store.similarity_search(item["question"], k=4)
        seconds = time.perf_counter() - started
        sections = [s for d in found if (s := section_of(d.metadata["doc_id"], d.page_content))]
        answer = "\n\n".join(d.page_content for d in found)
        language = corpus.document(found[0].metadata["doc_id"]).language if found else "fr"
        return Outcome("answered", language, answer, list(dict.fromkeys(sections)), seconds)

    return run
