"""spaCy components of claimledger: one module per factory (see docs/ARCHITECTURE.md)."""
