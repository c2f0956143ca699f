"""Schema versions: a fresh ledger has the documented columns; adding a migration upgrades an
existing ledger in place; a ledger from a newer claimledger is refused clearly."""

from __future__ import annotations

import pytest

from claimledger.errors import SchemaError
from claimledger.ledger import MIGRATIONS, migration, open_ledger
from claimledger.ledger.schema import COLUMNS, SPECS, render

# information_schema's name of each DDL type, per backend.
_TYPE_NAMES = {
    "duckdb": {"TEXT": "VARCHAR", "DOUBLE PRECISION": "DOUBLE"},
    "postgres": {"DOUBLE PRECISION": "double precision", "TIMESTAMP": "timestamp without time zone"},
}


def _db_types(ledger, table: str) -> dict[str, str]:
    rows = ledger._fetchall(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ?",
        (table,),
    )
    return {name: str(kind).upper() for name, kind in rows}


def test_migrations_fresh_ledger_has_the_derived_columns(ledger) -> None:
    """The migrations build exactly the columns derived from the models, with their types.  The
    order in the database is the migrations' history (ALTER TABLE appends); reads and writes name
    their columns, so only the set and the types matter."""
    for table, spec in SPECS.items():
        have = _db_types(ledger, table)
        for col in spec.columns:
            want = render(col.sql, ledger.dialect)
            want = _TYPE_NAMES[ledger.dialect].get(want, want).upper()
            assert col.name in have, (
                f'missing column: add a migration with "ALTER TABLE {table} ADD COLUMN {col.name} {col.sql}"'
            )
            assert have[col.name] == want, (table, col.name)
        assert sorted(have) == sorted(COLUMNS[table]), table
    assert ledger.columns_of("_migrations") == ["version", "name", "applied_at"]
    recorded = ledger.sql("SELECT version, name FROM _migrations ORDER BY version")[1]
    assert recorded == [(m.version, m.name) for m in sorted(MIGRATIONS.values(), key=lambda m: m.version)]
    assert recorded[0] == (1, "initial schema")
    assert ledger.schema_version == max(MIGRATIONS)


LATEST = max(MIGRATIONS)
NEXT = LATEST + 1


def _with_next(fail: bool = False) -> dict:
    """The real migrations plus one more (version NEXT) that adds a column."""
    registry = dict(MIGRATIONS)

    @migration(NEXT, "figures: add confidence", registry=registry)
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
        assert led.schema_version == LATEST
    with open_ledger(backend_target, migrations=_with_next()) as led:
        assert led.schema_version == NEXT
        assert "confidence" in led.columns_of("figures")
        assert led.sql("SELECT confidence FROM figures")[1] == [(0.5,)]
        assert led.reading(r.doc_id) == r  # the data survived
        versions = [v for v, _ in led.sql("SELECT version, name FROM _migrations ORDER BY version")[1]]
        assert versions == [*sorted(MIGRATIONS), NEXT]
    with open_ledger(backend_target, migrations=_with_next()) as led:  # nothing left to apply
        assert led.schema_version == NEXT


def test_migrations_ledger_from_newer_version_is_refused(backend_target) -> None:
    open_ledger(backend_target, migrations=_with_next()).close()
    with pytest.raises(SchemaError, match="newer claimledger") as err:
        open_ledger(backend_target)
    assert f"version {NEXT}" in str(err.value) and err.value.code == "CL021"


def test_migrations_failed_migration_leaves_previous_version(backend_target, make_reading) -> None:
    r = make_reading()
    with open_ledger(backend_target) as led:
        led.write(r)
    with pytest.raises(SchemaError, match=f"migration {NEXT} .* failed: half-way through"):
        open_ledger(backend_target, migrations=_with_next(fail=True))
    with open_ledger(backend_target) as led:
        assert led.schema_version == LATEST
        assert "confidence" not in led.columns_of("figures")
        assert led.reading(r.doc_id) == r


def test_migrations_read_only_ledger_needing_upgrade_is_refused(tmp_path) -> None:
    path = tmp_path / "old.duckdb"
    open_ledger(path).close()
    with pytest.raises(SchemaError, match="without read_only"):
        open_ledger(path, read_only=True, migrations=_with_next())


def test_migrations_registry_rejects_duplicate_versions() -> None:
    registry = dict(MIGRATIONS)
    with pytest.raises(ValueError, match="already registered"):
        migration(1, "again", registry=registry)(lambda db: None)
    with pytest.raises(ValueError):
        migration(0, "zero", registry=registry)(lambda db: None)


def test_migrations_v1_ledger_upgrades_to_current(tmp_path, make_reading) -> None:
    """A ledger written by the first release (schema 1) opens with today's claimledger, data kept."""
    from dataclasses import replace

    path = tmp_path / "v1.duckdb"
    r = make_reading()
    v1 = {1: MIGRATIONS[1]}
    old = replace(
        r,
        times=tuple(replace(t, timex=None, value_end=None) for t in r.times),
        actors=tuple(replace(a, metonymy=False) for a in r.actors),
        article=replace(r.article, duplicate_of=None),
        signature=None,
    )
    with open_ledger(path, migrations=v1) as led:
        assert led.schema_version == 1
        assert "duplicate_of" not in led.columns_of("documents")
    with open_ledger(path) as led:
        assert led.schema_version == LATEST
        assert {"duplicate_of", "signature"} <= set(led.columns_of("documents"))
        led.write(old)
        back = led.reading(old.doc_id)
    assert back.article == old.article and back.claims == old.claims
