# ruff: noqa: E501
# (sentences read better unbroken)
"""Answers of the CGS calculators: reflection period, 3-month window, monthly billing,
Premium Solo withdrawal, force majeure, late payment, change of the CGS."""

from __future__ import annotations

from bot.calcchat._answers import NO_VERDICT, Answer, Builder, Case, still_open
from bot.calcchat._cues import cue

# Which period a question is about.
WINDOW_WORDS = cue(
    r"3 mois|trois mois|3-month|three-month|3 months|three months|fenetre|window|l444|indemnit\w*"
    r"|30 ?%|resili\w*|terminat\w*"
)
REFLECTION_WORDS = cue(
    r"reflexion|reflection|retract\w*|withdr\w*|changer d'avis|change (?:my|your) mind"
    r"|cooling|7 jours|sept jours|7 days|seven days|renonc\w*"
)
# The 6.2 / L444-8 regime itself, not any termination.
CAP_WORDS = cue(
    r"3 mois|trois mois|3-month|three-month|3 months|three months|fenetre|window|l444"
    r"|indemnit\w*|30 ?%|cap\b|capped|plafon\w*|unilateral\w*"
)
REFUND_WORDS = cue(r"rembours\w*|refund\w*|money back|argent|recuper\w*|get back")
STILL_WORDS = cue(r"encore|toujours|still|trop tard|too late|dans les temps|in time")


def _reflection(c: Case) -> Answer:
    asked = c.r("query_in_reflection_period")
    window_only = c.question.about(WINDOW_WORDS) and not c.question.about(REFLECTION_WORDS)
    if asked is None:
        return Answer(
            NO_VERDICT,
            "votre délai de réflexion de 7 jours se termine le {reflection_ends_at} (CGS acceptées le {i_acceptance_date}) ; la fenêtre de résiliation de 3 mois court jusqu'au {three_month_window_last_day} inclus.",
            "your 7-day reflection period ends on {reflection_ends_at} (CGS accepted on {i_acceptance_date}); the 3-month termination window runs until {three_month_window_last_day} inclusive.",
        )
    if window_only:
        return _window(c)
    if asked:
        return Answer(
            True,
            "jusqu'au {reflection_last_day} inclus : le délai de réflexion de 7 jours court à compter de l'acceptation des CGS le {i_acceptance_date}, et le {i_query_date} est dans ce délai.",
            "until {reflection_last_day} inclusive: the 7-day reflection period runs from the acceptance of the CGS on {i_acceptance_date}, and {i_query_date} falls within it.",
        )
    if c.r("query_in_three_month_window"):
        then_fr = " Vous pouvez encore résilier dans la fenêtre de 3 mois, jusqu'au {three_month_window_last_day} inclus, avec une indemnité de 30 % au plus du prix de l'Abonnement."
        then_en = " You can still terminate within the 3-month window, until {three_month_window_last_day} inclusive, with an indemnity of at most 30% of the subscription price."
    else:
        then_fr = " La fenêtre de résiliation de 3 mois est close depuis le {three_month_window_last_day} : tout mois entamé est dû."
        then_en = " The 3-month termination window closed on {three_month_window_last_day}: every started month is due."
    return Answer(
        False,
        "le délai de réflexion de 7 jours a pris fin le {reflection_last_day} (CGS acceptées le {i_acceptance_date}) ; le {i_query_date}, il est passé."
        + then_fr,
        "the 7-day reflection period ended on {reflection_last_day} (CGS accepted on {i_acceptance_date}); on {i_query_date} it is over."
        + then_en,
    )


def _window(c: Case) -> Answer:
    if c.r("query_in_three_month_window"):
        return Answer(
            True,
            "jusqu'au {three_month_window_last_day} inclus : dans les 3 mois suivant l'acceptation des CGS (le {i_acceptance_date}), vous pouvez résilier votre abonnement Premium Plus avec une indemnité de 30 % au plus du prix de l'Abonnement, et le {i_query_date} est dans ce délai.",
            "until {three_month_window_last_day} inclusive: within 3 months of accepting the CGS (on {i_acceptance_date}) you can terminate your Premium Plus subscription with an indemnity of at most 30% of the subscription price, and {i_query_date} falls within that period.",
        )
    return Answer(
        False,
        "la fenêtre de 3 mois a pris fin le {three_month_window_last_day} (CGS acceptées le {i_acceptance_date}) ; le {i_query_date}, seule la résiliation ordinaire reste possible, et tout mois entamé est dû.",
        "the 3-month window ended on {three_month_window_last_day} (CGS accepted on {i_acceptance_date}); on {i_query_date} only an ordinary termination remains, and every started month is due.",
    )


