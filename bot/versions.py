"""The two CGS versions side by side, where a cited section differs between them."""

from __future__ import annotations

import re

from bot.compose import Selection
from bot.reply import Passage
from bot.textnorm import fold
from bot.wording import Lang, say
from ingest.corpus import Corpus


def version_differences(
    corpus: Corpus, selections: list[Selection], lang: Lang
) -> tuple[str, list[Passage]]:
    """Where a cited CGS section is worded differently in the two versions, both wordings,
    the current one marked."""
    cgs = corpus.document("cgs")
    for selection in selections:
        if selection.cited.doc_id != "cgs":
            continue
        texts = {
            v.version: corpus.parsed("cgs", v.version).get(selection.cited.section)
            for v in cgs.versions
        }
        sentences = {
            version: sentences_of(section.paragraphs) if section else []
            for version, section in texts.items()
        }
        differing = {
            version: [
                s
                for s in own
                if loose(s)
                not in {loose(o) for v, others in sentences.items() if v != version for o in others}
            ]
            for version, own in sentences.items()
        }
        if not any(differing.values()):
            continue
        lines = [say("versions_differ", lang, section=selection.cited.section)]
        citations = []
        for version, own in differing.items():
            if not own:
                continue
            label = say("version_label", lang, version=version)
            if version == cgs.current_version:
                label += say("current_version", lang)
            lines.append(f"- {label} : « {own[0]} »" if lang == "fr" else f"- {label}: “{own[0]}”")
            citations.append(
                Passage(
                    doc_id="cgs",
                    section=selection.cited.section,
                    version=version,
                    title=texts[version].title if texts[version] else selection.cited.section,  # type: ignore[union-attr]
                    quote=own[0],
                    language=cgs.language,
                )
            )
        return "\n".join(lines), citations
    return "", []


def sentences_of(paragraphs: tuple[str, ...]) -> list[str]:
    from bot.sentences import split_sentences

    return [s for p in paragraphs for s in split_sentences(p.removeprefix("• "))]


def loose(text: str) -> str:
    return (
        re.sub(r"\s+", " ", fold(text).replace("\u00a0", " ")).replace(" ;", ";").replace(" :", ":")
    )
