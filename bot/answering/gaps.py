"""What the documents do not say, found by reading them: the kinds of fact a learner asks for
that no sentence of the CGS or the Regulations states. A question asking for one is declined
precisely ("they do not give the price of a path"), with the closest rule when one helps.

Each gap is recognised by the shape of what is asked (a price, a frequency, a country's
recognition of a title…), never by a list of questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.textnorm import fold
from bot.wording import Lang


@dataclass(frozen=True)
class Gap:
    kind: str
    topic: dict[Lang, str]  # what the documents do not state, as the decline names it
    # The words of what the documents do say nearby, when the question's own words would not
    # find it ("une réduction étudiante ?": the promotional offers of CGS 4).
    near: str = ""

    def named(self, lang: Lang) -> str:
        return self.topic[lang]


_COUNTRIES = (
    r"allemagne|germany|belgique|belgium|suisse|switzerland|canada|quebec|maroc|morocco|algerie|algeria"
    r"|tunisie|tunisia|senegal|espagne|spain|italie|italy|royaume-uni|uk|united kingdom|england|angleterre"
    r"|etats-unis|usa|united states|luxembourg|portugal|cote d'ivoire|cameroun|cameroon|europe|l'ue|the eu"
)

# (kind, pattern on folded text, topic named in the decline)
_GAPS: list[tuple[str, str, dict[Lang, str]]] = [
    (
        "update_date",
        r"\b(derniere )?mise a jour\b.{0,40}\b(cgs|conditions|date|quand)|\bdate\b.{0,40}\bmise a jour\b|\blast (update|updated|modified)\b|\bwhen (were|was) .{0,40}\b(updated|last changed)\b",
        {"fr": "la date de leur dernière mise à jour", "en": "the date of their last update"},
    ),
    (
        "legal_rate",
        r"\b(legal|statutory|interet|interest)\b.{0,20}\b(rate|taux)\b.{0,60}\b(exact|%|percent|pourcentage|combien|how much|current|actuel)|\b(current|actuel|exact)\b.{0,30}\b(legal|interest|interet)\b.{0,20}\b(rate|taux)|\b(taux|rate)\b.{0,40}\b(legal|interet|interest|statutory)\b.{0,60}\b(combien|exact|current|actuel|quel|what|%|percent|pourcentage)|\b(combien|exact|current|actuel|quel|what('s| is))\b.{0,40}\b(taux|rate)\b.{0,20}\b(legal|interet|interest)",
        {"fr": "le montant du taux légal", "en": "what the legal interest rate is"},
    ),
    (
        "path_price",
        r"\bcombien\b.{0,30}\b(coute|coutent|prix|tarif)\b|\bquel (est|sera) (le )?(prix|tarif|cout)\b|\bhow much (is|does|do|are|will|would)\b.{0,40}\b(cost|path|premium|subscription|course|parcours)\b|\bwhat('s| is) the (price|cost) of\b",
        {
            "fr": "le prix d'un parcours ou d'un abonnement",
            "en": "the price of a path or subscription",
        },
    ),
    (
        "discount",
        r"\b(student|etudiant|youth|jeune)s?\b.{0,20}\b(discount|reduction|remise|tarif reduit)|\b(discounts?|reductions?|remises?|codes? promo|promo codes?|coupons?)\b",
        {"fr": "de réduction ou de tarif particulier", "en": "any particular discount"},
    ),
    (
        "other_provider",
        r"\b(udemy|coursera|linkedin learning|edx|datacamp|codecademy|skillshare|openedu|simplon|wild code school|le wagon|o'?clock)\b",
        {
            "fr": "les achats faits auprès d'autres organismes",
            "en": "purchases made from other providers",
        },
    ),
    (
        "financing",
        r"\b(cpf|compte personnel de formation|pole emploi|france travail|opco|transitions? pro|aif|financement|financer|funding|fund my|pay for my training)\b.{0,60}\b(eligible|eligib|prise en charge|cover|finance|pay|payer|comment|how)",
        {
            "fr": "les conditions de prise en charge par un financeur",
            "en": "whether a funder covers the training",
        },
    ),
    (
        "recognition_abroad",
        rf"(?=.*\b(titre|diplome|certificat|certification|rncp|degree|diploma|title|certificate|qualification)s?\b)"
        rf"(?=.*\b(reconnu|reconnue|reconnaissance|valable|valide|equivalen\w*|recogni[sz]\w*|valid|accepted|accredited)\b)"
        rf"(?=.*\b(etranger|abroad|international|autre pays|other countr\w*|{_COUNTRIES})\b)",
        {
            "fr": "la reconnaissance des titres ou diplômes à l'étranger",
            "en": "whether a title or diploma is recognised in another country",
        },
    ),
    (
        "host_company_search",
        r"\b((openclassrooms|oc|l'ecole|vous|you|the school|they|on) (me |m')?(trouve|trouvez|trouvera|find|finds|will find|help|helps|aide|aidez|aidera)|(aide|aider|help|helping|assistance) (a|pour|to|me|in)? ?(trouver|find|finding|search))\b.{0,40}\b(entreprise|employeur|alternance|host company|employer|apprenticeship|company|stage|internship|job|emploi|poste)",
        {
            "fr": "si l'école vous trouve une entreprise d'accueil ou un emploi",
            "en": "whether the school finds you a host company or a job",
        },
    ),
    (
        "partners",
        r"\b(liste|list|which|quels?|quelles?|lesquels|names? of)\b.{0,30}\b(partenaires|partners|entreprises partenaires|partner companies|universites partenaires)\b",
        {"fr": "la liste des partenaires", "en": "a list of partners"},
    ),
    (
        "session_count",
        r"\b(combien de|how many)( (?!unauthori|unexcused|missed|skipped)\w+)? (seances|sessions|rendez-vous|meetings|heures de mentorat|hours of mentoring)\b(?!.{0,40}\b(manqu|rat|absen|miss|skip|annul|cancel|reprogramm|reschedul|d.affil|in a row|de suite|consecuti|sanction|autoris|justifi))",
        {"fr": "le nombre de séances de mentorat", "en": "the number of mentoring sessions"},
    ),
    (
        "frequency",
        r"\b(a quelle|quelle) frequence\b|\bhow often\b|\btous les combien\b|\bhow frequently\b"
        r"|\b(une|1|deux|2) (seances? |sessions? |fois )?par (semaine|mois)\s*\?|\b(once|twice) a (week|month)\s*\?",
        {"fr": "cette fréquence", "en": "how often this happens"},
    ),
]
_COMPILED = [(kind, re.compile(pattern), topic) for kind, pattern, topic in _GAPS]


_NEAR = {
    "discount": "offres promotionnelles, réductions de prix ou offres de parrainage "
    "promotional offers, price reductions or referral offers",
}


def detect_gap(message: str) -> Gap | None:
    text = fold(message)
    for kind, pattern, topic in _COMPILED:
        if pattern.search(text):
            return Gap(kind, topic, _NEAR.get(kind, ""))
    return None
