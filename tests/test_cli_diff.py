"""`termsbot diff`: the operator's view of what changed between two versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMSBOT_DATA_DIR", str(tmp_path / "var"))


def test_diff_prints_each_change_with_its_marked_wordings() -> None:
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 0, result.output
    assert "version A → version B" in result.output
    assert "4 section(s) changed in substance; 21 differ only in typography" in result.output
    assert "[-usités-]" in result.output and "{+utilisés+}" in result.output
    assert "{+sur la Plateforme+}" in result.output
    assert "[typographic]" not in result.output


def test_diff_all_in_french_and_as_json() -> None:
    every = runner.invoke(app, ["diff", "--all", "--lang", "fr", "--from", "A", "--to", "B"])
    assert every.exit_code == 0 and every.output.count("[typographic]") == 21
    assert "La version B remplace « pourrons » par « pourrions »." in every.output
    as_json = runner.invoke(app, ["diff", "--json", "--section", "5"])
    assert as_json.exit_code == 0
    body = json.loads(as_json.output)
    assert [c["section"] for c in body["changes"]] == ["5"]


def test_diff_names_a_bad_version() -> None:
    result = runner.invoke(app, ["diff", "--from", "A", "--to", "Z"])
    assert result.exit_code == 2 and "no version 'Z'" in result.output
