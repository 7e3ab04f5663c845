"""The door answers in a thread pool: the core must give each concurrent request the answer
it would get alone (a shared snowball stemmer once mixed up the words of two requests)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bot.textnorm import stems

WORDS = [
    "résiliation",
    "abonnements",
    "remboursements",
    "justifiées",
    "exclusions",
    "temporaires",
    "cancellations",
    "subscriptions",
    "reimbursements",
    "unauthorized",
    "absences",
    "disciplinary",
]


def test_stemming_from_many_threads_matches_stemming_alone() -> None:
    texts = [" ".join(WORDS[i:] + WORDS[:i]) * 40 for i in range(len(WORDS))]
    alone = [stems(text, None) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(5):
            assert list(pool.map(lambda text: stems(text, None), texts)) == alone
