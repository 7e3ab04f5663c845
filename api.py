"""The HTTP door: translates requests into calls on the core and answers back.

No retrieval, wording or calculator logic lives here; the door's own parts (errors, access,
limits, streaming, admin, observability) are in `bot/http/`."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from anyio import to_thread
from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette_compress import CompressMiddleware

from bot.calculators import CALCULATORS, input_schema, output_schema, run_calculator
from bot.diff import diff_versions
from bot.documents import get_section, list_documents
from bot.errors import IndexCorrupt, StoreError, TermsbotError
from bot.http import admin, examples, streaming
from bot.http.auth import SESSION_HEADER, Caller, Gatekeeper, owner_of
from bot.http.deps import (
    GatekeeperDep,
    MetricsDep,
    PublicCaller,
    RuntimeDep,
    require_json,
)
from bot.http.errors import install_error_handlers, responses
from bot.http.jobs import ReindexJobs
from bot.http.json_body import StrictJSONRoute
from bot.http.limits import RateLimiter
from bot.http.middleware import BodySizeLimit, JSONCORSMiddleware, RequestTimeout
from bot.http.observability import (
    Metrics,
    Observability,
    configure_logging,
    log_chat,
    request_state,
)
from bot.http.openapi import DESCRIPTION, TAGS, install_openapi
from bot.http.readiness import IndexDoctor
from bot.http.retention import purge_periodically
from bot.http.schemas import FeedbackRequest, FeedbackResponse
from bot.runtime import Runtime
from bot.schemas import (
    CalculatorInfo,
    CalculatorResponse,
    CalculatorsResponse,
    ChatRequest,
    ChatResponse,
    DocumentsResponse,
    Health,
    IsoDate,
    Ready,
    SearchRequest,
    SearchResponse,
    SectionResponse,
    VersionDiff,
)
from bot.search import to_response
from bot.settings import Settings
from bot.slack import mount_slack

log = logging.getLogger("termsbot.http")

PUBLIC_GET = responses(401, 403, 404, 422, 429, 500, 503, 504)
PUBLIC_POST = responses(400, 401, 403, 404, 413, 415, 422, 429, 500, 503, 504)
JSON_BODY = [Depends(require_json)]


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """The app over `runtime` (built from `settings` when not given); the door's own settings
    (access, limits, logs) are `settings`, or the runtime's."""
    runtime = runtime or Runtime(settings or Settings())
    settings = settings or runtime.settings
    metrics = Metrics()
    app = FastAPI(
        title="termsbot",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=_lifespan(runtime, settings),
        openapi_tags=TAGS,
        docs_url=None,  # served by install_openapi, from local files
        redoc_url=None,
    )
    app.router.route_class = StrictJSONRoute
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.gatekeeper = Gatekeeper(
        settings, lambda: runtime.conversations.api_keys, RateLimiter(settings.rate_limit_storage)
    )
    app.state.reindex_jobs = ReindexJobs(lambda: runtime.conversations.reindex_jobs, runtime.ingest)
    app.state.index_doctor = IndexDoctor(
        runtime, lambda: runtime.conversations.reindex_jobs, settings.readiness_cache_seconds
    )
    install_error_handlers(app)
    _operations(app)
    _public(app)
    app.include_router(admin.router)
    _mount_web(app, settings)
    # Slack's door: registered only when its secrets are set (otherwise /slack/events is 404).
    mount_slack(app, runtime)
    install_openapi(app)
    _middleware(app, settings, metrics)
    return app


def _middleware(app: FastAPI, settings: Settings, metrics: Metrics) -> None:
    # Added innermost first: a request meets Observability, compression (by Accept-Encoding;
    # files already compressed pass as they are), CORS, the size limit, the timeout.
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_seconds)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        JSONCORSMiddleware,
        allow_origins=sorted(app.state.gatekeeper.origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["authorization", "content-type", SESSION_HEADER, "x-request-id"],
        expose_headers=["retry-after", "x-request-id"],
        max_age=600,
    )
    app.add_middleware(CompressMiddleware)
    app.add_middleware(Observability, metrics=metrics, access_log=settings.access_log)


def _lifespan(runtime: Runtime, settings: Settings) -> Any:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.access_log:
            configure_logging()
        if settings.warm_up:
            await to_thread.run_sync(_warm_up, runtime, app.state.index_doctor)
        purger = None
        if settings.retention_days is not None:
            purger = asyncio.create_task(
                purge_periodically(
                    runtime.conversations, settings.retention_days, settings.purge_interval_hours
                )
            )
        yield
        if purger is not None:
            purger.cancel()

    return lifespan


def _warm_up(runtime: Runtime, doctor: IndexDoctor) -> None:
    """Load models and index before the first learner waits; a missing index is /readyz's,
    a damaged one is rebuilt."""
    try:
        runtime.assistant.warm_up()
    except IndexCorrupt as exc:
        log.warning("warm-up: %s", exc)
        doctor.repair(str(exc))
    except TermsbotError as exc:
        log.warning("warm-up skipped: %s", exc)


