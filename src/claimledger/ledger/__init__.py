"""The ledger: an embedded DuckDB file by default, PostgreSQL for teams."""
