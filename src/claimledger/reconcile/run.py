"""Reconciling a ledger: stories for the articles without one, then each touched story's derived rows.

:func:`reconcile` is what ``claimledger reconcile`` and the end of every ingest batch run:

1. **Assign** — every article without a story, in publication order (originals before their wire
   copies, then doc_id), goes to a story (:class:`~claimledger.reconcile.stories.StoryAssigner`,
   online: earlier assignments are never revisited).  The assigner's state is rebuilt from the
   ledger's ``story_features`` (replayed in assignment order, no article read again), so a later
   batch continues exactly as one long run would.  Assignments are written 256 articles per
   transaction together with their features, so a ``kill -9`` loses at most the chunk in flight
   and the rerun redoes just that chunk, with the same result.
2. **Derive** — for every story touched (listed in ``stories_pending`` in the same transaction as
   the assignment), its row (title, dates, outlets, independent origins) and what
   :func:`claimledger.reconcile.across.reconcile_story` derives (events across articles,
   comparisons, claim groups, timelines) are written in **one transaction per story**, which also
   takes the story off the pending list.  A run killed half-way leaves every story either done or
   still pending; the rerun finishes the pending ones.

``rebuild=True`` clears every assignment first (one transaction) and redoes everything from
scratch in publication order: the same stories as the incremental path when articles were ingested
in publication order (measured in the README when they were not).

Usage::

    from claimledger.ledger import open_ledger
    from claimledger.reconcile.run import reconcile

    with open_ledger("ledger.duckdb") as ledger:
        report = reconcile(ledger)             # or rebuild=True
        report.assigned, report.new_stories, report.stories_written
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from claimledger.errors import LedgerError
from claimledger.models import Reading, Story
from claimledger.reconcile.embed import TextEncoder, get_encoder
from claimledger.reconcile.features import StoryFeatures, story_features
from claimledger.reconcile.origins import origin_function
from claimledger.reconcile.stories import StoryAssigner, StoryConfig

if TYPE_CHECKING:
    from claimledger.ledger.base import Ledger

CHUNK = 256  # articles per assignment transaction


@dataclass
class ReconcileReport:
    """What one :func:`reconcile` call did."""

    assigned: int = 0
    new_stories: int = 0
    stories_written: int = 0
    seconds: float = 0.0
    story_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI."""
        return (
            f"{self.assigned} articles assigned ({self.new_stories} new stories), "
            f"{self.stories_written} stories reconciled ({self.seconds:.1f} s)"
        )


def _vector_text(vector: np.ndarray) -> str:
    return base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode("ascii")


def _vector_of(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float32)


class Reconciler:
    """The assigner of one ledger, kept alive across ingest batches (rebuilt once from the ledger).

    Args:
        ledger: the ledger (open for writing).
        encoder: the name of the text encoder (:data:`claimledger.reconcile.embed.ENCODERS`).
        config: story assignment knobs (default :class:`StoryConfig`).
    """

    def __init__(self, ledger: Ledger, *, encoder: str = "wordllama", config: StoryConfig | None = None) -> None:
        self.ledger = ledger
        self.encoder_name = encoder
        self._encoder: TextEncoder | None = None
        self.config = config or StoryConfig()
        self.assigner: StoryAssigner | None = None
        self.seq = 0

    @property
    def encoder(self) -> TextEncoder:
        if self._encoder is None:
            self._encoder = get_encoder(self.encoder_name)
        return self._encoder

    def _load(self) -> StoryAssigner:
        """The assigner with every stored assignment replayed in order (no article is read)."""
        if self.assigner is not None:
            return self.assigner
        assigner = StoryAssigner(self.encoder.dim, self.config)
        for row in self.ledger.story_feature_rows():
            if row.encoder != self.encoder_name:
                raise LedgerError(
                    f"stories were assigned with the {row.encoder!r} encoder, not {self.encoder_name!r}; "
                    "run `claimledger reconcile --rebuild` to redo them",
                    input=self.ledger.target,
                )
            feats = StoryFeatures.from_record(row.doc_id, json.loads(row.features))
            assigner.assign(feats, _vector_of(row.vector), story_id=row.story_id)
            self.seq = row.seq + 1
        self.assigner = assigner
        return assigner

    def assign_pending(self, progress: Callable[[int], None] | None = None) -> tuple[int, int]:
        """Assign every article without a story; returns (articles assigned, stories opened)."""
        todo = [doc_id for doc_id, _, _ in self.ledger.unassigned_documents()]
        if not todo:
            return 0, 0
        assigner = self._load()  # only now: replaying a large ledger's assignments takes a while
        assigned = opened = 0
        for i in range(0, len(todo), CHUNK):
            readings = self.ledger.readings_many(todo[i : i + CHUNK])
            n, k = self._assign_chunk(assigner, readings)
            assigned, opened = assigned + n, opened + k
            if progress is not None:
                progress(assigned)
        return assigned, opened

    def _assign_chunk(self, assigner: StoryAssigner, readings: Sequence[Reading]) -> tuple[int, int]:
        from claimledger.ledger import StoryFeatureRow

        feats = [story_features(r) for r in readings]
        vectors = self.encoder.encode([f.lead for f in feats])
        rows, opened = [], []
        for f, v in zip(feats, vectors, strict=True):
            a = assigner.assign(f, v)
            if a.new:
                opened.append((a.story_id, len(assigner.stories) - 1))
            rows.append(
                StoryFeatureRow(
                    f.doc_id, self.seq, a.story_id, self.encoder_name, json.dumps(f.to_record()), _vector_text(v)
                )
            )
            self.seq += 1
        try:
            self.ledger.write_assignments(rows, opened)
        except BaseException:
            self.assigner = None  # the state ran ahead of the ledger: rebuild it from the ledger next time
            raise
        return len(rows), len(opened)


