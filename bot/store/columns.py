"""Column types and SQL expressions that behave the same on SQLite and PostgreSQL.

- `UTCDateTime`: timezone-aware in, timezone-aware (UTC) out. SQLite has no zone-aware type, so
  values are stored there as naive UTC text, whose lexical order is chronological order.
- `StoredText`: PostgreSQL `text` cannot hold NUL, which users can still type; there NUL (and
  the escape character itself) is escaped reversibly, so every string round-trips exactly.
- `UTCDay(column)`: the UTC calendar day of a `UTCDateTime` column, for grouping statistics.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

# A private-use code point: the escape character of `StoredText` on PostgreSQL.
_ESCAPE = "\U0010fffd"
_ESCAPED = re.compile(f"{_ESCAPE}(.)", re.DOTALL)
_UNESCAPE = {_ESCAPE: _ESCAPE, "0": "\x00"}


def require_aware(value: datetime, name: str = "now") -> datetime:
    """`value` itself, once checked to carry a time zone (a naive time is ambiguous)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
    return value


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = require_aware(value, "timestamp").astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _escape_nul(text: str) -> str:
    if "\x00" not in text and _ESCAPE not in text:
        return text
    return text.replace(_ESCAPE, _ESCAPE * 2).replace("\x00", _ESCAPE + "0")


def _unescape_nul(text: str) -> str:
    if _ESCAPE not in text:
        return text
    return _ESCAPED.sub(lambda match: _UNESCAPE[match.group(1)], text)


class StoredText(TypeDecorator[str]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return value
        return _escape_nul(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return value
        return _unescape_nul(value)


class UTCDay(FunctionElement[date]):
    type = Date()
    inherit_cache = True


@compiles(UTCDay)
def _utc_day_default(element: UTCDay, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(UTCDay, "sqlite")
def _utc_day_sqlite(element: UTCDay, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(UTCDay, "postgresql")
def _utc_day_postgresql(element: UTCDay, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(timezone('UTC', {compiler.process(element.clauses, **kw)}) AS DATE)"
