"""The knowledge base: articles, entities with aliases, and facts with provenance.

SQLite (the default, a file) or PostgreSQL, through SQLAlchemy 2; the schema is managed by
Alembic migrations shipped in ``migrations/`` and applied on first use.
"""