def _mount_web(app: FastAPI, settings: Settings) -> None:
    """The widget's demo page and script, when that part is installed (bot/webui.py)."""
    if importlib.util.find_spec("bot.webui") is None:
        return
    from bot import webui  # type: ignore[attr-defined,unused-ignore]

    webui.mount_web(app, settings)


def _operations(app: FastAPI) -> None:
    @app.get("/healthz", operation_id="health", tags=["operations"])
    def healthz() -> Health:
        """The process is up."""
        return Health(status="ok")

    @app.get(
        "/readyz",
        operation_id="readiness",
        tags=["operations"],
        responses={503: {"model": Ready, "description": "Index or database not ready."}},
    )
    def readyz(request: Request, runtime: RuntimeDep) -> JSONResponse:
        """The index is loaded, matches the corpus and answers a real query; the data
        directories take a write; the database answers (checked at most every few seconds)."""
        state = request.app.state.index_doctor.readiness()
        reason = state.reason
        if state.ready and not _database_answers(runtime):
            reason = "the conversation database does not answer"
        body = Ready(
            status="ready" if reason is None else "not_ready",
            reason=reason,
            build_id=state.build_id,
        )
        return JSONResponse(status_code=200 if reason is None else 503, content=body.model_dump())

    @app.get(
        "/metrics",
        operation_id="metrics",
        tags=["operations"],
        response_class=Response,
        responses={
            200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
            **responses(401, 403),
        },
    )
    def metrics(request: Request, metrics: MetricsDep, gatekeeper: GatekeeperDep) -> Response:
        """Prometheus metrics: requests by route and status, latency, answers by status.
        Needs the admin key unless `TERMSBOT_METRICS_PUBLIC` is set."""
        if not request.app.state.settings.metrics_public:
            gatekeeper.admin(request)  # route names and volumes are the school's business
        content, media_type = metrics.render()
        return Response(content, media_type=media_type)


def _database_answers(runtime: Runtime) -> bool:
    try:
        return runtime.conversations.ping()
    except StoreError:  # unreachable when the store was first opened (migration)
        return False


def _public(app: FastAPI) -> None:
    _documents(app)
    _calculators(app)
    _chat(app)

    @app.post(
        "/v1/search",
        operation_id="search",
        tags=["search"],
        dependencies=JSON_BODY,
        responses=PUBLIC_POST,
    )
    def search(
        runtime: RuntimeDep,
        caller: PublicCaller,
        body: Annotated[SearchRequest, Body(openapi_examples=examples.SEARCH)],
    ) -> SearchResponse:
        """Sections ranked for a query (dense, keyword and fused scores)."""
        scope = runtime.scope(body.as_of, body.doc_id, body.language)
        hits = runtime.retriever().search(body.query, scope, k=body.k)
        return to_response(hits, runtime.corpus)

    @app.post(
        "/v1/feedback",
        operation_id="feedback",
        tags=["feedback"],
        dependencies=JSON_BODY,
        responses=PUBLIC_POST,
    )
    def feedback(
        runtime: RuntimeDep, caller: PublicCaller, body: FeedbackRequest
    ) -> FeedbackResponse:
        """Rate an answer (`up` or `down`); rating it again replaces the first rating."""
        runtime.conversations.add_feedback(
            body.message_id, body.rating, body.comment, datetime.now(UTC)
        )
        return FeedbackResponse(status="recorded")


def _documents(app: FastAPI) -> None:
    @app.get(
        "/v1/documents", operation_id="listDocuments", tags=["documents"], responses=PUBLIC_GET
    )
    def documents(runtime: RuntimeDep, caller: PublicCaller) -> DocumentsResponse:
        """The documents, their versions and sections."""
        return list_documents(runtime.corpus)

    @app.get(
        "/v1/documents/{doc_id}/sections/{section}",
        operation_id="getSection",
        tags=["documents"],
        responses=PUBLIC_GET,
    )
    def section(
        runtime: RuntimeDep,
        caller: PublicCaller,
        doc_id: Annotated[str, examples.DOC_ID],
        section: Annotated[str, examples.SECTION],
        version: Annotated[str | None, Query(max_length=16)] = None,
        as_of: IsoDate | None = None,
    ) -> SectionResponse:
        """One section's official text, with its marked non-official translation."""
        return get_section(runtime.corpus, doc_id, section, version, as_of)

    @app.get(
        "/v1/documents/{doc_id}/diff",
        operation_id="diffVersions",
        tags=["documents"],
        responses=PUBLIC_GET,
    )
    def diff(
        runtime: RuntimeDep,
        caller: PublicCaller,
        doc_id: Annotated[str, examples.DOC_ID],
        from_version: Annotated[str, Query(alias="from", max_length=16, examples=["A"])],
        to_version: Annotated[str, Query(alias="to", max_length=16, examples=["B"])],
        include: Annotated[
            Literal["substantive", "typographic"],
            Query(description="`typographic` also lists sections that differ in typography only"),
        ] = "substantive",
        section: Annotated[
            str | None, Query(max_length=32, description="only this section", examples=["7.2"])
        ] = None,
    ) -> VersionDiff:
        """What changed in substance between two versions (`cgs`: `A` → `B`): each section
        whose wording differs, with its word-level edits (quoted from both versions, what
        each edit is and means) and the segments of an inline view; sections that differ in
        typography only (quotes, apostrophes, spaces, line breaks, markdown) are named in
        `typographic_sections` and listed with `include=typographic`."""
        return diff_versions(
            runtime.corpus,
            doc_id,
            from_version,
            to_version,
            include_typographic=include == "typographic",
            section=section,
        )


