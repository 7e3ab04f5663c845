"""The HTTP door's parts; `api.py` assembles them into the app and declares the routes.

errors         the error body of every failure, and the exception tree's HTTP codes
json_body      strict JSON request bodies (no lone surrogates, NaN or infinities)
auth           who is calling (anonymous, API key, admin) and from which origin
limits         moving-window rate limits (per key, per IP, per widget session)
middleware     body size limit, request timeout, CORS with JSON refusals
observability  request ids, one JSON log line per request, Prometheus metrics
streaming      the server-sent events of /v1/chat/stream
admin          /v1/admin/*: statistics, CSV export, reindex jobs, purge
jobs           background reindex jobs
retention      the periodic purge of old conversations
schemas        request and response bodies added by this door
deps           FastAPI dependencies: the runtime, the caller
"""