def _early_termination(c: Case) -> Answer:
    if not c.r("within_3_month_window"):
        return _after_window(c)
    q = c.question
    if q.kind == "amount" and q.about(REFUND_WORDS):
        return Answer(
            NO_VERDICT,
            "{refund_due_literal_L444_8_eur} vous seraient remboursés selon la lecture littérale de L444-8 : sur {total_paid_eur} déjà versés, {max_retained_as_indemnity_eur} au plus peuvent être retenus (30 % de {indemnity_base_eur}), votre demande du {i_termination_request_date} étant dans la fenêtre de 3 mois (jusqu'au {window_last_day}).",
            "{refund_due_literal_L444_8_eur} would be refunded to you under the literal reading of L444-8: of the {total_paid_eur} already paid, at most {max_retained_as_indemnity_eur} may be retained (30% of {indemnity_base_eur}), your request of {i_termination_request_date} being inside the 3-month window (until {window_last_day}).",
        )
    if q.kind == "amount":
        return Answer(
            True,
            "au plus {max_indemnity_eur} : votre demande du {i_termination_request_date} est dans la fenêtre de 3 mois (jusqu'au {window_last_day}), où l'indemnité est plafonnée à 30 % de {indemnity_base_eur} ; sur {total_paid_eur} déjà versés, {max_retained_as_indemnity_eur} au plus peuvent être retenus.",
            "at most {max_indemnity_eur}: your request of {i_termination_request_date} is inside the 3-month window (until {window_last_day}), where the indemnity is capped at 30% of {indemnity_base_eur}; of the {total_paid_eur} already paid, at most {max_retained_as_indemnity_eur} may be retained.",
        )
    if q.about(REFLECTION_WORDS) and c.r("in_reflection_period"):
        return Answer(
            True,
            "votre demande du {i_termination_request_date} tombe dans le délai de réflexion de 7 jours (jusqu'au {reflection_last_day}) ; elle est aussi dans la fenêtre de 3 mois (jusqu'au {window_last_day}), avec une indemnité de {max_indemnity_eur} au plus.",
            "your request of {i_termination_request_date} falls within the 7-day reflection period (until {reflection_last_day}); it is also inside the 3-month window (until {window_last_day}), with an indemnity of at most {max_indemnity_eur}.",
        )
    if q.about(REFLECTION_WORDS) and not q.about(WINDOW_WORDS):
        return Answer(
            False,
            "le délai de réflexion a pris fin le {reflection_last_day} ; votre demande du {i_termination_request_date} reste dans la fenêtre de 3 mois (jusqu'au {window_last_day}), avec une indemnité de {max_indemnity_eur} au plus (30 % de {indemnity_base_eur}).",
            "the reflection period ended on {reflection_last_day}; your request of {i_termination_request_date} is still inside the 3-month window (until {window_last_day}), with an indemnity of at most {max_indemnity_eur} (30% of {indemnity_base_eur}).",
        )
    return Answer(
        True,
        "votre demande du {i_termination_request_date} est dans la fenêtre de 3 mois (jusqu'au {window_last_day}) : vous pouvez résilier, avec une indemnité plafonnée à 30 % de {indemnity_base_eur}, soit {max_indemnity_eur} au plus.",
        "your request of {i_termination_request_date} is inside the 3-month window (until {window_last_day}): you can terminate, with an indemnity capped at 30% of {indemnity_base_eur}, i.e. at most {max_indemnity_eur}.",
    )


def _after_window(c: Case) -> Answer:
    if c.question.kind == "amount":
        return Answer(
            False,
            "{total_due_eur} au total ({months_due} mois entamé(s)), sans remboursement : la fenêtre de 3 mois a pris fin le {window_last_day}, votre demande du {i_termination_request_date} est une résiliation ordinaire, avec un accès jusqu'au {access_last_day} inclus.",
            "{total_due_eur} in total ({months_due} started month(s)), with no refund: the 3-month window ended on {window_last_day}, your request of {i_termination_request_date} is an ordinary termination, with access until {access_last_day} inclusive.",
        )
    return Answer(
        False,
        "plus dans la fenêtre de 3 mois, close le {window_last_day} : votre demande du {i_termination_request_date} est une résiliation ordinaire, avec un accès jusqu'au {access_last_day} inclus et {months_due} mois entamé(s) dus ({total_due_eur}), sans remboursement.",
        "no longer within the 3-month window, which closed on {window_last_day}: your request of {i_termination_request_date} is an ordinary termination, with access until {access_last_day} inclusive and {months_due} started month(s) due ({total_due_eur}), with no refund.",
    )


