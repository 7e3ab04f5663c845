"""Recall@1/3/5 of the expected section for the development questions, per language and kind.

python benchmarks/retrieval_recall.py [--set evalsets/qa_dev.jsonl] [--embedder use|e5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from pathlib import Path

from bot.runtime import Runtime
from bot.settings import PROJECT_ROOT, Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default=str(PROJECT_ROOT / "evalsets" / "qa_dev.jsonl"))
    parser.add_argument("--embedder", default="use")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(Settings(data_dir=Path(tmp), embedder=args.embedder, _env_file=None))
        runtime.ingest()
        retriever, scope = runtime.retriever(), runtime.scope()
        groups: dict[str, list[list[bool]]] = defaultdict(list)
        for line in Path(args.set).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            expected = {s.split(":")[-1] for s in item["sections"]}
            if not expected or item["kind"] == "out_of_scope":
                continue
            got = [h.section for h in retriever.search(item["question"], scope, k=5)]
            hits = [bool(expected & set(got[:k])) for k in (1, 3, 5)]
            for key in ("all", f"lang={item['lang']}", f"kind={item['kind']}"):
                groups[key].append(hits)
    print(f"{'group':<22}{'n':>4}{'R@1':>7}{'R@3':>7}{'R@5':>7}")
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        rows = groups[key]
        rates = [sum(r[i] for r in rows) / len(rows) for i in range(3)]
        print(f"{key:<22}{len(rows):>4}" + "".join(f"{r:>7.2f}" for r in rates))


if __name__ == "__main__":
    main()
