"""`termsbot` commands, run in-process with the real index."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERMSBOT_DATA_DIR", str(tmp_path / "var"))
    return tmp_path


def test_ingest_prints_a_summary_then_skips_when_unchanged(env: Path) -> None:
    first = runner.invoke(app, ["ingest"])
    assert first.exit_code == 0, first.output
    for column in ("documents", "versions", "sections", "chunks", "seconds"):
        assert column in first.output
    assert "published" in first.output
    second = runner.invoke(app, ["ingest"])
    assert second.exit_code == 0 and "unchanged: nothing written" in second.output

    found = runner.invoke(app, ["search", "L444-8", "-k", "3", "--json"])
    assert found.exit_code == 0, found.output
    sections = [r["section"] for r in json.loads(found.output)["results"]]
    assert {"6.2", "annexe1"} & set(sections[:2])

    table = runner.invoke(app, ["search", "délai de réflexion", "--doc", "cgs"])
    assert table.exit_code == 0 and "fused" in table.output and "dense" in table.output


def test_ingest_fails_clearly_on_a_broken_corpus(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "manifest.json").write_text("[]", encoding="utf-8")
    monkeypatch.setenv("TERMSBOT_CORPUS_DIR", str(tmp_path / "corpus"))
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 2
    assert "manifest.json: malformed manifest" in result.output


def test_search_rejects_a_bad_date(env: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--as-of", "2026-13-01"])
    assert result.exit_code == 2 and "--as-of" in result.output


def test_calc_prints_the_result_and_names_bad_fields(env: Path) -> None:
    ok = runner.invoke(
        app,
        ["calc", "premium_plus_reflection_period", "--input", '{"acceptance_date": "2026-03-03"}'],
    )
    assert ok.exit_code == 0, ok.output
    body = json.loads(ok.output)
    assert body["result"]["reflection_last_day"] == "2026-03-10"
    assert {"doc_id": "cgs", "section": "6.2"} in body["rules"]
    bad = runner.invoke(
        app,
        ["calc", "premium_plus_reflection_period", "--input", '{"acceptance_date": "2026-02-30"}'],
    )
    assert bad.exit_code == 2 and "acceptance_date" in bad.output
    unknown = runner.invoke(app, ["calc", "nope"])
    assert unknown.exit_code == 2 and "calc list" in unknown.output
    assert runner.invoke(app, ["calc", "late_payment", "--input", "{oops"]).exit_code == 2
    listing = runner.invoke(app, ["calc", "list"])
    assert listing.exit_code == 0 and "apprentice_mentoring_slot" in listing.output
    # Each calculator with its inputs, and a sample --input that runs.
    assert "acceptance_date: date YYYY-MM-DD, required" in listing.output
    assert '--input \'{"acceptance_date": "2026-03-03"}\'' in listing.output


def test_calc_names_a_missing_input_as_an_input(env: Path) -> None:
    # The calculator and its one input share a name: the message must not read as if the
    # calculator were missing.
    name = "consecutive_unauthorized_absences"
    missing = runner.invoke(app, ["calc", name])
    assert missing.exit_code == 2
    assert f"calculator {name}: input '{name}' is required" in missing.output
    assert f"{name}: whole number, required" in missing.output
    sample = missing.output.split("takes --input ", 1)[1].splitlines()[0].strip("'")
    ran = runner.invoke(app, ["calc", name, "--input", sample])
    assert ran.exit_code == 0, ran.output


def test_ask_prints_a_cited_answer_and_json(env: Path) -> None:
    question = "Combien de jours de réflexion pour Premium Plus ?"
    plain = runner.invoke(app, ["ask", question])
    assert plain.exit_code == 0, plain.output
    lines = plain.output.splitlines()
    assert "7 jours" in lines[0]  # the lead first
    assert "sept (7) jours" in plain.output and "CGS, article 6.2" in plain.output
    assert plain.output.count("sept (7) jours") == 1  # the quote once, no markdown
    assert "|" not in plain.output and "> " not in plain.output
    cited = json.loads(runner.invoke(app, ["ask", question, "--json"]).output)["citations"]
    numbers = re.findall(r"^\[(\d+)\] «", plain.output, flags=re.MULTILINE)
    assert numbers == [str(n) for n in range(1, len(cited) + 1)]
    for citation in cited:
        source = rf"^    — .*\b{re.escape(citation['section'])}\b"
        assert len(re.findall(source, plain.output, flags=re.MULTILINE)) == 1, citation
    as_json = runner.invoke(
        app, ["ask", "Can I appeal a disciplinary decision?", "--json", "--lang", "en"]
    )
    body = json.loads(as_json.output)
    assert body["status"] == "answered" and body["language"] == "en"
    assert body["citations"][0]["section"] == "5.4"
    bad = runner.invoke(app, ["ask", "   "])
    assert bad.exit_code == 2 and "message" in bad.output


def test_eval_prints_the_figures_beside_the_baseline(env: Path, tmp_path: Path) -> None:
    items = [
        {"id": "t1", "lang": "fr", "question": "Combien de jours de réflexion pour Premium Plus ?",
         "doc": "cgs", "sections": ["6.2"], "must_contain": [["7 jours", "sept (7) jours"]],
         "must_not_contain": [], "kind": "fact"},
        {"id": "t2", "lang": "en", "question": "What's the weather in Lyon tomorrow?",
         "doc": "none", "sections": [], "must_contain": [["Student Success"]],
         "must_not_contain": [], "kind": "out_of_scope"},
    ]  # fmt: skip
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--set", str(path), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    ours = body["termsbot"]["all"]
    assert (
        ours["n"] == 2 and ours["hit@1"] == 1.0 and ours["facts"] == 1.0 and ours["declined"] == 1.0
    )
    assert body["naive RAG"]["all"]["declined"] == 0.0
    assert runner.invoke(app, ["eval", "--set", str(tmp_path / "missing.jsonl")]).exit_code == 2


def test_a_missing_optional_extra_is_named(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As if installed without termsbot[sentence-transformers] (a None module fails to import).
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    monkeypatch.setenv("TERMSBOT_EMBEDDER", "sentence-transformers")
    result = runner.invoke(app, ["ask", "Combien de jours de réflexion ?"])
    assert result.exit_code == 2
    assert "pip install 'termsbot[sentence-transformers]'" in result.output
