"""The conversation store: conversations, their messages and feedback, in one database.

SQLite by default (WAL, foreign keys on), PostgreSQL by URL; the schema comes from Alembic
migrations inside this package.

    store = ConversationStore.from_url(url)        # migrates to head, then connects
    conversation = store.start(None, channel="api", now=now, owner=Owner("key", key_id))
    message_id = store.record_exchange(conversation.id, user_text=..., answer=response,
                                       state=new_state, now=now)

Modules: `records` (the values handed out), `repository` (the store), `reports` (statistics
and export), `feedback` (its upsert), `keys` (help-center API keys), `deliveries` (events
already received, for Slack's retries), `reindex_jobs` (index builds started by any process),
`models`/`columns` (tables and portable types), `engine`, `migrate`.
"""

from __future__ import annotations

from bot.store.deliveries import Deliveries
from bot.store.keys import ApiKey, ApiKeyStore, CreatedKey
from bot.store.migrate import upgrade
from bot.store.records import EXPORT_FIELDS, STATUSES, Conversation, Owner, Rating, Turn
from bot.store.reindex_jobs import ReindexJobStore
from bot.store.repository import ConversationStore

__all__ = [
    "EXPORT_FIELDS",
    "STATUSES",
    "ApiKey",
    "ApiKeyStore",
    "Conversation",
    "ConversationStore",
    "CreatedKey",
    "Deliveries",
    "Owner",
    "Rating",
    "ReindexJobStore",
    "Turn",
    "upgrade",
]