def story_record(story_id: str, readings: Sequence[Reading], seq: int) -> Story:
    """The :class:`Story` row of ``readings`` (one story's articles).

    Args:
        story_id: the story.
        readings: its articles (any order).
        seq: the order it was opened in.
    """
    ordered = sorted(readings, key=lambda r: (r.article.published or date.max, r.doc_id))
    origin_of = origin_function(ordered)
    outlets: list[str] = []
    for r in ordered:
        if r.article.outlet and r.article.outlet not in outlets:
            outlets.append(r.article.outlet)
    keys = sorted({origin_of(r) for r in ordered})
    days = [r.article.published for r in ordered if r.article.published]
    originals = [r for r in ordered if not r.article.duplicate_of] or ordered
    title = next((r.article.title for r in originals if r.article.title), None)
    return Story(
        story_id=story_id,
        doc_ids=tuple(r.doc_id for r in ordered),
        title=title,
        first_published=min(days) if days else None,
        last_published=max(days) if days else None,
        outlets=tuple(outlets),
        origins=len(keys),
        origin_keys=tuple(keys),
        seq=seq,
    )


def write_story(ledger: Ledger, story_id: str, readings: Sequence[Reading] | None = None, seq: int = 0) -> None:
    """Derive and write everything of one story in one transaction: its row, and what
    :func:`~claimledger.reconcile.across.reconcile_story` makes (events across its articles,
    comparisons, claim groups, timeline points); takes it off the pending list.

    Args:
        ledger: the ledger.
        story_id: the story.
        readings: its articles' readings (read from the ledger when not given).
        seq: the order it was opened in (read from the ledger when ``readings`` is not given).
    """
    from claimledger.reconcile.across import reconcile_story

    if readings is None:
        seq, doc_ids = ledger.story_members([story_id]).get(story_id, (0, []))
        readings = ledger.readings_many(doc_ids)
    story = story_record(story_id, readings, seq)
    result = reconcile_story(readings, story_id, origin_of=origin_function(readings)) if readings else None
    with ledger.atomic():
        if result is not None:
            ledger.write_story_reconciliation(result)
        ledger.write_story(story)


def _story_batches(
    ledger: Ledger, story_ids: list[str], docs: int = 500
) -> Iterator[list[tuple[str, int, list[Reading]]]]:
    """Pending stories with their readings, read for about ``docs`` articles at a time (a handful of
    queries per batch instead of seven per story)."""
    for i in range(0, len(story_ids), 500):
        members = ledger.story_members(story_ids[i : i + 500])
        group: list[tuple[str, int, list[str]]] = []
        size = 0
        for sid in story_ids[i : i + 500]:
            seq, doc_ids = members[sid]
            group.append((sid, seq, doc_ids))
            size += len(doc_ids)
            if size >= docs:
                yield _with_readings(ledger, group)
                group, size = [], 0
        if group:
            yield _with_readings(ledger, group)


def _with_readings(ledger: Ledger, group: list[tuple[str, int, list[str]]]) -> list[tuple[str, int, list[Reading]]]:
    readings = {r.doc_id: r for r in ledger.readings_many([d for _, _, ds in group for d in ds])}
    return [(sid, seq, [readings[d] for d in ds if d in readings]) for sid, seq, ds in group]


def reconcile(
    ledger: Ledger,
    *,
    rebuild: bool = False,
    encoder: str = "wordllama",
    config: StoryConfig | None = None,
    reconciler: Reconciler | None = None,
    progress: Callable[[str, int], None] | None = None,
    derive: bool = True,
) -> ReconcileReport:
    """Assign stories to the articles without one, then write every touched story's derived rows.

    Args:
        ledger: an open, writable ledger.
        rebuild: forget every assignment first and redo everything in publication order.
        encoder: text encoder for new assignments (``wordllama`` or ``minilm``).
        config: story assignment knobs (default :class:`StoryConfig`).
        reconciler: a :class:`Reconciler` kept between calls (ingest keeps one per run, so the
            assigner is rebuilt from the ledger once, not once per batch).
        progress: called with ("assign" | "derive", count so far).
        derive: write the touched stories' derived rows now (False: assign only; they stay pending
            for the next call, as ``claimledger eval stories`` does for its ablations).
    """
    started = time.perf_counter()
    report = ReconcileReport()
    if rebuild:
        with ledger.atomic():
            ledger.clear_story_reconciliations()
            ledger.clear_stories()
        reconciler = None
    if reconciler is None or reconciler.ledger is not ledger:
        reconciler = Reconciler(ledger, encoder=encoder, config=config)
    report.assigned, report.new_stories = reconciler.assign_pending(
        (lambda n: progress("assign", n)) if progress else None
    )
    for batch in _story_batches(ledger, ledger.pending_stories()) if derive else ():
        for story_id, seq, readings in batch:
            write_story(ledger, story_id, readings, seq)
            report.stories_written += 1
            report.story_ids.append(story_id)
            if progress is not None:
                progress("derive", report.stories_written)
    report.seconds = time.perf_counter() - started
    return report


def story_assignments(ledger: Ledger) -> dict[str, str]:
    """``{doc_id: story_id}`` of every assigned article."""
    _, rows = ledger.sql("SELECT doc_id, story_id FROM documents WHERE story_id IS NOT NULL")
    return {str(d): str(s) for d, s in rows}


__all__ = ["ReconcileReport", "Reconciler", "reconcile", "story_assignments", "story_record", "write_story"]
