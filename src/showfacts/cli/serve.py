"""Commands for the serve family (placeholder until its issue lands)."""
