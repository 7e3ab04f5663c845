"""The parts of an answer that need no index: what a question asks, what the documents do
not say, the fact bank's grounding, verbatim passages, and how `termsbot eval` reads a lead."""

from __future__ import annotations

import pytest

from bot.answering.gaps import detect_gap
from bot.answering.kinds import read_ask, split_parts
from bot.compose import claimed_quantities
from bot.evaluation import lead_of, plain, states
from bot.facts import check, load_facts, loose, unsupported_numbers
from bot.sentences import section_units, verbatim_span
from ingest.answers import Fact
from ingest.corpus import Corpus
from tests.conftest import CORPUS_DIR


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Combien de temps j'ai pour me rétracter ?", "duration"),
        ("How long before the council do I get the grievances?", "duration"),
        ("Quel est le montant des frais de recouvrement ?", "amount"),
        ("How much can they keep if I quit?", "amount"),
        ("Comment je résilie mon abonnement Solo ?", "procedure"),
        ("How do I cancel my subscription?", "procedure"),
        ("À qui je dois envoyer mon arrêt de travail ?", "contact"),
        ("Who should I tell when I can't attend?", "contact"),
        ("Où je trouve mes factures ?", "place"),
        ("C'est quoi un mentor ?", "definition"),
        ("What does Path mean?", "definition"),
        ("Qu'est-ce que je risque si je rate deux séances ?", "consequence"),
        ("What happens if I don't pay on time?", "consequence"),
    ],
)
def test_the_kind_of_answer_a_question_wants(question: str, kind: str) -> None:
    assert kind in read_ask(question).kinds


@pytest.mark.parametrize(
    ("question", "modality"),
    [
        ("Je peux annuler après avoir utilisé mes codes ?", "can"),
        ("Can I appeal the decision?", "can"),
        ("Est-ce que je dois prévenir mon mentor ?", "must"),
        ("Do I have to have civil liability insurance?", "must"),
        ("Do I need some kind of insurance to enroll?", "must"),
        ("J'ai besoin d'une assurance pour m'inscrire ?", "must"),
        ("Les séances sont enregistrées ?", "is"),
        ("Is the decision final?", "is"),
    ],
)
def test_yes_no_questions_and_what_they_ask(question: str, modality: str) -> None:
    ask = read_ask(question)
    assert ask.polar and ask.modality == modality and not ask.negated


@pytest.mark.parametrize(
    "question",
    [
        "Combien de jours pour me rétracter ?",
        "How long do I have?",
        "Je dois prévenir qui ?",
        "Where are my invoices?",
        "Comment résilier mon abonnement Premium Plus ?",
    ],
)
def test_questions_that_ask_for_information_are_not_yes_no(question: str) -> None:
    assert not read_ask(question).polar


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        ("Le délai de réflexion Premium Plus c'est 14 jours, non ?", {("14", "day")}),
        ("le délai est passé à 30 jours, c'est bien ça ?", {("30", "day")}),
        ("So I have 14 days to change my mind?", {("14", "day")}),
        ("J'ai prévenu mon mentor 12 heures avant la séance, elle sera reprogrammée ?", set()),
        ("my train was 10 minutes late, does it count?", set()),
        ("I've been inactive for 10 days, will they call me?", set()),
        ("Mon fils a 17 ans, il peut prendre un abonnement sans nous ?", set()),
        # what the rule requires, however the figure is followed
        ("Le conseil doit me prévenir 15 jours avant, non ?", {("15", "day")}),
        ("Premium Solo has a 7-day window to cancel, right?", {("7", "day")}),
        # "17 and" is an age followed by a word, not "17 an"
        ("my daughter is 17 and wants to subscribe, is she allowed?", set()),
    ],
)
def test_a_figure_said_of_the_rule_is_a_claim_a_figure_of_the_story_is_not(
    question: str, claimed: set[tuple[str, str]]
) -> None:
    assert claimed_quantities(question) == claimed


