"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis),
in-process: no 5xx, every status documented, every response as documented.

Each operation gets MAX_EXAMPLES valid and MAX_EXAMPLES invalid inputs (schemathesis's
positive and negative modes). Its pytest plugin does not load under pytest 9, so the
operations are driven here with plain hypothesis."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from pydantic import SecretStr
from schemathesis import checks
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from tests.http.conftest import ADMIN_KEY, MakeClient

MAX_EXAMPLES = 30
# Operations whose valid inputs are narrower than a JSON Schema can say: schema-valid input may
# still be refused with 422 naming the field (so "schema-valid is accepted" is not checked).
CROSS_FIELD_RULES = {
    # the body's schema depends on `name` (GET /v1/calculators lists each calculator's)
    "/v1/calculators/{name}",
    # `until` must not be before `since`
    "/v1/admin/stats",
    "/v1/admin/export.csv",
}
# The admin endpoints' security scheme, as schemathesis should fill it in (and leave it out
# when it checks that they refuse callers without it).
CONFIG = SchemathesisConfig.from_str(f'[auth.openapi.adminKey]\nbearer = "{ADMIN_KEY}"\n')


def fuzz(operation: schemathesis.APIOperation, mode: GenerationMode, counter: list[int]) -> None:
    excluded = []
    if operation.path in CROSS_FIELD_RULES:
        excluded.append(checks.positive_data_acceptance)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        counter[0] += 1
        case.call_and_validate(excluded_checks=excluded)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_openapi_document(
    make_client: MakeClient, mode: GenerationMode
) -> None:
    client = make_client(
        anonymous_rate_limit="1000000/minute",
        session_rate_limit="1000000/minute",
        admin_key=SecretStr(ADMIN_KEY),
        access_log=False,
        # Schema-invalid bodies can be huge (a 20,000-character message of escapes): they must
        # meet the validation (422), not the size limit (413, tested in test_errors).
        max_body_bytes=4 * 1024 * 1024,
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app, config=CONFIG)
    counter = [0]
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        if operation.path == "/v1/admin/reindex":
            continue  # rebuilds the shared index; covered by test_feedback_and_admin
        try:
            fuzz(operation, mode, counter)
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # nothing to get wrong: no parameters, no body
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    print(f"schemathesis {mode.value}: {counter[0]} examples over {len(operations)} operations")
    assert not failures, "\n\n".join(failures)
