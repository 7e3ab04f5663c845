"""Every fixed sentence the assistant says, in French and English, in one place."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

DOC_NAMES: dict[str, dict[Lang, str]] = {
    "cgs": {"fr": "les CGS (Conditions générales de services)", "en": "the Terms of Service (CGS)"},
    "regulations": {
        "fr": "le Règlement intérieur",
        "en": "the Internal Regulations",
    },
}

SHORT_DOC: dict[str, dict[Lang, str]] = {
    "cgs": {"fr": "CGS", "en": "Terms of Service"},
    "regulations": {"fr": "Règlement intérieur", "en": "Internal Regulations"},
}

TEXTS: dict[str, dict[Lang, str]] = {
    "according_to": {
        "fr": "D'après {doc}, {section} (« {title} ») :",
        "en": "According to {doc}, {section} (“{title}”):",
    },
    "also": {
        "fr": "À lire aussi — {doc}, {section} (« {title} ») :",
        "en": "See also {doc}, {section} (“{title}”):",
    },
    "translation_note": {
        "fr": "(traduction non officielle ; seul le texte anglais fait foi)",
        "en": "(non-official translation; only the French text is binding)",
    },
    "non_official": {
        "fr": "traduction non officielle",
        "en": "non-official translation",
    },
    "yes": {"fr": "Oui :", "en": "Yes:"},
    "no": {"fr": "Non :", "en": "No:"},
    "premise_no": {
        "fr": "Non, ce n'est pas ce que prévoient les textes :",
        "en": "No, that is not what the documents provide:",
    },
    "see_also": {"fr": "Voir aussi :", "en": "See also:"},
    "figure_item": {"fr": "Élément", "en": "Item"},
    "figure_value": {"fr": "Valeur", "en": "Value"},
    "official_text": {
        "fr": "Texte officiel ({doc} {section}) :",
        "en": "Official text ({doc} {section}):",
    },
    "declined": {
        "fr": "Les CGS et le Règlement intérieur ne précisent pas cela : cette question n'est pas couverte par ces documents.",
        "en": "The Terms of Service and the Internal Regulations do not specify this: the question is not covered by these documents.",
    },
    "declined_topic": {
        "fr": "Les CGS et le Règlement intérieur ne précisent pas {topic}.",
        "en": "The Terms of Service and the Internal Regulations do not specify {topic}.",
    },
    "declined_closest": {
        "fr": "Ce qu'ils prévoient de plus proche : {rule}",
        "en": "The closest rule they state: {rule}",
    },
    "declined_nearby": {
        "fr": "Ce qu'ils disent de plus proche ({doc}, {section}, « {title} ») :",
        "en": "The closest they come ({doc}, {section}, “{title}”):",
    },
    "plan_assumed_plus": {
        "fr": "Ce calcul suppose un abonnement Premium Plus (article 6.2 des CGS). En Premium Solo, "
        "c'est l'article 6.1 qui s'applique : aucune annulation n'est possible dès que vous avez "
        "utilisé vos codes d'accès à la Plateforme.",
        "en": "This assumes a Premium Plus subscription (CGS 6.2). With Premium Solo, CGS 6.1 "
        "applies instead: no cancellation is possible once you have used your access codes to "
        "reach the Platform.",
    },
    "handover": {
        "fr": "Pour une réponse personnalisée, contactez le service Student Success : {contact}.",
        "en": "For a personal answer, please contact Student Success: {contact}.",
    },
    "refused": {
        "fr": "Je ne peux ni confirmer ni changer une règle : je réponds d'après les CGS et le Règlement intérieur publiés (confirmation écrite : Student Success).",
        "en": "I can't confirm or change a rule: I answer from the published Terms of Service and Internal Regulations (written confirmation: Student Success).",
    },
    "refused_prompt": {
        "fr": "Je ne peux pas partager mes instructions internes. Je peux en revanche répondre à vos questions sur les CGS et le Règlement intérieur, avec les articles cités.",
        "en": "I can't share my internal instructions. I can answer your questions about the Terms of Service and the Internal Regulations, citing the articles.",
    },
    "refused_rule": {
        "fr": "Ce que prévoient les textes :",
        "en": "What the documents say:",
    },
    "refused_written": {
        "fr": "Pour une confirmation écrite ou une demande particulière, contactez Student Success : {contact}.",
        "en": "For a written confirmation or a special request, contact Student Success: {contact}.",
    },
    "false_premise": {
        "fr": "Attention : ce n'est pas ce que disent les textes.",
        "en": "Careful: that is not what the documents say.",
    },
    "versions_differ": {
        "fr": "Les deux versions des CGS diffèrent sur ce point ({section}) :",
        "en": "The two versions of the CGS differ here ({section}):",
    },
    "version_label": {"fr": "Version {version}", "en": "Version {version}"},
    "current_version": {"fr": " (version en vigueur)", "en": " (current version)"},
    # -- versions (bot/versions.py) --
    "version_overview_one": {
        "fr": "Entre les versions {old} et {new} {of_doc}, un passage change sur le fond : {changes}.",
        "en": "Between versions {old} and {new} {of_doc}, one passage changes in substance: {changes}.",
    },
    "version_overview_many": {
        "fr": "Entre les versions {old} et {new} {of_doc}, {count} passages changent sur le fond : {changes}.",
        "en": "Between versions {old} and {new} {of_doc}, {count} passages change in substance: {changes}.",
    },
    "version_overview_rest": {
        "fr": "Le reste ne diffère que par la typographie ({kinds}).",
        "en": "Everything else differs only in typography ({kinds}).",
    },
    "version_overview_none": {
        "fr": "Les versions {old} et {new} {of_doc} disent la même chose : leur texte ne diffère que par la typographie ({kinds}).",
        "en": "Versions {old} and {new} {of_doc} say the same thing: their text differs only in typography ({kinds}).",
    },
    "version_identical": {
        "fr": "Les versions {old} et {new} {of_doc} ont exactement le même texte.",
        "en": "Versions {old} and {new} {of_doc} have exactly the same text.",
    },
    "version_same_section": {
        "fr": "{label} dit la même chose dans les versions {old} et {new} {of_doc} : seule la typographie diffère, le cas échéant.",
        "en": "{label} says the same thing in versions {old} and {new} {of_doc}: at most the typography differs.",
    },
    "version_in_force_undated": {
        "fr": "La version en vigueur {of_doc} est la version {version}, la version courante. Les documents ne donnent aucune date d'entrée en vigueur pour leurs versions et aucune n'est renseignée : on ne peut pas dire depuis quand elle s'applique.",
        "en": "The version {of_doc} in force is version {version}, the current one. The documents give no effective date for their versions and none has been recorded: when it took effect cannot be said.",
    },
    "version_in_force_undated_day": {
        "fr": "On ne peut pas dire non plus quelle version s'appliquait le {day}.",
        "en": "Nor can it be said which version applied on {day}.",
    },
    "version_in_force_dated": {
        "fr": "Le {day}, la version en vigueur {of_doc} est la version {version}, applicable depuis le {since}.",
        "en": "On {day}, the version {of_doc} in force is version {version}, applicable since {since}.",
    },
    "version_replaced_on": {
        "fr": "La version {version} la remplace le {day}.",
        "en": "Version {version} replaces it on {day}.",
    },
    "version_in_force_before": {
        "fr": "Aucune version {of_doc} n'est datée du {day} ou d'avant ; la version courante est la version {version}.",
        "en": "No version {of_doc} is dated on or before {day}; the current version is version {version}.",
    },
    "version_date_known": {
        "fr": "Version {version} : en vigueur à partir du {day}.",
        "en": "Version {version}: in force from {day}.",
    },
    "version_date_unknown": {
        "fr": "Version {version} : aucune date d'entrée en vigueur connue.",
        "en": "Version {version}: no known effective date.",
    },
    "version_dates_unknown": {
        "fr": "Les documents ne donnent pas de date d'entrée en vigueur pour les versions {versions} ; la version en vigueur est la version {current}, la version courante.",
        "en": "The documents give no effective date for versions {versions}; the version in force is version {current}, the current one.",
    },
    "version_then_undated": {
        "fr": "Les documents ne donnent pas de date d'entrée en vigueur pour leurs versions : on ne peut pas dire laquelle s'appliquait le {day}. Cette réponse cite la version en vigueur aujourd'hui, la version {version}.",
        "en": "The documents give no effective date for their versions: which one applied on {day} cannot be said. This answer quotes the version in force today, version {version}.",
    },
    "version_then_dated": {
        "fr": "Le {day}, la version en vigueur {of_doc} était la version {version} : cette réponse la cite.",
        "en": "On {day}, the version {of_doc} in force was version {version}: this answer quotes it.",
    },
    "version_changed_here": {
        "fr": "{label} a changé entre les versions {old} et {new} : {change}.",
        "en": "{label} changed between versions {old} and {new}: {change}.",
    },
    "version_wording": {"fr": "{label} : « {text} »", "en": "{label}: “{text}”"},
    "escalation_reason_declined": {
        "fr": "Les documents ne couvrent pas cette question.",
        "en": "The documents do not cover this question.",
    },
    "escalation_reason_refused": {
        "fr": "Demande hors du rôle de l'assistant.",
        "en": "Request outside the assistant's role.",
    },
}


def say(key: str, language: Lang, **values: str) -> str:
    return TEXTS[key][language].format(**values)
