"""`showfacts serve`: one FastAPI application with a JSON API under /api and server-rendered pages.

Both read through ``showfacts.query``, so the CLI, the API and the pages give the same answer.
"""

from showfacts.web.app import create_app

__all__ = ["create_app"]
