"""Shared shapes: input field types, the base input model, outcomes and results."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from bot.calculators.counting import PARIS, is_real_local_time
from bot.calculators.rules import DocId, Rule, RuleRef
from bot.errors import CalculatorInputError

# Dates far outside any subscription are typos, and date arithmetic near year 1 or 9999
# (time-zone conversion, adding months or years) would overflow: the year is checked on the
# raw text, before any parsing or arithmetic.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)
MAX_AMOUNT_EUR = Decimal("1000000")
_YEAR = re.compile(r"\s*([+-]?\d+)-")
YEAR_RANGE = f"{EARLIEST_DATE.year}-{LATEST_DATE.year}"


def _refuse_numbers(value: object) -> object:
    # pydantic's lax mode would read 20260303 as a Unix timestamp; callers send ISO text.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("expected ISO text: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    year = _year_of(value)
    if year is not None and not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
        raise ValueError(f"year {year} is outside {YEAR_RANGE}")
    return value


def _year_of(value: object) -> int | None:
    if isinstance(value, date):
        return value.year
    if isinstance(value, str) and (match := _YEAR.match(value)):
        return int(match.group(1))
    return None


def _plausible_date(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"date outside {YEAR_RANGE}")
    return value


def _local_datetime(value: datetime) -> datetime:
    """Europe/Paris wall-clock time; an aware input is converted, a skipped time refused."""
    _plausible_date(value.date())
    if value.tzinfo is not None:
        value = value.astimezone(PARIS).replace(tzinfo=None)
    elif not is_real_local_time(value):
        raise ValueError("this local time does not exist in Europe/Paris (DST change)")
    _plausible_date(value.date())
    return value


IsoDate = Annotated[date, BeforeValidator(_refuse_numbers), AfterValidator(_plausible_date)]
LocalDateTime = Annotated[
    datetime, BeforeValidator(_refuse_numbers), AfterValidator(_local_datetime)
]
Money = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT_EUR, allow_inf_nan=False)]
MonthCount = Annotated[int, Field(ge=0, le=600)]


class CalculatorInput(BaseModel):
    """Base of every calculator's inputs: unknown fields are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def fold(label: str) -> str:
    """Lower-case ASCII words joined by "_", to match free-text labels ("Cas fortuit")."""
    ascii_only = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return "_".join(ascii_only.lower().replace("-", " ").replace("_", " ").split())


def require_order(earlier_field: str, earlier: date, later_field: str, later: date) -> None:
    """Refuse a `later` date that precedes `earlier` (end before start)."""
    if later < earlier:
        raise CalculatorInputError(later_field, f"must not be before {earlier_field}")


@dataclass(frozen=True, slots=True)
class Explanation:
    fr: str
    en: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a pure calculator returns: native values, converted to JSON by `run_calculator`."""

    result: dict[str, Any]
    rules: tuple[Rule, ...]
    explanation: Explanation
    ambiguous: bool = False


InputT = TypeVar("InputT", bound=CalculatorInput)


@dataclass(frozen=True, slots=True)
class CalculatorSpec(Generic[InputT]):
    name: str
    description: Mapping[str, str]  # {"fr": ..., "en": ...}
    input_model: type[InputT]
    function: Callable[[InputT], Outcome]
    title: Mapping[str, str]  # {"fr": ..., "en": ...}: a form's heading
    doc_id: DocId  # the document whose rules it applies
    sections: tuple[str, ...]  # its main sections, most relevant first


@dataclass(frozen=True, slots=True)
class CalculationResult:
    calculator: str
    inputs: dict[str, Any]
    result: dict[str, Any]
    rules: list[RuleRef]
    explanation: dict[str, str]
    ambiguous: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The body of POST /v1/calculators/{name} (CONTRACT.md), plus inputs and ambiguous."""
        return {
            "calculator": self.calculator,
            "inputs": self.inputs,
            "result": self.result,
            "rules": [ref.to_dict() for ref in self.rules],
            "explanation": dict(self.explanation),
            "ambiguous": self.ambiguous,
        }


def unique_refs(rules: Iterable[Rule]) -> list[RuleRef]:
    """Sections of the rules applied, in order of first use, without repeats."""
    refs: list[RuleRef] = []
    for rule in rules:
        if rule.ref not in refs:
            refs.append(rule.ref)
    return refs


def to_jsonable(value: Any) -> Any:
    """Dates 'YYYY-MM-DD', datetimes 'YYYY-MM-DDTHH:MM[:SS]' (local), money floats to cents."""
    if isinstance(value, datetime):
        local = value.astimezone(PARIS) if value.tzinfo is not None else value
        pattern = "%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M"
        return local.strftime(pattern)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    return value
