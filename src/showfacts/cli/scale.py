"""Commands for the scale family (placeholder until its issue lands)."""
