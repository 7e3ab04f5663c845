"""The `termsbot` command line: a door like the HTTP API, over the same core."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bot.errors import TermsbotError
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store.records import Owner

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True, soft_wrap=True)
out = Console(width=140)


# Conversations started here continue here (`--conversation`), and nowhere else.
CLI_OWNER = Owner("cli", "local")


def _runtime() -> Runtime:
    return Runtime(Settings())


def _fail(exc: TermsbotError) -> typer.Exit:
    # escape: a message may hold brackets ("termsbot[sentence-transformers]") that rich would
    # take for markup
    console.print(f"[bold red]error[/]: {escape(str(exc))}")
    return typer.Exit(code=2)


@app.command()
def ingest(
    check: Annotated[
        bool, typer.Option("--check", help="only verify the published index; exit 1 if it fails")
    ] = False,
) -> None:
    """Parse the corpus, embed it and publish the index (skipped when nothing changed and the
    index passes its checks; a damaged index is rebuilt)."""
    runtime = _runtime()
    if check:
        _check_index(runtime)
        return
    try:
        with Progress(
            TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), console=console
        ) as bar:
            task = bar.add_task("embed", total=None)
            report = runtime.ingest(
                lambda done, total: bar.update(task, completed=done, total=total)
            )
    except TermsbotError as exc:
        raise _fail(exc) from exc
    if report.repaired:
        console.print(f"[bold yellow]the index failed its check[/]: {report.repaired}")
    table = Table(title="termsbot ingest", show_header=True)
    for column in (
        "documents",
        "versions",
        "sections",
        "chunks",
        "embedded",
        "reused",
        "dropped",
        "seconds",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        *(
            str(getattr(report, c))
            for c in (
                "documents",
                "versions",
                "sections",
                "chunks",
                "embedded",
                "reused",
                "dropped",
                "seconds",
            )
        )
    )
    out.print(table)
    status = "unchanged: nothing written" if report.unchanged else f"published {report.build_id}"
    out.print(f"index {status} ({runtime.store.description})")


def _check_index(runtime: Runtime) -> None:
    """`ingest --check`: the published build against the corpus, the embedder and itself."""
    from bot.index import check_build
    from ingest.pipeline import check

    try:
        info = check(runtime.store)
        check_build(info, runtime.embedder, runtime.corpus.fingerprint)
    except TermsbotError as exc:
        console.print(f"[bold red]index check failed[/]: {exc}")
        console.print("run `termsbot ingest` to rebuild it from the corpus")
        raise typer.Exit(code=1) from exc
    out.print(
        f"index {info.build_id} passes its checks: {info.chunk_count} chunks as written, "
        f"probe query answered as built, files unchanged ({runtime.store.description})"
    )


@app.command()
def search(
    query: str,
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=50)] = 5,
    doc_id: Annotated[str | None, typer.Option("--doc")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    as_of: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show the ranked sections for a query, with dense, keyword and fused scores."""
    runtime = _runtime()
    try:
        day = date.fromisoformat(as_of) if as_of else None
        hits = runtime.retriever().search(query, runtime.scope(day, doc_id, lang), k=k)
    except ValueError as exc:
        console.print(f"[bold red]error[/]: --as-of: {exc}")
        raise typer.Exit(code=2) from exc
    except TermsbotError as exc:
        raise _fail(exc) from exc
    if as_json:
        from bot.search import to_response

        out.print_json(to_response(hits, runtime.corpus).model_dump_json())
        return
    table = Table(title=f"search: {query}")
    for column in ("#", "doc", "section", "version", "fused", "dense", "keyword", "best chunk"):
        table.add_column(column)
    for rank, hit in enumerate(hits, start=1):
        chunk = hit.best_chunk
        table.add_row(
            str(rank),
            hit.doc_id,
            hit.section,
            hit.version,
            f"{hit.fused:.4f}",
            "-" if hit.dense is None else f"{hit.dense:.3f}",
            "-" if hit.keyword is None else f"{hit.keyword:.2f}",
            f"[{chunk.language}] {chunk.text[:70]}…",
        )
    out.print(table)


