"""The errors termsbot raises, one tree so that every door can map them in one place.

    TermsbotError
     ├── CorpusError            a corpus file or the manifest is missing, altered or malformed
     │    └── ParseError        a source text does not have the structure the parser expects
     ├── IndexError_            the index cannot serve
     │    ├── IndexMissing      nothing has been built yet (or the pointer is unreadable)
     │    ├── IndexMismatch     built by another embedder or from another corpus
     │    └── IndexCorrupt      its files or content are damaged (rebuilt from the corpus)
     ├── EmbedderUnavailable    the configured embedding backend cannot be loaded
     ├── NotFound               an unknown document, version, section, conversation or message
     │    └── ConversationNotFound  unknown, or someone else's (the same answer for both)
     ├── StoreError             the conversation store cannot read or write
     ├── StorageUnavailable     a data directory cannot be written to (read-only, full)
     └── CalculatorInputError   a calculator input is missing or impossible (names the field)

HTTP doors map CorpusError/IndexError_/StoreError/StorageUnavailable to 503, NotFound to 404 and
CalculatorInputError to 422.
"""

from __future__ import annotations


class TermsbotError(Exception):
    """Base of every error termsbot raises on purpose."""

    code = "termsbot_error"


class CorpusError(TermsbotError):
    code = "corpus_error"


class ParseError(CorpusError):
    code = "parse_error"


class IndexError_(TermsbotError):
    code = "index_unavailable"


class IndexMissing(IndexError_):
    code = "index_missing"


class IndexMismatch(IndexError_):
    code = "index_mismatch"


class IndexCorrupt(IndexError_):
    """The published build fails its own check: files altered, content or probe query wrong,
    or the vector store errs when queried."""

    code = "index_corrupt"


class EmbedderUnavailable(TermsbotError):
    code = "embedder_unavailable"


class NotFound(TermsbotError):
    code = "not_found"


class ConversationNotFound(NotFound):
    """No conversation with that id *for this caller*: an unknown id and another caller's
    conversation are one and the same answer."""

    code = "conversation_not_found"


class StoreError(TermsbotError):
    """The conversation store failed (database unreachable, constraint broken, unstorable data)."""

    code = "store_error"


class StorageUnavailable(TermsbotError):
    """A directory termsbot writes to (data, index, SQLite) refuses writes; names it."""

    code = "storage_unavailable"


class CalculatorInputError(TermsbotError):
    """A calculator input that cannot be used; `field` names it, `reason` says why."""

    code = "invalid_input"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