def _subscription(c: Case) -> Answer:
    total_fr = " ({total_due_eur} au total)" if c.r("total_due_eur") is not None else ""
    total_en = " ({total_due_eur} in total)" if c.r("total_due_eur") is not None else ""
    billing_fr = f"pour une résiliation le {{i_cancellation_date}}, votre accès dure jusqu'au {{access_last_day}} inclus ; {{months_due}} mois entamé(s) sont dus{total_fr}, sans remboursement, et aucun prélèvement n'aura lieu le {{next_billing_cancelled}}."
    billing_en = f"for a cancellation on {{i_cancellation_date}}, your access lasts until {{access_last_day}} inclusive; {{months_due}} started month(s) are due{total_en}, with no refund, and no charge will be taken on {{next_billing_cancelled}}."
    q = c.question
    if c.r("within_3_month_window") is not None and q.about(CAP_WORDS):
        return _subscription_window(c)
    if q.kind == "amount" and c.r("total_due_eur") is not None:
        return Answer(
            NO_VERDICT,
            "{total_due_eur} au total : {months_due} mois entamé(s) sont dus, sans remboursement ; pour une résiliation le {i_cancellation_date}, l'accès dure jusqu'au {access_last_day} inclus.",
            "{total_due_eur} in total: {months_due} started month(s) are due, with no refund; for a cancellation on {i_cancellation_date}, access lasts until {access_last_day} inclusive.",
        )
    if q.about(REFUND_WORDS):
        return Answer(False, "aucun remboursement : " + billing_fr, "no refund: " + billing_en)
    return Answer(True, "vous pouvez résilier : " + billing_fr, "you can cancel: " + billing_en)


def _subscription_window(c: Case) -> Answer:
    """Premium Plus asked about the 3-month regime: the window decides, billing follows."""
    if c.r("within_3_month_window"):
        return Answer(
            True,
            "la résiliation du {i_cancellation_date} est dans la fenêtre de 3 mois (jusqu'au {three_month_window_last_day}) : l'indemnité est plafonnée à 30 % du prix de l'Abonnement.",
            "a cancellation on {i_cancellation_date} is inside the 3-month window (until {three_month_window_last_day}): the indemnity is capped at 30% of the subscription price.",
        )
    return Answer(
        False,
        "la fenêtre de 3 mois a pris fin le {three_month_window_last_day} ; une résiliation le {i_cancellation_date} est ordinaire : accès jusqu'au {access_last_day} inclus, {months_due} mois entamé(s) dus, sans remboursement.",
        "the 3-month window ended on {three_month_window_last_day}; a cancellation on {i_cancellation_date} is ordinary: access until {access_last_day} inclusive, {months_due} started month(s) due, with no refund.",
    )


def _solo_withdrawal(c: Case) -> Answer:
    if c.r("access_last_day") is not None:
        fallback_fr = "vous pouvez en revanche résilier : accès jusqu'au {access_last_day} inclus, {months_due} mois entamé(s) dus, sans remboursement."
        fallback_en = "you can still cancel instead: access until {access_last_day} inclusive, {months_due} started month(s) due, with no refund."
    else:
        fallback_fr = "vous pouvez en revanche résilier : l'accès dure jusqu'à la fin de la période mensuelle en cours, et tout mois entamé est dû."
        fallback_en = "you can still cancel instead: access lasts until the end of the current monthly period, and every started month is due."
    if c.r("withdrawal_possible") is False:
        return Answer(
            False,
            "vos codes d'accès ont été utilisés, l'annulation n'est plus possible (CGS 6.1) ; "
            + fallback_fr,
            "your access codes were used, so cancellation is no longer possible (CGS 6.1); "
            + fallback_en,
        )
    return Answer(
        None,
        "les CGS ne le disent pas : elles excluent l'annulation une fois les codes d'accès utilisés, sans fixer de délai de rétractation sinon ; le service Student Success peut vous répondre, et "
        + fallback_fr,
        "the CGS do not say: they exclude cancellation once the access codes have been used, and set no withdrawal period otherwise; the Student Success team can answer you, and "
        + fallback_en,
    )


