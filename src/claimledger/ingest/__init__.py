"""Bytes and files -> :class:`claimledger.models.Article` (no spaCy here)."""
