"""Load test of /v1/chat against a real server: `termsbot serve --workers N` on a loopback
port, driven by an async HTTP load generator (httpx) at a fixed concurrency. Not a test:
figures for the notes.

    python benchmarks/load_chat.py [--requests 10000] [--concurrency 16] [--workers 2]
        [--database-url URL] [--url http://127.0.0.1:8000 --key tb_…]

Without --url it builds an index in a temporary data directory, creates an API key with a
limit high enough not to interfere, starts the server, and stops it at the end. It prints
requests/s, p50/p95/p99 latency, errors by status, and the resident memory (RSS) of the
server's processes after warm-up and after the run. Traffic stays on this machine.

`--driver wrk` drives the load with wrk (`apt-get install wrk`) instead of the Python
generator, which takes less of the machine's CPU from the server: it runs for as long as
`--requests` takes at the throughput of the warm-up, and reports what it did.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "evalsets" / "qa_dev.jsonl"
TERMSBOT = str(Path(sys.executable).parent / "termsbot")


def main() -> None:
    args = _arguments()
    questions = [
        json.loads(line)["question"]
        for line in QUESTIONS.read_text("utf-8").splitlines()
        if line.strip()
    ]
    if args.url:
        _report(asyncio.run(_drive(args, args.url, args.key, questions)), None, None, args)
        return
    with tempfile.TemporaryDirectory(prefix="termsbot-load-") as tmp:
        env = _environment(Path(tmp), args.database_url)
        subprocess.run([TERMSBOT, "ingest"], env=env, check=True, capture_output=True)
        key = _create_key(env)
        log = Path(args.server_log) if args.server_log else Path(tmp) / "server.log"
        with _server(env, args.serve.split(), args.workers, log) as (process, url):
            _wait_ready(url)
            asyncio.run(_drive(args, url, key, questions, count=args.warmup))  # warm every worker
            before = _tree_rss(process.pid)
            if args.driver == "wrk":
                result = _wrk(args, url, key, questions, Path(tmp))
            else:
                result = asyncio.run(_drive(args, url, key, questions))
            after = _tree_rss(process.pid)
        _report(result, before, after, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--database-url", help="default: SQLite in the temporary data dir")
    parser.add_argument("--url", help="drive an already running server instead")
    parser.add_argument("--key", help="its API key (with --url)")
    parser.add_argument("--timeout", type=float, default=900.0, help="stop the run after this")
    parser.add_argument("--server-log", help="keep the server's log there")
    parser.add_argument("--driver", choices=["httpx", "wrk"], default="httpx")
    parser.add_argument(
        "--serve",
        default=f"{TERMSBOT} serve",
        help="the command that serves (host, port and workers are appended)",
    )
    return parser.parse_args()


def _environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERMSBOT_")}
    env["TERMSBOT_DATA_DIR"] = str(data_dir)
    if database_url:
        env["TERMSBOT_DATABASE_URL"] = database_url
    return env


def _create_key(env: dict[str, str]) -> str:
    created = subprocess.run(
        [TERMSBOT, "keys", "create", "load test", "--rate-limit", "10000000/minute"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return created.stdout.strip().splitlines()[-1]


@contextmanager
def _server(
    env: dict[str, str], serve: list[str], workers: int, log: Path
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [*serve, "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)], env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process, f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_ready(url: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not become ready")


async def _drive(
    args: argparse.Namespace, url: str, key: str | None, questions: list[str], count: int = 0
) -> dict[str, object]:
    total = count or args.requests
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    next_index = 0
    headers = {"authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency
    )
    deadline = time.monotonic() + args.timeout

    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=60.0
    ) as client:

        async def user() -> None:
            nonlocal next_index
            while next_index < total and time.monotonic() < deadline:
                index = next_index
                next_index += 1
                body = {"message": questions[index % len(questions)]}
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/chat", json=body)
                    statuses[str(response.status_code)] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(args.concurrency)))
        elapsed = time.perf_counter() - started
    return {"latencies": latencies, "statuses": statuses, "elapsed": elapsed}


_WRK_SCRIPT = """
local bodies = {%(bodies)s}
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %(key)s"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/v1/chat", headers, bodies[(i %% #bodies) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.3f, "p50": %%.2f, "p95": %%.2f, "p99": %%.2f, '
    .. '"mean": %%.2f, "socket_errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def _wrk(
    args: argparse.Namespace, url: str, key: str, questions: list[str], tmp: Path
) -> dict[str, object]:
    """wrk for about `--requests` requests; the figures come from its own latency record."""
    bodies = ", ".join(
        f"[==[{json.dumps({'message': q}, ensure_ascii=False)}]==]" for q in questions
    )
    script = tmp / "chat.lua"
    script.write_text(_WRK_SCRIPT % {"bodies": bodies, "key": key}, "utf-8")
    probe = asyncio.run(_drive(args, url, key, questions, count=200))
    rate = 200 / float(probe["elapsed"])  # type: ignore[arg-type]
    seconds = max(10, round(args.requests / rate))
    command = ["wrk", "-t2", f"-c{args.concurrency}", f"-d{seconds}s", "--timeout", "60s"]
    output = subprocess.run(
        [*command, "-s", str(script), url], check=True, capture_output=True, text=True
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    errors = figures["socket_errors"] + figures["non_2xx"]
    return {"figures": figures, "errors": errors, "elapsed": figures["seconds"]}


def _tree_rss(pid: int) -> dict[int, int]:
    """RSS in kB of `pid` and its descendants (the uvicorn supervisor and its workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    rss: dict[int, int] = {}
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = (Path("/proc") / str(current) / "status").read_text()
        except OSError:
            continue
        rss[current] = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
        pending.extend(children.get(current, []))
    return rss


def _report(
    result: dict[str, object],
    before: dict[int, int] | None,
    after: dict[int, int] | None,
    args: argparse.Namespace,
) -> None:
    print(f"machine: {os.cpu_count()} cores; server workers: {args.workers}; {args.driver}")
    if "figures" in result:
        figures: dict[str, float] = result["figures"]  # type: ignore[assignment]
        count, elapsed = int(figures["requests"]), figures["seconds"]
        p50, p95, p99, mean = (figures[k] for k in ("p50", "p95", "p99", "mean"))
        outcome = f"errors: {result['errors']} (socket errors and non-2xx responses)"
    else:
        latencies = sorted(result["latencies"])  # type: ignore[call-overload]
        statuses: Counter[str] = result["statuses"]  # type: ignore[assignment]
        count, elapsed = len(latencies), float(result["elapsed"])  # type: ignore[arg-type]

        def quantile(q: float) -> float:
            return 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))]

        p50, p95, p99 = quantile(0.50), quantile(0.95), quantile(0.99)
        mean = 1000 * statistics.fmean(latencies)
        outcome = f"responses: {dict(statuses)}; errors: {count - statuses.get('200', 0)}"
    print(
        f"{count} POST /v1/chat at concurrency {args.concurrency} in {elapsed:.1f} s: "
        f"{count / elapsed:.1f} requests/s"
    )
    print(f"latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, mean {mean:.1f} ms")
    print(outcome)
    if before is not None and after is not None:
        print(
            f"server RSS: {sum(before.values()) / 1024:.0f} MiB after warm-up, "
            f"{sum(after.values()) / 1024:.0f} MiB after the run "
            f"(per process: {sorted(v // 1024 for v in before.values())} → "
            f"{sorted(v // 1024 for v in after.values())} MiB)"
        )


if __name__ == "__main__":
    main()
