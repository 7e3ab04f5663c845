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
    # Whether a rule of the documents can be near at all: the language of the courses or
    # job outcomes have none, and the nearest words would quote an unrelated rule.
    closest: bool = True

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
        # what the Regulations do say of funded learners (a pause, a change of path, early
        # certification, abandoning, absences) is not a question about being funded
        r"^(?!.*\b(chang\w*|switch\w*|pause\w*|break|interromp\w*|suspend\w*|en avance|early"
        r"|prorat\w*|abandon\w*|absen\w*|arret\w*|sick)\b)"
        r".*\b(cpf|compte personnel de formation|pole emploi|france travail|opco|transitions? pro|aif|financement|financer|funding|fund my|pay for my training)\b.{0,60}\b(eligible|eligib|prise en charge|cover|finance|pay|payer|comment|how)",
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
        # The CGS name the iOS app's supported versions (article 5) and nothing else.
        "other_platform",
        r"\b(android|windows phone|huawei|harmonyos|chromebook|chrome ?os|linux|macos|mac os|smart ?tv|apple watch|kindle)\b",
        {
            "fr": "la compatibilité avec cet appareil ou ce système",
            "en": "support for that device or system",
        },
    ),
    (
        "instalments",
        r"\b(en|in) (2|3|4|5|6|10|deux|trois|quatre|cinq|dix|plusieurs)( ou (\d+|deux|trois|quatre|cinq))? (fois|versements|mensualites|echeances|instal+ments?|payments)\b"
        r"|\b(paiement|payer|regler) (en plusieurs fois|fractionne|echelonne)|\bechelonn|\bfractionn"
        r"|\binstal+ments?\b|\bpayment plan\b|\bsplit (the|my) (payment|price|cost)|\bpay in (several|multiple)",
        {
            "fr": "de paiement en plusieurs fois",
            "en": "any payment in instalments",
        },
    ),
    (
        "teaching_language",
        r"\b(mentorat|mentor|cours|formation|seances?|sessions?|soutenances?|training|courses?|lessons?|mentoring|classes?)\b.{0,40}"
        r"\b(en|in) (espagnol|spanish|arabe|arabic|allemand|german|italien|italian|portugais|portuguese|chinois|chinese|russe|russian|neerlandais|dutch|turc|turkish)\b"
        r"|\b(espagnol|spanish|arabe|arabic|allemand|german|italien|italian|portugais|portuguese|chinois|chinese)\b.{0,30}\b(mentor|mentorat|cours|courses?|training|formation|sessions?|seances?)\b",
        {
            "fr": "la langue dans laquelle les cours ou le mentorat sont donnés",
            "en": "which languages the courses or mentoring are given in",
        },
    ),
    (
        "retention_period",
        r"(?=.*\b(combien de temps|pendant combien|how long|duree de conservation|retention|jusqu'a quand|until when)\b)"
        r"(?=.*\b(gard\w*|conserv\w*|keep|kept|stor\w*|retain\w*|archiv\w*|delet\w*|supprim\w*|efface\w*)\b)"
        r"(?=.*\b(enregistrements?|recordings?|recorded|videos?|donnees|data|fichiers|files|projets?|projects?|messages?|compte|account|historique|history)\b)",
        {
            "fr": "combien de temps ces données ou enregistrements sont conservés",
            "en": "how long this data or these recordings are kept",
        },
    ),
    (
        "outcomes",
        r"\b(garanti\w*|guarantee\w*)\b.{0,40}\b(emploi|job|travail|embauche|hired|employment|poste|salaire|salary)\b"
        r"|\b(emploi|job|travail|embauche|employment|poste)s?\b.{0,20}\b(garanti\w*|guarantee\w*)\b"
        r"|\btaux (de reussite|d'insertion|d'emploi|de placement|de retour a l'emploi)\b|\b(success|pass|placement|employment|hiring) rates?\b"
        r"|\b(salaire|salary|salaries|remuneration)\b.{0,40}\b(apres|after|sortie|graduat|diplome|obtenir|expect|attendre)",
        {
            "fr": "les débouchés, taux de réussite ou garanties d'emploi",
            "en": "job outcomes, success rates or job guarantees",
        },
    ),
    (
        # The CGS say videos stream (Définitions); nothing on keeping them offline.
        "offline_content",
        r"(?=.*\b(telecharg\w*|download\w*|hors[- ]ligne|offline|sans connexion|without (an )?internet)\b)"
        r"(?=.*\b(videos?|cours|courses?|contenus?|content|lessons?|lecons?|chapitres?|chapters?)\b)",
        {
            "fr": "si les cours ou vidéos peuvent être téléchargés ou consultés hors ligne",
            "en": "whether courses or videos can be downloaded or used offline",
        },
    ),
    (
        "free_trial",
        r"\b(free trial|trial (period|version|month|week)|essai gratuit|periode d'essai|version d'essai"
        r"|mois d'essai|semaine d'essai|try (it )?(for )?free|tester gratuitement|gratuitement pendant)\b",
        {"fr": "d'essai gratuit", "en": "any free trial"},
    ),
    (
        "change_mentor",
        r"\b(changer|change|changing|switch|switching|remplacer|replace)\b( \w+){0,3} (de |of |my |mon |ma )?mentors?\b"
        r"|\b(autre|another|new|nouveau|different) mentor\b"
        r"|(?=.*\bmentor\b)(?=.*\b(en demander un autre|en avoir un autre|en changer|another one"
        r"|a different one|a new one|un nouveau)\b)",
        {
            "fr": "la possibilité de changer de mentor",
            "en": "whether you can change mentor",
        },
    ),
    (
        "session_length",
        r"\bhow long (does|do|is|are|will|would) (a |an |each |the |my |one )?(mentoring |mentorat |coaching )?"
        r"(sessions?|meetings?|defen[cs]es?|soutenances?|seances?) (last|take|be)\b"
        r"|\b(combien de temps|quelle (est la )?duree)( dure| durent| d'une| de la| des| de chaque)? ?(une |la |les |chaque )?"
        r"(seances?|sessions?|soutenances?|rendez-vous)( de mentorat)?\b(?! (avant|before))",
        {
            "fr": "la durée d'une séance de mentorat ou d'une soutenance",
            "en": "how long a mentoring session or defence lasts",
        },
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
    "other_platform": "application iOS versions prises en charge iOS app supported versions",
    "instalments": "moyens de paiement carte bancaire Paypal means of payment",
    "retention_period": "séances de mentorat filmées et enregistrées sessions filmed and recorded",
    "offline_content": "Cours sous forme vidéo visionnés en streaming video courses streaming",
}


_NOTHING_NEAR = frozenset(
    {"teaching_language", "outcomes", "free_trial", "change_mentor", "session_length"}
)


def detect_gap(message: str) -> Gap | None:
    text = fold(message)
    for kind, pattern, topic in _COMPILED:
        if pattern.search(text):
            return Gap(kind, topic, _NEAR.get(kind, ""), kind not in _NOTHING_NEAR)
    return None
