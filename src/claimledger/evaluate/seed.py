"""``claimledger eval seed``: score the reading of the seed article against its expected reading.

Scoring follows ``../shared/eval/seed_check.py`` exactly (case-insensitive containment, the same
tolerances and the same counting), so both print the same numbers; a test runs both on one export.
The article is ingested into a temporary DuckDB ledger and exported as JSONL, so the score covers
the whole chain a user runs (ingest -> ledger -> export), not just the NLP.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claimledger.paths import shared_data


def _norm(s: Any) -> str:
    return (
        str(s or "").lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    )


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " | ".join(str(value.get(k, "")) for k in ("text", "name", "canonical", "entity", "role", "affiliation"))
    if isinstance(value, list):
        return " | ".join(_text_of(x) for x in value)
    return str(value)


def _has(hay: Any, needle: Any) -> bool:
    return _norm(needle) in _norm(hay)


def _load(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return rows


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@dataclass
class SeedScore:
    """Per-section (got, of) counts plus the misses, in seed_check.py's order."""

    sections: list[tuple[str, int, int]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    claims_exported: int = 0
    photo_credit_false_positives: int = 0
    metonyms_geocoded: int = 0

    @property
    def got(self) -> int:
        return sum(g for _, g, _ in self.sections)

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.sections)

    @property
    def percent(self) -> float:
        return 100.0 * self.got / self.total if self.total else 0.0

    def section(self, name: str) -> tuple[int, int]:
        for s, g, n in self.sections:
            if s == name:
                return g, n
        raise KeyError(name)

    def format(self, verbose: bool = False) -> str:
        lines = []
        for name, got, n in self.sections:
            lines.append(f"{name}: {got}/{n}")
            if name == "claim attributes":
                lines.append(
                    f"claims exported: {self.claims_exported} "
                    f"(photo-credit false positives: {self.photo_credit_false_positives})"
                )
            if name == "places":
                lines.append(f"metonyms geocoded as places (should be 0): {self.metonyms_geocoded}")
        if verbose:
            lines.append("misses:")
            lines.extend(f"  - {m}" for m in self.misses)
        lines.append(f"seed: {self.got}/{self.total} required items ({self.percent:.0f} %)")
        return "\n".join(lines)


def _claim_matches(c: dict[str, Any], e: dict[str, Any]) -> bool:
    src = _text_of(c.get("source")) + " | " + _text_of(c.get("source_entity"))
    return (
        _has(src, e["source"])
        and _has(_text_of(c.get("cue")), e["cue"])
        and _has(_text_of(c.get("content")), e["content"])
    )


def score_export(expected: dict[str, Any], out: Path) -> SeedScore:
    """Score the JSONL export in ``out`` against ``expected`` (the kursk-expected.json structure).

    Args:
        expected: the parsed ``kursk-expected.json``.
        out: a folder holding ``claimledger export --format jsonl`` output.
    """
    claims, figures = _load(out / "claims.jsonl"), _load(out / "figures.jsonl")
    times, places, events = _load(out / "times.jsonl"), _load(out / "places.jsonl"), _load(out / "events.jsonl")
    res = SeedScore()
    # Sections in seed_check.py's order: each appends its misses in turn.
    _score_claims(expected, claims, res)
    _score_figures(expected, figures, res)
    _score_times(expected, times, res)
    _score_places(expected, places, res)
    _score_events(expected, events, res)
    return res


def _score_claims(expected: dict[str, Any], claims: list[dict[str, Any]], res: SeedScore) -> None:
    misses = res.misses
    found = attrs_ok = attrs_n = 0
    required = [e for e in expected["claims"] if not e.get("optional")]
    for e in required:
        match = next((c for c in claims if _claim_matches(c, e)), None)
        if not match:
            misses.append(f"claim {e['id']}: {e['source']} / {e['cue']} / {e['content']}")
            attrs_n += sum(k in e for k in ("stance", "direct", "hedged", "date")) + len(e.get("channel", []))
            continue
        found += 1
        for key in ("stance", "direct", "hedged"):
            if key in e:
                attrs_n += 1
                ok = _norm(match.get(key)) == _norm(e[key])
                attrs_ok += ok
                if not ok:
                    misses.append(f"claim {e['id']} {key}: want {e[key]!r} got {match.get(key)!r}")
        for ch in e.get("channel", []):
            attrs_n += 1
            ok = _has(_text_of(match.get("channel")), ch)
            attrs_ok += ok
            if not ok:
                misses.append(f"claim {e['id']} channel: want {ch!r} got {match.get('channel')!r}")
        if "date" in e:
            attrs_n += 1
            ok = str(match.get("date") or "").startswith(e["date"])
            attrs_ok += ok
            if not ok:
                misses.append(f"claim {e['id']} date: want {e['date']} got {match.get('date')!r}")
    res.sections.append(("claims found", found, len(required)))
    res.sections.append(("claim attributes", attrs_ok, attrs_n))
    res.claims_exported = len(claims)
    res.photo_credit_false_positives = sum(
        1
        for c in claims
        if _has(_text_of(c.get("source")), "ANI") or _has(_text_of(c.get("content")), "Picture credit")
    )


