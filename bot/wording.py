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
        "fr": "Je ne peux pas faire cela : je réponds uniquement d'après les CGS et le Règlement intérieur publiés, sans exception ni confirmation de ce qu'ils ne disent pas.",
        "en": "I can't do that: I only answer from the published Terms of Service and Internal Regulations, with no exceptions and no confirmation of what they do not say.",
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
