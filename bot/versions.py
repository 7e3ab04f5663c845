"""Questions about a document's versions, answered from the version diff (bot/diff.py).

    version_reply(question, hints, lang, as_of, corpus, *, today, cited, state, answer_at)
        -> Reply | None
      what changed between two versions     the substantive changes, stated in the lead
      which version is in force (on a day)  the operator's current version and dates, or
                                            that the documents give none
      what one clause says in each version  the change in a sentence, what it means, then
                                            both wordings with their versions
      what the text said on a date          the usual answer from the version in force that
                                            day (`answer_at`), saying which version it is
      anything else                         None: not a question about versions

    version_notes(corpus, selections, lang) -> (points, passages)
      for an ordinary answer to a question that mentions versions: where a cited section
      changed in substance, the change and both wordings.

Effective dates are the operator's data (corpus/manifest.json); the documents give none, and
where none is recorded the reply says so rather than guess."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from bot.calculators.explain import date_en, date_fr
from bot.compose import Selection
from bot.diff import section_changes
from bot.hints import Hints
from bot.render import section_label
from bot.reply import Passage, Reply
from bot.schemas import SectionChange, WordEdit
from bot.textnorm import STOPWORDS, fold
from bot.version_questions import VersionQuestion, mentions, names_document, read_version_question
from bot.wording import Lang, say
from ingest.corpus import Corpus
from ingest.manifest import DocumentEntry

_OF_DOC: dict[str, dict[Lang, str]] = {
    "cgs": {"fr": "des CGS", "en": "of the Terms of Service"},
    "regulations": {"fr": "du Règlement intérieur", "en": "of the Internal Regulations"},
}
_TYPOGRAPHY: dict[str, dict[Lang, str]] = {
    "spaces": {"fr": "espaces", "en": "spaces"},
    "line_breaks": {"fr": "retours à la ligne", "en": "line breaks"},
    "apostrophes": {"fr": "apostrophes", "en": "apostrophes"},
    "quotes": {"fr": "guillemets", "en": "quotation marks"},
    "dashes": {"fr": "tirets", "en": "dashes"},
    "markdown": {"fr": "mise en forme", "en": "formatting"},
}
# At most this many changes are listed in one lead; the points give the rest.
_LEAD_CHANGES = 6

AnswerAt = Callable[[date], Reply]


def version_reply(
    question: str,
    hints: Hints,
    lang: Lang,
    as_of: date | None,
    corpus: Corpus,
    *,
    today: date,
    cited: Sequence[tuple[str, str]] = (),
    state: dict[str, Any] | None = None,
    answer_at: AnswerAt | None = None,
) -> Reply | None:
    """The reply to a question about versions, or None when it asks something else.
    `cited` are the (doc_id, section) that retrieval found, best first; `answer_at(day)`
    answers the question from the versions in force on `day`."""
    vq = read_version_question(question, hints, corpus, today, lang)
    if vq.doc_id is None:
        return None
    doc = corpus.document(vq.doc_id)
    state = state if state is not None else {}
    old, new = _pair(doc, vq.named, as_of)
    changes = section_changes(corpus, doc.doc_id, old, new, include_typographic=True)
    target = _targeted(changes, vq, hints, cited, corpus)
    if target is not None and (vq.version_cue or _quotes_both_sides(target, vq)):
        return _clause_reply(corpus, doc, target, vq, lang, state, (old, new))
    if vq.version_cue and hints.sections and not vq.asks_in_force:
        named = _named_section(corpus, doc, hints.sections, (old, new))
        if named is not None:
            return _same_reply(corpus, doc, named, lang, state, (old, new))
    if vq.asks_in_force:
        return _in_force_reply(doc, vq.day or as_of, lang, state)
    if vq.version_cue and vq.asks_change:
        # "What changed about X?": X's section, the same in both when it is not a change.
        about = next((s for d, s in cited[:1] if d == doc.doc_id), None) if vq.topic else None
        if about is not None and _named_section(corpus, doc, [about], (old, new)):
            return _same_reply(corpus, doc, about, lang, state, (old, new))
        return _overview_reply(corpus, doc, changes, lang, state, (old, new))
    day = vq.day or as_of
    if day is not None and vq.asks_then and names_document(vq, hints) and answer_at is not None:
        return _then_reply(doc, day, lang, answer_at(day))
    return None


def version_notes(
    corpus: Corpus, selections: list[Selection], lang: Lang
) -> tuple[list[str], list[Passage]]:
    """Where a cited section changed in substance between the version cited and its
    neighbour: the change in a sentence and both wordings."""
    for selection in selections:
        cited = selection.cited
        doc = corpus.document(cited.doc_id)
        if len(doc.versions) < 2:
            continue
        old, new = _pair(doc, (cited.version,), None)
        change = next(
            (
                c
                for c in section_changes(corpus, doc.doc_id, old, new)
                if c.section == cited.section
            ),
            None,
        )
        if change is None or not change.edits:
            continue
        label = _label(change.section, lang)
        points = [
            say("version_changed_here", lang, label=label, old=old, new=new, change=e.brief[lang])
            + " "
            + e.explanation[lang]
            for e in change.edits
        ]
        points += _wordings(change.edits[0], doc, lang, (old, new))
        return points, _passages(corpus, doc, change, change.edits[0], (old, new))
    return [], []


# -- the replies ---------------------------------------------------------------------------


def _overview_reply(
    corpus: Corpus,
    doc: DocumentEntry,
    changes: list[SectionChange],
    lang: Lang,
    state: dict[str, Any],
    pair: tuple[str, str],
) -> Reply:
    old, new = pair
    of_doc = _of_doc(doc, lang)
    substantive = [c for c in changes if c.change != "typographic"]
    kinds = _typography(changes, lang)
    if not substantive:
        key = "version_overview_none" if kinds else "version_identical"
        lead = say(key, lang, old=old, new=new, of_doc=of_doc, kinds=kinds)
        return Reply(lang, "answered", lead, notes=_date_notes(doc, pair, lang), state=state)
    listed = [f"{_label(c.section, lang)} — {_change_brief(c, lang)}" for c in substantive]
    shown = (
        "; ".join(listed[:_LEAD_CHANGES]) if lang == "en" else " ; ".join(listed[:_LEAD_CHANGES])
    )
    if len(listed) > _LEAD_CHANGES:
        shown += " …"
    key = "version_overview_one" if len(substantive) == 1 else "version_overview_many"
    lead = say(
        key, lang, old=old, new=new, of_doc=of_doc, count=str(len(substantive)), changes=shown
    )
    if kinds:
        lead += " " + say("version_overview_rest", lang, kinds=kinds)
    points, passages = [], []
    for change in substantive:
        points += [
            _labelled(
                change.section, f"{_lower_first(e.statement[lang])} {e.explanation[lang]}", lang
            )
            for e in change.edits
        ]
        passages += _passages(corpus, doc, change, change.edits[0] if change.edits else None, pair)
    return Reply(
        lang,
        "answered",
        lead,
        points=points,
        passages=passages,
        notes=_date_notes(doc, pair, lang),
        state=state,
    )


def _clause_reply(
    corpus: Corpus,
    doc: DocumentEntry,
    change: SectionChange,
    vq: VersionQuestion,
    lang: Lang,
    state: dict[str, Any],
    pair: tuple[str, str],
) -> Reply:
    chosen = next((e for e in change.edits if _quotes_edit(e, vq)), change.edits[0])
    lead = _labelled(
        change.section, f"{_lower_first(chosen.statement[lang])} {chosen.explanation[lang]}", lang
    )
    points = [f"{e.statement[lang]} {e.explanation[lang]}" for e in change.edits if e is not chosen]
    points += _wordings(chosen, doc, lang, pair)
    return Reply(
        lang,
        "answered",
        lead,
        points=points,
        passages=_passages(corpus, doc, change, chosen, pair),
        notes=_date_notes(doc, pair, lang),
        state=state,
    )


def _same_reply(
    corpus: Corpus,
    doc: DocumentEntry,
    section: str,
    lang: Lang,
    state: dict[str, Any],
    pair: tuple[str, str],
) -> Reply:
    from bot.sentences import split_sentences

    old, new = pair
    label = _label(section, lang)
    lead = say(
        "version_same_section", lang, label=label, old=old, new=new, of_doc=_of_doc(doc, lang)
    )
    passages = []
    current = corpus.parsed(doc.doc_id, new).get(section)
    if current is not None and current.paragraphs:
        first = split_sentences(current.paragraphs[0])[0]
        passages.append(_passage(doc, current.section, new, current.title, first))
    return Reply(
        lang, "answered", lead, passages=passages, notes=_date_notes(doc, pair, lang), state=state
    )


def _in_force_reply(
    doc: DocumentEntry, day: date | None, lang: Lang, state: dict[str, Any]
) -> Reply:
    of_doc = _of_doc(doc, lang)
    dated = sorted(
        (v for v in doc.versions if v.effective_date is not None),
        key=lambda v: v.effective_date or date.min,
    )
    if not dated:
        lead = say("version_in_force_undated", lang, of_doc=of_doc, version=doc.current_version)
        if day is not None:
            lead += " " + say("version_in_force_undated_day", lang, day=_day(day, lang))
        return Reply(lang, "answered", lead, state=state)
    on = day or max(v.effective_date for v in dated if v.effective_date)
    version = doc.version_in_force(on)
    since = version.effective_date
    if since is None or since > on:
        lead = say(
            "version_in_force_before",
            lang,
            of_doc=of_doc,
            day=_day(on, lang),
            version=version.version,
        )
    else:
        lead = say(
            "version_in_force_dated",
            lang,
            day=_day(on, lang),
            of_doc=of_doc,
            version=version.version,
            since=_day(since, lang),
        )
        later = [v for v in dated if v.effective_date and v.effective_date > on]
        if later and later[0].effective_date:
            lead += " " + say(
                "version_replaced_on",
                lang,
                version=later[0].version,
                day=_day(later[0].effective_date, lang),
            )
    points = [_date_line(v.version, v.effective_date, lang) for v in doc.versions]
    return Reply(lang, "answered", lead, points=points, state=state)


def _then_reply(doc: DocumentEntry, day: date, lang: Lang, reply: Reply) -> Reply:
    """The ordinary answer from the version in force on `day`, saying which it is."""
    version = doc.version_in_force(day).version
    if any(v.effective_date for v in doc.versions):
        note = say(
            "version_then_dated",
            lang,
            day=_day(day, lang),
            of_doc=_of_doc(doc, lang),
            version=version,
        )
    else:
        note = say("version_then_undated", lang, day=_day(day, lang), version=version)
    reply.notes.insert(0, note)
    return reply


# -- choosing what to compare ----------------------------------------------------------------


def _pair(doc: DocumentEntry, named: Sequence[str], as_of: date | None) -> tuple[str, str]:
    """The two versions to compare, older first: the two named, or the one named and the
    version in force, or the version in force and the one before it."""
    order = [v.version for v in doc.versions]
    current = doc.version_in_force(as_of).version
    chosen = list(dict.fromkeys([*named[:2], current]))[:2]
    if len(chosen) == 1:
        at = order.index(current)
        chosen.append(order[at - 1] if at > 0 else order[min(1, len(order) - 1)])
    first, second = sorted(chosen, key=order.index)
    return first, second


def _targeted(
    changes: list[SectionChange],
    vq: VersionQuestion,
    hints: Hints,
    cited: Sequence[tuple[str, str]],
    corpus: Corpus,
) -> SectionChange | None:
    """The changed section the question is about: the one whose words it quotes, the one
    it names, or (asking what changed) the best retrieved one."""
    substantive = {c.section: c for c in changes if c.change == "substantive" and c.edits}
    for change in substantive.values():
        if any(_quotes_edit(e, vq) for e in change.edits):
            return change
    if vq.version_cue:
        for section in hints.sections:
            if section in substantive:
                return substantive[section]
    if vq.version_cue and vq.asks_change and vq.topic:
        for doc_id, section in cited[:1]:
            if doc_id == vq.doc_id and section in substantive:
                return substantive[section]
    return None


def _named_section(
    corpus: Corpus, doc: DocumentEntry, sections: Sequence[str], pair: tuple[str, str]
) -> str | None:
    for section in sections:
        if all(corpus.parsed(doc.doc_id, v).get(section) for v in pair):
            return section
    return None


def _quotes_edit(edit: WordEdit, vq: VersionQuestion) -> bool:
    """Whether the question quotes words that only the older and words that only the newer
    wording has ("pourrons" and "pourrions"), or all the words added or removed."""
    old, new = _content_words(edit.removed), _content_words(edit.added)
    only_old, only_new = old - new, new - old
    if edit.kind in {"replaced", "moved"}:
        return any(mentions(vq.folded, w) for w in only_old) and any(
            mentions(vq.folded, w) for w in only_new
        )
    return all(mentions(vq.folded, w) for w in (only_old | only_new))


def _quotes_both_sides(change: SectionChange, vq: VersionQuestion) -> bool:
    return any(e.kind in {"replaced", "moved"} and _quotes_edit(e, vq) for e in change.edits)


def _content_words(words: str | None) -> set[str]:
    import re

    return {w for w in re.findall(r"\w+", fold(words or "")) if w not in STOPWORDS and len(w) > 2}


# -- pieces of replies -----------------------------------------------------------------------


def _passages(
    corpus: Corpus,
    doc: DocumentEntry,
    change: SectionChange,
    edit: WordEdit | None,
    pair: tuple[str, str],
) -> list[Passage]:
    """Both wordings, each quoted from its own version."""
    out = []
    for version, quote in zip(
        pair, (edit.from_context, edit.to_context) if edit else (None, None), strict=True
    ):
        section = corpus.parsed(doc.doc_id, version).get(change.section)
        if section is None:
            continue
        text = quote or _first_sentence(section.paragraphs)
        if text and text in section.text:
            out.append(_passage(doc, change.section, version, section.title, text))
    return out


def _passage(doc: DocumentEntry, section: str, version: str, title: str, quote: str) -> Passage:
    return Passage(
        doc_id=doc.doc_id,
        section=section,
        version=version,
        title=title,
        quote=quote,
        language=doc.language,
    )


def _wordings(edit: WordEdit, doc: DocumentEntry, lang: Lang, pair: tuple[str, str]) -> list[str]:
    return [
        say("version_wording", lang, label=_version_name(doc, version, lang), text=text)
        for version, text in zip(pair, (edit.from_excerpt, edit.to_excerpt), strict=True)
        if text
    ]


def _date_notes(doc: DocumentEntry, pair: tuple[str, str], lang: Lang) -> list[str]:
    entries = [doc.version(v) for v in pair]
    if not any(e.effective_date for e in entries):
        joined = (" et " if lang == "fr" else " and ").join(pair)
        return [say("version_dates_unknown", lang, versions=joined, current=doc.current_version)]
    return [_date_line(e.version, e.effective_date, lang) for e in entries]


def _date_line(version: str, day: date | None, lang: Lang) -> str:
    if day is None:
        return say("version_date_unknown", lang, version=version)
    return say("version_date_known", lang, version=version, day=_day(day, lang))


def _change_brief(change: SectionChange, lang: Lang) -> str:
    if change.change == "added":
        return "section ajoutée" if lang == "fr" else "new section"
    if change.change == "removed":
        return "section supprimée" if lang == "fr" else "section removed"
    return ", ".join(e.brief[lang] for e in change.edits)


def _typography(changes: list[SectionChange], lang: Lang) -> str:
    kinds = {k for c in changes for k in c.typography}
    return ", ".join(_TYPOGRAPHY[k][lang] for k in _TYPOGRAPHY if k in kinds)


def _version_name(doc: DocumentEntry, version: str, lang: Lang) -> str:
    name = say("version_label", lang, version=version)
    return name + say("current_version", lang) if version == doc.current_version else name


def _of_doc(doc: DocumentEntry, lang: Lang) -> str:
    default = f"de « {doc.title} »" if lang == "fr" else f"of “{doc.title}”"
    return _OF_DOC.get(doc.doc_id, {}).get(lang, default)


def _label(section: str, lang: Lang) -> str:
    label = section_label(section, lang)
    return label[:1].upper() + label[1:]


def _labelled(section: str, text: str, lang: Lang) -> str:
    """ "Article 7.2 : …" / "Section 7.2: …"."""
    return f"{_label(section, lang)}{' : ' if lang == 'fr' else ': '}{text}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _day(day: date, lang: Lang) -> str:
    return date_fr(day) if lang == "fr" else date_en(day)


def _first_sentence(paragraphs: tuple[str, ...]) -> str:
    from bot.sentences import split_sentences

    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    return sentences[0] if sentences else ""
