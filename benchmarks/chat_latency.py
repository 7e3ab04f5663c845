"""Default-mode /v1/chat latency through the core (retrieval, composition and the SQLite
write that precedes every reply), after warm-up. Not a test: figures for the notes.

    python benchmarks/chat_latency.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.runtime import Runtime
from bot.settings import PROJECT_ROOT, Settings
from bot.store import Owner


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--set", default=str(PROJECT_ROOT / "evalsets" / "qa_dev.jsonl"))
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in Path(args.set).read_text("utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(Settings(data_dir=Path(tmp), _env_file=None))
        runtime.ingest()
        assistant = runtime.assistant
        started = time.perf_counter()
        assistant.warm_up()
        warm = time.perf_counter() - started
        timings: list[float] = []
        for _ in range(args.rounds):
            for question in questions:
                t0 = time.perf_counter()
                assistant.ask(
                    question, now=datetime.now(UTC), owner=Owner.nobody(), channel="bench"
                )
                timings.append(time.perf_counter() - t0)
    timings.sort()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; warm-up {warm:.2f} s")
    p50 = 1000 * statistics.median(timings)
    p95 = 1000 * timings[int(0.95 * (len(timings) - 1))]
    print(f"{len(timings)} answers (stored in SQLite): p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
