"""``claimledger eval events``: events across articles and figure conflicts against the corpus's expected reading.

Scores a ledger of ``tests/data/reconcile/corpus.jsonl`` (ingested, so reconciled) against
``tests/data/reconcile/expected_events.json`` (stories from ``expected_stories.json``):

* **events** — a predicted event matches an expected one of the same story (most of its articles
  are the story's) and type whose place (its name, text or region) contains the expected place;
  precision over the predicted events (those matching an ``optional_event`` are left out),
  recall over the required expected events;
* **links** — over matched events, the claims they list (supporting, contesting, refusing) against
  the expected ones (optional claims left out), with the role: a claim in the right event but the
  wrong role is a miss and a false link;
* **dates** — matched events whose date starts with the expected one;
* **conflicts** — predicted ``conflict`` comparisons against the expected conflicts (both figures
  named by article and text, either order); optional pairs left out;
* **relations** — of the expected comparisons found as a comparison, how many have the expected
  relation.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.errors import EvaluationError
from claimledger.models import Article, Claim, Comparison, Event, Figure

if TYPE_CHECKING:
    from claimledger.ledger.base import Ledger

ROLES: tuple[str, ...] = ("supporting", "contesting", "refusing")


@dataclass
class PR:
    """True positives, predicted, expected: precision, recall and F1 from them."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0
    found: int | None = None  # expected items found, when several predictions can match one (recall)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        hit = self.tp if self.found is None else self.found
        return hit / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
            f"({self.tp} of {self.predicted} predicted right, "
            f"{self.tp if self.found is None else self.found} of {self.expected} expected found)"
        )


@dataclass
class EventScore:
    """The figures of one scoring run, and what was missed."""

    events: PR = field(default_factory=PR)
    links: PR = field(default_factory=PR)
    conflicts: PR = field(default_factory=PR)
    dates_ok: int = 0
    dates_n: int = 0
    relations_ok: int = 0
    relations_n: int = 0
    misses: list[str] = field(default_factory=list)

    def format(self, verbose: bool = False) -> str:
        """The report ``claimledger eval events`` prints."""
        lines = [
            self.events.line("events"),
            self.links.line("claim links (with role)"),
            f"event dates: {self.dates_ok}/{self.dates_n}",
            self.conflicts.line("conflicts"),
            f"comparison relations: {self.relations_ok}/{self.relations_n}",
        ]
        if verbose:
            lines.append("misses:")
            lines += [f"  - {m}" for m in self.misses]
        return "\n".join(lines)


def _norm(text: str | None) -> str:
    return " ".join(str(text or "").lower().replace("\u2019", "'").split())


def _claim_matches(c: Claim, ext: str, want: Mapping[str, Any]) -> bool:
    if ext != want["article"] or _norm(want["cue"]) not in _norm(c.cue.text):
        return False
    source = " | ".join(x for x in ((c.source.name or "", c.source.text) if c.source else ()) if x)
    if want.get("source") and _norm(want["source"]) not in _norm(source):
        return False
    return not want.get("content") or _norm(want["content"]) in _norm(c.content.text)


def _story_of(event: Event, ext_of: Mapping[str, str], story_of_ext: Mapping[str, str]) -> str | None:
    votes = Counter(story_of_ext.get(ext_of.get(d, ""), "") for d in event.doc_ids)
    votes.pop("", None)
    return votes.most_common(1)[0][0] if votes else None


def _place_ok(event: Event, want: str | None) -> bool:
    if not want:
        return True
    place = event.place or {}
    hay = " | ".join(str(place.get(k) or "") for k in ("name", "text", "admin1"))
    return _norm(want) in _norm(hay)


def _expected_claims(
    spec: Mapping[str, Any], claims: Sequence[Claim], ext_of: Mapping[str, str]
) -> tuple[dict[str, str], set[str]]:
    """claim_id -> expected role, and the claim ids of optional claims, of one expected event."""
    roles: dict[str, str] = {}
    optional: set[str] = set()
    for role in (*ROLES, "optional"):
        for want in spec.get(role, []):
            for c in claims:
                if _claim_matches(c, ext_of.get(c.doc_id, ""), want):
                    if role == "optional":
                        optional.add(c.claim_id)
                    else:
                        roles.setdefault(c.claim_id, role)
    return roles, optional - set(roles)


