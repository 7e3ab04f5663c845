"""Strict JSON request bodies.

Python's `json` accepts what cannot be stored or sent back: lone UTF-16 surrogates
(`"\\ud800"`, which no UTF-8 encoder takes), `NaN`, `Infinity` and numbers that overflow to
infinity. Refused here, at the door, as malformed JSON (422 naming `body`), before any of it
reaches the core or the database.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def strict_loads(body: bytes) -> Any:
    text = body.decode("utf-8")
    value = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    if _SURROGATE_ESCAPE.search(body) and _has_lone_surrogate(value):
        raise json.JSONDecodeError("lone surrogate in a string (not valid Unicode)", text, 0)
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise ValueError(f"number out of range: {literal[:20]}")
    return number


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    return False


class StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = strict_loads(body)
            except ValueError as exc:
                if isinstance(exc, json.JSONDecodeError):
                    raise
                # Out-of-range numbers and NaN: reported like any other malformed JSON.
                raise json.JSONDecodeError(str(exc), body.decode("utf-8", "replace"), 0) from exc
        return self._json


class StrictJSONRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
