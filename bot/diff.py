"""What changed between two versions of a document, section by section, in substance.

    section_changes(corpus, doc_id, from_version, to_version) -> list[SectionChange]
        the sections whose wording differs (class `substantive`) or that exist in one version
        only (`added`, `removed`), in the newer version's order, removed ones last; each
        substantive change carries its word-level edits (words quoted verbatim from each
        version, with their sentences, what the edit is and what it means) and the segments of
        an inline view. `include_typographic=True` also lists the sections that differ in
        typography only (`typographic`: quotes, apostrophes, spaces, line breaks, markdown).

    diff_versions(...) -> VersionDiff   the same, as the API answers it

Typography is defined once, in bot/typography.py; what an edit means, in bot/edits.py. The
word diff itself is difflib's, over the normalised tokens. Results are kept per corpus
fingerprint: a corpus never changes under one fingerprint."""

from __future__ import annotations

import threading
from difflib import SequenceMatcher

from bot.diff_text import SectionText, word_edits
from bot.errors import NotFound
from bot.schemas import SectionChange, TextSegment, VersionDiff
from bot.typography import same_wording, typography_kinds
from ingest.corpus import Corpus
from ingest.model import Section

_CACHE: dict[tuple[str, str, str, str], tuple[SectionChange, ...]] = {}
_CACHE_LOCK = threading.Lock()


def section_changes(
    corpus: Corpus,
    doc_id: str,
    from_version: str,
    to_version: str,
    *,
    include_typographic: bool = False,
) -> list[SectionChange]:
    """The changes from `from_version` to `to_version` of `doc_id` (official text).
    Raises NotFound for an unknown document or version."""
    every = _all_changes(corpus, doc_id, from_version, to_version)
    return [c for c in every if include_typographic or c.change != "typographic"]


def default_pair(corpus: Corpus, doc_id: str) -> tuple[str, str]:
    """The versions an operator compares by default: the one before the current version
    (in the manifest's order) and the current one."""
    doc = corpus.document(doc_id)
    order = [v.version for v in doc.versions]
    at = order.index(doc.current_version)
    if at > 0:
        return order[at - 1], order[at]
    return order[0], order[min(1, len(order) - 1)]


def diff_versions(
    corpus: Corpus,
    doc_id: str,
    from_version: str,
    to_version: str,
    *,
    include_typographic: bool = False,
    section: str | None = None,
) -> VersionDiff:
    """The API's diff; `section` narrows it to one section (NotFound when neither version
    has it)."""
    doc = corpus.document(doc_id)
    every = _all_changes(corpus, doc_id, from_version, to_version)
    if section is not None:
        section = section.lower()
        if not any(corpus.parsed(doc_id, v).get(section) for v in (from_version, to_version)):
            raise NotFound(f"{doc_id} has no section {section!r} in {from_version} or {to_version}")
        every = tuple(c for c in every if c.section == section)
    shown = [c for c in every if include_typographic or c.change != "typographic"]
    return VersionDiff(
        doc_id=doc_id,
        from_version=from_version,
        to_version=to_version,
        language=doc.language,
        changes=shown,
        include="typographic" if include_typographic else "substantive",
        typographic_sections=[c.section for c in every if c.change == "typographic"],
        from_effective_date=doc.version(from_version).effective_date,
        to_effective_date=doc.version(to_version).effective_date,
    )


def _all_changes(
    corpus: Corpus, doc_id: str, from_version: str, to_version: str
) -> tuple[SectionChange, ...]:
    key = (corpus.fingerprint, doc_id, from_version, to_version)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    old = corpus.parsed(doc_id, from_version)
    new = corpus.parsed(doc_id, to_version)
    changes = []
    for section in new.sections:
        change = compare_sections(old.get(section.section), section, from_version, to_version)
        if change is not None:
            changes.append(change)
    kept = set(new.section_ids())
    for gone in old.sections:
        if gone.section not in kept:
            removed = compare_sections(gone, None, from_version, to_version)
            assert removed is not None
            changes.append(removed)
    result = tuple(changes)
    with _CACHE_LOCK:
        if len(_CACHE) >= 64:
            _CACHE.clear()
        _CACHE[key] = result
    return result


def compare_sections(
    old: Section | None, new: Section | None, from_version: str, to_version: str
) -> SectionChange | None:
    """One section's change between two versions; None when the text is the same."""
    if new is None:
        assert old is not None
        return SectionChange(
            section=old.section, title=old.title, change="removed", from_text=old.text, to_text=None
        )
    if old is None:
        return SectionChange(
            section=new.section, title=new.title, change="added", from_text=None, to_text=new.text
        )
    if old.text == new.text:
        return None
    base = {"section": new.section, "title": new.title, "from_text": old.text, "to_text": new.text}
    if same_wording(old.text, new.text):
        kinds = typography_kinds(old.text, new.text)
        return SectionChange(change="typographic", typography=kinds, **base)
    before, after = SectionText.of(old.text), SectionText.of(new.text)
    return SectionChange(
        change="substantive",
        edits=word_edits(before, after, from_version, to_version, new.language),
        segments=segments(before, after),
        typography=typography_kinds(old.text, new.text),
        **base,
    )


def segments(old: SectionText, new: SectionText) -> list[TextSegment]:
    """The newer text cut into equal and added runs, with the older words in between."""
    matcher = SequenceMatcher(None, old.norms, new.norms, autojunk=False)
    out: list[TextSegment] = []
    cursor = 0
    for op, i1, i2, _j1, j2 in matcher.get_opcodes():
        if op in {"delete", "replace"}:
            out.append(TextSegment(op="removed", text=old.span(i1, i2)))
        end = new.offset(j2)
        if end > cursor:
            out.append(
                TextSegment(op="equal" if op == "equal" else "added", text=new.text[cursor:end])
            )
            cursor = end
    return out
