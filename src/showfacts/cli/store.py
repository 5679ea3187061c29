"""Commands for the store family (placeholder until its issue lands)."""
