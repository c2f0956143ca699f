"""Extent scoring shared by the time scorers, and the Recognizers-Text end-to-end DateTime model.

TempEval-3 style: predictions and gold spans are aligned one to one in gold order (the first unused
prediction that overlaps, an exact one preferred); *strict* = same extent, *relaxed* = overlap; P =
matched predictions / predictions, R = matched gold / gold.

:func:`score_rt_datetime` scores ``recognizers-text/English/DateTimeModel.json`` (985 sentences,
with 67 that have no time at all) that way, for the TIMEX3 extent of our records and for the whole
phrase (with its preposition), plus **value accuracy** (share of relaxed matches whose TIMEX3 value
is one of the gold resolutions' ``timex``) and TIMEX3 **type accuracy** (Recognizers' datetimeV2
types mapped to DATE / TIME / DURATION / SET).  The news-relevant subset is the one
:mod:`claimledger.evaluate.time_rt` uses for the date specs (``RT_EXCLUDE``, decided on the gold text);
a prediction overlapping an excluded gold result is not counted either way.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from claimledger.errors import EvaluationError
from claimledger.paths import shared_data

__all__ = ["RT_TYPES", "align", "prf", "score_rt_datetime"]

_S = TypeVar("_S")

# Recognizers-Text datetimeV2 result types -> TIMEX3 types.
RT_TYPES = {
    "datetimeV2.date": "DATE",
    "datetimeV2.daterange": "DATE",
    "datetimeV2.datetime": "TIME",
    "datetimeV2.datetimerange": "TIME",
    "datetimeV2.time": "TIME",
    "datetimeV2.timerange": "TIME",
    "datetimeV2.duration": "DURATION",
    "datetimeV2.set": "SET",
}


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from matched predictions and matched gold counts."""
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def align(preds: Sequence[_S], golds: Sequence[_S], overlaps: Callable[[_S, _S], bool]) -> list[tuple[int, int | None]]:
    """(gold index, prediction index or None) for every gold span, one to one, exact matches preferred.

    Args:
        preds: predicted spans (any comparable type: token-id sets, (start, end) pairs).
        golds: gold spans of the same type.
        overlaps: whether a prediction and a gold span share at least one token/character.
    """
    used: set[int] = set()
    out: list[tuple[int, int | None]] = []
    for gi, g in enumerate(golds):
        best = None
        for i, p in enumerate(preds):
            if i in used or not overlaps(p, g):
                continue
            if best is None or p == g:
                best = i
        if best is not None:
            used.add(best)
        out.append((gi, best))
    return out


def _char_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _excluded(text: str, rules: Sequence[tuple[str, str]]) -> bool:
    low = " ".join(text.lower().split())
    return any(re.search(rx, low) for _, rx in rules)


def _load_model() -> list[dict[str, Any]]:
    path = shared_data("time", "recognizers-text", "English", "DateTimeModel.json")
    try:
        return list(json.loads(path.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", input=str(path)) from exc


def score_rt_datetime(
    run: Callable[[list[tuple[str, str | None]]], list[Any]],
    exclude: Sequence[tuple[str, str]],
    value_right: Callable[[dict[str, Any], dict[str, Any]], bool] | None = None,
) -> dict[str, Any]:
    """Extent F1 (TIMEX3 extent and phrase), value and type accuracy on Recognizers' DateTimeModel.

    Args:
        run: parses ``(text, reference date)`` pairs with the time component, returning Docs.
        exclude: ``(reason, regex)`` rules for gold texts outside the news-relevant subset.
        value_right: whether our record's value is right for a gold result (default: our TIMEX3
            is one of the gold resolutions' ``timex``).
    """
    cases = _load_model()
    docs = run([(c["Input"], c.get("Context", {}).get("ReferenceDateTime", "2016-11-07")[:10]) for c in cases])
    counts: Counter[str] = Counter()
    types: Counter[str] = Counter()
    errors: list[tuple[str, str, str, str | None]] = []
    for case, doc in zip(cases, docs, strict=True):
        gold_all = [r for r in case.get("Results", []) if r.get("TypeName") in RT_TYPES]
        out = [(r["Start"], r["End"] + 1) for r in gold_all if _excluded(r["Text"], exclude)]
        gold = [r for r in gold_all if not _excluded(r["Text"], exclude)]
        recs = [t for t in doc._.cl_times if not any(_char_overlap((t["start"], t["end"]), o) for o in out)]
        g_spans = [(r["Start"], r["End"] + 1) for r in gold]
        counts["gold"] += len(gold)
        counts["pred"] += len(recs)
        for name, spans in (
            ("timex", [(t["timex_start"], t["timex_end"]) for t in recs]),
            ("phrase", [(t["start"], t["end"]) for t in recs]),
        ):
            for gi, pi in align(spans, g_spans, _char_overlap):
                if pi is None:
                    continue
                counts[f"{name}_relaxed"] += 1
                counts[f"{name}_strict"] += spans[pi] == g_spans[gi]
                if name != "timex":
                    continue
                rec, r = recs[pi], gold[gi]
                timexes = {v.get("timex") for v in (r.get("Resolution") or {}).get("values", [])}
                ok = value_right(rec, r) if value_right is not None else rec["timex"] in timexes
                counts["value_ok"] += ok
                types[RT_TYPES[r["TypeName"]]] += 1
                if rec["type"] == RT_TYPES[r["TypeName"]]:
                    types[RT_TYPES[r["TypeName"]] + "_ok"] += 1
                if not ok:
                    errors.append(
                        (case["Input"][:80], r["Text"], "|".join(sorted(str(x) for x in timexes)), rec["timex"])
                    )
    rel = counts["timex_relaxed"]
    return {
        "cases": len(cases),
        "gold": counts["gold"],
        "predicted": counts["pred"],
        **{
            f"{name}_{k}": prf(counts[f"{name}_{k}"], counts["pred"], counts[f"{name}_{k}"], counts["gold"])
            for name in ("timex", "phrase")
            for k in ("strict", "relaxed")
        },
        "value_accuracy": counts["value_ok"] / rel if rel else 0.0,
        "type_accuracy": sum(types[t + "_ok"] for t in set(RT_TYPES.values())) / rel if rel else 0.0,
        "by_type": {t: (types[t + "_ok"], types[t]) for t in sorted(set(RT_TYPES.values())) if types[t]},
        "errors": errors,
    }


def format_rt_datetime(r: dict[str, Any], show_errors: int = 0) -> str:
    """The lines ``claimledger eval time`` prints for :func:`score_rt_datetime`'s result ``r``."""
    lines = [
        f"Recognizers-Text DateTimeModel (end to end): {r['cases']} sentences, {r['gold']} news-relevant gold, "
        f"{r['predicted']} predicted"
    ]
    for name, label in (("timex", "TIMEX3 extent"), ("phrase", "phrase")):
        for k in ("strict", "relaxed"):
            m = r[f"{name}_{k}"]
            lines.append(f"  {label:13} {k:8} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}")
    lines.append(
        f"  value accuracy (relaxed matches) {r['value_accuracy']:.3f}   type accuracy {r['type_accuracy']:.3f}"
    )
    lines.append("  type right by gold type: " + ", ".join(f"{t} {a}/{n}" for t, (a, n) in r["by_type"].items()))
    lines.extend(f"    {e}" for e in r["errors"][:show_errors])
    return "\n".join(lines)
