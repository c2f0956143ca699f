#!/usr/bin/env python3
"""Build the side index of folded keys (``resources/places/folds.sqlite``) from the gazetteer index.

Every name and alternate name of ``gazetteer.sqlite`` (demonyms aside) is folded by
:func:`claimledger.nlp.places.gazetteer.fold_key` (romanisation variants: "Al Qamishli" and
"Qamishli", "An Nusayrat" and "Nuseirat"); the rows whose folded key differs from the key are
written, so ``Gazetteer.lookup_folded`` finds a variant spelling that no source lists.  Needs
nothing but the main index (offline, about 10 s); ``scripts/build_gazetteer.py`` runs it after
each build::

    python scripts/build_gazetteer_folds.py            # next to the shipped index
    python scripts/build_gazetteer_folds.py --gazetteer path/to/gazetteer.sqlite
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.nlp.places.gazetteer import DEFAULT_PATH, FOLDS_NAME, KIND_DEMONYM, fold_key  # noqa: E402


def build_folds(gazetteer: Path) -> Path:
    """Write ``folds.sqlite`` next to ``gazetteer`` and return its path."""
    out = gazetteer.with_name(FOLDS_NAME)
    src = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    rows = src.execute("SELECT key, place, kind FROM name WHERE kind != ? ORDER BY key", (KIND_DEMONYM,)).fetchall()
    src.close()
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("CREATE TABLE fold (key TEXT, place INTEGER, kind INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID")
    folded = ((f, place, kind) for key, place, kind in rows if (f := fold_key(key)) != key)
    db.executemany("INSERT OR IGNORE INTO fold VALUES (?, ?, ?)", folded)
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gazetteer", type=Path, default=DEFAULT_PATH)
    args = ap.parse_args(argv)
    out = build_folds(args.gazetteer)
    n = sqlite3.connect(out).execute("SELECT COUNT(*) FROM fold").fetchone()[0]
    print(f"{out}: {n} folded keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
