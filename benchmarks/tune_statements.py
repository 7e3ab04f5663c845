"""Fit the statement chooser's weights (bot/answering/choose.py WEIGHTS).

Training data: the fact bank's own questions. Each question written for a fact is asked in
turn, left out of that fact's questions; retrieval runs as in production; every statement of
the best four sections is a candidate; the weights maximise the (L2-regularised) softmax
likelihood of the fact the question was written for. The fit is then checked on real
questions that played no part in it — the development set and the review set — where a
choice is right when the chosen statement and its proof state every expected fact.

    python benchmarks/tune_statements.py [--iterations N] [--l2 X]

Figures of the fit that set WEIGHTS (2026-12-02, shared 2-core machine):
see the commit that changed WEIGHTS.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bot.answering.choose import SECTIONS_CONSIDERED, WEIGHTS, features
from bot.answering.kinds import read_ask
from bot.assistant import Assistant
from bot.evaluation import normalise
from bot.facts import Grounded
from bot.hints import read_hints
from bot.runtime import Runtime
from bot.settings import PROJECT_ROOT, Settings

Group = tuple[np.ndarray, np.ndarray]  # (candidate features, 1 where right)


def bank_groups(assistant: Assistant, runtime: Runtime) -> list[Group]:
    groups: list[Group] = []
    facts = runtime.facts
    seen: set[str] = set()
    for key in sorted(facts._by_section):
        for grounded in facts._by_section[key]:
            if grounded.fact.id in seen or grounded.version != _current(runtime, key[0]):
                continue
            seen.add(grounded.fact.id)
            for question in grounded.fact.questions:
                group = _group(assistant, runtime, question, grounded, question)
                if group is not None:
                    groups.append(group)
    return groups


def _current(runtime: Runtime, doc_id: str) -> str:
    return runtime.corpus.document(doc_id).current_version


def _group(
    assistant: Assistant, runtime: Runtime, question: str, target: Grounded, leave_out: str
) -> Group | None:
    """A statement is right when it is the one the question was written for, or one that
    rests on all of its sentences (a combination statement that includes it)."""
    ask = read_ask(question)
    vector = assistant._query_vector(question)
    hits = assistant._retrieve(question, vector, read_hints(question), None)
    languages = ["fr", "en"]
    rows, right = [], []
    for rank, hit in enumerate(hits[:SECTIONS_CONSIDERED]):
        for grounded in runtime.facts.of_section(hit.doc_id, hit.version, hit.section):
            own = grounded.fact.id == target.fact.id
            covers = set(target.proof) <= set(grounded.proof)
            left_out = leave_out if own else None
            rows.append(
                features(question, ask, vector, grounded, runtime.facts, languages, rank, left_out)
            )
            right.append(1.0 if own or covers else 0.0)
    if not any(right):
        return None  # retrieval missed the section: nothing for the chooser to learn
    return np.array(rows), np.array(right)


def set_groups(assistant: Assistant, runtime: Runtime, path: Path) -> list[Group]:
    groups = []
    for line in path.read_text("utf-8").splitlines():
        item = json.loads(line)
        if item["kind"] in ("out_of_scope", "adversarial", "version") or not item["must_contain"]:
            continue
        question = item["question"]
        ask = read_ask(question)
        vector = assistant._query_vector(question)
        hits = assistant._retrieve(question, vector, read_hints(question), None)
        rows, right = [], []
        for rank, hit in enumerate(hits[:SECTIONS_CONSIDERED]):
            for grounded in runtime.facts.of_section(hit.doc_id, hit.version, hit.section):
                fact = grounded.fact
                text = normalise(f"{fact.fr} {fact.en} {' '.join(u.text for u in grounded.proof)}")
                ok = all(any(normalise(a) in text for a in alts) for alts in item["must_contain"])
                rows.append(
                    features(question, ask, vector, grounded, runtime.facts, ["fr", "en"], rank)
                )
                right.append(1.0 if ok else 0.0)
        if rows and any(right):
            groups.append((np.array(rows), np.array(right)))
    return groups


def fit(groups: list[Group], iterations: int, l2: float, start: np.ndarray) -> np.ndarray:
    """Softmax regression over each group's candidates (gradient descent, Adam)."""
    w = start.copy()
    m, v = np.zeros_like(w), np.zeros_like(w)
    rate, b1, b2 = 0.01, 0.9, 0.999
    for step in range(1, iterations + 1):
        grad = l2 * w
        for x, y in groups:
            scores = x @ w
            p = np.exp(scores - scores.max())
            p /= p.sum()
            target = y / y.sum()
            grad += x.T @ (p - target) / len(groups)
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= rate * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return w


def accuracy(groups: list[Group], w: np.ndarray) -> float:
    if not groups:
        return 0.0
    return sum(float(y[int(np.argmax(x @ w))] > 0) for x, y in groups) / len(groups)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=400)
    parser.add_argument("--l2", type=float, nargs="+", default=[0.001, 0.01, 0.1])
    args = parser.parse_args()
    runtime = Runtime(Settings())
    if not runtime.readiness().ready:
        runtime.ingest()
    assistant = Assistant(runtime, store=None)
    train = bank_groups(assistant, runtime)
    checks = {
        name: set_groups(assistant, runtime, path)
        for name, path in (
            ("dev", PROJECT_ROOT / "evalsets" / "qa_dev.jsonl"),
            ("review", PROJECT_ROOT / "evalsets" / "review.jsonl"),
        )
        if path.is_file()
    }
    print(f"training questions: {len(train)}")
    print(f"current  bank={accuracy(train, WEIGHTS):.3f} " + _checked(checks, WEIGHTS))
    for l2 in args.l2:
        fitted = fit(train, args.iterations, l2, WEIGHTS)
        # On the scale of the hand-set weights, so that pick()'s margins keep their meaning.
        fitted *= SCALE / float(np.abs(fitted[:5]).sum())
        print(f"l2={l2:<6} bank={accuracy(train, fitted):.3f} " + _checked(checks, fitted))
        print("    WEIGHTS = [" + ", ".join(f"{x:.3f}" for x in fitted) + "]")


SCALE = 1.4


def _checked(checks: dict[str, list[Group]], w: np.ndarray) -> str:
    return " ".join(f"{name}={accuracy(groups, w):.3f}" for name, groups in checks.items())


if __name__ == "__main__":
    main()
