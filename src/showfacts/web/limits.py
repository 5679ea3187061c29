"""ASGI middleware: bound each request's body and time, and add the security headers to every answer.

Written as plain ASGI (not Starlette's ``BaseHTTPMiddleware``, which wraps every response in
an extra task and stream): it sits on the path of every request and must cost next to nothing.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
"""Every page and answer: no scripts at all (a ``javascript:`` link or an injected handler cannot run)."""
DOCS_CSP = (
    "default-src 'none'; script-src 'self' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; font-src https://fonts.gstatic.com; "
    "img-src 'self' data: https://cdn.redoc.ly https://fastapi.tiangolo.com; connect-src 'self'; worker-src blob:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The API documentation (/docs, /redoc): Swagger UI and ReDoc from their CDN, started by a static
file (``static/swagger-init.js``), so scripts too come only from known places, never inline."""
DOCS_PATHS = ("/docs", "/redoc")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class LimitsAndHeaders:
    def __init__(self, app: ASGIApp, max_body_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await _error(send, 413, f"request body over {self.max_body_bytes} bytes")
            return
        csp = (DOCS_CSP if scope["path"] in DOCS_PATHS else CSP).encode()
        started = False  # a response has begun going out
        too_large = False  # the body ran over the bound while the app read it
        received = 0

        async def counted_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:  # a chunked body without a length: the app sees the client go
                too_large = True
                return {"type": "http.disconnect"}
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # whatever the app answers to the cut body, the client gets the 413 below
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", csp), *_HEADERS]
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, counted_receive, send_with_headers), timeout=self.timeout_s)
        except TimeoutError:
            if not started:
                await _error(send, 503, "the request took too long")
            return
        except Exception:
            if not too_large:
                raise
        if too_large and not started:
            await _error(send, 413, f"request body over {self.max_body_bytes} bytes")


async def _error(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode()),
        *_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
