"""Which calculator a message calls for, from what it talks about (FR and EN, folded text).

Each recogniser is written from the rule a calculator applies: the 48-hour notices of
Regs 2.1 / 2.6.3 / 2.8, the 15-minute lateness threshold of 3.1.1, the 7-day reflection
period of CGS 6.2, and so on. The most specific situations are tried first, so that "I
will miss my mentoring session" is an absence notice before "cancel" makes it a
subscription termination. `TERMINATION` stands for the termination calculators, chosen
afterwards from the facts (`bot.calcchat._cgs.route_termination`).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.calcchat._cues import CANCEL, COUNCIL, DUE, PAID, SESSION, STILL, UNPAID, cue
from bot.calcchat._facts import Facts

TERMINATION = "termination"

PLUS = cue(
    r"premium[ -]?plus|(?:abonnement|offre|formule|plan|forfait|parcours) (?:premium )?plus\b"
    r"|plus (?:plan|subscription|offer|abonnement)\b|parcours diplomant|diploma path"
)
SOLO = cue(r"(?:premium[ -]?)?solo\b")
APPRENTICE = cue(
    r"apprenti\w*|apprentice\w*|alternan\w*|alternating|work[- ]study|contrat pro\w*"
    r"|contrat d'apprentissage|apprenticeship"
)
NOT_APPRENTICE = cue(
    r"(?:pas|not|non|ni) (?:un |une |an? )?(?:apprenti\w*|alternan\w*|apprentice|alternating)"
    r"|stagiaire|intern\b|interns\b|non-alternating|not alternating"
)
_MENTORING = cue(r"mentor\w*|seances?|sessions?|creneau|slot|rendez-vous|rdv|appointment")
_EMPLOYMENT_CONTRACT = cue(
    r"contrat (?:de travail|d'apprentissage|d'alternance|pro\w*)|employment contract"
    r"|work contract|job contract|apprenticeship contract|contrat avec (?:mon|l')entreprise"
)
_CONTRACT_ENDED = cue(
    r"romp\w*|rupture|fin\b|termin\w*|licenci\w*|ended|end\w*|dismiss\w*|fired|resign\w*"
    r"|demission\w*|arret\w*|stopp\w*|broke\w*|cancel\w*|annul\w*|cass\w*"
)
# "Their employer terminated their contract": the contract of an apprentice or employee.
_EMPLOYER_CONTRACT = cue(
    r"(?:employer|employeur|entreprise d'accueil|host company|apprenti\w*|alternan\w*)"
    r"(?:\W+\w+){0,6}\W+(?:contract|contrat)"
)
_DISMISSED = cue(r"licencie\w*|fired|dismissed|laid off|demissionn\w*|resigned")
FRAUD = cue(
    r"fraud\w*|pirat\w*|hack\w*|compromi\w*|usurp\w*|(?:identifiants?|mot de passe|password"
    r"|credentials?|compte|account) (?:a ete |ont ete |was |were |has been )?(?:vole|stolen)"
    r"|unauthori[sz]ed access|acces (?:frauduleux|non autorise)|someone (?:else )?(?:has )?"
    r"(?:logged|accessed|used my)|quelqu'un (?:d'autre )?(?:s'est connecte|a utilise|a accede)"
)
SICK_LEAVE = cue(
    r"arret (?:maladie|de travail)|sick (?:leave|note)|accident du travail|work(?:place)? "
    r"accident|maladie professionnelle|occupational (?:disease|illness|accident)|malade|sick"
)
_CFA = cue(r"cfa")
_LATE = cue(r"retard\w*|late\b|lateness|tard\b|en retard")
_ABSENCE_COUNT_WORDS = cue(
    r"non autoris\w*|injustif\w*|non justif\w*|unauthori[sz]ed|unjustified|unexcused"
    r"|sans justif\w*|without (?:a )?(?:justification|excuse)|d'affilee|consecuti\w*|in a row"
    r"|de suite"
)
_ABSENCE_WORD = cue(r"absences?")
_IN_A_ROW = cue(r"d'affilee|consecuti\w*|in a row|de suite|successi\w*|back to back")
_PERIOD_FROM = cue(r"du|from|between|depuis|since|a partir d")
_PERIOD_TO = cue(r"au|to|until|till|jusqu\w*|and")
ACCEPTED_CGS = cue(
    r"accept\w* (?:les |the |des )?(?:cgs|conditions|terms|cgu)|signed up|inscri\w*|subscribed"
    r"|souscri\w*|abonn\w*|enrol\w*"
)
_ABSENCE = cue(
    r"absen\w*|manqu\w*|rate\w*|loup\w*|miss\w*|pas (?:pu |pouvoir )?(?:venir|assister"
    r"|participer|etre present\w*)|can'?t (?:make it|attend|come)|cannot (?:attend|come)"
    r"|won'?t (?:be able to )?(?:attend|come|make it)|skip\w*|reporter|reschedul\w*|decal\w*"
    r"|annul\w* (?:ma|la|une|mon|cette) (?:seance|session|rdv|rendez-vous|mentorat|soutenance)"
    r"|cancel\w* (?:my|the|a|this) (?:session|appointment|mentoring|meeting)"
)
_NOTICE = cue(
    r"prevenu\w*|prevenir|previen\w*|inform\w*|averti\w*|signal\w*|told|tell|notif\w*"
    r"|warn\w*|let\w* (?:him|her|them|my mentor) know|messag\w*|e-?mail\w*|mail\w*|24 ?h"
    r"|24 heures|24 hours|preavis|notice|a l'avance|in advance|beforehand|texted|wrote"
)
_NO_NOTICE = cue(
    r"sans (?:prevenir|avoir prevenu|rien dire|le dire|justificatif)|without (?:telling|notice"
    r"|notifying|warning|letting)|(?:didn't|did not|never) (?:tell|notify|warn|let)"
    r"|(?:n'ai|n'a|n'avons) (?:pas|jamais) (?:prevenu|averti|dit)"
)
_WHOM_TO_TELL = cue(
    r"tell anyone|tell someone|who (?:do|should|must) i (?:tell|inform|notify)|(?:do|must|should)"
    r" i (?:tell|inform|notify|report)|dois-je (?:prevenir|informer|signaler|le signaler)"
    r"|qui (?:dois-je )?prevenir|faut-il (?:prevenir|informer|le signaler)"
)
_LONG_ABSENCE = cue(
    # "arrêt" (maladie, de travail) is a stop in training; "j'arrête" is leaving it.
    r"absen\w*|conge\w*|leave|off\b|arrets?\b|malad\w*|sick|hospital\w*|maternit\w*"
    r"|paternit\w*|pause|break|interromp\w*|interrupt\w*|suspen\w*|pas (?:pu |pouvoir )?suivre"
    r"|stop (?:my|the) (?:training|course|path) for|for a while|pendant (?:un moment|quelque temps)"
    r"|unable to (?:follow|attend|study)|ne (?:pourrai|peux|pourrais) pas (?:suivre|travailler)"
)
_INACTIVITY = cue(
    r"inacti\w*|(?:pas|aucune) (?:eu )?(?:d'|de )?activite|no activity|not active|pas connecte"
    r"|not logged|haven'?t (?:logged|done|worked|connected|been active|studied|touched)"
    r"|have not (?:logged|done|worked|connected|been active)|n'ai (?:rien fait|pas travaille"
    r"|plus rien fait|pas touche|pas ouvert|pas ete actif\w*|plus travaille)|rien fait depuis"
    r"|derniere? (?:connexion|activite)|last (?:login|activity|log-in|connection)"
    r"|(?:conseill\w*|advis[eo]r)\W+(?:\w+\W+){0,6}(?:contact\w*|appel\w*|call\w*|reach\w*)"
)
_JURY_REFUSED = cue(
    r"refus\w*|rejet\w*|recal\w*|ajourn\w*|rejected|denied|fail\w*|not (?:award|grant|pass)\w*"
    r"|pas (?:valide|obtenu|accorde|eu)|nouveaux projets|new projects|resubmi\w*"
)
_JURY = cue(r"jury")
_PATH_COMPLETION = cue(
    r"(?:3|trois|three) (?:ans|years)|duree max\w*|maximum (?:duration|time|length)"
    r"|(?:terminer|finir|achever|boucler|valider|complete|finish)\w* (?:\w+ ){0,3}(?:parcours"
    r"|path|formation|training|diplome)|date limite|deadline|jusqu'a quand|until when|by when"
    r"|au plus tard|at the latest|latest date|derniere date|date maximale|date butoir"
)
_TRAINING = cue(r"parcours|path|formation|training|diplome|diploma|cursus|programme|program")
_INTERRUPTED = cue(
    r"interromp\w*|interruption|interrupt\w*|pause\w*|break|arret\w*|stopp\w*|suspen\w*"
    r"|reprend\w*|repris|resum\w*|restart\w*"
)
_GRIEVANCE = cue(
    r"grief\w*|grievance\w*|reproche\w*|charges against|accusation\w*|8 jours|8 days"
    r"|huit jours|eight days|convocation"
)
_DECISION = cue(
    r"decision\w*|verdict|resultat|result|lettre recommandee|registered letter|appel\b|appeal"
    r"|when will i (?:know|hear|get|receive)|quand (?:vais-je|saurai|aurai)|entretien|interview"
)
_DISCIPLINARY = cue(
    r"conseil de discipline|conseil disciplinaire|disciplinary (?:council|hearing|board|committee"
    r"|meeting)|commission de discipline|disciplin\w*"
)
_TEMPORARY_EXCLUSION = cue(
    r"exclusion temporaire|temporary exclusion|exclu\w* temporairement|temporarily "
    r"(?:excluded|suspended|expelled)|suspendu\w* (?:de|pour|pendant|du)|suspended (?:from|for)"
    r"|mise? a pied|exclu\w* (?:pour|pendant|durant) (?:un|1) mois|excluded for (?:a|one|1) month"
    r"|exclu\w* (?:\w+ )?(?:du|from|depuis|since|a partir|starting|jusqu\w*|until)\b"
)
_PERMANENT_EXCLUSION = cue(
    r"exclusion definitive|exclu\w* definitivement|definitivement exclu\w*|permanent\w* "
    r"(?:exclu\w*|expel\w*|banned)|permanent exclusion|expelled|expuls\w*|renvoye\w* "
    r"definitivement|banned from"
)
# The learner says the permanent exclusion happened (the bar runs from its date); "une
# absence = exclusion définitive, je suis viré ?" or "if I get excluded" computes nothing.
_EXCLUSION_HAPPENED = cue(
    r"(?:ai|a|as|avons|avez|ont) ete (?:\w+ )?(?:exclu\w*|renvoye\w*|expuls\w*)"
    r"|(?:suis|est|es|sommes|sont) (?:\w+ )?(?:exclu\w*|renvoye\w*|expuls\w*)"
    r"|(?:was|been|got|were|am|i'm|is|are) (?:\w+ ){0,2}(?:excluded|expelled|banned)"
    r"|on m'a (?:\w+ )?(?:exclu\w*|renvoye\w*)|(?:mon|son|leur|my|his|her|their) exclusion"
    r"|sanction (?:date|du|dated)|date (?:de|of) (?:la |the )?(?:sanction|exclusion)"
)
_EXCLUSION_SUPPOSED = cue(
    r"(?:si|s'|if|when|quand|en cas d'?|in case of|risque\w*|risk\w*)\W*(?:\w+\W+){0,3}"
    r"(?:exclu\w*|excluded|expelled|exclusion)"
)
_LATE_PAYMENT = cue(
    r"paye\w* (?:\w+ ){0,3}en retard|paid (?:\w+ ){0,3}late|late payment|paiement en retard"
    r"|retard de paiement"
    r"|(?:has|have|is|was|had)n't (?:yet )?(?:been )?paid|n'a pas (?:encore )?ete (?:paye|regle)"
    r"|payment (?:is |was )?(?:late|overdue)|overdue|impaye\w*|unpaid|(?:pas|jamais) (?:encore )?"
    r"(?:ete )?paye|not (?:yet )?(?:been )?paid|haven'?t paid|n'ai pas (?:encore )?paye"
    r"|interets? de retard|late interest|frais de recouvrement|recovery (?:fee|cost)\w*"
    r"|penalites? de retard|late (?:fee|penalt)\w*|prelevement (?:a ete )?rejete|failed payment"
    r"|payment failed|en retard (?:de|pour|sur) (?:mon |le |la )?(?:paiement|echeance|mensualite)"
)
REFLECTION = cue(
    r"delai de reflexion|periode de reflexion|reflection period|cooling[- ]?off|changer d'avis"
    r"|change (?:my|your|one's) mind|changed my mind|retract\w*|right of withdrawal"
    r"|withdrawal (?:right|period)|renonc\w*|reflechir"
)
_WITHDRAW = cue(r"withdr\w*")
ACCESS_CODES = cue(r"codes? d'acces|access codes?|identifiants|credentials|login details")
_TERMINATE = cue(
    r"resili\w*|arret(?:er|e|es|ez|ais|ait|ons)?\b(?! (?:maladie|de travail))|annul\w*"
    r"|stop\w*|cancel\w*|quit\w*|terminat\w*|unsubscri\w*|desabonn\w*|desinscri\w*"
    r"|mettre fin|mis fin|end (?:my|the) (?:subscription|plan|contract|training|course)"
    r"|sortir du contrat|get out of|leave (?:the|my) (?:course|programme|program|path|training)"
    r"|leave (?:premium|solo|plus|(?:the|my) (?:subscription|plan|offer))|quitter"
    r"|abandon\w*"
)
_SUBSCRIPTION = cue(
    r"abonn\w*|subscri\w*|premium|solo\b|plus\b|offre|offer|formule|plan\b|forfait|contrat"
    r"|contract|parcours|path|formation|training|cgs|conditions|terms|inscri\w*|enrol\w*"
)
_PRICE_KEPT = cue(
    r"(?:garde\w*|conserve\w*|keep\w*|retain\w*) (?:\w+ ){0,2}(?:ancien |old |same |meme )?"
    r"(?:prix|tarif|price|rate)|(?:ancien|old|same|meme) (?:prix|tarif|price|rate)"
    r"|hausse (?:des |de )?(?:prix|tarif)|price (?:increase|rise)"
)
FORCE_MAJEURE = cue(r"force majeure|cas fortuit|act of god|fortuitous|evenement imprevisible")
# An event that may prevent following the course; whether it qualifies is not decided by
# the documents, and the calculator says so. Sick leave has its own rule (CGS 2.2.g).
MISFORTUNE = cue(
    r"accident\w*|hospitalis\w*|hospitaliz\w*|hopital|hospital|deces|death|died|incendie|fire"
    r"|inondation|flood\w*|catastrophe|disaster|guerre|war\b|handicap\w*|disabilit\w*"
)
SICK_LEAVE_WORDS = cue(r"arret (?:maladie|de travail)|sick (?:leave|note)")
_PREVENTED = cue(
    r"empech\w*|(?:ne )?(?:peux|pourrai|pourrais|pouvais) (?:plus |pas )?(?:du tout )?suivre"
    r"|impossible de suivre|can'?t (?:follow|continue|study|attend)|cannot (?:follow|continue"
    r"|study|attend)|unable to (?:follow|continue|study|attend)|prevent\w*|no screens?"
    r"|pas d'ecrans?|(?:can|could) no longer (?:follow|continue|study|attend)"
)
_REFUND = cue(
    r"rembours\w*|refund\w*|recuperer (?:mon|mes|l')argent|money back|argent|get (?:my )?money"
)
_RESILIATE = cue(r"resili\w*")
_PERIOD_REFUND = cue(
    r"reste du mois|rest of the month|prorata|prorat\w*|mois entame|remaining (?:days|weeks)"
    r"|jours restants|unused|non utilise"
)
_CGS_CHANGE = cue(
    r"(?:modifi\w*|changement\w*|chang\w*|mise a jour|update\w*|nouvelle version|new version"
    r"|nouvelles) (?:\w+ ){0,3}(?:cgs|conditions generales|terms|cgu|cgv)"
    r"|(?:cgs|conditions generales|terms|cgu|cgv) (?:\w+ ){0,4}(?:modifi\w*|chang\w*|updated)"
)


def _apprentice_slot(f: Facts) -> bool:
    return f.has(APPRENTICE) and f.has(_MENTORING)


def _notification(f: Facts) -> bool:
    if f.has(FRAUD):
        return True
    employment = f.has(_EMPLOYMENT_CONTRACT) or f.has(_EMPLOYER_CONTRACT)
    contract = employment and f.has(_CONTRACT_ENDED)
    return contract or f.has(_DISMISSED) or (f.has(SICK_LEAVE) and f.has(_CFA))


def _lateness(f: Facts) -> bool:
    minutes = [d for d in f.durations if d.unit in ("minutes", "hours")]
    return any(d.late for d in minutes) or (bool(minutes) and f.has(_LATE) and f.has(SESSION))


def _consecutive(f: Facts) -> bool:
    """Absences in a row (3.1.1): said so, or counted ("deux absences injustifiées")."""
    if not f.has(_ABSENCE_COUNT_WORDS):
        return False
    counted = any(c.noun == "absence" and c.value >= 2 for c in f.counts)
    # "j'ai manqué 3 séances d'affilée", "I missed 3 sessions in a row"
    missed = f.has(_ABSENCE) and any(c.noun == "session" and c.value >= 2 for c in f.counts)
    return counted or ((f.has(_ABSENCE_WORD) or missed) and f.has(_IN_A_ROW))


def _absence_notice(f: Facts) -> bool:
    """Missing a session (3.1.1): the notice given, or the session's date to count from;
    or a session and the moment it was called off, both with their hour. Missed without
    telling anyone, there is no notice to count: the absence is unauthorized, whatever the
    dates (the answer is the rule, not a calculation)."""
    if f.has(_NO_NOTICE):
        return False
    timed = [m for m in f.mentions if m.has_time]
    if f.has(SESSION) and f.has(_NOTICE) and len(timed) >= 2:
        return True
    return f.has(_ABSENCE) and f.has(SESSION) and (f.has(_NOTICE) or bool(f.mentions))


def _long_absence(f: Facts) -> bool:
    """Unable to follow the training for a time (2.6.1): the period, or whom to tell."""
    if not f.has(_LONG_ABSENCE):
        return False
    return (f.has(_PERIOD_FROM) and f.has(_PERIOD_TO)) or f.has(_WHOM_TO_TELL)


def _max_path(f: Facts) -> bool:
    return f.has(_PATH_COMPLETION) and f.has(_INTERRUPTED) and f.has(_TRAINING)


def _jury(f: Facts) -> bool:
    return f.has(_JURY) and f.has(_JURY_REFUSED)


def _permanent_exclusion(f: Facts) -> bool:
    happened = f.has(_EXCLUSION_HAPPENED) and not f.has(_EXCLUSION_SUPPOSED)
    return f.has(_PERMANENT_EXCLUSION) and happened


def _grievance(f: Facts) -> bool:
    return f.has(_DISCIPLINARY) and f.has(_GRIEVANCE)


def _decision(f: Facts) -> bool:
    return f.has(_DISCIPLINARY) and (f.has(_DECISION) or f.has(COUNCIL))


def _late_payment(f: Facts) -> bool:
    """Paid late or not at all (3.2): said so, or a due date and a later payment date."""
    paid_after_due = f.has(DUE) and f.has(PAID) and len(f.mentions) >= 2
    return f.has(_LATE_PAYMENT) or paid_after_due or (f.has(DUE) and f.has(UNPAID))


def _solo_withdrawal(f: Facts) -> bool:
    """CGS 6.1: cancelling Premium Solo (money back) is excluded once the codes are used."""
    # Money back after a cancellation dated with its start is a termination ("tout mois
    # entamé est dû"), not a withdrawal.
    money_back = (
        f.has(_REFUND)
        and (f.has(_TERMINATE) or f.has(CANCEL))
        and len(f.mentions) < 2
        and not f.has(_PERIOD_REFUND)
    )
    wants_out = f.has(REFLECTION) or f.has(_WITHDRAW) or f.has(ACCESS_CODES) or money_back
    return f.has(SOLO) and not f.has(PLUS) and wants_out and not f.has(_RESILIATE)


def _reflection(f: Facts) -> bool:
    accepted_on = f.has(ACCEPTED_CGS) and bool(f.mentions)
    return f.has(REFLECTION) or (f.has(_WITHDRAW) and (f.has(PLUS) or accepted_on))


def _termination(f: Facts) -> bool:
    """Leaving the subscription; "cancel" said of a session (Regs 3.1.1) is not that, nor
    is a question about the price kept on coming back (2.2.f), which no date decides."""
    about_a_session = f.has(SESSION) and not f.has(_SUBSCRIPTION)
    return f.has(_TERMINATE) and not about_a_session and not f.has(_PRICE_KEPT)


def _accepted_and_still(f: Facts) -> bool:
    """ "J'ai accepté les CGS le 15 mai, est-il trop tard ?": the 6.2 periods, from acceptance."""
    return f.has(ACCEPTED_CGS) and f.has(STILL) and bool(f.mentions)


def _force_majeure(f: Facts) -> bool:
    """Annexe 1 (L444-8): prevented from following the course by a fortuitous event."""
    leaving = f.has(_TERMINATE) or f.has(CANCEL)
    prevented = f.has(MISFORTUNE) and f.has(_PREVENTED) and not f.has(SICK_LEAVE_WORDS)
    return leaving and (f.has(FORCE_MAJEURE) or prevented)


def _cgs_change(f: Facts) -> bool:
    return f.has(_CGS_CHANGE)


# Most specific first: an event named by its own words wins over generic "cancel"/"late".
_ORDER: tuple[tuple[str, Callable[[Facts], bool]], ...] = (
    ("apprentice_mentoring_slot", _apprentice_slot),
    ("notification_deadline_48h", _notification),
    ("permanent_exclusion_bar", _permanent_exclusion),
    ("temporary_exclusion_period", lambda f: f.has(_TEMPORARY_EXCLUSION)),
    ("disciplinary_grievance_notice", _grievance),
    ("disciplinary_decision_window", _decision),
    ("jury_resubmission_deadline", _jury),
    ("late_payment", _late_payment),
    ("lateness_classification", _lateness),
    ("consecutive_unauthorized_absences", _consecutive),
    ("absence_notice", _absence_notice),
    ("max_path_completion", _max_path),
    ("long_absence_reporting", _long_absence),
    ("premium_solo_withdrawal", _solo_withdrawal),
    ("inactivity_advisor_contact", lambda f: f.has(_INACTIVITY)),
    ("force_majeure_termination", _force_majeure),
    ("cgs_modification_termination_deadline", _cgs_change),
    ("premium_plus_reflection_period", _reflection),
    (TERMINATION, _termination),
    ("premium_plus_reflection_period", _accepted_and_still),
)


def recognise(facts: Facts) -> str | None:
    """The calculator (or TERMINATION) the message calls for, if any."""
    for name, matches in _ORDER:
        if matches(facts):
            return name
    return None