def test_premium_plus_is_not_a_negation() -> None:
    assert not read_ask("Je peux résilier Premium Plus ?").negated
    assert read_ask("Je ne peux pas résilier ?").negated


def test_a_message_with_several_questions_is_answered_part_by_part() -> None:
    parts = split_parts(
        "Combien de jours ai-je pour me rétracter ? Et à qui dois-je écrire pour le faire ?"
    )
    assert len(parts) == 2
    assert split_parts("Combien de jours ai-je pour me rétracter ?") == [
        "Combien de jours ai-je pour me rétracter ?"
    ]


def test_and_with_an_auxiliary_asks_again_only_with_a_subject() -> None:
    # "…and will the decision be sent?" asks again; "…and will certify early" goes on.
    assert len(split_parts("How long is the reflection period and can I cancel after it?")) == 2
    story = "I'm going through my path and will certify early. Do I get anything back?"
    assert split_parts(story) == [story]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Combien coûte le parcours développeur web ?", "path_price"),
        ("Is my RNCP title recognised in Germany?", "recognition_abroad"),
        ("Mon diplôme sera valable en Belgique ?", "recognition_abroad"),
        ("OpenClassrooms me trouve une entreprise pour mon alternance ?", "host_company_search"),
        ("How often do you update the terms?", "frequency"),
        ("Quel est le taux légal exact en ce moment ?", "legal_rate"),
        ("How many mentoring sessions do I get per month?", "session_count"),
        ("Je peux régler mon abonnement en 3 fois ?", "instalments"),
        ("Is there a payment plan for Premium Plus?", "instalments"),
        ("Does the app work on Android?", "other_platform"),
        ("Les séances de mentorat peuvent se faire en italien ?", "teaching_language"),
        ("How long do you keep the recordings of my defence?", "retention_period"),
        ("Vous conservez mes données combien de temps après ma formation ?", "retention_period"),
        ("Is a job guaranteed at the end of the path?", "outcomes"),
        ("C'est quoi votre taux d'insertion ?", "outcomes"),
        (
            "Je peux télécharger les vidéos des cours pour les regarder sans connexion ?",
            "offline_content",
        ),
        ("Do you offer a free trial month?", "free_trial"),
        ("Can I switch to another mentor?", "change_mentor"),
        ("My mentor and I don't get along, can I ask for a different one?", "change_mentor"),
        ("Combien de temps dure une soutenance ?", "session_length"),
    ],
)
def test_what_the_documents_do_not_say_is_recognised(question: str, kind: str) -> None:
    gap = detect_gap(question)
    assert gap is not None and gap.kind == kind
    assert gap.named("fr") and gap.named("en")


@pytest.mark.parametrize(
    "question",
    [
        "Does my civil liability insurance need to be valid abroad?",
        "J'ai trouvé un emploi, je peux arrêter ma formation ?",
        "How many sessions can I miss in a row before a sanction?",
        "Combien de jours ai-je pour me rétracter ?",
        "Where is the price of Premium Plus shown?",
        "How many unauthorized sessions before a sanction?",
        "Les séances de mentorat sont enregistrées ?",
        "How long is the reflection period?",
        "Quels moyens de paiement acceptez-vous ?",
        "Which iOS versions does the app support?",
        "Is the price guaranteed while I stay subscribed?",
        "Où je peux télécharger mes factures ?",
        "How long before a session must I tell my mentor I can't come?",
        "Must I tell my mentor when I'm absent?",
        # what the Regulations say of funded learners is not a question about funding
        "Je suis financé par mon OPCO et je veux changer de parcours, comment faire ?",
    ],
)
def test_covered_questions_are_not_gaps(question: str) -> None:
    assert detect_gap(question) is None


def test_every_fact_rests_on_the_current_text_and_says_no_other_figure(corpus: Corpus) -> None:
    assert check(corpus, CORPUS_DIR) == []


