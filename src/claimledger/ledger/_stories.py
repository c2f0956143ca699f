"""Stories in the ledger: the SQL behind ``Ledger.stories()``, ``.story()`` and what reconcile needs.

Mixed into :class:`~claimledger.ledger._sql.SQLLedger`.  Tables (migration 3):

================  ==========================================================================
stories           one row per story (:class:`~claimledger.models.Story`)
story_features    one row per assigned article, in assignment order (``seq``): its story, the
                  encoder, its features (JSON) and its embedding (base64 float32); the online
                  assigner is rebuilt from it, so a later batch continues exactly where the last
                  one stopped
stories_pending   stories whose derived rows (their own row, and what ``reconcile_story`` makes)
                  are still to be written: a run killed half-way finishes them on the next run
documents         ``story_id`` of each assigned article
================  ==========================================================================

Every write here is one transaction (or joins the caller's ``atomic()`` block).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimledger.ledger import rows as R
from claimledger.ledger._primitives import Row, SQLPrimitives
from claimledger.ledger.schema import ARTICLE_TABLES, COLUMNS, SPECS, column_list, quote
from claimledger.models import Reading, Story

_IN_CHUNK = 500  # ids per IN (...) list: well under PostgreSQL's parameter limit


@dataclass(frozen=True)
class StoryFeatureRow:
    """One assigned article as ``story_features`` stores it."""

    doc_id: str
    seq: int
    story_id: str
    encoder: str
    features: str  # JSON text (reconcile.features.StoryFeatures.to_record)
    vector: str  # base64 of float32 bytes


class StoriesMixin(SQLPrimitives):
    """Story reads and writes shared by both backends (needs SQLLedger's primitives)."""

    # ---- reads ----------------------------------------------------------------------------------
    def stories(self, *, limit: int | None = None) -> list[Story]:
        """Every story, in the order they were opened (``seq``)."""
        return list(self._select("stories", limit=limit, order=("seq", "story_id")))

    def story(self, story_id: str) -> Story | None:
        """The story ``story_id`` (or the only one whose id starts with it), else None."""
        found = self._select("stories", "story_id = ?", (story_id,))
        if not found and story_id:
            found = self._select("stories", "story_id LIKE ?", (story_id.replace("%", "") + "%",), limit=2)
            if len(found) != 1:
                return None
        return found[0] if found else None

    def story_doc_ids(self, story_id: str) -> list[str]:
        """The doc_ids of one story's articles, oldest publication first."""
        rows = self._fetchall(
            "SELECT doc_id FROM documents WHERE story_id = ? ORDER BY published NULLS LAST, doc_id", (story_id,)
        )
        return [r[0] for r in rows]

    def story_members(self, story_ids: Sequence[str]) -> dict[str, tuple[int, list[str]]]:
        """``{story_id: (seq, doc_ids oldest publication first)}`` of several stories, in a few queries."""
        out: dict[str, tuple[int, list[str]]] = {}
        for i in range(0, len(story_ids), _IN_CHUNK):
            chunk = list(story_ids[i : i + _IN_CHUNK])
            marks = ", ".join("?" for _ in chunk)
            seqs: dict[str, Any] = dict(
                self._fetchall(f"SELECT story_id, seq FROM stories WHERE story_id IN ({marks})", chunk)
            )
            rows = self._fetchall(
                f"SELECT story_id, doc_id FROM documents WHERE story_id IN ({marks}) "
                "ORDER BY story_id, published NULLS LAST, doc_id",
                chunk,
            )
            for sid in chunk:
                out[sid] = (int(seqs.get(sid) or 0), [])
            for sid, doc_id in rows:
                out[sid][1].append(doc_id)
        return out

    def unassigned_documents(self) -> list[tuple[str, Any, str | None]]:
        """(doc_id, published, duplicate_of) of every article without a story, in assignment order:
        publication date, originals before their wire copies, then doc_id."""
        rows = self._fetchall(
            "SELECT doc_id, published, duplicate_of FROM documents WHERE story_id IS NULL "
            "ORDER BY published NULLS LAST, CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END, doc_id"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def story_feature_rows(self, *, page: int = 5000) -> Iterator[StoryFeatureRow]:
        """Every ``story_features`` row in assignment order, a page at a time."""
        last = -1
        while True:
            rows = self._fetchall(
                "SELECT doc_id, seq, story_id, encoder, features, vector FROM story_features "
                "WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, page),
            )
            for r in rows:
                yield StoryFeatureRow(r[0], int(r[1]), r[2], r[3], r[4] if isinstance(r[4], str) else str(r[4]), r[5])
            if len(rows) < page:
                return
            last = int(rows[-1][1])

    def pending_stories(self) -> list[str]:
        """Stories whose derived rows are still to be written (sorted)."""
        return [r[0] for r in self._fetchall("SELECT story_id FROM stories_pending ORDER BY story_id")]

    def readings_many(self, doc_ids: Sequence[str]) -> list[Reading]:
        """The stored readings of ``doc_ids`` (in that order; unknown ids are left out), read with a
        few queries per 500 articles instead of seven per article."""
        out: dict[str, Reading] = {}
        cols = COLUMNS["documents"]
        for i in range(0, len(doc_ids), _IN_CHUNK):
            chunk = list(doc_ids[i : i + _IN_CHUNK])
            marks = ", ".join("?" for _ in chunk)
            docs = self._fetchall(f"SELECT {column_list(cols)} FROM documents WHERE doc_id IN ({marks})", chunk)
            parts: dict[str, dict[str, list[Any]]] = {d: {t: [] for t in ARTICLE_TABLES} for d in chunk}
            for table in ARTICLE_TABLES:
                tcols = COLUMNS[table]
                rows = self._fetchall(
                    f"SELECT {column_list(tcols)} FROM {table} WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", chunk
                )
                at = tcols.index("doc_id")
                for row in rows:
                    parts[row[at]][table].append(R.to_model(table, tcols, row))
            for row in docs:
                article = R.to_model("documents", cols, row)
                p = parts[article.doc_id]
                out[article.doc_id] = Reading(
                    article=article,
                    claims=tuple(p["claims"]),
                    figures=tuple(p["figures"]),
                    times=tuple(p["times"]),
                    places=tuple(p["places"]),
                    actors=tuple(p["actors"]),
                    events=tuple(p["events"]),
                    notes=R.notes_of(cols, row),
                )
        return [out[d] for d in doc_ids if d in out]

    # ---- writes ---------------------------------------------------------------------------------
    def write_assignments(self, rows: Sequence[StoryFeatureRow], new_stories: Sequence[tuple[str, int]]) -> None:
        """Record where articles went, in one transaction: their features, ``documents.story_id``,
        a row for every story they opened (``(story_id, seq)``) and every touched story as pending.
        """
        self._check_writable()
        if not rows:
            return
        with self.atomic():
            self._insert_many(
                "story_features",
                ("doc_id", "seq", "story_id", "encoder", "features", "vector"),
                [(r.doc_id, r.seq, r.story_id, r.encoder, r.features, r.vector) for r in rows],
            )
            for i in range(0, len(rows), _IN_CHUNK):
                chunk = rows[i : i + _IN_CHUNK]
                values = ", ".join("(?, ?)" for _ in chunk)
                self._execute(
                    f"UPDATE documents SET story_id = v.s FROM (VALUES {values}) AS v(d, s) "
                    "WHERE documents.doc_id = v.d",
                    [x for r in chunk for x in (r.doc_id, r.story_id)],
                )
            if new_stories:
                self._insert_many(
                    "stories",
                    COLUMNS["stories"],
                    [_story_row(Story(sid, seq=seq)) for sid, seq in new_stories],
                    ignore="story_id",
                )
            touched = sorted({r.story_id for r in rows})
            self._insert_many("stories_pending", ("story_id",), [(s,) for s in touched], ignore="story_id")

    def write_story(self, story: Story) -> None:
        """Replace the row of ``story`` and mark it done (not pending), in one transaction (or the
        caller's: ``reconcile.run`` writes it together with the story's events and comparisons)."""
        self._check_writable()
        cols = COLUMNS["stories"]
        update = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in cols if c != "story_id")
        with self.atomic():
            self._execute(
                f"INSERT INTO stories ({column_list(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
                f"ON CONFLICT (story_id) DO UPDATE SET {update}",
                _story_row(story),
            )
            self._execute("DELETE FROM stories_pending WHERE story_id = ?", (story.story_id,))

    def clear_stories(self) -> None:
        """Forget every story assignment (one transaction): what ``reconcile(rebuild=True)`` starts from."""
        self._check_writable()
        with self.atomic():
            self._execute("UPDATE documents SET story_id = NULL WHERE story_id IS NOT NULL")
            for table in ("stories", "story_features", "stories_pending"):
                self._execute(f"DELETE FROM {table}")


def _story_row(story: Story) -> Row:
    return tuple(R.column_values(SPECS["stories"].columns, story, {}, f"{story.story_id} (stories)"))


__all__ = ["StoriesMixin", "StoryFeatureRow"]
