"""What the bot does, said once: the App Home tab and the help message (`/terms help`,
"help" in a DM), in the agent's language, with examples to copy."""

from __future__ import annotations

from typing import Any

from bot.slack.blocks import Block, context, divider, header, sections
from bot.wording import Lang

HELP_WORDS = frozenset(["help", "aide", "?", "/help", "menu"])

_INTRO: dict[Lang, str] = {
    "fr": "*termsbot* répond aux questions sur les CGS et le Règlement intérieur en citant "
    "les articles. La réponse tient en une ligne ; la clause est derrière *Clause complète*.",
    "en": "*termsbot* answers questions about the CGS (Terms of Service) and the Internal "
    "Regulations, citing the sections. The answer fits on one line; the clause is behind "
    "*Full clause*.",
}
_USES: dict[Lang, list[str]] = {
    "fr": [
        "`/terms <question>` — une réponse que vous seul voyez, avec ses sources et les boutons "
        "*Publier dans le canal*, *Réponse apprenant*, *Clause complète*, *Escalader*",
        "`/terms calc <mots>` — un calculateur (délais, remboursements, préavis) : "
        "`/terms calc résiliation`",
        "`@termsbot …` dans un fil — répond dans le fil en lisant les messages au-dessus "
        "(le cas de l'apprenant)",
        "Raccourci de message *Demander à termsbot* — la question posée sur ce message",
        "Un message direct — chaque message reçoit une réponse ; « aide » affiche ceci",
    ],
    "en": [
        "`/terms <question>` — an answer only you see, with its sources and the buttons "
        "*Post in channel*, *Learner reply*, *Full clause*, *Escalate*",
        "`/terms calc <words>` — a calculator (deadlines, refunds, notices): "
        "`/terms calc termination`",
        "`@termsbot …` in a thread — answers in the thread, reading the messages above "
        "(the learner's case)",
        "Message shortcut *Ask termsbot about this message* — the question asked about it",
        "A direct message — every message is answered; “help” shows this",
    ],
}
_EXAMPLES: dict[Lang, list[str]] = {
    "fr": [
        "/terms J'ai combien de temps pour changer d'avis en Premium Plus ?",
        "/terms Un apprenant a accepté les CGS le 3 mars, jusqu'à quand peut-il résilier ?",
        "/terms Combien de minutes de retard avant une absence non autorisée ?",
    ],
    "en": [
        "/terms How long is the reflection period for Premium Plus?",
        "/terms A learner accepted the CGS on 3 March: until when can they cancel?",
        "/terms How many minutes late before it counts as an unauthorized absence?",
    ],
}
_TITLES: dict[str, dict[Lang, str]] = {
    "home": {"fr": "termsbot pour le support", "en": "termsbot for support agents"},
    "uses": {"fr": "Ce que vous pouvez faire", "en": "What you can do"},
    "examples": {"fr": "Exemples", "en": "Examples"},
    "quiet": {
        "fr": "Dans un fil, termsbot ne répond que si on le mentionne.",
        "en": "In a thread, termsbot answers only when mentioned.",
    },
}


def help_blocks(lang: Lang) -> list[Block]:
    uses = "\n".join(f"• {line}" for line in _USES[lang])
    examples = "\n".join(f"`{line}`" for line in _EXAMPLES[lang])
    return [
        *sections(f"{_INTRO[lang]}\n\n{uses}"),
        context(examples),
        context(_TITLES["quiet"][lang]),
    ]


def help_message(lang: Lang) -> dict[str, Any]:
    return {"text": "termsbot: /terms <question> · /terms calc", "blocks": help_blocks(lang)}


def home_view(lang: Lang) -> Block:
    blocks: list[Block] = [
        header(_TITLES["home"][lang]),
        *sections(_INTRO[lang]),
        divider(),
        header(_TITLES["uses"][lang]),
        *sections("\n".join(f"• {line}" for line in _USES[lang])),
        header(_TITLES["examples"][lang]),
        *sections("\n".join(f"`{line}`" for line in _EXAMPLES[lang])),
        context(_TITLES["quiet"][lang]),
    ]
    return {"type": "home", "blocks": blocks}
