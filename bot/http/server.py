"""The HTTP server around the app: uvicorn, with the API's error body on its own refusals and
no proxy believed unless named.

- uvicorn answers a request it cannot parse (a bad request line, a bad chunk size, both
  Content-Length and Transfer-Encoding…) itself, before the app sees it, in plain text. The
  protocols here send the same 400 as `{"error": {"code": "bad_request", "message": …}}`.
  What uvicorn still answers on its own is documented in docs/scale-out.md.
- `X-Forwarded-For` and `X-Forwarded-Proto` are believed only from `forwarded_allow_ips`
  (uvicorn's own default believes 127.0.0.1: any local client could pick its address and so
  its rate limit). Empty: no proxy, the connecting address is the client.
"""

from __future__ import annotations

import json
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_STATUS_LINE = b"HTTP/1.1 400 Bad Request\r\n"


def _json_400(message: str) -> bytes:
    body = json.dumps(
        {"error": {"code": "bad_request", "message": f"malformed HTTP request: {message}"}}
    ).encode()
    head = (
        b"content-type: application/json\r\n"
        + b"content-length: "
        + str(len(body)).encode()
        + b"\r\n"
        + b"connection: close\r\n\r\n"
    )
    return head + body


class JsonErrorsHttpTools(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        headers = b"".join(
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        )
        self.transport.write(_STATUS_LINE + headers + _json_400(msg))
        self.transport.close()


class JsonErrorsH11(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(_STATUS_LINE + _json_400(msg))
        self.transport.close()


def trusted_proxies(setting: str) -> list[str]:
    return [address.strip() for address in setting.split(",") if address.strip()]


def run(
    app: Any, *, host: str, port: int, workers: int, forwarded_allow_ips: str, **options: Any
) -> None:
    """`uvicorn.run` with the protocols above and the proxies named (none by default)."""
    import uvicorn

    proxies = trusted_proxies(forwarded_allow_ips)
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        http=JsonErrorsHttpTools,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
        **options,
    )
