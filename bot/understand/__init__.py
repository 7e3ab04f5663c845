"""Message understanding: what a learner's message says, before any retrieval or calculation.

* `language`  — French or English, with the conversation's language as a tie-breaker;
* `dates`     — absolute and relative dates, resolved against a given `today`;
* `amounts`   — sums in euros (Decimal), monthly or not;
* `durations` — "3 semaines", "10 minutes late", and counts such as "deux absences".

Pure functions: none reads the clock or the environment, and importing the package only
compiles regular expressions (the lingua detector and dateparser load on first use).
"""

from bot.understand.amounts import FoundAmount, extract_amounts
from bot.understand.dates import DateExtraction, FoundDate, InvalidDate, extract_dates
from bot.understand.durations import FoundCount, FoundDuration, extract_counts, extract_durations
from bot.understand.language import Lang, detect_language, detect_language_with_confidence

__all__ = [
    "DateExtraction",
    "FoundAmount",
    "FoundCount",
    "FoundDate",
    "FoundDuration",
    "InvalidDate",
    "Lang",
    "detect_language",
    "detect_language_with_confidence",
    "extract_amounts",
    "extract_counts",
    "extract_dates",
    "extract_durations",
]
