"""Ingest timings on this machine: a full build, then a re-ingest with no change.

python benchmarks/ingest_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from bot.settings import PROJECT_ROOT
from ingest.embedders import UseEmbedder
from ingest.pipeline import ingest
from ingest.store import EmbeddedStore


def _files(root: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = PROJECT_ROOT / "corpus"
    started = time.perf_counter()
    embedder = UseEmbedder()
    load = time.perf_counter() - started
    full, noop = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = EmbeddedStore(Path(tmp) / "index")
            report = ingest(corpus, store, embedder)
            full.append(report.seconds)
            before = _files(Path(tmp))
            again = ingest(corpus, store, embedder)
            noop.append(again.seconds)
            assert again.unchanged and _files(Path(tmp)) == before, "no-op ingest wrote files"
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    print(f"embedder load: {load:.2f} s; chunks: {report.chunks}; sections: {report.sections}")
    print(f"full ingest:  median {statistics.median(full):.2f} s  (runs: {full})")
    print(f"no-op ingest: median {statistics.median(noop):.3f} s (runs: {noop}); files written: 0")


if __name__ == "__main__":
    main()
