"""Schema versions: a fresh ledger has the documented columns; adding a migration upgrades an
existing ledger in place; a ledger from a newer claimledger is refused clearly."""

from __future__ import annotations

import pytest

from claimledger.errors import SchemaError
from claimledger.ledger import MIGRATIONS, migration, open_ledger
from claimledger.ledger.schema import COLUMNS


def test_migrations_fresh_ledger_has_the_schema_columns(ledger) -> None:
    for table, columns in COLUMNS.items():
        assert ledger.columns_of(table) == list(columns), table
    assert ledger.columns_of("_migrations") == ["version", "name", "applied_at"]
    assert ledger.sql("SELECT version, name FROM _migrations")[1] == [(1, "initial schema")]
    assert ledger.schema_version == max(MIGRATIONS)


def _with_v2(fail: bool = False) -> dict:
    registry = dict(MIGRATIONS)

    @migration(2, "figures: add confidence", registry=registry)
    def _v2(db) -> None:
        db.execute("ALTER TABLE figures ADD COLUMN confidence {double}")
        db.execute("UPDATE figures SET confidence = 0.5")
        if fail:
            raise RuntimeError("half-way through")

    return registry


def test_migrations_new_migration_upgrades_existing_ledger(backend_target, make_reading) -> None:
    r = make_reading()
    with open_ledger(backend_target) as led:
        led.write(r)
        assert led.schema_version == 1
    with open_ledger(backend_target, migrations=_with_v2()) as led:
        assert led.schema_version == 2
        assert "confidence" in led.columns_of("figures")
        assert led.sql("SELECT confidence FROM figures")[1] == [(0.5,)]
        assert led.reading(r.doc_id) == r  # the data survived
        assert [v for v, _ in led.sql("SELECT version, name FROM _migrations ORDER BY version")[1]] == [1, 2]
    with open_ledger(backend_target, migrations=_with_v2()) as led:  # nothing left to apply
        assert led.schema_version == 2


def test_migrations_ledger_from_newer_version_is_refused(backend_target) -> None:
    open_ledger(backend_target, migrations=_with_v2()).close()
    with pytest.raises(SchemaError, match="newer claimledger") as err:
        open_ledger(backend_target)
    assert "version 2" in str(err.value) and err.value.code == "CL021"


def test_migrations_failed_migration_leaves_previous_version(backend_target, make_reading) -> None:
    r = make_reading()
    with open_ledger(backend_target) as led:
        led.write(r)
    with pytest.raises(SchemaError, match="migration 2 .* failed: half-way through"):
        open_ledger(backend_target, migrations=_with_v2(fail=True))
    with open_ledger(backend_target) as led:
        assert led.schema_version == 1
        assert "confidence" not in led.columns_of("figures")
        assert led.reading(r.doc_id) == r


def test_migrations_read_only_ledger_needing_upgrade_is_refused(tmp_path) -> None:
    path = tmp_path / "old.duckdb"
    open_ledger(path).close()
    with pytest.raises(SchemaError, match="without read_only"):
        open_ledger(path, read_only=True, migrations=_with_v2())


def test_migrations_registry_rejects_duplicate_versions() -> None:
    registry = dict(MIGRATIONS)
    with pytest.raises(ValueError, match="already registered"):
        migration(1, "again", registry=registry)(lambda db: None)
    with pytest.raises(ValueError):
        migration(0, "zero", registry=registry)(lambda db: None)
