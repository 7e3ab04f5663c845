"""Cue words, French and English, matched on folded text (lower case, no accents).

Each names an event the documents attach a deadline to: accepting the CGS (CGS 6.2),
subscribing (2.1.d, 2.2.g), cancelling, a payment falling due (3.2), a session and the
notice given to the mentor (Regs 3.1.1), and so on. They point a date at an input
(`bot.calcchat._assign`) and help recognise which calculator a message calls for.
"""

from __future__ import annotations

import re


def cue(pattern: str) -> re.Pattern[str]:
    """A folded-text pattern; a leading word boundary is implied."""
    return re.compile(rf"(?<![\w-])(?:{pattern})")


# Accepting the CGS (the box ticked) opens the 6.2 periods; subscribing starts the billing.
ACCEPT = cue(r"accept\w*|coch\w*|tick\w*|valid\w* (?:les|the) (?:cgs|cgu|conditions|terms)")
SUBSCRIBE = cue(
    # Verbs only: "my subscription on 15 May" is no subscribing ("abonnement" neither).
    r"inscri\w*|souscri\w*|signed|sign\w* up|(?:m'|s'|t')?abonne(?:e|s|es|r|z)?(?!\w)"
    r"|subscrib\w*|enrol\w*|command\w*"
    r"|achet\w*|bought|purchas\w*|joined|rejoint|commenc\w*|debut\w*|start\w*|began|begun"
    r"|since|depuis|a partir d|pris (?:l'|un |une |mon |ma |le |la )?(?:abonnement|premium|solo"
    r"|plus|offre|formule|parcours)|took (?:out )?(?:the |a |my )?(?:subscription|premium|plan)"
)
CANCEL = cue(
    r"resili\w*|arret\w*|annul\w*|stop\w*|cancel\w*|quit\w*|terminat\w*|unsubscri\w*"
    r"|desabonn\w*|desinscri\w*|mettre fin|mis fin|end (?:my|the)|retract\w*|withdr\w*"
    r"|changer d'avis|change (?:my|your) mind|demand\w*|request\w*|leav\w*"
    r"|(?:want|wants|wanted|get|gets|opt|opts|opted) out|sortir"
)
# "I want to stop", "je veux arrêter", "puis-je résilier": the learner speaks of now.
WANTS_NOW = cue(
    r"(?:je |j')?(?:veux|voudrais|souhaite|souhaiterais|aimerais|compte|vais|pense|envisage)"
    r"|puis-je|peux-je|je peux|est-ce que je peux|ai-je le droit|(?:want|wish|would like|plan"
    r"|intend|am going|need|decided) to|i'd like to|can i|could i|may i|should i"
    r"|encore|toujours|still|trop tard|too late|maintenant|now|aujourd'hui|today"
)
STILL = cue(
    r"encore|toujours|still|trop tard|too late|plus tard|dans les temps|in time|not too late"
    r"|maintenant|right now|(?:suis|am) (?:je|i)? ?(?:dans|within|in)"
)
DUE = cue(
    r"du le|due|echeance|exigible|devai\w*|should have|supposed to|a payer|to be paid"
    r"|payable|prelev\w*|factur\w*|invoice\w*|deadline|date limite|expected|mensualit\w*"
    r"|instal\w*|installment\w*"
)
PAID = cue(
    r"(?<!pas )(?<!jamais )(?<!encore )(?<!yet )(?<!not )(?<!never )(?<!toujours pas )"
    r"(?:paye\w*|paie\w*|paid|regle\w*|settled|vire\w*|transferr?ed|payment (?:on|was made))"
)
UNPAID = cue(
    r"impaye\w*|unpaid|(?:pas|jamais|toujours pas|rien) (?:encore )?(?:ete )?(?:paye|regle)"
    r"|not (?:yet )?(?:been )?paid|haven't (?:yet )?paid|have not (?:yet )?paid|still (?:not|un)"
    r"|outstanding|pas encore|not yet|toujours pas"
)
SESSION = cue(
    r"seances?|sessions?|mentorat|mentoring|rendez-vous|rdv|appointment|soutenance"
    r"|presentation|evaluation|meeting|call|visio|creneau|slot"
)
NOTIFY = cue(
    r"prevenu\w*|prevenir|previen\w*|inform\w*|averti\w*|signal\w*|ecrit|envoye|told|tell"
    r"|notif\w*|warn\w*|let (?:him|her|them|my mentor) know|messag\w*|e-?mail\w*|mail\w*"
    r"|texted|wrote|contact\w*|appel\w*|called|let\w* (?:him|her|them|my mentor) know"
)
LAST_ACTIVITY = cue(
    r"derniere? (?:activite|connexion|fois|action)|last (?:activity|login|log-in|logged|connect\w*"
    r"|time|active)|depuis|since|inacti\w*|rien fait|no activity|pas (?:de|d')activite"
)
EVENT_48H = cue(
    r"romp\w*|rupture|licenci\w*|fin de (?:mon |ma )?contrat|termin\w*|ended|ends|ending"
    r"|dismiss\w*|fired|resign\w*|demission\w*|notifi\w*|fraud\w*|pirat\w*|hack\w*|compromi\w*"
    r"|vole\b|volee?s?\b|vol de"
    r"|stolen|arret\w*|sick|malad\w*|accident\w*|happened|arrive|survenu\w*|produit|occurr?\w*"
    r"|depuis|since"
)
JURY = cue(r"jury|refus\w*|rejet\w*|recal\w*|ajourn\w*|rejected|denied|failed|not award\w*")
TRAINING_START = cue(
    r"commenc\w*|debut\w*|start\w*|began|begun|entr\w* en formation|premier jour|first day"
    r"|inscri\w*|enrol\w*|depuis|since|rentree"
)
COUNCIL = cue(r"conseil|council|commission|hearing|comite|committee|board|passe devant")
INTERVIEW = cue(r"entretien|interview")
GRIEVANCE = cue(
    r"grief\w*|grievance\w*|reproche\w*|charges|accusation\w*|recu\w*|received|communiqu\w*"
)
DECISION = cue(r"decision|envoy\w*|sent|lettre|letter|notifi\w*|recu\w*|received")
EXCLUSION = cue(r"exclu\w*|suspen\w*|sanction\w*|renvoy\w*|expel\w*|banned|mise? a pied")
PLANNED_END = cue(r"jusqu\w*|until|till|retour|back|reprise|resum\w*|fin (?:le|de)|ends?")
SLOT = cue(
    r"seances?|sessions?|mentorat|mentoring|creneau|slot|rendez-vous|rdv|appointment|prevu\w*"
    r"|planned|scheduled|propos\w*|booked|reserv\w*|fix\w*|cale\w*"
)
CGS_NOTICE = cue(r"notifi\w*|inform\w*|recu\w*|received|mail\w*|annonc\w*|announc\w*|told|prevenu")
EFFECTIVE = cue(
    r"en vigueur|effective|applicab\w*|s'appliqu\w*|take effect|takes effect|apply from"
)
# The learner asks about their own case: until when, how much, is it too late.
OWN_CASE = cue(
    r"jusqu'a quand|until when|by when|d'ici quand|combien de (?:temps|jours) (?:il me reste"
    r"|me reste)|how (?:much time|many days) (?:do i have )?left|how much (?:do|will|would"
    r"|should|must) i"
    r"|how much (?:is|will be) (?:refunded|due|owed)|combien (?:vais-je|je vais|dois-je|je dois"
    r"|devrai|me reste|il me reste|vais je|dois je|ca va me couter|me coute)|trop tard|too late"
    r"|(?:puis-je|je peux|peux-je|est-ce que je peux|ai-je|suis-je) (?:encore|toujours)"
    r"|(?:can|could) i still|am i still|is it still|still (?:able|allowed|possible|within|in time)"
    r"|what (?:do|will|would|must|should) i (?:have to )?(?:owe|pay)|what do we owe|what i owe"
    r"|ce que je dois|ce que je vais devoir|is my|are my|was my|will my|est-ce que (?:mon|ma|mes)"
    r"|qu'est-ce que je (?:dois|vais devoir|risque)|que (?:dois-je|vais-je devoir) payer"
    r"|what (?:can|could|may) (?:we|they|openclassrooms|oc) (?:retain|keep|charge|claim)"
    r"|what (?:we|they|openclassrooms|oc) (?:can|could|may) (?:retain|keep|charge|claim)"
    r"|que (?:pouvons-nous|peut-on|peuvent-ils|peut openclassrooms) (?:retenir|garder|facturer)"
    r"|ce que (?:nous pouvons|l'on peut|on peut|ils peuvent|openclassrooms peut) (?:retenir"
    r"|garder|facturer)"
    r"|encore (?:le droit|dans les temps|possible)|quelle sanction (?:vais-je|je risque|risque-je"
    r"|puis-je)|what sanction (?:will|would|could|might) i|est-ce que je risque|do i risk"
)
# The learner (or an agent, of a learner) states an intention about their own case: "je
# voudrais me rétracter", "I want to cancel", "a learner wants to terminate".
OWN_INTENT = cue(
    r"(?:je |j')(?:veux|voudrais|souhaite|souhaiterais|compte|vais|pense|envisage|aimerais|dois)"
    r"(?! (?:savoir|connaitre|comprendre|en savoir|avoir des informations))"
    r"|i (?:want|would like|wish|plan|intend|need|have decided|decided) to (?!know|understand"
    r"|learn|find out)|i'd like to (?!know|understand|learn)"
    r"|(?:a|the|my|our|this) (?:learner|student|apprenant|user) (?:wants|would like|asks"
    r"|is asking|plans|intends|requests|has asked|asked)"
    r"|l'apprenant\w* (?:veut|voudrait|souhaite|demande|a demande)|un apprenant (?:veut"
    r"|voudrait|souhaite|demande)"
    # what happened to the learner: "I've been given a temporary exclusion", "j'ai été exclu"
    r"|(?:i've been|i have been|i was|i got|i've got|i received|i have received|j'ai ete"
    r"|je suis|je viens d'etre|j'ai recu|j'ai eu) (?:\w+ ){0,2}(?:given|excluded|suspended"
    r"|sanctioned|summoned|convened|refused|exclu\w*|suspendu\w*|sanctionn\w*|convoqu\w*"
    r"|refus\w*|an? (?:temporary|permanent) exclusion|une exclusion)"
)
# The learner corrects a fact they gave: "en fait c'était le 5", "sorry, it was the 10th".
CORRECTING = cue(
    r"en fait|plutot|pardon|desole|erreur|je me suis trompe|je voulais dire|c'etait|correction"
    r"|actually|sorry|my mistake|i meant|it was|mistake|rather|not the"
)
# "Quand dois-je prévenir ?", "how long do I have?": the learner's own deadline, unless
# the situation is a hypothesis ("si mon contrat est rompu"), which the documents answer.
OWN_WHEN = cue(
    r"quand (?:dois-je|vais-je|pourrai-je|recevrai-je|serai-je|puis-je)|when (?:do|must|should"
    r"|can|will) i\b|how long do i have|combien de temps ai-je|avant quand|by when"
)
HYPOTHESIS = cue(r"si|s'il|if|en cas d\w*|in case|au cas ou|suppose\w*|imagine|hypothet\w*")