def _score_links(
    score: EventScore, spec: Mapping[str, Any], event: Event, claims: Sequence[Claim], ext_of: Mapping[str, str]
) -> None:
    roles, optional = _expected_claims(spec, claims, ext_of)
    predicted = {cid: role for role in ROLES for cid in getattr(event, f"{role}_claims")}
    expected_n = sum(len(spec.get(r, [])) for r in ROLES)
    by_id = {c.claim_id: c for c in claims}
    found = sum(1 for cid, role in predicted.items() if roles.get(cid) == role)
    score.links.tp += found
    score.links.predicted += sum(1 for cid in predicted if cid not in optional)
    score.links.expected += expected_n
    for cid, role in roles.items():
        if predicted.get(cid) != role:
            c = by_id[cid]
            got = predicted.get(cid, "absent")
            score.misses.append(f"{spec['id']} {role} {ext_of.get(c.doc_id)} {c.cue.text!r}: {got}")
    for cid in predicted:
        if cid not in roles and cid not in optional:
            extra = by_id.get(cid)
            if extra is not None:
                who = (extra.source.name or extra.source.text) if extra.source else None
                score.misses.append(
                    f"{spec['id']} extra {predicted[cid]} {ext_of.get(extra.doc_id)} {who}/{extra.cue.text!r}"
                )
    unmatched_expected = expected_n - len(roles)
    if unmatched_expected > 0:
        score.misses.append(f"{spec['id']}: {unmatched_expected} expected claim(s) not extracted at all")


def _figure_key(fig: Figure, ext_of: Mapping[str, str]) -> tuple[str, str]:
    return ext_of.get(fig.doc_id, ""), _norm(fig.text)


def _pair_matches(
    c: Comparison, want: Mapping[str, Any], figs: Mapping[str, Figure], ext_of: Mapping[str, str]
) -> bool:
    keys = {_figure_key(figs[f], ext_of) for f in c.figure_ids if f in figs}
    wanted = {(w["article"], _norm(w["figure"])) for w in (want["a"], want["b"])}
    return keys == wanted


def score(
    expected: Mapping[str, Any],
    stories: Mapping[str, Any],
    articles: Sequence[Article],
    claims: Sequence[Claim],
    events: Sequence[Event],
    comparisons: Sequence[Comparison],
    figures: Sequence[Figure],
) -> EventScore:
    """Score one ledger's events and comparisons (module docstring).

    Args:
        expected: ``expected_events.json``.
        stories: ``expected_stories.json``.
        articles, claims, events, comparisons, figures: what the ledger holds.
    """
    ext_of = {a.doc_id: a.external_id or "" for a in articles}
    story_of_ext = {e: s["story"] for s in stories["stories"] for e in s["external_ids"]}
    res = EventScore()
    used: set[str] = set()
    for spec in expected["events"]:
        cands = [
            e
            for e in events
            if e.event_id not in used
            and e.type == spec["type"]
            and _story_of(e, ext_of, story_of_ext) == spec["story"]
            and _place_ok(e, spec.get("place"))
        ]
        if not spec.get("optional_event"):
            res.events.expected += 1
        if not cands:
            if not spec.get("optional_event"):
                res.misses.append(f"{spec['id']}: no {spec['type']} event at {spec.get('place')} in {spec['story']}")
            continue
        roles, _ = _expected_claims(spec, claims, ext_of)
        best = max(cands, key=lambda e: len(set(e.supporting_claims) & set(roles)))
        used.add(best.event_id)
        if spec.get("optional_event"):
            continue
        res.events.tp += 1
        _score_links(res, spec, best, claims, ext_of)
        if spec.get("date"):
            res.dates_n += 1
            ok = str(best.date or "").startswith(spec["date"])
            res.dates_ok += ok
            if not ok:
                res.misses.append(f"{spec['id']} date: want {spec['date']} got {best.date}")
    res.events.predicted = res.events.tp + sum(1 for e in events if e.event_id not in used)
    for e in events:
        if e.event_id not in used:
            story = _story_of(e, ext_of, story_of_ext)
            res.misses.append(f"extra event {e.type} at {(e.place or {}).get('name')} in {story}")
    _score_comparisons(res, expected, comparisons, figures, ext_of)
    return res


