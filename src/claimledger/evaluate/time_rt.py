"""Recognizers-Text English DateTime specs for ``claimledger eval time`` (part of :mod:`claimledger.evaluate.time`).

* :func:`score_recognizers` - the *date* parser specs (``DateParser.json`` and ``DatePeriodParser.json``).
  News-relevant subset: every gold result except those matched by :data:`RT_EXCLUDE` (chat-assistant
  shorthand and forms news does not print; each rule's count is reported).  A kept result is right
  when an overlapping prediction has the gold TIMEX, or resolves to the gold past or future
  resolution (same day, or same ``[start, end)`` period).  It also scores the end-to-end
  ``DateTimeModel.json`` with :func:`claimledger.evaluate.time_extent.score_rt_datetime`.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimledger.errors import EvaluationError
from claimledger.evaluate.time_extent import format_rt_datetime, score_rt_datetime
from claimledger.paths import shared_data

__all__ = ["RT_EXCLUDE", "format_recognizers", "score_recognizers"]

Run = Callable[[list[tuple[str, str | None]]], list[Any]]

# Recognizers-Text results outside the news-relevant subset: (reason, regex on the gold text).
RT_EXCLUDE: tuple[tuple[str, str], ...] = (
    ("chat shorthand (tmrw, my day, rest of the week)", r"\btmrw\b|\bmy\b|\brest\b"),
    ("business days", r"business"),
    (
        "numeric day-month without year (4/22, 4.22, Oct2, from 10/1 to 11/7)",
        r"^\d{1,2}[./-]\d{1,2}$|^[a-z]+\.?[/-]?\d+$|^[a-z]+\d|(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])",
    ),
    (
        "bare day of month (the 27th, 15)",
        r"^(the\s+)?(\d{1,2}(st|nd|rd|th)?|[a-z]+(\s[a-z]+)?)$(?<!day)(?<!week)(?<!month)(?<!year)(?<!weekend)",
    ),
    ("year written in words", r"(thousand|hundred|nineteen\s+(?!seventies)[a-z]+\s+[a-z]+|nineteen\s+zero)"),
    (
        "counted weekdays (two sundays from now, first friday of july)",
        r"(sundays|mondays|monday later"
        r"|(first|second|third|fourth|fifth|last)\s+(mon|tues|wednes|thurs|fri|satur|sun)day)",
    ),
    ("week numbers (week 10)", r"\bweeks?\s+\d"),
    (
        "weekday/day-count arithmetic from today (two days after today, 3 days from tomorrow)",
        r"(from|after|before)\s+(today|tomorrow|yesterday|now)|(from|to|till|and)\s+now\b|\bnow\s+and\b",
    ),
    (
        "sub-periods of a month/year (the third week of this month, the last week of july)",
        r"week\s+of|month\s+of|\bthe\s+(first|second|third|fourth|last)\s+week\b",
    ),
)


def _load_json(path: Path) -> list[dict[str, Any]]:
    try:
        return list(json.loads(path.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", input=str(path)) from exc


def _excluded(text: str) -> str | None:
    low = " ".join(text.lower().split())
    for reason, rx in RT_EXCLUDE:
        if re.search(rx, low):
            return reason
    return None


def _gold_intervals(value: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for key in ("PastResolution", "FutureResolution"):
        r = value.get(key) or {}
        if "date" in r:
            if r["date"] == "0001-01-01":  # the gold says: no such date ("Feb 30")
                out.append(("invalid", "invalid"))
                continue
            d = date.fromisoformat(r["date"])
            out.append((d.isoformat(), (d + timedelta(days=1)).isoformat()))
        elif "startDate" in r and "endDate" in r:
            out.append((r["startDate"], r["endDate"]))
    return out


def _timex_right(ours: str | None, gold: str | None, golds: list[tuple[str, str]]) -> bool:
    """Same TIMEX3; for an underspecified gold ("XXXX-03") ours must fill it with the year of the
    past or future resolution."""
    if not ours or not gold:
        return False
    if ours == gold:
        return True
    if "X" not in gold or not re.fullmatch(gold.replace("X", r"\d"), ours):
        return False
    return any(ours.startswith(g[0][:4]) for g in golds)


def _interval_right(res: Any, golds: list[tuple[str, str]]) -> bool:
    """Our [start, end) equals the gold past or future resolution; a range may end at the start of
    its last part (the Recognizers convention) or after it."""
    from claimledger.nlp.times.timex import Resolved, interval

    iv = interval(res)
    if not iv:
        return False
    cands = {(iv[0].isoformat(), iv[1].isoformat())}
    if res.end and res.type == "date":
        last = interval(Resolved(res.end, {4: "year", 7: "month", 10: "day"}.get(len(res.end), "day")))
        if last:
            cands.add((iv[0].isoformat(), last[0].isoformat()))
    return bool(cands & set(golds))


def _rt_value_right(rec: dict[str, Any], result: dict[str, Any]) -> bool:
    """Our record against a DateTimeModel result: the same TIMEX3 (an underspecified gold filled with
    the year of one of its resolutions), or the same day or ``[start, end)`` period as a resolution."""
    from claimledger.nlp.times.timex import Resolved

    values = (result.get("Resolution") or {}).get("values", [])
    golds: list[tuple[str, str]] = []
    for v in values:
        try:
            if v.get("type") == "date" and v.get("value"):
                d = date.fromisoformat(v["value"])
                golds.append((d.isoformat(), (d + timedelta(days=1)).isoformat()))
            elif v.get("type") == "daterange" and v.get("start") and v.get("end"):
                golds.append((v["start"], v["end"]))
        except ValueError:
            continue
    res = Resolved(rec["value"], rec["grain"], type=str(rec["type"]).lower(), timex=rec["timex"], end=rec["value_end"])
    return any(_timex_right(rec["timex"], v.get("timex"), golds) for v in values) or _interval_right(res, golds)


def score_recognizers(run: Run) -> dict[str, Any]:
    """Resolution accuracy on the news-relevant Recognizers-Text English date specs (and the DateTimeModel).

    Args:
        run: parses ``(text, reference date)`` pairs with the time component, returning Docs.
    """
    from claimledger.nlp.times.timex import Resolved

    cases = []
    for fn in ("DateParser.json", "DatePeriodParser.json"):
        cases += [(fn, c) for c in _load_json(shared_data("time", "recognizers-text", "English", fn))]
    excluded: Counter[str] = Counter()
    kept = [(fn, c) for fn, c in cases if c.get("Results")]
    docs = run([(c["Input"], c.get("Context", {}).get("ReferenceDateTime", "2016-11-07")[:10]) for _, c in kept])
    right = total = found = 0
    per_file: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors = []
    for (fn, case), doc in zip(kept, docs, strict=True):
        for r in case["Results"]:
            reason = _excluded(r["Text"])
            if reason:
                excluded[reason] += 1
                continue
            total += 1
            per_file[fn][1] += 1
            s, e = r["Start"], r["Start"] + r["Length"]
            preds = [t for t in doc._.cl_times if t["start"] < e and s < t["end"]]
            found += bool(preds)
            gold_tx = r["Value"].get("Timex")
            golds = _gold_intervals(r["Value"])
            ok = False
            for t in preds:
                kind = str(t["type"]).lower()  # the TIMEX3 type names the resolver's value kinds
                res = Resolved(t["value"], t["grain"], type=kind, timex=t["timex"], end=t["value_end"])
                ok = ok or _timex_right(t["timex"], gold_tx, golds) or _interval_right(res, golds)
                if ("invalid", "invalid") in golds and t["value"] is None and "impossible" in (t["note"] or ""):
                    ok = True
            right += ok
            per_file[fn][0] += ok
            if not ok:
                errors.append((case["Input"], r["Text"], gold_tx, [(t["timex"], t["value"]) for t in preds]))
    return {
        "cases_with_results": len(kept),
        "results_total": total + sum(excluded.values()),
        "kept": total,
        "right": right,
        "accuracy": right / total if total else 0.0,
        "extraction_recall": found / total if total else 0.0,
        "excluded": dict(excluded),
        "per_file": dict(per_file),
        "errors": errors,
        "negative_cases": sum(1 for _, c in cases if not c.get("Results")),
        "datetime_model": score_rt_datetime(run, RT_EXCLUDE, _rt_value_right),
    }


def format_recognizers(r: dict[str, Any], show_errors: int = 0) -> str:
    """The lines for :func:`score_recognizers`'s result ``r``, with up to ``show_errors`` errors."""
    lines = [
        f"Recognizers-Text English date specs: {r['right']}/{r['kept']} news-relevant results right "
        f"({r['accuracy']:.3f}); extraction recall {r['extraction_recall']:.3f}",
        f"  {r['results_total']} gold results in {r['cases_with_results']} cases "
        f"(+{r['negative_cases']} cases with no result, not scored); excluded:",
    ]
    for reason, n in sorted(r["excluded"].items(), key=lambda x: -x[1]):
        lines.append(f"    {n:3}  {reason}")
    for fn, (a, n) in r["per_file"].items():
        lines.append(f"  {fn}: {a}/{n}")
    lines.extend(f"    {e}" for e in r["errors"][:show_errors])
    if "datetime_model" in r:
        lines.append(format_rt_datetime(r["datetime_model"], show_errors))
    return "\n".join(lines)
