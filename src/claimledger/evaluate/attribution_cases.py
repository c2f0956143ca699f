"""Hand-written attribution cases beyond PolNeAR: chains, refusals, denials, pronoun sources …

Cases live in ``tests/data/attribution_cases.jsonl`` (texts written for claimledger, invented
war and politics news).  One JSON object per line::

    {"id": "chain-01", "category": "chain", "text": "…",
     "expect": [{"source": "Arvo Tamm", "cue": "said", "content": "front is holding",
                 "channel": ["Reuters"], "direct": true}],
     "absent_sources": []}

Matching is loose like the seed check: an expected attribution is *found* when a record's cue
text contains ``cue``, its content contains ``content`` and its source text or canonical name
contains ``source`` (``null``: no source), case-insensitively.  Every other key is a *field*
checked on the found record: ``stance``, ``direct``, ``hedged``, ``source_kind`` (equal),
``source_name``/``source_role``/``source_affiliation`` (contained), ``channel`` (hop names in
order, each contained), ``responds_to`` (indices into ``expect``).  A case passes when every
expected attribution is found with every field right and no record's source contains an
``absent_sources`` string.

Run ``python -m claimledger.evaluate.attribution_cases [CASES.jsonl]`` for per-category accuracy.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_EQUAL_FIELDS = ("stance", "direct", "hedged", "source_kind")
_CONTAINED_FIELDS = ("source_name", "source_role", "source_affiliation")


def default_cases_path() -> Path:
    """``tests/data/attribution_cases.jsonl`` of the source checkout."""
    return Path(__file__).resolve().parents[3] / "tests" / "data" / "attribution_cases.jsonl"


def load_cases(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The cases of a JSONL file (default: :func:`default_cases_path`)."""
    lines = Path(path or default_cases_path()).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _low(s: Any) -> str:
    return str(s or "").lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


def view(text: str, rec: dict[str, Any]) -> dict[str, Any]:
    """A record with its spans as text (for matching and for printing)."""
    out = dict(rec)
    out["source_text"] = text[rec["source"][0] : rec["source"][1]] if rec.get("source") else None
    out["cue_text"] = " ".join(text[s:e] for s, e in rec.get("cue") or [])
    out["content_text"] = " ".join(text[s:e] for s, e in rec.get("content") or [])
    out["channel_names"] = [h.get("name") for h in rec.get("channel") or []]
    return out


def _found(exp: dict[str, Any], got: dict[str, Any]) -> bool:
    if _low(exp["cue"]) not in _low(got["cue_text"]) or _low(exp["content"]) not in _low(got["content_text"]):
        return False
    if exp.get("source") is None:
        return got["source_text"] is None
    return _low(exp["source"]) in _low(got["source_text"]) + " | " + _low(got.get("source_name"))


@dataclass
class CaseResult:
    """Outcome of one case: found/missed expectations and per-field verdicts."""

    case_id: str
    category: str
    passed: bool
    missed: list[int] = field(default_factory=list)
    fields: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)


def check_case(case: dict[str, Any], records: list[dict[str, Any]]) -> CaseResult:
    """Compare the attribution records of a case's text with its expectations."""
    text = case["text"]
    got = [view(text, r) for r in records]
    res = CaseResult(case["id"], case["category"], True)
    match: dict[int, int] = {}
    for i, exp in enumerate(case["expect"]):
        j = next((j for j, g in enumerate(got) if _found(exp, g)), None)
        if j is None:
            res.missed.append(i)
            res.errors.append(f"missed {exp['source']!r} {exp['cue']!r} {exp['content']!r}")
            continue
        match[i] = j
    for i, j in match.items():
        exp, g = case["expect"][i], got[j]
        for key, want in exp.items():
            if key in ("source", "cue", "content"):
                continue
            if key in _EQUAL_FIELDS:
                ok = g.get(key) == want
            elif key in _CONTAINED_FIELDS:
                ok = _low(want) in _low(g.get(key))
            elif key == "channel":
                names = g["channel_names"]
                ok = len(names) == len(want) and all(_low(w) in _low(n) for w, n in zip(want, names, strict=False))
            elif key == "responds_to":
                ok = sorted(g.get("responds_to") or []) == sorted(match.get(k, -1) for k in want)
            else:
                continue
            res.fields[key].append(ok)
            if not ok:
                res.errors.append(
                    f"{exp['cue']!r}: {key} = {g.get(key) if key != 'channel' else g['channel_names']!r},"
                    f" expected {want!r}"
                )
    for absent in case.get("absent_sources") or []:
        if any(_low(absent) in _low(g["source_text"]) for g in got):
            res.errors.append(f"unexpected source {absent!r}")
    res.passed = not res.errors
    return res


def case_nlp(attribution: str | None = None) -> Any:
    """The pipeline the cases are read with: attributions, actors and enrichment (no figures,
    times or places), paragraph-split before the parser."""
    import claimledger.nlp.attribution.enrich  # noqa: F401  (factories)
    import claimledger.nlp.paragraphs  # noqa: F401
    from claimledger.nlp.pipeline import build_nlp

    nlp = build_nlp(attribution=attribution, exclude=("figures", "times", "places"))
    factories = {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}
    if "claimledger_paragraphs" not in factories:
        nlp.add_pipe("claimledger_paragraphs", before="parser")
    if "claimledger_attribution_enrich" not in factories:
        nlp.add_pipe("claimledger_attribution_enrich")
    return nlp


def run(nlp: Any, cases: list[dict[str, Any]]) -> list[CaseResult]:
    """Annotate every case text with ``nlp`` and check it."""
    docs = nlp.pipe([c["text"] for c in cases])
    return [check_case(c, d._.cl_attributions or []) for c, d in zip(cases, docs, strict=True)]


def summary(results: list[CaseResult]) -> dict[str, Any]:
    """Per-category and per-field accuracy."""
    cats: dict[str, list[bool]] = defaultdict(list)
    fields: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        cats[r.category].append(r.passed)
        for key, oks in r.fields.items():
            fields[key].extend(oks)
    return {
        "cases": len(results),
        "passed": sum(r.passed for r in results),
        "categories": {k: (sum(v), len(v)) for k, v in sorted(cats.items())},
        "fields": {k: (sum(v), len(v)) for k, v in sorted(fields.items())},
    }


def format_summary(results: list[CaseResult], verbose: bool = False) -> str:
    """A table of per-category and per-field accuracy (failures listed when ``verbose``)."""
    s = summary(results)
    lines = [
        f"attribution cases: {s['passed']}/{s['cases']} passed ({100 * s['passed'] / max(1, s['cases']):.0f} %)",
        f"{'category':<22}{'passed':>10}",
    ]
    for cat, (ok, n) in s["categories"].items():
        lines.append(f"{cat:<22}{ok:>5}/{n:<4}{100 * ok / n:>6.0f} %")
    lines.append(f"{'field':<22}{'right':>10}")
    for key, (ok, n) in s["fields"].items():
        lines.append(f"{key:<22}{ok:>5}/{n:<4}{100 * ok / n:>6.0f} %")
    if verbose:
        for r in results:
            for err in r.errors:
                lines.append(f"  {r.case_id}: {err}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m claimledger.evaluate.attribution_cases [CASES.jsonl] [-v]``."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    paths = [a for a in args if a != "-v"]
    print(format_summary(run(case_nlp(), load_cases(paths[0] if paths else None)), verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = [
    "CaseResult",
    "case_nlp",
    "check_case",
    "default_cases_path",
    "format_summary",
    "load_cases",
    "main",
    "run",
    "summary",
    "view",
]