def _score_comparisons(
    res: EventScore,
    expected: Mapping[str, Any],
    comparisons: Sequence[Comparison],
    figures: Sequence[Figure],
    ext_of: Mapping[str, str],
) -> None:
    figs = {f.figure_id: f for f in figures}
    wanted = expected["comparisons"]
    conflicts = [c for c in comparisons if c.relation == "conflict"]
    optional_conflicts = [w for w in wanted if w["relation"] == "conflict" and w.get("optional")]
    required = [w for w in wanted if w["relation"] == "conflict" and not w.get("optional")]
    res.conflicts.expected = len(required)
    for c in conflicts:
        if any(_pair_matches(c, w, figs, ext_of) for w in required):
            res.conflicts.tp += 1
            res.conflicts.predicted += 1
        elif any(_pair_matches(c, w, figs, ext_of) for w in optional_conflicts):
            continue
        else:
            res.conflicts.predicted += 1
            texts = " / ".join(f"{ext_of.get(figs[f].doc_id)}:{figs[f].text}" for f in c.figure_ids if f in figs)
            res.misses.append(f"extra conflict {c.measure}: {texts}")
    res.conflicts.found = 0
    for w in required:
        if any(_pair_matches(c, w, figs, ext_of) for c in conflicts):
            res.conflicts.found += 1
        else:
            res.misses.append(
                f"missed conflict {w['a']['article']}:{w['a']['figure']} / {w['b']['article']}:{w['b']['figure']}"
            )
    for w in wanted:
        found = [c for c in comparisons if _pair_matches(c, w, figs, ext_of)]
        if found:
            res.relations_n += 1
            res.relations_ok += found[0].relation == w["relation"]
            if found[0].relation != w["relation"]:
                res.misses.append(
                    f"relation {w['a']['figure']}/{w['b']['figure']}: want {w['relation']} got {found[0].relation}"
                )


def score_ledger(ledger: Ledger, expected: Mapping[str, Any], stories: Mapping[str, Any]) -> EventScore:
    """Score what ``ledger`` holds (it must be reconciled: ingest does it)."""
    return score(
        expected,
        stories,
        list(ledger.iter_records("documents")),
        list(ledger.iter_records("claims")),
        list(ledger.iter_records("events")),
        list(ledger.iter_records("comparisons")),
        list(ledger.iter_records("figures")),
    )


def evaluate_events(
    db: str | None = None,
    *,
    corpus: str | Path | None = None,
    expected: str | Path | None = None,
    stories: str | Path | None = None,
    nlp: Any = None,
) -> EventScore:
    """Ingest the corpus into a fresh ledger (or read ``db``, a ledger of it) and score it.

    Args:
        db: a ledger the corpus was ingested into (default: ingest into a temporary one).
        corpus: JSONL articles (default ``tests/data/reconcile/corpus.jsonl``).
        expected: expected events (default ``expected_events.json`` beside the corpus).
        stories: expected stories (default ``expected_stories.json`` beside the corpus).
        nlp: the pipeline to ingest with (default: the full one).
    """
    from claimledger.engine import ingest
    from claimledger.evaluate.stories import corpus_path
    from claimledger.ingest.reader import read_path
    from claimledger.ledger import open_ledger

    want = load_json(Path(expected) if expected else corpus_path("expected_events.json"))
    gold = load_json(Path(stories) if stories else corpus_path("expected_stories.json"))
    if db is not None:
        with open_ledger(db, read_only=True) as ledger:
            return score_ledger(ledger, want, gold)
    source = Path(corpus) if corpus else corpus_path()
    if not source.is_file():
        raise EvaluationError("corpus not found", input=str(source))
    with tempfile.TemporaryDirectory() as tmp, open_ledger(Path(tmp) / "events.duckdb") as ledger:
        ingest(read_path(source), ledger, nlp=nlp)
        return score_ledger(ledger, want, gold)


def load_json(path: Path) -> dict[str, Any]:
    """A JSON file as a dict."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


__all__ = ["PR", "ROLES", "EventScore", "evaluate_events", "load_json", "score", "score_ledger"]