@app.command()
def ask(
    question: str,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="fr or en (default: detect)")] = None,
    conversation: Annotated[str | None, typer.Option("--conversation")] = None,
    as_of: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
) -> None:
    """Ask a question; prints the answer (or the whole /v1/chat response with --json)."""
    from datetime import UTC, datetime

    from bot.render import plain_text
    from bot.reply import Reply
    from bot.schemas import ChatRequest

    runtime = _runtime()
    try:
        request = ChatRequest.model_validate(
            {"message": question, "language": lang, "conversation_id": conversation, "as_of": as_of}
        )
    except ValueError as exc:
        console.print(f"[bold red]error[/]: {exc}")
        raise typer.Exit(code=2) from exc
    try:
        if not runtime.readiness().ready:
            runtime.ingest()
        response = runtime.assistant.ask(
            request.message,
            now=datetime.now(UTC),
            owner=CLI_OWNER,
            conversation_id=request.conversation_id,
            language=request.language,
            as_of=request.as_of,
            channel="cli",
        )
    except TermsbotError as exc:
        raise _fail(exc) from exc
    if as_json:
        out.print_json(response.model_dump_json())
        return
    out.print(plain_text(Reply.from_response(response)), markup=False, highlight=False)


@app.command()
def diff(
    from_version: Annotated[
        str | None,
        typer.Option("--from", help="older version (default: the one before the current)"),
    ] = None,
    to_version: Annotated[
        str | None, typer.Option("--to", help="newer version (default: the current one)")
    ] = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="also list sections that differ in typography only")
    ] = False,
    doc_id: Annotated[str, typer.Option("--doc")] = "cgs",
    section: Annotated[str | None, typer.Option("--section", help="only this section")] = None,
    lang: Annotated[str, typer.Option("--lang", help="fr or en")] = "en",
    as_json: Annotated[bool, typer.Option("--json", help="the API's JSON")] = False,
) -> None:
    """What changed in substance between two versions of a document (typography set aside),
    each edit with what it means and the two wordings marked [-removed-] / {+added+}."""
    from bot.diff import default_pair, diff_versions
    from bot.diff_render import diff_report

    if lang not in {"fr", "en"}:
        console.print("[bold red]error[/]: --lang must be fr or en")
        raise typer.Exit(code=2)
    runtime = _runtime()
    try:
        default_from, default_to = default_pair(runtime.corpus, doc_id)
        result = diff_versions(
            runtime.corpus,
            doc_id,
            from_version or default_from,
            to_version or default_to,
            include_typographic=include_all,
            section=section,
        )
    except TermsbotError as exc:
        raise _fail(exc) from exc
    if as_json:
        out.print_json(result.model_dump_json())
        return
    out.print(diff_report(result, "fr" if lang == "fr" else "en"), markup=False, highlight=False)


@app.command()
def calc(
    name: Annotated[str, typer.Argument(help="calculator name; `termsbot calc list` lists them")],
    input_json: Annotated[str, typer.Option("--input", help="the inputs as a JSON object")] = "{}",
) -> None:
    """Run a deterministic calculator and print its result, rules and explanation as JSON."""
    from bot.calculators import CALCULATORS, input_schema, run_calculator
    from bot.errors import CalculatorInputError

    if name == "list":
        for calculator, spec in CALCULATORS.items():
            out.print(f"[bold]{calculator}[/]: {spec.description['en']}", highlight=False)
            out.print(f"    --input {_example(input_schema(calculator))}", markup=False)
            for line in describe_inputs(input_schema(calculator)):
                out.print(f"    {line}", markup=False, highlight=False)
        return
    if name not in CALCULATORS:
        console.print(f"[bold red]error[/]: no calculator named {name!r}: see `termsbot calc list`")
        raise typer.Exit(code=2)
    try:
        inputs = json.loads(input_json)
    except json.JSONDecodeError as exc:
        console.print(f"[bold red]error[/]: --input is not valid JSON: {exc}")
        raise typer.Exit(code=2) from exc
    if not isinstance(inputs, dict):
        console.print("[bold red]error[/]: --input must be a JSON object")
        raise typer.Exit(code=2)
    try:
        result = run_calculator(name, inputs)
    except CalculatorInputError as exc:
        # Say "input", so that an input named like its calculator does not read as a
        # missing calculator; then list what the calculator takes.
        console.print(
            f"[bold red]error[/]: calculator {name}: input {exc.field!r} {_reason(exc.reason)}",
            highlight=False,
        )
        console.print(f"{name} takes --input {_example(input_schema(name))}", markup=False)
        for line in describe_inputs(input_schema(name)):
            console.print(f"    {line}", markup=False, highlight=False)
        raise typer.Exit(code=2) from exc
    except TermsbotError as exc:
        raise _fail(exc) from exc
    out.print_json(json.dumps(result.to_dict(), ensure_ascii=False))


