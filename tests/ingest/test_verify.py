"""The index proves itself: damaged files, content or pointer are found before Chroma opens
them (a damaged segment file can crash the process that loads it), and ingest rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.errors import IndexCorrupt
from bot.index import load_index
from bot.settings import Settings
from ingest.corpus import load_corpus
from ingest.embedders import Embedder
from ingest.pipeline import check, ingest
from ingest.store import EmbeddedStore
from tests.conftest import CORPUS_DIR, make_runtime

FINGERPRINT = load_corpus(CORPUS_DIR).fingerprint


def _overwrite(paths: list[Path], fill: str) -> None:
    for path in paths:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(os.urandom(size) if fill == "random" else b"\0" * size)


def _segments(index_dir: Path) -> list[Path]:
    return [p for p in (index_dir / "builds").rglob("*.bin")]


def _sqlite(index_dir: Path) -> list[Path]:
    return list((index_dir / "builds").rglob("chroma.sqlite3"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, use_embedder: Embedder) -> Path:
    """One index built for the module; each test damages its own copy."""
    index_dir = tmp_path_factory.mktemp("pristine") / "index"
    ingest(CORPUS_DIR, EmbeddedStore(index_dir), use_embedder)
    return index_dir


@pytest.fixture
def built(tmp_path: Path, pristine: Path) -> EmbeddedStore:
    shutil.copytree(pristine, tmp_path / "index")
    return EmbeddedStore(tmp_path / "index")


def test_a_new_build_records_its_proof_and_passes(built: EmbeddedStore) -> None:
    info = check(built)
    assert info.verifiable and info.segment_files
    assert info.probe_ids and len(info.probe_ids) == 5
    assert set(info.segment_files) == {
        p.relative_to(built.index_dir / "builds" / info.build_id).as_posix()
        for p in _segments(built.index_dir) + list((built.index_dir / "builds").rglob("*.pickle"))
    }


@pytest.mark.parametrize(
    ("damage", "fill"),
    [("segments", "random"), ("sqlite", "random"), ("all", "zero")],
)
def test_a_damaged_build_is_found_and_rebuilt(
    tmp_path: Path, built: EmbeddedStore, use_embedder: Embedder, damage: str, fill: str
) -> None:
    before = check(built)
    files = {
        "segments": _segments(built.index_dir),
        "sqlite": _sqlite(built.index_dir),
        "all": _segments(built.index_dir) + _sqlite(built.index_dir),
    }[damage]
    _overwrite(files, fill)
    with pytest.raises(IndexCorrupt, match=before.build_id):
        check(built)
    with pytest.raises(IndexCorrupt):
        load_index(EmbeddedStore(built.index_dir), use_embedder, FINGERPRINT)
    report = ingest(CORPUS_DIR, EmbeddedStore(built.index_dir), use_embedder)
    assert not report.unchanged and report.repaired and before.build_id in report.repaired
    assert report.reused == 0  # nothing is taken from a damaged build
    after = check(EmbeddedStore(built.index_dir))
    assert after.build_id != before.build_id
    assert [p.name for p in (built.index_dir / "builds").iterdir()] == [after.build_id]
    index = load_index(EmbeddedStore(built.index_dir), use_embedder, FINGERPRINT)
    assert len(index.chunks) == after.chunk_count


def test_an_unreadable_pointer_is_no_index(
    tmp_path: Path, built: EmbeddedStore, use_embedder: Embedder
) -> None:
    pointer = built.index_dir / "CURRENT.json"
    pointer.write_bytes(pointer.read_bytes()[:100])  # truncated mid-way
    assert built.current() is None
    settings = Settings(data_dir=tmp_path, corpus_dir=CORPUS_DIR, _env_file=None)  # type: ignore[call-arg]
    runtime = make_runtime(settings, use_embedder)
    state = runtime.readiness()
    assert not state.ready and "no index" in (state.reason or "")
    report = runtime.ingest()
    assert not report.unchanged and runtime.readiness().ready


def test_a_build_without_its_proof_is_rebuilt(built: EmbeddedStore, use_embedder: Embedder) -> None:
    pointer = built.index_dir / "CURRENT.json"
    old_style = json.loads(pointer.read_text(encoding="utf-8"))
    for key in ("content_digest", "probe_vector", "probe_ids", "segment_files"):
        del old_style[key]
    pointer.write_text(json.dumps(old_style), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="predates"):
        check(built)
    report = ingest(CORPUS_DIR, built, use_embedder)
    assert report.repaired and check(built).build_id == report.build_id


def test_an_unchanged_sound_index_is_not_rebuilt(
    built: EmbeddedStore, use_embedder: Embedder
) -> None:
    first = check(built)
    report = ingest(CORPUS_DIR, built, use_embedder)
    assert report.unchanged and report.repaired is None and report.build_id == first.build_id


def _termsbot(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERMSBOT_")}
    env |= {"TERMSBOT_DATA_DIR": str(data_dir), "TERMSBOT_CORPUS_DIR": str(CORPUS_DIR)}
    executable = str(Path(sys.executable).parent / "termsbot")
    return subprocess.run([executable, *args], env=env, capture_output=True, text=True, timeout=600)


def test_ingest_check_and_repair_on_the_command_line(tmp_path: Path, pristine: Path) -> None:
    """The segment damage that crashes a process opening it with Chroma (zeroed link lists,
    random vectors): `--check` reports it and `ingest` rebuilds, neither crashes."""
    settings = Settings(data_dir=tmp_path, corpus_dir=CORPUS_DIR, _env_file=None)  # type: ignore[call-arg]
    shutil.copytree(pristine, settings.index_dir)
    assert _termsbot(tmp_path, "ingest", "--check").returncode == 0
    _overwrite([p for p in _segments(settings.index_dir) if p.name == "link_lists.bin"], "zero")
    _overwrite([p for p in _segments(settings.index_dir) if p.name == "data_level0.bin"], "random")
    checked = _termsbot(tmp_path, "ingest", "--check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "was altered" in checked.stderr
    rebuilt = _termsbot(tmp_path, "ingest")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "failed its check" in rebuilt.stderr and "published" in rebuilt.stdout
    assert _termsbot(tmp_path, "ingest", "--check").returncode == 0


def test_an_index_under_a_relative_data_dir_passes_its_checks(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_embedder: Embedder
) -> None:
    """`./var`, the default data dir, is relative: the checks must not need an absolute path."""
    shutil.copytree(pristine, tmp_path / "var" / "index")
    monkeypatch.chdir(tmp_path)
    store = EmbeddedStore(Path("var") / "index")
    assert check(store).verifiable
    assert load_index(store, use_embedder, FINGERPRINT).info.build_id
