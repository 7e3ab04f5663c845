"""Every setting termsbot reads, in one place (environment `TERMSBOT_*` or a `.env` file).

Only the doors (`api.py`, the CLI) build a `Settings`; the core receives values, never reads
the environment itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

EmbedderName = Literal["use", "e5", "sentence-transformers"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TERMSBOT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("./var"), description="Where the local index and database live.")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="The corpus and its manifest.")
    database_url: str | None = Field(None, description="SQLAlchemy URL; SQLite in data_dir.")
    chroma_url: str | None = Field(None, description="A Chroma server instead of the embedded one.")
    embedder: EmbedderName = Field("use", description="Embedding backend.")
    embedder_model: str | None = Field(
        None,
        description="Model name or path for sentence-transformers (default: bundled MiniLM).",
    )
    generator: Literal["off", "openai", "llamacpp"] = Field(
        "off",
        description="Generative answers: off (extractive default), an OpenAI-compatible "
        "endpoint, or a local GGUF model through llama-cpp.",
    )
    llm_base_url: str | None = Field(None, description="OpenAI-compatible base URL (…/v1).")
    llm_api_key: SecretStr | None = None
    llm_model: str = Field("gpt-4o-mini", description="Model name at the endpoint.")
    llm_gguf_path: Path | None = Field(None, description="GGUF file for the llamacpp generator.")
    llm_timeout_seconds: float = Field(20.0, gt=0)
    allowed_origins: str | None = Field(
        None,
        description="Comma-separated origins allowed to call the widget endpoints from a "
        "browser (CORS); `*` allows any. The server's own origin is always allowed.",
    )
    anonymous_rate_limit: str = Field(
        "60/minute", description="Per client IP, for callers without an API key."
    )
    session_rate_limit: str = Field(
        "20/minute",
        description="Per widget session (X-Termsbot-Session header or conversation_id), "
        "for callers without an API key.",
    )
    default_key_rate_limit: str = Field(
        "600/minute", description="Limit of a new API key unless `keys create` names one."
    )
    rate_limit_storage: str = Field(
        "memory://",
        description="`limits` storage URI: memory:// counts per process; a shared one "
        "(e.g. redis://…) counts across workers.",
    )
    admin_key: SecretStr | None = Field(None, description="Bearer key of /v1/admin/*.")
    contact_url: str | None = Field(
        None,
        description="The school's contact form, given with Student Success's details when "
        "the assistant hands over (CGS Article 10 links to it).",
    )
    metrics_public: bool = Field(
        False,
        description="Serve /metrics without the admin key (for a scraper on a private "
        "network); otherwise /metrics needs the admin key like /v1/admin/*.",
    )
    max_body_bytes: int = Field(64 * 1024, ge=1024, description="Larger request bodies get 413.")
    request_timeout_seconds: float = Field(
        30.0, gt=0, description="Time to the first response byte; then 504."
    )
    retention_days: int | None = Field(
        None, ge=1, description="Purge conversations inactive for longer (none: keep)."
    )
    purge_interval_hours: float = Field(24.0, gt=0, description="How often the purge runs.")
    log_messages: bool = Field(False, description="Log learners' message text (off: never).")
    access_log: bool = Field(True, description="One JSON log line per request on stderr.")
    warm_up: bool = Field(True, description="Load the index and models before serving.")
    min_free_disk_mb: float = Field(
        8.0, ge=0, description="Less free space on the data directory's disk: /readyz is 503."
    )
    readiness_cache_seconds: float = Field(
        5.0, ge=0, description="How long /readyz reuses its last check (a real index query)."
    )
    forwarded_allow_ips: str = Field(
        "",
        description="Comma-separated proxy addresses (or `*`) whose X-Forwarded-For and "
        "X-Forwarded-Proto are believed; empty: none, the connecting address is the client.",
    )
    slack_signing_secret: SecretStr | None = Field(
        None, description="Verifies Slack's requests (v0 HMAC); with the bot token, Slack is on."
    )
    slack_bot_token: SecretStr | None = Field(None, description="The app's bot token (xoxb-…).")
    slack_api_url: str | None = Field(
        None, description="Base URL of Slack's Web API (a proxy, or a local stand-in in tests)."
    )
    slack_app_token: SecretStr | None = Field(
        None, description="App-level token (xapp-…) for Socket Mode (`termsbot slack-socket`)."
    )
    slack_escalation_channel: str | None = Field(
        None,
        description="Slack channel id (C…) where *Escalate* posts the question, the answer and "
        "the agent's note; invite the bot there. None: the channel the agent works in.",
    )
    slack_escalation_usergroup: str | None = Field(
        None,
        description="Slack user group id (S…) mentioned in each escalation. With neither this "
        "nor the channel set, the *Escalate* button is not shown.",
    )
    slack_follow_threads: str | None = Field(
        None,
        description="Comma-separated channel ids (or `*`) where the bot also answers replies "
        "that do not mention it, in threads it has answered. None: mentions only.",
    )
    slack_language: Literal["fr", "en"] = Field(
        "fr",
        description="Agents' interface language when Slack does not tell the user's locale "
        "(the calculator window, App Home).",
    )
    slack_document_links: dict[str, str] = Field(
        default_factory=dict,
        description='Public links given in learner replies, as JSON: {"cgs": URL, '
        '"regulations": URL, "cgs:en": URL…}; by default the corpus manifest\'s links.',
    )

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'termsbot.sqlite3').resolve()}"