def _reason(reason: str) -> str:
    return "is required" if reason == "required" else f"is invalid: {reason}"


def describe_inputs(schema: dict[str, Any]) -> list[str]:
    """One line per input of a calculator's JSON Schema: name, kind, required or not."""
    required = set(schema.get("required", []))
    lines = []
    for field, spec in schema.get("properties", {}).items():
        kind = _kind(spec)
        need = "required" if field in required else "optional"
        help_text = f" — {spec['description']}" if spec.get("description") else ""
        lines.append(f"{field}: {kind}, {need}{help_text}")
    return lines


def _kind(spec: dict[str, Any]) -> str:
    options = [o for o in spec.get("anyOf", [spec]) if o.get("type") != "null"]
    first = options[0] if options else spec
    if "enum" in first:
        return "one of " + " | ".join(str(v) for v in first["enum"])
    kind = {"date": "date YYYY-MM-DD", "date-time": "date and time YYYY-MM-DDTHH:MM"}.get(
        first.get("format", ""), str(first.get("type", "value"))
    )
    return {"integer": "whole number", "boolean": "true or false"}.get(kind, kind)


_SAMPLES = {
    "date YYYY-MM-DD": "2026-03-03",
    "date and time YYYY-MM-DDTHH:MM": "2026-03-03T09:00",
    "whole number": 3,
    "number": 49.0,
    "true or false": True,
}


def _example(schema: dict[str, Any]) -> str:
    """An --input with every required input, filled with a sample of its kind."""
    sample: dict[str, Any] = {}
    for field in schema.get("required", []):
        kind = _kind(schema["properties"][field])
        sample[field] = (
            kind.removeprefix("one of ").split(" | ")[0]
            if kind.startswith("one of ")
            else _SAMPLES.get(kind, "…")
        )
    return "'" + json.dumps(sample, ensure_ascii=False) + "'"


