"""CLI commands, one module each (thin shells over the library)."""
