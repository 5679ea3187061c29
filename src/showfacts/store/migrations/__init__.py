"""Alembic migrations for the store, applied programmatically by ``showfacts.store.db``."""