def _score_figures(expected: dict[str, Any], figures: list[dict[str, Any]], res: SeedScore) -> None:
    misses = res.misses
    ok_n = 0
    wanted = [q for q in expected["quantities"] if not q.get("optional")]
    for q in wanted:
        cands = [
            f
            for f in figures
            if _has(_text_of(f.get("text")), q["text"])
            or _has(q["text"], _text_of(f.get("text")).split(" | ")[0] or "\0")
        ]
        good = False
        for f in cands:
            try:
                v = float(f.get("value"))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
            if abs(v - q["value"]) <= max(1e-3, abs(q["value"]) * 0.02):
                good = True
                if "normalized" in q:
                    n = f.get("normalized") or {}
                    try:
                        good = abs(float(n.get("value")) - q["normalized"]["value"]) <= q["normalized"]["tolerance"]  # type: ignore[arg-type]
                    except (TypeError, ValueError):
                        good = False
                if good and "derived_value" in q:
                    try:
                        good = abs(float(f.get("derived_value")) - q["derived_value"]) <= 50  # type: ignore[arg-type]
                    except (TypeError, ValueError):
                        good = False
                if good and "bound" in q:
                    good = _norm(f.get("bound")) == q["bound"]
            if good:
                break
        ok_n += good
        if not good:
            misses.append(
                f"figure {q['text']!r}: want {q.get('value')} "
                f"({q.get('bound', '')}{q.get('normalized', '')}{q.get('derived_value', '')})"
            )
    res.sections.append(("figures", ok_n, len(wanted)))


def _score_times(expected: dict[str, Any], times: list[dict[str, Any]], res: SeedScore) -> None:
    misses = res.misses
    ok_n = 0
    for d in expected["dates"]:
        good = any(
            _has(_text_of(t.get("text")), d["text"]) and str(t.get("value") or "").startswith(d["value"]) for t in times
        )
        ok_n += good
        if not good:
            misses.append(f"time {d['text']!r}: want {d['value']}")
    res.sections.append(("times", ok_n, len(expected["dates"])))


def _score_places(expected: dict[str, Any], places: list[dict[str, Any]], res: SeedScore) -> None:
    misses = res.misses
    ok_n = 0
    for p in expected["places"]:
        good = False
        for g in places:
            if not _has(_text_of(g.get("text")), p["text"].split()[0]):
                continue
            try:
                good = _km(float(g["lat"]), float(g["lon"]), p["lat"], p["lon"]) <= p["tolerance_km"]
            except (KeyError, TypeError, ValueError):
                good = False
            if good:
                break
        ok_n += good
        if not good:
            misses.append(f"place {p['text']!r}: want near {p['lat']},{p['lon']}")
    res.sections.append(("places", ok_n, len(expected["places"])))
    metonyms = {_norm(m.split()[0]) for m in expected["not_places"]}
    res.metonyms_geocoded = sum(1 for g in places if _norm(_text_of(g.get("text")).split(" | ")[0]).strip() in metonyms)


def _score_events(expected: dict[str, Any], events: list[dict[str, Any]], res: SeedScore) -> None:
    misses = res.misses
    ok_n = 0
    req_events = [e for e in expected["events"] if not e.get("optional")]
    for e in req_events:
        good = any(
            _has(_norm(ev.get("type")).replace(" ", "_"), e["type"].split("_")[0])
            and _has(json.dumps(ev, ensure_ascii=False), e["where"])
            for ev in events
        )
        ok_n += good
        if not good:
            misses.append(f"event {e['type']} at {e['where']}")
    res.sections.append(("events", ok_n, len(req_events)))


def export_seed(out_dir: Path, *, attribution: str | None = None, nlp: Any = None) -> Path:
    """Ingest the seed article into a fresh ledger and export it as JSONL into ``out_dir``.

    Args:
        out_dir: where the JSONL files go (created if missing).
        attribution: the attribution extractor of the default pipeline (``rules|model|combined``).
        nlp: a pipeline built by :func:`claimledger.nlp.pipeline.build_nlp` to use instead of
            building one (``attribution`` is then ignored).
    """
    from claimledger.engine import ingest
    from claimledger.ingest.metadata import Metadata
    from claimledger.ingest.reader import read_paths
    from claimledger.ledger import open_ledger
    from claimledger.ledger.export import export
    from claimledger.nlp.pipeline import build_nlp

    expected = load_expected()
    article = shared_data("seed", "kursk-article.txt")
    out_dir.mkdir(parents=True, exist_ok=True)
    defaults = Metadata(published=date.fromisoformat(expected["published"]))
    with tempfile.TemporaryDirectory() as tmp:
        with open_ledger(Path(tmp) / "seed.duckdb") as ledger:
            report = ingest(
                read_paths([str(article)], defaults=defaults),
                ledger,
                nlp=nlp if nlp is not None else build_nlp(attribution=attribution),
            )
            if report.errors:
                raise report.errors[0]
            export(ledger, out_dir, "jsonl")
    return out_dir


def load_expected() -> dict[str, Any]:
    """The seed's expected reading from ../shared/data/seed."""
    expected: dict[str, Any] = json.loads(shared_data("seed", "kursk-expected.json").read_text(encoding="utf-8"))
    return expected


def evaluate_seed(out_dir: Path | None = None, *, attribution: str | None = None) -> SeedScore:
    """Read the seed article with the current pipeline and score it."""
    if out_dir is not None:
        return score_export(load_expected(), export_seed(out_dir, attribution=attribution))
    with tempfile.TemporaryDirectory() as tmp:
        return score_export(load_expected(), export_seed(Path(tmp), attribution=attribution))
