"""A new version is data: add it to the manifest, run `termsbot ingest`, and it is served,
compared and used for `as_of` answers (real ingest, real Chroma, the bundled embedder)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.diff import default_pair, section_changes
from bot.runtime import Runtime
from bot.settings import Settings
from ingest.embedders import Embedder
from ingest.manifest import sha256_file
from tests.conftest import make_runtime

OLD = "délai de sept (7) jours de réflexion"
NEW = "délai de quatorze (14) jours de réflexion"
TODAY = date(2026, 12, 2)


def _add_version_c(corpus_dir: Path) -> None:
    """Version C: version B with a longer reflection period, in force from 2026-06-01."""
    text = (corpus_dir / "cgs_B.md").read_text("utf-8")
    assert text.count(OLD) == 1
    (corpus_dir / "cgs_C.md").write_text(text.replace(OLD, NEW), "utf-8")
    path = corpus_dir / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    cgs = next(d for d in manifest["documents"] if d["doc_id"] == "cgs")
    dates = {"A": "2024-01-15", "B": "2025-01-01"}
    for entry in cgs["versions"]:
        entry["effective_date"] = dates[entry["version"]]
    cgs["versions"].append(
        {
            "version": "C",
            "file": "cgs_C.md",
            "format": "markdown",
            "sha256": sha256_file(corpus_dir / "cgs_C.md"),
            "effective_date": "2026-06-01",
        }
    )
    cgs["current_version"] = "C"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")


@pytest.fixture
def runtime_with_c(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_embedder: Embedder
) -> Runtime:
    _add_version_c(corpus_copy)
    monkeypatch.setenv("TERMSBOT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TERMSBOT_CORPUS_DIR", str(corpus_copy))
    ingested = CliRunner().invoke(app, ["ingest"])
    assert ingested.exit_code == 0, ingested.output
    assert "published" in ingested.output
    settings = Settings(data_dir=tmp_path / "var", corpus_dir=corpus_copy, _env_file=None)  # type: ignore[call-arg]
    runtime = make_runtime(settings, use_embedder)
    assert runtime.readiness().ready
    return runtime


def test_a_new_version_is_served_compared_and_dated(runtime_with_c: Runtime) -> None:
    corpus = runtime_with_c.corpus
    assert default_pair(corpus, "cgs") == ("B", "C")
    (change,) = section_changes(corpus, "cgs", "B", "C")
    (edit,) = change.edits
    assert (change.section, edit.removed, edit.added, edit.meaning) == (
        "6.2",
        "sept (7)",
        "quatorze (14)",
        "figure",
    )

    printed = CliRunner().invoke(app, ["diff"])
    assert printed.exit_code == 0, printed.output
    assert "version B → version C" in printed.output
    assert "{+quatorze (14)+}" in printed.output and "[-sept (7)-]" in printed.output

    question = "Combien de jours de réflexion ai-je avec Premium Plus ?"
    for as_of, version, stale in ((date(2025, 6, 1), "B", NEW), (date(2026, 7, 1), "C", OLD)):
        reply = runtime_with_c.assistant.answer(
            question, state={}, language="fr", as_of=as_of, today=TODAY
        )
        cited = [p for p in reply.passages if p.doc_id == "cgs"]
        assert cited and all(p.version == version for p in cited), (as_of, reply.passages)
        for passage in cited:  # quoted from the version in force that day, and only from it
            section = corpus.parsed("cgs", version).get(passage.section)
            assert section is not None and passage.quote in section.text
            assert stale not in passage.quote

    changed = runtime_with_c.assistant.answer(
        "Qu'est-ce qui a changé entre les versions B et C des CGS ?",
        state={},
        language=None,
        as_of=None,
        today=TODAY,
    )
    assert changed.status == "answered"
    assert (
        "quatorze (14)" in changed.lead
        and "sept (7)" in changed.lead
        and "article 6.2" in changed.lead.lower()
    )

    in_force = runtime_with_c.assistant.answer(
        "Quelle version des CGS était en vigueur le 1er mars 2025 ?",
        state={},
        language=None,
        as_of=None,
        today=TODAY,
    )
    assert "version B" in in_force.lead and "1er janvier 2025" in in_force.lead
    assert "version C la remplace le 1er juin 2026" in in_force.lead

    then = runtime_with_c.assistant.answer(
        "Que disaient les CGS le 1er mars 2025 sur le délai de réflexion Premium Plus ?",
        state={},
        language=None,
        as_of=None,
        today=TODAY,
    )
    assert any("était la version B" in note for note in then.notes)
    assert all(p.version == "B" for p in then.passages if p.doc_id == "cgs")