def _calculators(app: FastAPI) -> None:
    @app.get(
        "/v1/calculators",
        operation_id="listCalculators",
        tags=["calculators"],
        responses=PUBLIC_GET,
    )
    def calculators(caller: PublicCaller) -> CalculatorsResponse:
        """Every calculator, with the JSON Schema of its inputs."""
        return CalculatorsResponse(
            calculators=[
                CalculatorInfo(
                    name=name,
                    description=dict(spec.description),
                    input_schema=input_schema(name),
                    title=dict(spec.title),
                    doc_id=spec.doc_id,
                    sections=list(spec.sections),
                    output_schema=output_schema(name),
                )
                for name, spec in CALCULATORS.items()
            ]
        )

    @app.post(
        "/v1/calculators/{name}",
        operation_id="runCalculator",
        tags=["calculators"],
        dependencies=JSON_BODY,
        responses=PUBLIC_POST,
    )
    def calculate(
        caller: PublicCaller,
        name: Annotated[str, examples.CALCULATOR_NAME],
        body: Annotated[dict[str, Any], Body(openapi_examples=examples.CALCULATOR)],
    ) -> CalculatorResponse:
        """Run a deterministic calculator; the result names the rules it applied."""
        return CalculatorResponse.model_validate(run_calculator(name, body).to_dict())


def _chat(app: FastAPI) -> None:
    @app.post(
        "/v1/chat",
        operation_id="chat",
        tags=["chat"],
        dependencies=JSON_BODY,
        responses=PUBLIC_POST | examples.CHAT_RESPONSE,
    )
    def chat(
        request: Request,
        runtime: RuntimeDep,
        gatekeeper: GatekeeperDep,
        metrics: MetricsDep,
        caller: PublicCaller,
        body: Annotated[ChatRequest, Body(openapi_examples=examples.CHAT)],
    ) -> ChatResponse:
        """Answer a learner's message with citations (stored before it is returned)."""
        return _ask(request, runtime, gatekeeper, metrics, caller, body, "chat")

    @app.post(
        "/v1/chat/stream",
        operation_id="chatStream",
        tags=["chat"],
        dependencies=JSON_BODY,
        response_class=StreamingResponse,
        responses=PUBLIC_POST | examples.STREAM_RESPONSE,
    )
    def chat_stream(
        request: Request,
        runtime: RuntimeDep,
        gatekeeper: GatekeeperDep,
        metrics: MetricsDep,
        caller: PublicCaller,
        body: Annotated[ChatRequest, Body(openapi_examples=examples.CHAT)],
    ) -> StreamingResponse:
        """The same answer as server-sent events; errors before the stream are JSON."""
        response = _ask(request, runtime, gatekeeper, metrics, caller, body, "chat_stream")
        return StreamingResponse(
            streaming.chat_events(response),
            media_type=streaming.MEDIA_TYPE,
            headers=streaming.HEADERS,
        )


def _ask(
    request: Request,
    runtime: Runtime,
    gatekeeper: Gatekeeper,
    metrics: Metrics,
    caller: Caller,
    body: ChatRequest,
    endpoint: str,
) -> ChatResponse:
    if body.conversation_id and SESSION_HEADER not in request.headers:
        gatekeeper.session(caller, body.conversation_id)
    response = runtime.assistant.ask(
        body.message,
        now=datetime.now(UTC),
        owner=owner_of(caller, request),
        conversation_id=body.conversation_id,
        language=body.language,
        as_of=body.as_of,
        channel="web" if caller.kind == "anonymous" else "api",
    )
    metrics.answers.labels(response.status, endpoint).inc()
    fields = {
        "conversation_id": response.conversation_id,
        "message_id": response.message_id,
        "status": response.status,
        "language": response.language,
        "caller": caller.kind,
    }
    log_messages = request.app.state.settings.log_messages
    log_chat(request_state(request.scope), fields, body.message, log_messages)
    return response