def _force_majeure(c: Case) -> Answer:
    text_fr = "en cas de force majeure ou de cas fortuit qui vous empêche de suivre l'enseignement, la résiliation se fait sans indemnité ({indemnity_eur}) et sans limite de temps."
    text_en = "when force majeure or a fortuitous event prevents you from following the course, termination carries no indemnity ({indemnity_eur}) and no time limit."
    if c.r("cause_qualifies") is True:
        return Answer(True, text_fr, text_en)
    return Answer(
        None,
        "cela dépend de l'événement : "
        + text_fr
        + " Les documents ne disent pas si votre situation en est un.",
        "it depends on the event: "
        + text_en
        + " The documents do not say whether your situation is one.",
    )


def _late_payment(c: Case) -> Answer:
    late = bool(c.r("late"))
    if c.r("interest_eur") is not None:
        return Answer(
            late,
            "{total_claimable_eur} au total : {principal_eur} dus, {interest_eur} d'intérêts au taux légal ({days_late} jour(s) de retard) et {flat_recovery_fee_eur} de frais forfaitaires de recouvrement.",
            "{total_claimable_eur} in total: {principal_eur} due, {interest_eur} of interest at the legal rate ({days_late} day(s) late) and a {flat_recovery_fee_eur} flat recovery fee.",
        )
    due = "{i_due_dates}" if c.i("due_dates") else "{i_due_date}"
    if c.r("days_late") is None:
        return Answer(
            True,
            f"{{principal_eur}} plus {{flat_recovery_fee_eur}} de frais forfaitaires de recouvrement, soit {{total_excluding_interest_eur}} hors intérêts ; s'y ajoutent des intérêts au taux légal depuis l'échéance ({due}) jusqu'au paiement, selon la formule montant × taux légal × jours de retard / 365.",
            f"{{principal_eur}} plus a {{flat_recovery_fee_eur}} flat recovery fee, i.e. {{total_excluding_interest_eur}} before interest; interest at the legal rate is added from the due date ({due}) until payment, as amount × legal rate × days late / 365.",
        )
    return Answer(
        late,
        "{principal_eur} plus {flat_recovery_fee_eur} de frais forfaitaires de recouvrement, soit {total_excluding_interest_eur} hors intérêts, pour {days_late} jour(s) de retard ; les intérêts au taux légal (montant × taux × jours de retard / 365) ne peuvent pas être chiffrés : les documents ne donnent pas ce taux.",
        "{principal_eur} plus a {flat_recovery_fee_eur} flat recovery fee, i.e. {total_excluding_interest_eur} before interest, for {days_late} day(s) late; interest at the legal rate (amount × rate × days late / 365) cannot be computed: the documents do not give that rate.",
    )


def _cgs_modification(c: Case) -> Answer:
    if not c.r("right_applies"):
        return Answer(
            False,
            "ce changement ne porte ni sur la durée, ni sur les caractéristiques, ni sur le prix des Services : le droit de résilier de l'article 1 ne s'applique pas.",
            "this change concerns neither the duration, the characteristics nor the price of the Services: Article 1's right to terminate does not apply.",
        )
    verdict = still_open(c, "termination_last_day") if c.question.about(STILL_WORDS) else True
    return Answer(
        verdict,
        "jusqu'au {termination_last_day} inclus : vous pouvez résilier dans les 30 jours suivant la notification du {i_notification_date} ; utiliser la Plateforme après cette date vaut acceptation des nouvelles CGS.",
        "until {termination_last_day} inclusive: you can terminate within 30 days of the notification of {i_notification_date}; using the Platform after that date counts as accepting the new CGS.",
    )


BUILDERS: dict[str, Builder] = {
    "premium_plus_reflection_period": _reflection,
    "premium_plus_early_termination": _early_termination,
    "subscription_termination": _subscription,
    "premium_solo_withdrawal": _solo_withdrawal,
    "force_majeure_termination": _force_majeure,
    "late_payment": _late_payment,
    "cgs_modification_termination_deadline": _cgs_modification,
}
