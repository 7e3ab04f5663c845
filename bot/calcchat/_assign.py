"""Which input each date of a message is meant for, read from the words around it.

A date takes the input whose cue word is closest to it, looking in this order, and stopping
at the first region that holds a cue:

1. before it, within its clause ("j'ai accepté les CGS le 3 mars");
2. after it, within its clause ("le 3 mars, j'ai signé" — the comma ends the clause, so 2
   is tried before 3: "hier à 17h mon contrat a été rompu");
3. before it, back to the previous date;
4. after it, up to the next date.

Two dates joined by "au", "to", "until"… form a range ("du 3 au 20 avril") and fill the
two ends of a period. A date left without a cue fills the first required date input still
empty; "aujourd'hui" / "today" on its own is the learner's now.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.calcchat._facts import Facts, Mention

NOW = "__now__"
NOW_CUE = re.compile(
    r"\b(?:on est|nous sommes|aujourd'hui|today|date du jour|as of|it is|it's|we are|now"
    r"|maintenant|actuellement|currently|a ce jour|en date du)\b"
)
_CLAUSE_BREAK = re.compile(r"[.;!?\n,]|\s(?:et|and|mais|but|puis|then|alors que|while|whereas)\s")
# "today is May 20", "aujourd'hui, le 20 mai": the second date restates the first.
_RESTATES = re.compile(r"^[\s,:=(]*(?:is|est|c'est|soit|nous sommes)?[\s,:=(]*(?:le|the)?\s*$")
_RANGE_JOIN = re.compile(
    r"^\s*(?:-|–|au|a|to|until|till|through|thru|jusqu'au|jusqu'a|et le|and)\s*(?:le|the)?\s*$"
)


def assign(
    facts: Facts,
    cues: Mapping[str, re.Pattern[str]],
    *,
    range_keys: tuple[str, str] | None = None,
    fallback_order: Sequence[str] = (),
    with_now: bool = True,
) -> dict[str, Mention]:
    """Input key (or NOW) -> the date meant for it; first date wins when two claim a key.
    Without `with_now` (no input is "today"), "now" points no date: "je le préviens
    maintenant, samedi à 18h" is the notice."""
    chosen: dict[str, Mention] = {}
    mentions = list(facts.mentions)
    if range_keys is not None:
        for first, last in _ranges(facts):
            for end_key, mention in zip(range_keys, (first, last), strict=True):
                chosen.setdefault(end_key, mention)
            mentions = [m for m in mentions if m is not first and m is not last]
    mentions, restated = _merge_restated_today(facts.folded, mentions)
    all_cues = {**cues, NOW: NOW_CUE} if with_now else dict(cues)
    leftovers = []
    for index, mention in enumerate(mentions):
        key: str | None = _cued_key(facts.folded, mentions, index, all_cues)
        if key is None and (mention.is_today_word or mention in restated):
            key = NOW
        if key is None or key in chosen:
            leftovers.append(mention)
        else:
            chosen[key] = mention
    empty = [key for key in fallback_order if key not in chosen]
    for mention, key in zip(leftovers, empty, strict=False):
        chosen[key] = mention
    return chosen


def _merge_restated_today(
    folded: str, mentions: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """Drop "today" when a date restates it; return the mentions kept and the restatements."""
    kept: list[Mention] = []
    restated: list[Mention] = []
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if (
            mention.is_today_word
            and following is not None
            and _RESTATES.match(folded[mention.end : following.start])
        ):
            restated.append(following)
            continue
        kept.append(mention)
    return kept, restated


def _ranges(facts: Facts) -> list[tuple[Mention, Mention]]:
    pairs = []
    for first, last in zip(facts.mentions, facts.mentions[1:], strict=False):
        if _RANGE_JOIN.match(facts.folded[first.end : last.start]):
            pairs.append((first, last))
    return pairs


def _cued_key(
    folded: str, mentions: list[Mention], index: int, cues: Mapping[str, re.Pattern[str]]
) -> str | None:
    mention = mentions[index]
    previous_end = mentions[index - 1].end if index > 0 else 0
    next_start = mentions[index + 1].start if index + 1 < len(mentions) else len(folded)
    breaks_before = [m.end() for m in _CLAUSE_BREAK.finditer(folded, previous_end, mention.start)]
    clause_start = breaks_before[-1] if breaks_before else previous_end
    after_break = _CLAUSE_BREAK.search(folded, mention.end, next_start)
    clause_end = after_break.start() if after_break else next_start
    regions = (
        (clause_start, mention.start, True),
        (mention.end, clause_end, False),
        (previous_end, mention.start, True),
        (mention.end, next_start, False),
    )
    for start, end, before in regions:
        key = _nearest_cue(folded, start, end, before, cues)
        if key is not None:
            return key
    return None


def _nearest_cue(
    folded: str, start: int, end: int, before: bool, cues: Mapping[str, re.Pattern[str]]
) -> str | None:
    best: tuple[int, str] | None = None
    for key, cue in cues.items():
        for match in cue.finditer(folded, start, end):
            distance = end - match.end() if before else match.start() - start
            if best is None or distance < best[0]:
                best = (distance, key)
    return None if best is None else best[1]
