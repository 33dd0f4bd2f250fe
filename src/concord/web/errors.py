"""Errors as JSON: every failure answers ``{"error": code, "message": text}``, never a traceback.

Concord's own errors map to 4xx (unknown names 404, wrong input 422); anything unexpected is
logged with its traceback on the server and answered with a plain 500 message. Request bodies
larger than the configured limit are refused with 413 before they are read in full.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from concord.errors import (
    ConcordError,
    ConvergenceError,
    DataError,
    InputError,
    UnknownEntityError,
)

log = logging.getLogger("concord.web")

#: The JSON body of every error answer (documented in the OpenAPI schema).
ERROR_SCHEMA: dict[str, Any] = {
    "description": "An error with a clear message",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {"type": "string"},
                    "message": {"type": "string"},
                    "problems": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["error", "message"],
            }
        }
    },
}


def error_response(
    status: int, code: str, message: str, problems: list[str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"error": code, "message": message}
    if problems:
        body["problems"] = problems
    return JSONResponse(body, status_code=status)


def concord_status(exc: ConcordError) -> tuple[int, str]:
    """HTTP status and error code of one of Concord's errors."""
    if isinstance(exc, UnknownEntityError):
        return 404, "unknown_entity"
    if isinstance(exc, InputError):
        return 422, "invalid_input"
    if isinstance(exc, ConvergenceError):
        return 500, "not_converged"
    if isinstance(exc, DataError):
        return 500, "data_error"
    return 500, "concord_error"


def _location(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body",)] if isinstance(loc, (list, tuple)) else []
    return ".".join(parts) or "request"


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error answers on ``app``."""

    @app.exception_handler(ConcordError)
    async def _concord(_: Request, exc: ConcordError) -> JSONResponse:
        status, code = concord_status(exc)
        if status >= 500:
            log.error("concord error: %s", exc)
        problems = list(getattr(exc, "problems", []) or [])
        return error_response(status, code, str(exc), problems or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{_location(err.get('loc'))}: {err.get('msg', 'invalid')}" for err in exc.errors()
        ][:20]
        return error_response(422, "invalid_request", "the request is not valid", problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 429: "busy"}
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /docs for the API"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, codes.get(exc.status_code, "http_error"), message)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return error_response(
            500, "internal_error", "internal server error; the server log has the details"
        )


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with a 413 JSON answer (header or streamed)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self) -> JSONResponse:
        megabytes = self.max_bytes / 1_000_000
        return error_response(
            413,
            "too_large",
            f"request body is larger than the limit of {megabytes:g} MB; send less text",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0:
                    bad = error_response(400, "bad_request", "Content-Length is not a number")
                    await bad(scope, receive, send)
                    return
                if declared > self.max_bytes:
                    await self._refusal()(scope, receive, send)
                    return
        if not any(name == b"content-length" for name, _ in scope.get("headers", [])):
            # A streamed body: read it here, up to the limit, then hand it on.
            chunks: list[bytes] = []
            seen = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunk = message.get("body", b"")
                seen += len(chunk)
                if seen > self.max_bytes:
                    await self._refusal()(scope, receive, send)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay() -> Message:
                nonlocal sent
                if sent:
                    return await receive()
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            await self.app(scope, replay, send)
            return
        await self.app(scope, receive, send)


__all__ = [
    "ERROR_SCHEMA",
    "BodyLimitMiddleware",
    "concord_status",
    "error_response",
    "install_error_handlers",
]
