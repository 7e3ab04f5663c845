"""Conversation specs of the Internal Regulations calculators (attendance, 48 h, discipline).

What each needs from the learner, and the words that point a date at each input. Dates of
sessions and notices are wall-clock times (Regs 3.1.1 counts hours), so a day given
without its hour is kept aside and the hour is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.calcchat import _cues as C
from bot.calcchat._engine import ISO_MINUTE, Draft, Spec
from bot.calcchat._facts import Facts
from bot.calcchat._readers import bare_count, first_label, minutes_stated, yes_no
from bot.calcchat._triggers import APPRENTICE, FRAUD, NOT_APPRENTICE, SICK_LEAVE

_ALWAYS = re.compile("")
_JUSTIFIED = C.cue(
    r"justifi(?:e|ee|es|ees|ed|cation)\b|avec (?:un )?justificatif|certificat\w*|medical\w*"
    r"|doctor|medecin|convocation|summons|arret de travail|sick note|with (?:a )?(?:note|proof)"
)
_UNJUSTIFIED = C.cue(
    r"injustifi\w*|non justifi\w*|sans (?:justificatif|justification|raison|motif)|unjustified"
    r"|without (?:a |any )?(?:justification|reason|excuse|note)|no (?:justification|excuse)"
)
_FIRST_DAY = C.cue(r"depuis|since|from|a partir d\w*|starting|commenc\w*|debut\w*|begin\w*")
_LAST_DAY = C.cue(
    r"jusqu\w*|until|till|through|retour|reprise|back|return\w*|reprend\w*|fin\w*|ends?"
)
_INTERRUPTION = C.cue(r"interromp\w*|interruption|interrupt\w*|pause\w*|break|arret\w*|stopp\w*")
_NOT_INTERRUPTED = C.cue(
    r"sans (?:aucune )?interruption|without (?:any )?(?:interruption|break)|never (?:stopped"
    r"|interrupted|paused)|jamais (?:arrete|interrompu)|pas interrompu|not interrupted"
)
_NO_BAR = C.cue(
    r"sans (?:l'|aucune )?interdiction|without (?:the |a |any )?(?:1-year |one-year )?(?:bar|ban)"
    r"|pas d'interdiction|no (?:bar|ban)\b"
)
_TRAINING_DAY = C.cue(
    r"jour (?:de formation|dedie|d'ecole|de cours|au cfa|de cfa)|training day|school day"
    r"|day dedicated to (?:my |the )?training|dedicated (?:training )?day"
)
_NOT_TRAINING_DAY = C.cue(
    r"(?:pas|not|isn't|n'est pas) (?:mon |my |le |the |un |a )?(?:jour de formation|jour dedie"
    r"|training day|school day)|jour (?:en|d')entreprise|company day|work day|jour de travail"
    r"|en entreprise ce jour"
)
_SLOT_END = re.compile(r"^\s*(?:a|au|to|until|till|jusqu'a|-|–)\s*$")
_EMPLOYMENT = C.cue(
    r"contrat|contract|licenci\w*|fired|dismissed|laid off|demissionn\w*|resigned|employ\w*"
)


def _absence_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    if facts.has(_UNJUSTIFIED):
        draft.put("justified", False, fact=False)
    elif facts.has(_JUSTIFIED):
        draft.put("justified", True, fact=False)


def _lateness_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    minutes = minutes_stated(facts, late=not asking)
    if minutes is None and "minutes_late" in asking:
        minutes = bare_count(facts)
    if minutes is not None:
        draft.put("minutes_late", minutes)


def _consecutive_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    # Absences counted as such, or the sessions missed ("3 séances manquées d'affilée").
    counts = [c for c in facts.counts if c.noun == "absence"] or [
        c for c in facts.counts if c.noun == "session" and not c.ordinal
    ]
    qualified = [c for c in counts if c.qualifiers] or counts
    value = qualified[0].value if qualified else None
    if value is None and asking:
        value = bare_count(facts)
    if value is not None:
        draft.put("consecutive_unauthorized_absences", value)


_EVENTS = (
    (FRAUD, "fraudulent_access"),
    (SICK_LEAVE, "sick_leave_cfa_training_period"),
    (_EMPLOYMENT, "employment_contract_termination"),
)


def _notification_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    event = first_label(facts, _EVENTS)
    if event is not None:
        draft.put("event", event, fact=False)


def _decision_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    """ "le conseil et l'entretien ont eu lieu le 4 mai": one date for both."""
    interview = draft.inputs.get("interview_date")
    one_date = len(facts.mentions) == 1
    if interview and "council_date" not in draft.inputs and facts.has(C.COUNCIL) and one_date:
        draft.put("council_date", interview)


def _max_path_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    if facts.has(_NOT_INTERRUPTED):
        draft.put("training_interrupted", False, fact=False)
    elif facts.has(_INTERRUPTION):
        draft.put("training_interrupted", True, fact=False)


def _bar_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    if facts.has(_NO_BAR):
        draft.put("bar_applied", False, fact=False)


def _slot_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    learner = first_label(
        facts,
        (
            (NOT_APPRENTICE, "other"),
            (C.cue(r"alternan\w*|alternating|work[- ]study"), "alternating_learner"),
            (APPRENTICE, "apprentice"),
        ),
    )
    if learner is None:
        answer = yes_no(facts, "learner_type" in asking)
        learner = None if answer is None else "apprentice" if answer else "other"
    if learner is not None:
        draft.put("learner_type", learner, fact=False)
    if facts.has(_NOT_TRAINING_DAY):
        draft.put("is_dedicated_training_day", False, fact=False)
    elif facts.has(_TRAINING_DAY):
        draft.put("is_dedicated_training_day", True, fact=False)
    minutes = minutes_stated(facts, late=False) or _minutes_to_end_clock(facts, draft)
    if minutes is not None and minutes > 0:
        draft.put("duration_minutes", int(minutes))


def _minutes_to_end_clock(facts: Facts, draft: Draft) -> int | None:
    """ "le 12 mars de 14h à 15h": the session lasts until the clock after the start."""
    start_text = draft.inputs.get("start")
    slot = next((m for m in facts.mentions if m.has_time), None)
    if start_text is None or slot is None:
        return None
    end_clock = next((c for c in facts.clocks if c.start >= slot.end), None)
    if end_clock is None or not _SLOT_END.match(facts.folded[slot.end : end_clock.start]):
        return None
    start = datetime.strptime(start_text, ISO_MINUTE)
    end = datetime.combine(start.date(), end_clock.value)
    return (end - start) // timedelta(minutes=1) if end > start else None


SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec(
            "absence_notice",
            required=("session_start", "notification_time"),
            cues={"session_start": C.SESSION, "notification_time": C.NOTIFY},
            datetime_keys=frozenset({"session_start", "notification_time"}),
            extras=_absence_extras,
        ),
        Spec("lateness_classification", ("minutes_late",), extras=_lateness_extras),
        Spec(
            "consecutive_unauthorized_absences",
            ("consecutive_unauthorized_absences",),
            extras=_consecutive_extras,
        ),
        Spec(
            "long_absence_reporting",
            required=("first_day", "last_day"),
            cues={"first_day": _FIRST_DAY, "last_day": _LAST_DAY},
            range_keys=("first_day", "last_day"),
        ),
        Spec(
            "inactivity_advisor_contact",
            required=("last_activity_date", "check_date"),
            cues={"last_activity_date": C.LAST_ACTIVITY},
            now_key="check_date",
            today_if=_ALWAYS,
        ),
        Spec(
            "notification_deadline_48h",
            required=("event", "event_time"),
            cues={"event_time": C.EVENT_48H},
            datetime_keys=frozenset({"event_time"}),
            extras=_notification_extras,
        ),
        Spec(
            "jury_resubmission_deadline",
            ("jury_refusal_date",),
            cues={"jury_refusal_date": C.JURY},
        ),
        Spec(
            "max_path_completion",
            ("first_training_day",),
            cues={"first_training_day": C.TRAINING_START, "_interruption": _INTERRUPTION},
            extras=_max_path_extras,
        ),
        Spec(
            "disciplinary_grievance_notice",
            ("council_date",),
            cues={"council_date": C.COUNCIL, "grievances_communicated_on": C.GRIEVANCE},
        ),
        Spec(
            "disciplinary_decision_window",
            ("council_date",),
            cues={
                "council_date": C.COUNCIL,
                "interview_date": C.INTERVIEW,
                "decision_sent_on": C.DECISION,
            },
            extras=_decision_extras,
        ),
        Spec(
            "temporary_exclusion_period",
            ("exclusion_start_date",),
            cues={"exclusion_start_date": C.EXCLUSION, "proposed_last_day": C.PLANNED_END},
            range_keys=("exclusion_start_date", "proposed_last_day"),
        ),
        Spec(
            "permanent_exclusion_bar",
            ("sanction_date",),
            cues={"sanction_date": C.EXCLUSION},
            extras=_bar_extras,
        ),
        Spec(
            "apprentice_mentoring_slot",
            required=("learner_type", "start", "duration_minutes"),
            cues={"start": C.SLOT},
            datetime_keys=frozenset({"start"}),
            extras=_slot_extras,
        ),
    )
}
