"""Across articles in the ledger: what ``reconcile_story`` derives per story, stored and read back.

Mixed into :class:`~claimledger.ledger._sql.SQLLedger`.  Tables and columns (migration 4):

============  ============================================================================
events        merged events carry ``story_id`` (and replace the per-article events of the
              story's documents, which have ``story_id`` NULL until their story is reconciled)
claims        ``story_id``, ``event_ids``, ``claim_group`` of every claim of a reconciled story
comparisons   two figures of one measure (:class:`~claimledger.models.Comparison`)
claim_groups  one statement by one source across articles (:class:`~claimledger.models.ClaimGroup`)
timeline      one source's figure for one measure on one date (:class:`~claimledger.models.TimelinePoint`)
============  ============================================================================

:meth:`AcrossMixin.write_story_reconciliation` replaces everything of one story in one transaction
(or in the caller's: ``reconcile.run`` writes the story row in the same one), so a rerun writes the
same rows again and a ``kill -9`` leaves either the old rows or the new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimledger.errors import QueryError
from claimledger.ledger import rows as R
from claimledger.ledger._primitives import SQLPrimitives
from claimledger.ledger.schema import COLUMNS, quote
from claimledger.models import ClaimGroup, ClaimLink, Comparison, Story, StoryReconciliation, TimelinePoint

_IN_CHUNK = 500  # ids per IN (...) list, and claims per UPDATE: well under PostgreSQL's parameter limit
DERIVED_TABLES: tuple[str, ...] = ("comparisons", "claim_groups", "timeline")
RELATIONS: tuple[str, ...] = ("agree", "conflict", "different_measure")


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


class AcrossMixin(SQLPrimitives):
    """Story reconciliation writes and reads shared by both backends (needs SQLLedger's primitives)."""

    # provided by StoriesMixin
    def story(self, story_id: str) -> Story | None:
        raise NotImplementedError

    # ---- writes ---------------------------------------------------------------------------------
    def write_story_reconciliation(self, result: StoryReconciliation) -> None:
        """Replace everything derived for ``result.story_id`` (its events, comparisons, claim groups,
        timeline points and its claims' links) by ``result``, in one transaction.

        The per-article events of the story's documents are replaced too: the merged events list
        their claims (an article's reading is still in its claims, figures, times and places).

        Args:
            result: what :func:`claimledger.reconcile.across.reconcile_story` returned.
        """
        self._check_writable()
        sid, docs = result.story_id, list(result.doc_ids)
        with self.atomic():
            self._execute("DELETE FROM events WHERE story_id = ?", (sid,))
            for i in range(0, len(docs), _IN_CHUNK):
                chunk = docs[i : i + _IN_CHUNK]
                self._execute(f"DELETE FROM events WHERE story_id IS NULL AND doc_id IN ({_marks(len(chunk))})", chunk)
            for table in DERIVED_TABLES:
                self._execute(f"DELETE FROM {table} WHERE story_id = ?", (sid,))
            events = [
                R.record_row("events", e, {"doc_id": e.doc_ids[0] if e.doc_ids else "", "seq": i})
                for i, e in enumerate(result.events)
            ]
            if events:
                self._insert_many("events", COLUMNS["events"], events)
            for table, items in (
                ("comparisons", result.comparisons),
                ("claim_groups", result.claim_groups),
                ("timeline", result.timeline),
            ):
                if items:
                    self._insert_many(table, COLUMNS[table], [R.record_row(table, x) for x in items])
            self._execute(
                "UPDATE claims SET story_id = NULL, event_ids = NULL, claim_group = NULL WHERE story_id = ?", (sid,)
            )
            self._link_claims(result.claim_links)

    def _link_claims(self, links: Sequence[ClaimLink]) -> None:
        """Set ``story_id``/``event_ids``/``claim_group`` of many claims with a few UPDATE … FROM (VALUES …)."""
        for i in range(0, len(links), _IN_CHUNK):
            chunk = links[i : i + _IN_CHUNK]
            values = ", ".join("(?, ?, ?, ?)" for _ in chunk)
            params: list[Any] = []
            for link in chunk:
                ids = R.dump_json(list(link.event_ids), input=link.claim_id)
                params += [link.claim_id, link.story_id, ids, link.claim_group]
            self._execute(
                "UPDATE claims SET story_id = v.s, event_ids = CAST(v.e AS JSON), claim_group = v.g "
                f"FROM (VALUES {values}) AS v(id, s, e, g) WHERE claims.claim_id = v.id",
                params,
            )

    def clear_story_reconciliations(self) -> None:
        """Forget everything derived per story (what ``reconcile(rebuild=True)`` starts from): the
        merged events, comparisons, claim groups, timeline points and the claims' links."""
        self._check_writable()
        with self.atomic():
            self._execute("DELETE FROM events WHERE story_id IS NOT NULL")
            for table in DERIVED_TABLES:
                self._execute(f"DELETE FROM {table}")
            self._execute(
                "UPDATE claims SET story_id = NULL, event_ids = NULL, claim_group = NULL WHERE story_id IS NOT NULL"
            )

    # ---- reads ----------------------------------------------------------------------------------
    def _story_id(self, story: str) -> str:
        """The full id of ``story`` (an id or a unique prefix of one); the input itself when unknown."""
        found = self.story(story)
        return found.story_id if found else story

    def _event_filter(self, story: str | None, kind: str | None) -> tuple[str, list[Any]]:
        """The WHERE clause and parameters of ``events(story=, type=)``."""
        where: list[str] = []
        params: list[Any] = []
        if story:
            where.append("story_id = ?")
            params.append(self._story_id(story))
        if kind:
            where.append("type = ?")
            params.append(kind)
        return " AND ".join(where), params

    def comparisons(
        self,
        *,
        story: str | None = None,
        event: str | None = None,
        relation: str | None = None,
        measure: str | None = None,
    ) -> list[Comparison]:
        """Comparisons of figures, by story, then measure.

        Args:
            story: only this story (an id or a unique prefix).
            event: only comparisons of this event.
            relation: agree | conflict | different_measure.
            measure: a measure name ("killed" also keeps "killed:civilians" and "killed|injured").

        Raises:
            QueryError: an unknown relation (the message lists the valid ones).
        """
        where: list[str] = []
        params: list[Any] = []
        if relation is not None:
            if relation not in RELATIONS:
                raise QueryError(f"unknown relation {relation!r}; one of {', '.join(RELATIONS)}", input=relation)
            where.append("relation = ?")
            params.append(relation)
        if story:
            where.append("story_id = ?")
            params.append(self._story_id(story))
        if event:
            where.append("event_id = ?")
            params.append(event)
        if measure:
            where.append("(measure = ? OR strpos(measure, ?) = 1 OR strpos(measure, ?) = 1 OR strpos(measure, ?) > 0)")
            params += [measure, f"{measure}:", f"{measure}|", f"|{measure}"]
        order = ("story_id", "measure", "comparison_id")
        return list(self._select("comparisons", " AND ".join(where), params, order=order))

    def conflicts(self, *, story: str | None = None, measure: str | None = None) -> list[Comparison]:
        """Figures that contradict each other (disjoint ranges): ``comparisons(relation="conflict")``."""
        return self.comparisons(story=story, relation="conflict", measure=measure)

    def claim_groups(self, *, story: str | None = None, min_articles: int = 1) -> list[ClaimGroup]:
        """Claim groups, by story.

        Args:
            story: only this story (an id or a unique prefix).
            min_articles: only groups carried by at least this many articles.
        """
        where: list[str] = ["articles >= ?"]
        params: list[Any] = [int(min_articles)]
        if story:
            where.append("story_id = ?")
            params.append(self._story_id(story))
        return list(self._select("claim_groups", " AND ".join(where), params, order=("story_id", "claim_group")))

    def timeline(
        self, measure: str, *, about: str | None = None, source: str | None = None, story: str | None = None
    ) -> list[TimelinePoint]:
        """Each source's figures for one measure over time, ordered by source, then date.

        Args:
            measure: the measure ("killed" also keeps "killed:civilians").
            about: words that the story's title, the claim's content or the figure's text contain
                (case-insensitive), e.g. "North Korean".
            source: a substring of the source's name (case-insensitive).
            story: only this story (an id or a unique prefix).
        """
        cols = ", ".join(f"t.{quote(c)}" for c in COLUMNS["timeline"])
        sql = (
            f"SELECT {cols} FROM timeline t LEFT JOIN stories s ON s.story_id = t.story_id "
            "LEFT JOIN claims c ON c.claim_id = t.claim_id WHERE (t.measure = ? OR strpos(t.measure, ?) = 1)"
        )
        params: list[Any] = [measure, f"{measure}:"]
        if about:
            sql += (
                " AND (strpos(LOWER(COALESCE(s.title, '')), LOWER(?)) > 0 OR "
                "strpos(LOWER(COALESCE(c.content_text, '')), LOWER(?)) > 0 OR strpos(LOWER(t.text), LOWER(?)) > 0)"
            )
            params += [about, about, about]
        if source:
            sql += " AND strpos(LOWER(t.source), LOWER(?)) > 0"
            params.append(source)
        if story:
            sql += " AND t.story_id = ?"
            params.append(self._story_id(story))
        sql += ' ORDER BY LOWER(t.source), t."date" NULLS LAST, t.point_id'
        return [R.to_model("timeline", COLUMNS["timeline"], row) for row in self._fetchall(sql, params)]

    def resolve_document(self, ref: str) -> str:
        """The doc_id ``ref`` names: a doc_id, an external id (the ``id`` given at ingest, or the file
        name) or a unique prefix of a doc_id.

        Raises:
            QueryError: no document, or several, match (the message lists a few).
        """
        for sql in (
            "SELECT doc_id FROM documents WHERE doc_id = ?",
            "SELECT doc_id FROM documents WHERE external_id = ? ORDER BY doc_id",
            "SELECT doc_id FROM documents WHERE strpos(doc_id, ?) = 1 ORDER BY doc_id LIMIT 6",
        ):
            found = [r[0] for r in self._fetchall(sql, (ref,))]
            if len(found) == 1:
                return str(found[0])
            if len(found) > 1:
                raise QueryError(
                    f"{len(found)} documents match; give more of the id: {', '.join(found[:5])}", input=ref
                )
        raise QueryError("no document has this id, external id or id prefix", input=ref)


__all__ = ["DERIVED_TABLES", "RELATIONS", "AcrossMixin"]
