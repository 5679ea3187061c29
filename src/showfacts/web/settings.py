"""Settings of the web application, read from the environment once at start."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    db_url: str | None = None
    token: str | None = None  # SHOWFACTS_TOKEN: writes need "Authorization: Bearer <token>"; none set → every write is 403
    max_body_bytes: int = 6_000_000  # a POSTed article (5 MB of text plus JSON overhead)
    request_timeout_s: float = 20.0  # a request that runs longer answers 503

    @classmethod
    def from_env(cls, db_url: str | None = None, token: str | None = None) -> Settings:
        return cls(
            db_url=db_url or os.environ.get("SHOWFACTS_DB"),
            token=token if token is not None else (os.environ.get("SHOWFACTS_TOKEN") or None),
            max_body_bytes=int(os.environ.get("SHOWFACTS_MAX_BODY", 6_000_000)),
            request_timeout_s=float(os.environ.get("SHOWFACTS_REQUEST_TIMEOUT", 20.0)),
        )
