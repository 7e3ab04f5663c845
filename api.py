"""The HTTP door: translates requests into calls on the core and answers back.

No retrieval, wording or calculator logic lives here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.calculators import CALCULATORS, input_schema, run_calculator
from bot.documents import get_section, list_documents
from bot.errors import (
    CalculatorInputError,
    CorpusError,
    EmbedderUnavailable,
    IndexError_,
    NotFound,
    TermsbotError,
)
from bot.runtime import Runtime
from bot.schemas import (
    CalculatorInfo,
    CalculatorResponse,
    CalculatorsResponse,
    ChatRequest,
    ChatResponse,
    DocumentsResponse,
    ErrorBody,
    Health,
    Ready,
    SearchRequest,
    SearchResponse,
    SectionResponse,
)
from bot.search import to_response
from bot.settings import Settings

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
    503: {"model": ErrorBody},
}


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def _error(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    detail: dict[str, str] = {"code": code, "message": message}
    if field is not None:
        detail["field"] = field
    return JSONResponse(status_code=status, content={"error": detail})


def _status_of(exc: TermsbotError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, CalculatorInputError):
        return 422
    if isinstance(exc, CorpusError | IndexError_ | EmbedderUnavailable):
        return 503
    return 500


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TermsbotError)
    async def _termsbot(_: Request, exc: TermsbotError) -> JSONResponse:
        field = exc.field if isinstance(exc, CalculatorInputError) else None
        return _error(_status_of(exc), exc.code, str(exc), field)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        loc = [str(p) for p in first.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        field = ".".join(loc) or None
        message = f"{field}: {first['msg']}" if field else str(first["msg"])
        return _error(422, "invalid_request", message, field)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail))


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    runtime = runtime or Runtime(settings or Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = runtime
        yield

    app = FastAPI(
        title="termsbot",
        version="1.0.0",
        description="Cited answers about the school's Terms of Service and Internal Regulations.",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    _install_error_handlers(app)
    _routes(app)
    return app


def _routes(app: FastAPI) -> None:
    @app.get("/healthz", operation_id="health", tags=["operations"])
    def healthz() -> Health:
        return Health(status="ok")

    @app.get(
        "/readyz",
        operation_id="readiness",
        tags=["operations"],
        responses={503: {"model": Ready}},
    )
    def readyz(runtime: RuntimeDep) -> JSONResponse:
        state = runtime.readiness()
        body = Ready(
            status="ready" if state.ready else "not_ready",
            reason=state.reason,
            build_id=state.build_id,
        )
        return JSONResponse(status_code=200 if state.ready else 503, content=body.model_dump())

    @app.get("/v1/documents", operation_id="listDocuments", tags=["documents"], responses=ERRORS)
    def documents(runtime: RuntimeDep) -> DocumentsResponse:
        return list_documents(runtime.corpus)

    @app.get(
        "/v1/documents/{doc_id}/sections/{section}",
        operation_id="getSection",
        tags=["documents"],
        responses=ERRORS,
    )
    def section(
        runtime: RuntimeDep,
        doc_id: str,
        section: str,
        version: Annotated[str | None, Query(max_length=16)] = None,
        as_of: date | None = None,
    ) -> SectionResponse:
        return get_section(runtime.corpus, doc_id, section, version, as_of)

    @app.get("/v1/calculators", operation_id="listCalculators", tags=["calculators"])
    def calculators() -> CalculatorsResponse:
        return CalculatorsResponse(
            calculators=[
                CalculatorInfo(
                    name=name, description=dict(spec.description), input_schema=input_schema(name)
                )
                for name, spec in CALCULATORS.items()
            ]
        )

    @app.post(
        "/v1/calculators/{name}",
        operation_id="runCalculator",
        tags=["calculators"],
        responses=ERRORS,
    )
    def calculate(name: str, body: Annotated[dict[str, Any], Body()]) -> CalculatorResponse:
        return CalculatorResponse.model_validate(run_calculator(name, body).to_dict())

    @app.post("/v1/chat", operation_id="chat", tags=["chat"], responses=ERRORS)
    def chat(runtime: RuntimeDep, body: ChatRequest) -> ChatResponse:
        return runtime.assistant.ask(
            body.message,
            now=datetime.now(UTC),
            conversation_id=body.conversation_id,
            language=body.language,
            as_of=body.as_of,
            channel="api",
        )

    @app.post("/v1/search", operation_id="search", tags=["search"], responses=ERRORS)
    def search(runtime: RuntimeDep, body: SearchRequest) -> SearchResponse:
        scope = runtime.scope(body.as_of, body.doc_id, body.language)
        hits = runtime.retriever().search(body.query, scope, k=body.k)
        return to_response(hits, runtime.corpus)
