"""The application factory uvicorn imports in each worker process (settings from the environment)."""

from __future__ import annotations

from fastapi import FastAPI

from showfacts.web.app import create_app


def app() -> FastAPI:
    return create_app()
