"""What changed between two versions of a document, section by section (official text)."""

from __future__ import annotations

from bot.schemas import SectionChange, VersionDiff
from ingest.corpus import Corpus


def diff_versions(corpus: Corpus, doc_id: str, from_version: str, to_version: str) -> VersionDiff:
    """Sections added, removed or reworded from `from_version` to `to_version`, in the order
    of the newer version (removed sections last). NotFound for an unknown document/version."""
    old = corpus.parsed(doc_id, from_version)
    new = corpus.parsed(doc_id, to_version)
    changes: list[SectionChange] = []
    for section in new.sections:
        before = old.get(section.section)
        if before is None:
            changes.append(
                SectionChange(
                    section=section.section,
                    title=section.title,
                    change="added",
                    from_text=None,
                    to_text=section.text,
                )
            )
        elif before.text != section.text:
            changes.append(
                SectionChange(
                    section=section.section,
                    title=section.title,
                    change="changed",
                    from_text=before.text,
                    to_text=section.text,
                )
            )
    kept = set(new.section_ids())
    changes.extend(
        SectionChange(
            section=s.section, title=s.title, change="removed", from_text=s.text, to_text=None
        )
        for s in old.sections
        if s.section not in kept
    )
    return VersionDiff(
        doc_id=doc_id,
        from_version=from_version,
        to_version=to_version,
        language=new.language,
        changes=changes,
    )