def test_the_fact_bank_covers_every_section_that_states_something(corpus: Corpus) -> None:
    facts = load_facts(corpus, CORPUS_DIR)
    for doc in corpus.manifest.documents:
        parsed = corpus.parsed(doc.doc_id, doc.current_version)
        covered = {f.section for f in facts if f.doc_id == doc.doc_id}
        missing = [s.section for s in parsed.sections if s.paragraphs and s.section not in covered]
        assert missing == [], (doc.doc_id, missing)


def test_a_figure_the_proof_does_not_state_is_found(corpus: Corpus) -> None:
    parsed = corpus.parsed("cgs", "B").get("6.2")
    assert parsed is not None
    units = tuple(section_units("cgs", "B", "6.2", "fr", True, parsed.paragraphs))
    fact = Fact("cgs", "6.2", 0, ("sept (7) jours",), frozenset({"duration"}), (), "14 jours.", "")
    assert unsupported_numbers(fact, units) == {"14"}
    ok = Fact("cgs", "6.2", 0, ("sept (7) jours",), frozenset({"duration"}), (), "7 jours.", "")
    assert unsupported_numbers(ok, units) == set()


def test_quotes_match_across_typography() -> None:
    assert loose("l’acceptation  des *CGS* ;") == loose("l'acceptation des CGS;")
    assert loose("[formulaire de contact](#)") == "formulaire de contact"


def test_a_passage_is_the_section_text_from_its_first_sentence_to_its_last(
    corpus: Corpus,
) -> None:
    parsed = corpus.parsed("regulations", "1").get("3.1.1")
    assert parsed is not None
    units = section_units("regulations", "1", "3.1.1", "en", True, parsed.paragraphs)
    after = next(u for u in units if u.text.startswith("After two (2)"))
    beyond = next(u for u in units if u.text.startswith("Beyond two (2)"))
    span = verbatim_span(parsed.paragraphs, [beyond, after])
    assert span.startswith("After two (2)") and "Beyond two (2)" in span
    assert span in parsed.text
    # Too far apart: the first sentence alone.
    first = units[0]
    assert verbatim_span(parsed.paragraphs, [first, beyond], limit=100) == first.text


def test_the_lead_is_read_from_the_answer_as_a_reader_sees_it() -> None:
    answer = (
        "Non. En Premium Solo, aucune annulation n'est possible \\*après\\* usage des codes.\n\n"
        "> « Conformément aux dispositions de l'article L221-28 … »\n>\n> — CGS, article 6.1 [1]"
    )
    assert plain(answer).startswith("Non. En Premium Solo, aucune annulation n'est possible *apr")
    assert "[1]" not in plain(answer) and ">" not in plain(answer)
    lead = lead_of(answer, at_least=20, at_most=60)
    assert lead == "Non. En Premium Solo, aucune annulation n'est possible *après"[:60]
    assert states(lead_of(answer), [["aucune annulation"], ["codes"]])
    assert not states(lead_of(answer, at_least=10, at_most=20), [["codes"]])


def test_sick_leave_is_not_the_verb_to_stop() -> None:
    from bot.textnorm import stems

    # "arrêter" (to stop) and "arrêt maladie" (sick leave) share the stem "arret".
    assert not set(stems("je veux arrêter ma formation", None)) & set(
        stems("un arrêt maladie", None)
    )
    assert set(stems("arrêt de travail", None)) == set(stems("arrêt maladie", None))


@pytest.mark.parametrize(
    ("statement", "after_yes_no"),
    [
        ("Temporary exclusion suspends your training.", "temporary exclusion suspends"),
        ("Selon l'Annexe 1, le contrat…", "selon l'Annexe 1"),
        ("OpenClassrooms may refuse…", "OpenClassrooms may"),
        ("Premium Plus is a monthly commitment.", "Premium Plus is"),
    ],
)
def test_a_statement_after_yes_or_no_keeps_only_names_capitalised(
    statement: str, after_yes_no: str
) -> None:
    from bot.answering.build import continued

    assert continued(statement).startswith(after_yes_no)
