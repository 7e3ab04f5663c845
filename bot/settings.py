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
    allowed_origins: str | None = Field(None, description="Comma-separated CORS origins.")
    anonymous_rate_limit: str = Field("60/minute")
    admin_key: str | None = None
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_url: str | None = None

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'termsbot.sqlite3').resolve()}"
