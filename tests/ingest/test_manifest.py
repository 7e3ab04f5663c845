from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.errors import CorpusError
from ingest.manifest import corpus_fingerprint, load_manifest, sha256_file


def _edit(corpus_dir: Path, change: dict[str, object], doc: int = 0) -> None:
    path = corpus_dir / "manifest.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["documents"][doc].update(change)
    path.write_text(json.dumps(raw), encoding="utf-8")


def test_the_three_sources_are_copied_byte_for_byte() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "corpus-sources"
    manifest = load_manifest(Path(__file__).resolve().parents[2] / "corpus")
    files = [v.file for d in manifest.documents for v in d.versions]
    assert sorted(files) == ["cgs_A.txt", "cgs_B.md", "regulations.txt"]
    if shared.is_dir():  # present beside the project on developer machines and in CI
        root = Path(__file__).resolve().parents[2] / "corpus"
        for name in files:
            assert sha256_file(root / name) == sha256_file(shared / name)


def test_manifest_describes_documents_versions_and_current(corpus_copy: Path) -> None:
    manifest = load_manifest(corpus_copy)
    cgs = manifest.document("cgs")
    assert [v.version for v in cgs.versions] == ["A", "B"]
    assert cgs.current_version == "B"
    assert cgs.language == "fr" and manifest.document("regulations").language == "en"
    assert all(v.effective_date is None for d in manifest.documents for v in d.versions)
    assert cgs.url.startswith("https://")


def test_version_in_force_follows_effective_dates_set_by_an_operator(corpus_copy: Path) -> None:
    raw = json.loads((corpus_copy / "manifest.json").read_text(encoding="utf-8"))
    raw["documents"][0]["versions"][0]["effective_date"] = "2024-01-01"
    raw["documents"][0]["versions"][1]["effective_date"] = "2025-06-01"
    (corpus_copy / "manifest.json").write_text(json.dumps(raw), encoding="utf-8")
    cgs = load_manifest(corpus_copy).document("cgs")
    assert cgs.version_in_force(date(2025, 1, 1)).version == "A"
    assert cgs.version_in_force(date(2025, 6, 1)).version == "B"
    assert cgs.version_in_force(date(2023, 1, 1)).version == "B"  # before any: the current one
    assert cgs.version_in_force(None).version == "B"


def test_missing_file_is_named(corpus_copy: Path) -> None:
    (corpus_copy / "cgs_A.txt").unlink()
    with pytest.raises(CorpusError, match=r"cgs_A\.txt: listed in the manifest but missing"):
        load_manifest(corpus_copy)


def test_altered_file_fails_its_checksum(corpus_copy: Path) -> None:
    path = corpus_copy / "regulations.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nextra", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"regulations\.txt: checksum .* does not match"):
        load_manifest(corpus_copy)


def test_malformed_manifest_json(corpus_copy: Path) -> None:
    (corpus_copy / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"manifest\.json: not valid JSON"):
        load_manifest(corpus_copy)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"current_version": "Z"}, "current_version 'Z' is not one of"),
        ({"language": "de"}, "documents.0.language"),
        ({"surprise": 1}, "documents.0.surprise"),
    ],
)
def test_malformed_manifest_fields(
    corpus_copy: Path, change: dict[str, object], message: str
) -> None:
    _edit(corpus_copy, change)
    with pytest.raises(CorpusError, match=message):
        load_manifest(corpus_copy)


def test_fingerprint_changes_with_any_setting(corpus_copy: Path) -> None:
    before = corpus_fingerprint(load_manifest(corpus_copy))
    _edit(corpus_copy, {"current_version": "A"})
    assert corpus_fingerprint(load_manifest(corpus_copy)) != before