@app.command("eval")
def evaluate(
    question_set: Annotated[Path | None, typer.Option("--set", help="a qa JSONL file")] = None,
    baseline: Annotated[bool, typer.Option(help="also score the naive RAG baseline")] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score the assistant on a question set (default: the development set) and print the
    figures per kind and language, beside a naive langchain RAG baseline."""
    from datetime import UTC, datetime

    from bot.assistant import Assistant
    from bot.evaluation import DEFAULT_SET, assistant_runner, load_set, naive_runner, score

    runtime = _runtime()
    try:
        items = load_set(question_set or DEFAULT_SET)
    except (OSError, ValueError) as exc:
        console.print(f"[bold red]error[/]: --set: {exc}")
        raise typer.Exit(code=2) from exc
    try:
        if not runtime.readiness().ready:
            runtime.ingest()
        assistant = Assistant(runtime, store=None)
        assistant.warm_up()
        results = {"termsbot": score(items, assistant_runner(assistant, datetime.now(UTC).date()))}
        if baseline:
            results["naive RAG"] = score(items, naive_runner(runtime))
    except TermsbotError as exc:
        raise _fail(exc) from exc
    if as_json:
        out.print_json(json.dumps(results))
        return
    for name, rows in results.items():
        table = Table(title=f"{name} on {len(items)} questions")
        columns = list(next(iter(rows.values())))
        table.add_column("group")
        for column in columns:
            table.add_column(column, justify="right")
        for group, row in rows.items():
            table.add_row(group, *("-" if row[c] is None else str(row[c]) for c in columns))
        out.print(table)


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: Annotated[int, typer.Option(min=1)] = 1,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="comma-separated proxy addresses (or *) whose X-Forwarded-For is believed; "
            "default: TERMSBOT_FORWARDED_ALLOW_IPS, else none",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API, building the index first when it is missing, stale or damaged."""
    from bot.http import server

    runtime = _runtime()
    try:
        runtime.check_storage()  # names the directory that refuses writes
        state = runtime.readiness()
        if not state.ready:
            what = "damaged" if state.damaged else "missing or stale"
            console.print(f"index {what} ({state.reason}): building it from the corpus first")
            report = runtime.ingest(rebuild=state.reason if state.damaged else None)
            console.print(f"index {report.build_id} published")
    except TermsbotError as exc:
        raise _fail(exc) from exc
    proxies = runtime.settings.forwarded_allow_ips
    if forwarded_allow_ips is not None:
        proxies = forwarded_allow_ips
    if workers > 1:
        target: object = "api:create_app"
        options: dict[str, object] = {"factory": True}
    else:
        from api import create_app

        target, options = create_app(runtime=runtime), {}
    server.run(
        target,
        host=host,
        port=port,
        workers=workers,
        forwarded_allow_ips=proxies,
        **options,
    )


@app.command("slack-socket")
def slack_socket() -> None:
    """Answer Slack over Socket Mode (TERMSBOT_SLACK_APP_TOKEN), for workspaces without a
    public URL; builds the index first if needed."""
    from bot.slack.socket import run_socket_mode

    runtime = _runtime()
    try:
        if not runtime.readiness().ready:
            console.print("index missing or stale: building it first")
            runtime.ingest()
        run_socket_mode(runtime)
    except TermsbotError as exc:
        raise _fail(exc) from exc


keys_app = typer.Typer(no_args_is_help=True, help="Help-center API keys (stored hashed).")
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    name: str,
    rate_limit: Annotated[
        str | None, typer.Option("--rate-limit", help="e.g. 600/minute (default: the setting)")
    ] = None,
) -> None:
    """Create a key and print its secret, once: only its hash is kept."""
    from datetime import UTC, datetime

    from bot.http.limits import parse_limit

    runtime = _runtime()
    limit = rate_limit or runtime.settings.default_key_rate_limit
    try:
        parse_limit(limit)
        created = runtime.conversations.api_keys.create(
            name, rate_limit=limit, now=datetime.now(UTC)
        )
    except ValueError as exc:
        console.print(f"[bold red]error[/]: {exc}")
        raise typer.Exit(code=2) from exc
    except TermsbotError as exc:
        raise _fail(exc) from exc
    console.print(f"key {created.key.id} ({created.key.name}, {limit}); the secret, shown once:")
    out.print(created.secret, markup=False, highlight=False)


@keys_app.command("list")
def keys_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List keys: id, name, prefix, limit, created, revoked (never the secret)."""
    try:
        keys = _runtime().conversations.api_keys.list()
    except TermsbotError as exc:
        raise _fail(exc) from exc
    rows = [
        {
            "id": k.id,
            "name": k.name,
            "prefix": k.prefix + "…",
            "rate_limit": k.rate_limit,
            "created_at": k.created_at.isoformat(timespec="seconds"),
            "revoked_at": k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else None,
        }
        for k in keys
    ]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    table = Table(title="API keys")
    for column in ("id", "name", "prefix", "rate_limit", "created_at", "revoked_at"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row[c] or "-") for c in row))
    out.print(table)


@keys_app.command("revoke")
def keys_revoke(key_id: str) -> None:
    """Revoke a key: it is refused (401) from the next request on."""
    from datetime import UTC, datetime

    try:
        key = _runtime().conversations.api_keys.revoke(key_id, now=datetime.now(UTC))
    except TermsbotError as exc:
        raise _fail(exc) from exc
    console.print(f"key {key.id} ({key.name}) revoked")


def main() -> None:
    try:
        app()
    except TermsbotError as exc:  # pragma: no cover - commands report their own errors
        console.print(f"[bold red]error[/]: {escape(str(exc))}")
        sys.exit(2)


if __name__ == "__main__":
    main()
