"""The diff's typography: what is set aside, on made-up text and on both CGS versions."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.settings import PROJECT_ROOT
from bot.typography import same_wording, tokens, typography_kinds
from ingest.corpus import Corpus

CGS_A = PROJECT_ROOT / "corpus" / "cgs_A.txt"
CGS_B = PROJECT_ROOT / "corpus" / "cgs_B.md"


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("l’objet d’une mesure", "l'objet d'une mesure", "apostrophes"),
        ("la fonction “Parler” puis", 'la fonction "Parler" puis', "quotes"),
        ("la rubrique « Mentions Légales »", 'la rubrique "Mentions Légales"', "quotes"),
        ("Nous\u00a0 pouvons aussi", "Nous pouvons aussi", "spaces"),
        ("votre formation; le niveau", "votre formation ; le niveau", "spaces"),
        ("suivante;le niveau", "suivante; le niveau", "spaces"),
        ("à l'adresse :https://example.org", "à l'adresse : https://example.org", "spaces"),
        (
            "En cas d'indisponibilité des\n\nServices commandés",
            "En cas d'indisponibilité des Services commandés",
            "line_breaks",
        ),
        ("**Abonné ou Vous** : Toute personne", "Abonné ou Vous : Toute personne", "markdown"),
        ("les [Conditions Générales](#) de", "les Conditions Générales de", "markdown"),
        ("cliquez sur *Résilier* puis", "cliquez sur Résilier puis", "markdown"),
        ("voir <https://example.org/x> ici", "voir https://example.org/x ici", "markdown"),
        ("- un point\n- un autre", "• un point\n• un autre", "markdown"),
        ("Article 3 – Conditions", "Article 3 - Conditions", "dashes"),
    ],
)
def test_typography_alone_is_the_same_wording(a: str, b: str, kind: str) -> None:
    assert same_wording(a, b)
    assert kind in typography_kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("obsolètes ou peu usités.", "obsolètes ou peu utilisés."),
        ("nous ne pourrons être tenus", "nous ne pourrions être tenus"),
        ("un délai de 7 jours", "un délai de 14 jours"),
        ("si vous êtes mineur, ou si", "si vous êtes mineur ou si"),  # a comma is wording
        ("l'abonnement", "l'Abonnement"),  # so is a capital (defined terms)
        ("résilié", "resilie"),  # and accents
        ("en format PDF.", "en format PDF sur la Plateforme."),
    ],
)
def test_words_punctuation_case_and_accents_are_wording(a: str, b: str) -> None:
    assert not same_wording(a, b)


def test_tokens_keep_their_place_in_the_original_text() -> None:
    text = "Les **CGS** sont « téléchargeables » [ici](#)\u00a0;"
    for token in tokens(text):
        assert text[token.start : token.end] in {token.norm, "«", "»"}
    assert [t.norm for t in tokens(text)] == [
        "Les",
        "CGS",
        "sont",
        '"',
        "téléchargeables",
        '"',
        "ici",
        ";",
    ]


def test_only_four_passages_of_the_two_cgs_versions_differ_in_wording(corpus: Corpus) -> None:
    """On the real sections: every pair but Accessibilité, 3, 5 and 7.2 is typography only."""
    a, b = corpus.parsed("cgs", "A"), corpus.parsed("cgs", "B")
    assert a.section_ids() == b.section_ids()
    differing = [s.section for s in b.sections if not same_wording(a.get(s.section).text, s.text)]  # type: ignore[union-attr]
    assert differing == ["accessibilite", "3", "5", "7.2"]
    raw_differences = [s.section for s in b.sections if a.get(s.section).text != s.text]  # type: ignore[union-attr]
    assert len(raw_differences) > 20  # what the normalisation takes away


def test_the_raw_files_differ_only_by_the_site_chrome_and_the_four_changes() -> None:
    """On the source files themselves (web-page text vs markdown): besides the four
    changes, only A's site header and footer remain."""
    a, b = tokens(CGS_A.read_text("utf-8")), tokens(CGS_B.read_text("utf-8"))
    matcher = SequenceMatcher(None, [t.norm for t in a], [t.norm for t in b], autojunk=False)
    edits = [
        (" ".join(t.norm for t in a[i1:i2]), " ".join(t.norm for t in b[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
    inner = edits[1:-1]
    assert inner == [
        ("", "sur la Plateforme"),
        ("", "sans autorisation parentale ,"),
        ("sans autorisation de vos représentants légaux", ""),
        ("usités", "utilisés"),
        ("pourrons", "pourrions"),
    ]
    header, footer = edits[0], edits[-1]
    assert "Dernière mise à jour le" in header[0] and header[1] == ""
    assert "hello@openclassrooms.com" in footer[0].replace(" ", "") and footer[1] == ""


_WORDS = st.lists(
    st.text(alphabet="abcdeéèàôçABCÉ0123456789", min_size=1, max_size=8), min_size=1, max_size=12
)
_MARKS = st.sampled_from([",", ";", ":", ".", "'", "?"])


@given(_WORDS, st.lists(_MARKS, max_size=12), st.randoms(use_true_random=False))
def test_retyped_text_is_the_same_wording(words: list[str], marks: list[str], rng: object) -> None:
    """The same words and marks, typeset again (other spaces, quotes, apostrophes, line
    breaks, emphasis), read as the same wording."""
    import random

    assert isinstance(rng, random.Random)
    pieces = [w + (marks[i] if i < len(marks) else "") for i, w in enumerate(words)]
    plain = " ".join(pieces)
    spaces = [" ", "\u00a0", "  ", "\n", "\n\n", "\u202f "]
    retyped = "".join(
        (f"**{p}**" if rng.random() < 0.2 else p).replace("'", rng.choice(["'", "’"]))
        + rng.choice(spaces)
        for p in pieces
    )
    assert same_wording(plain, retyped)
