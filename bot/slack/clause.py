"""*Full clause*: the deciding passage first, then each cited section in full (official text,
and the marked translation in the answer's language), and — where a CGS section differs in
substance between versions A and B — the other version's text too."""

from __future__ import annotations

from bot.render import source_line
from bot.slack.blocks import Block, chunks, clip, context, divider, escape, header, modal, mrkdwn
from bot.slack.exchange import Clause, OtherVersion
from bot.slack.texts import ui
from bot.wording import Lang

QUOTE_MAX = 2500
EDITS_SHOWN = 4


def clause_view(found: list[Clause], lang: Lang) -> Block:
    blocks: list[Block] = []
    for rank, clause in enumerate(found):
        if blocks:
            blocks.append(divider())
        blocks += _clause_blocks(clause, lang, deciding=rank == 0)
    if not blocks:
        blocks = [{"type": "section", "text": mrkdwn(ui("no_clause", lang))}]
    return modal(ui("clause_title", lang), blocks, close=ui("close", lang))


def _clause_blocks(clause: Clause, lang: Lang, *, deciding: bool) -> list[Block]:
    passage, section = clause.passage, clause.section
    quote, official = passage.shown(lang)
    blocks: list[Block] = [header(source_line(passage, lang, official=True))]
    mark = ui("official" if official else "translation", lang)
    blocks.append(context(f"*{ui('deciding' if deciding else 'cited', lang)}* · {mark}"))
    quoted = "\n".join(f"> {escape(line)}" for line in clip(quote, QUOTE_MAX).splitlines())
    blocks.append({"type": "section", "text": mrkdwn(quoted or " ")})
    label = _version_label(section.doc_id, section.version, clause.current_version, lang)
    blocks.append(context(ui("full_text", lang, version=label) + f" ({section.language})"))
    blocks += _plain(section.text)
    for translation in section.translations:
        if translation.language == lang and section.language != lang:
            blocks.append(context(f"_{escape(translation.notice)}_"))
            blocks += _plain(translation.text)
    for other in clause.others:
        blocks += _other_version(other, section.doc_id, clause.current_version, lang)
    return blocks


def _other_version(other: OtherVersion, doc_id: str, current: str, lang: Lang) -> list[Block]:
    label = _version_label(doc_id, other.version, current, lang)
    if other.section is None:
        return [context(ui("absent_in", lang, version=label))]
    if not other.differs:
        return [context(ui("same_in", lang, version=label))]
    edits = other.change.edits[:EDITS_SHOWN] if other.change is not None else []
    summary = [f"• {escape(edit.statement[lang])}" for edit in edits]
    blocks = [context(ui("differs", lang, version=label))]
    if summary:
        blocks.append({"type": "section", "text": mrkdwn("\n".join(summary))})
    return [*blocks, *_plain(other.section.text)]


def _version_label(doc_id: str, version: str, current: str, lang: Lang) -> str:
    label = ui("version", lang, version=version)
    if version == current:
        label += f" ({ui('current', lang)})"
    return label


def _plain(text: str) -> list[Block]:
    return [
        {"type": "section", "text": {"type": "plain_text", "text": piece or " ", "emoji": False}}
        for piece in chunks(text)
    ]
