# (a table of short sentences reads better unbroken)
"""The Slack interface's own words (buttons, headings, notices) in French and English.

The answer itself is the core's, in the learner's language; what surrounds it follows the
same language, so an agent reads one language per message. `ui(key, lang, **values)`."""

from __future__ import annotations

from collections.abc import Mapping

from bot.wording import Lang

UI: Mapping[str, Mapping[Lang, str]] = {
    # buttons
    "post": {"fr": "Publier dans le canal", "en": "Post in channel"},
    "reply_fr": {"fr": "Réponse apprenant (FR)", "en": "Learner reply (FR)"},
    "reply_en": {"fr": "Réponse apprenant (EN)", "en": "Learner reply (EN)"},
    "clause": {"fr": "Clause complète", "en": "Full clause"},
    "calculator": {"fr": "Ouvrir le calculateur", "en": "Open in calculator"},
    "escalate": {"fr": "Escalader", "en": "Escalate"},
    # the answer's parts
    "sources": {"fr": "Sources", "en": "Sources"},
    "official": {"fr": "officiel", "en": "official"},
    "translation": {"fr": "traduction non officielle", "en": "non-official translation"},
    "version": {"fr": "version {version}", "en": "version {version}"},
    "current": {"fr": "en vigueur", "en": "current"},
    "more_sources": {"fr": "+{count} autres", "en": "+{count} more"},
    "rule_applied": {"fr": "Règle appliquée : {rules}", "en": "Rule applied: {rules}"},
    "declined": {
        "fr": ":information_source: *Hors des documents* : rien à citer pour cette question.",
        "en": ":information_source: *Not covered by the documents*: nothing to cite here.",
    },
    "declined_closest": {
        "fr": ":information_source: *Hors des documents* : la source est la règle la plus proche, "
        "pas une réponse.",
        "en": ":information_source: *Not covered by the documents*: the source is the closest "
        "rule, not an answer.",
    },
    "refused": {
        "fr": ":no_entry: *Hors du rôle de l'assistant.*",
        "en": ":no_entry: *Outside the assistant's role.*",
    },
    "escalate_hint": {
        "fr": "*Escalader* transmet la question à l'équipe.",
        "en": "*Escalate* passes the question to the team.",
    },
    "missing": {"fr": "Il manque : {facts}", "en": "Missing: {facts}"},
    "context_one": {
        "fr": ":thread: Lu avec le message précédent du fil (le cas de l'apprenant).",
        "en": ":thread: Read together with the earlier message in this thread (the case).",
    },
    "context_many": {
        "fr": ":thread: Lu avec les {count} messages précédents du fil (le cas de l'apprenant).",
        "en": ":thread: Read together with the {count} earlier messages in this thread (the case).",
    },
    "about_message": {
        "fr": ":speech_balloon: Question posée sur le message de {author}.",
        "en": ":speech_balloon: Asked about a message by {author}.",
    },
    "asked_by": {"fr": "*{user} a demandé :* {question}", "en": "*{user} asked:* {question}"},
    "shared_by": {
        "fr": "Partagé par {user} · réponse de termsbot",
        "en": "Shared by {user} · answered by termsbot",
    },
    "posted": {
        "fr": ":white_check_mark: Publié dans le canal.",
        "en": ":white_check_mark: Posted in the channel.",
    },
    "already_posted": {
        "fr": "Cette réponse est déjà publiée dans le canal.",
        "en": "This answer is already posted in the channel.",
    },
    "feedback": {
        "fr": "Avis enregistré : {rating}. Merci.",
        "en": "Feedback recorded: {rating} — thank you.",
    },
    "files_ignored": {
        "fr": "Je ne lis pas les pièces jointes : seul le texte du message a été lu.",
        "en": "I don't read attachments: only the message's text was read.",
    },
    "files_only": {
        "fr": "Je ne lis pas les pièces jointes. Collez le passage qui vous intéresse dans le "
        "message, ou posez la question.",
        "en": "I don't read attachments. Paste the passage you mean in a message, or ask the "
        "question.",
    },
    # the learner reply
    "learner_reply": {
        "fr": "*Réponse apprenant ({language})* — à copier-coller, en remplaçant [Prénom] :",
        "en": "*Learner reply ({language})* — copy and paste, replacing [First name]:",
    },
    "language_fr": {"fr": "français", "en": "French"},
    "language_en": {"fr": "anglais", "en": "English"},
    # the full clause
    "clause_title": {"fr": "Clause complète", "en": "Full clause"},
    "deciding": {"fr": "Passage déterminant", "en": "Deciding passage"},
    "cited": {"fr": "Passage cité", "en": "Passage cited"},
    "full_text": {
        "fr": "Texte officiel complet — {version}",
        "en": "Full official text — {version}",
    },
    "differs": {
        "fr": ":warning: Cet article diffère entre les versions : texte de la {version}",
        "en": ":warning: This section differs between the versions: text of {version}",
    },
    "same_in": {
        "fr": "Même texte dans la {version} (à la typographie près).",
        "en": "Same text in {version} (typography aside).",
    },
    "absent_in": {"fr": "Absent de la {version}.", "en": "Not in {version}."},
    "no_clause": {"fr": "Aucun article cité.", "en": "No section cited."},
    "close": {"fr": "Fermer", "en": "Close"},
    "cancel": {"fr": "Annuler", "en": "Cancel"},
    # the calculator window
    "calculators": {"fr": "Calculateurs", "en": "Calculators"},
    "compute": {"fr": "Calculer", "en": "Compute"},
    "choose_calculator": {"fr": "Choisir un calculateur", "en": "Choose a calculator"},
    "pick_first": {
        "fr": "Choisissez un calculateur : ses champs apparaissent ici.",
        "en": "Pick a calculator: its inputs appear below.",
    },
    "no_match": {
        "fr": "Aucun calculateur ne correspond à « {words} » : choisissez-le dans la liste.",
        "en": "No calculator matches “{words}”: pick one from the list.",
    },
    "prefilled": {
        "fr": "Prérempli avec ce que la conversation a déjà dit ; complétez le reste.",
        "en": "Filled in with what the conversation already said; complete the rest.",
    },
    "date_part": {"fr": "{label} — date", "en": "{label} — date"},
    "time_part": {"fr": "{label} — heure (Paris)", "en": "{label} — time (Paris)"},
    "yes": {"fr": "Oui", "en": "Yes"},
    "no": {"fr": "Non", "en": "No"},
    "unknown": {"fr": "Je ne sais pas", "en": "Unknown"},
    "ambiguous": {
        "fr": ":warning: Les données laissent un doute : vérifiez la règle.",
        "en": ":warning: The inputs leave this ambiguous: check the rule.",
    },
    "needs_date_and_time": {
        "fr": "il faut la date et l'heure",
        "en": "needs both a date and a time",
    },
    # escalation
    "escalation_title": {"fr": "Escalader", "en": "Escalate"},
    "escalation_send": {"fr": "Envoyer", "en": "Send"},
    "escalation_note": {"fr": "Votre note pour l'équipe", "en": "Your note for the team"},
    "escalation_note_hint": {
        "fr": "Le contexte utile : ce que l'apprenant demande, ce que vous avez déjà vérifié.",
        "en": "Useful context: what the learner asks, what you have already checked.",
    },
    "escalation_where": {
        "fr": "La question, la réponse de termsbot et votre note seront publiées dans {where}.",
        "en": "The question, termsbot's answer and your note will be posted in {where}.",
    },
    "escalation_heading": {"fr": "Escalade termsbot", "en": "termsbot escalation"},
    "escalation_header": {"fr": "Transmis par {user}", "en": "Passed on by {user}"},
    "escalation_question": {"fr": "*Question :* {text}", "en": "*Question:* {text}"},
    "escalation_answer": {
        "fr": "*Réponse de termsbot :* {text}",
        "en": "*termsbot's answer:* {text}",
    },
    "escalation_agent_note": {"fr": "*Note :* {text}", "en": "*Note:* {text}"},
    "escalated": {
        "fr": ":outbox_tray: Transmis à {where}.",
        "en": ":outbox_tray: Sent to {where}.",
    },
    "escalation_failed": {
        "fr": "Je n'ai pas pu publier l'escalade dans {where} ({error}) : invitez-moi dans ce "
        "canal (`/invite @termsbot`) ou vérifiez TERMSBOT_SLACK_ESCALATION_CHANNEL.",
        "en": "I couldn't post the escalation in {where} ({error}): invite me there "
        "(`/invite @termsbot`) or check TERMSBOT_SLACK_ESCALATION_CHANNEL.",
    },
    # notices
    "thinking": {
        "fr": ":hourglass_flowing_sand: Je cherche…",
        "en": ":hourglass_flowing_sand: Looking it up…",
    },
    "too_long": {
        "fr": "Merci de poser la question en moins de 4 000 caractères.",
        "en": "Please keep the question under 4,000 characters.",
    },
    "empty": {
        "fr": "Posez-moi une question sur les CGS ou le Règlement intérieur.",
        "en": "Ask me a question about the CGS or the Internal Regulations.",
    },
    "delivery_failed": {
        "fr": "Je n'ai pas pu publier ma réponse dans {where} ({error}). La voici :",
        "en": "I couldn't post my answer in {where} ({error}). Here it is:",
    },
    "unexpected": {
        "fr": "Un problème de mon côté : l'équipe technique est prévenue. Réessayez.",
        "en": "Something went wrong on my side; the team has been told. Please try again.",
    },
    "not_found": {
        "fr": "Je ne retrouve plus cette réponse (elle a peut-être été purgée). Reposez la "
        "question.",
        "en": "I can't find that answer any more (it may have been purged). Ask again.",
    },
    "index_rebuilding": {
        "fr": "Je ne peux pas répondre pour l'instant : l'index des documents est en "
        "reconstruction. Réessayez dans une minute.",
        "en": "I can't answer right now: the document index is being rebuilt. Try again in "
        "a minute.",
    },
    "store_down": {
        "fr": "Je ne peux pas répondre pour l'instant : la base des conversations est "
        "indisponible.",
        "en": "I can't answer right now: the conversation store is unavailable.",
    },
    "core_error": {
        "fr": "Je ne peux pas répondre pour l'instant ({code}).",
        "en": "I can't answer right now ({code}).",
    },
    "bad_input": {
        "fr": "Cette valeur ne convient pas : {field} : {reason}.",
        "en": "That input cannot be used: {field}: {reason}.",
    },
}


def ui(key: str, lang: Lang, **values: object) -> str:
    text = UI[key][lang]
    return text.format(**values) if values else text
