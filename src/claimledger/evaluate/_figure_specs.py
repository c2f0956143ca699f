"""Scoring the figures component on the public quantity specs in ``shared/data/quantities``.

See :mod:`claimledger.evaluate.figures` for what "right" means for each model; this module holds the
loaders, the unit vocabularies and the per-model scorers.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimledger.paths import shared_data

# our canonical unit -> Recognizers-Text unit names it may be reported as
RT_UNITS: dict[str, set[str]] = {
    "km": {"Kilometer"},
    "m": {"Meter"},
    "dm": {"Decimeter"},
    "cm": {"Centimeter"},
    "mm": {"Millimeter"},
    "pm": {"Picometer"},
    "nm": {"Nanometer"},
    "mile": {"Mile"},
    "nautical mile": {"Nautical mile"},
    "yard": {"Yard"},
    "foot": {"Foot"},
    "inch": {"Inch"},
    "km2": {"Square kilometer"},
    "m2": {"Square meter"},
    "square mile": {"Square mile"},
    "square foot": {"Square foot"},
    "hectare": {"Hectare"},
    "acre": {"Acre"},
    "km3": {"Cubic kilometer"},
    "m3": {"Cubic meter"},
    "cubic foot": {"Cubic foot"},
    "litre": {"Liter"},
    "ml": {"Milliliter"},
    "cl": {"Centiliter"},
    "gallon": {"Gallon"},
    "barrel": {"Barrel"},
    "cup": {"Cup"},
    "tablespoon": {"Tablespoon"},
    "teaspoon": {"Teaspoon"},
    "kg": {"Kilogram"},
    "g": {"Gram"},
    "mg": {"Milligram"},
    "µg": {"Microgram"},
    "tonne": {"Ton", "Metric ton"},
    "ton": {"Ton"},
    "pound": {"Pound"},
    "ounce": {"Ounce"},
    "dram": {"Dram"},
    "km/h": {"Kilometer per hour"},
    "mph": {"Mile per hour"},
    "m/s": {"Meter per second"},
    "m/ms": {"Meter per millisecond"},
    "cm/ms": {"Centimeter per millisecond"},
    "km/ms": {"Kilometer per millisecond"},
    "knot": {"Knot"},
    "bit": {"Bit"},
    "byte": {"Byte"},
    "kB": {"Kilobyte"},
    "MB": {"Megabyte"},
    "Mbit": {"Megabit"},
    "GB": {"Gigabyte"},
    "TB": {"Terabyte"},
    "degree": {"Degree"},
    "radian": {"Radian"},
    "turn": {"Turn"},
    "°C": {"C"},
    "°F": {"F"},
    "USD": {"Dollar", "United States dollar"},
    "EUR": {"Euro"},
    "GBP": {"Pound", "British pound"},
    "JPY": {"Japanese yen"},
    "CNY": {"Chinese yuan"},
    "INR": {"Indian rupee", "Rupee"},
    "RUB": {"Russian ruble"},
    "USD-cent": {"Cent"},
    "EUR-cent": {"Cent"},
    "GBP-penny": {"Pence", "Penny"},
    "CHF": {"Franc", "Swiss franc"},
    "CAD": {"Canadian dollar"},
    "AUD": {"Australian dollar"},
    "HKD": {"Hong Kong dollar"},
    "MXN": {"Mexican peso"},
    "NZD": {"New Zealand dollar"},
    "SGD": {"Singapore dollar"},
    "TRY": {"Turkish lira"},
    "NLG": {"Netherlands guilder"},
    "FIM": {"Finnish markka"},
    "ESP": {"Peseta"},
    "BTC": {"Bitcoin"},
    "BTC-satoshi": {"Satoshi"},
    "CRC": {"Costa Rican colón"},
    "GEL": {"Georgian lari"},
    "LAK": {"Lao kip"},
    "LKR": {"Sri Lankan rupee"},
    "°": {"Degree"},
}
# our canonical unit -> quantulum3 unit name
Q_UNITS: dict[str, str] = {
    "%": "percentage",
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound sterling",
    "USD-cent": "cent",
    "GBP-penny": "penny",
    "USD-dime": "dime",
    "JPY": "yen",
    "km": "kilometre",
    "m": "metre",
    "cm": "centimetre",
    "mm": "millimetre",
    "pm": "picometre",
    "nm": "nanometre",
    "mile": "mile",
    "inch": "inch",
    "foot": "foot",
    "yard": "yard",
    "km2": "square kilometre",
    "m2": "square metre",
    "square mile": "square mile",
    "km3": "cubic kilometre",
    "litre": "litre",
    "ml": "cubic centimetre",
    "cl": "centilitre",
    "gallon": "gallon",
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "pound": "pound-mass",
    "tonne": "tonne",
    "ounce": "ounce",
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "°C": "degree Celsius",
    "°F": "degree fahrenheit",
    "km/h": "kilometre per hour",
    "mph": "mile per hour",
    "cup": "cup",
    "tablespoon": "tablespoon",
    "teaspoon": "teaspoon",
    "EB": "exabyte",
    "MB": "megabyte",
    "GB": "gigabyte",
    "bit": "bit",
    "byte": "byte",
    "Wh": "watt hour",
    "MWh": "megawatt hour",
    "kWh": "kilowatt hour",
    "GW": "gigawatt",
    "MW": "megawatt",
    "W": "watt",
}
PHYSICAL = {"length", "area", "volume", "mass", "speed", "data", "angle", "power", "energy"}

# Inputs outside news scope, decided from the input text alone (never from our output):
OUT_OF_SCOPE: list[tuple[str, re.Pattern[str]]] = [
    (
        "date, time, phone or network address",
        re.compile(
            r"\d+/\d+/\d{2,4}|\+\d[\d-]{6,}|\d+\.\d+\.\d+\.\d+|\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\d{4}-\d\d\b",
            re.IGNORECASE,
        ),
    ),
    (
        "identifier (letters+digits)",
        re.compile(r"\b[a-z]{1,5}-\d+[a-z]*\b|\d+[a-z]+\d{2,}|\b[a-z]{2,5}\d{2,}|\b[a-z]{2,5}\d+-\d+", re.IGNORECASE),
    ),
    ("'percent of N' read as N% (not news usage)", re.compile(r"^\s*(?:per\s?cents?|percents?)\s+of\b", re.IGNORECASE)),
    (
        "maths notation (^, x10^, 'over' as division, spelled operators)",
        re.compile(
            r"\^|[x×]10|\b\w+\s+over\s+"
            r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|one hundred)"
            r"|<\s*=|>\s*=|<>|=>|=<",
            re.IGNORECASE,
        ),
    ),
    ("non-English digit grouping", re.compile(r"\d\.\d{3},\d|\b\d+,\d{1,2}\b(?!,?\d{3})")),
    (
        "percent/unit mention without a number",
        re.compile(
            r"^(?!.*\d)(?!.*\b(?:one|two|three|four|five|six|seven|"
            r"eight|nine|ten|twenty|thirty|forty|fifty|hundred|half|"
            r"quarter|dozen)\b)",
            re.IGNORECASE,
        ),
    ),
    ("query comparison ('equal to', 'or equal')", re.compile(r"\bequal(?:s|ing)?\b", re.IGNORECASE)),
]


def scope_of(text: str) -> str | None:
    """The out-of-scope category of a spec input, or None when it is news-like."""
    for name, pat in OUT_OF_SCOPE:
        if pat.search(text):
            return name
    return None


def close(a: float | str | None, b: float | str | None, rel: float = 1e-4) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def multiset_equal(pred: list[Any], gold: list[Any], eq: Callable[[Any, Any], bool]) -> bool:
    left = list(pred)
    for g in gold:
        hit = next((i for i, p in enumerate(left) if eq(p, g)), None)
        if hit is None:
            return False
        left.pop(hit)
    return not left


def load_rt(model: str) -> list[dict[str, Any]]:
    folder = "NumberWithUnit" if model in ("Dimension", "Currency", "Age", "Temperature") else "Number"
    path: Path = shared_data("quantities", "recognizers-text", "English", folder, f"{model}Model.json")
    return json.loads(path.read_text(encoding="utf-8-sig"))  # type: ignore[no-any-return]


def _interval(value: str) -> tuple[float | None, float | None]:
    lo, hi = value.strip("[]()").split(",")
    return (float(lo) if lo else None, float(hi) if hi else None)


def gold_items(model: str, case: dict[str, Any]) -> list[Any]:
    out: list[Any] = []
    for r in case.get("Results", []):
        res = r.get("Resolution") or {}
        val = res.get("value")
        if model == "NumberRange":
            out.append(_interval(str(val)))
        elif model == "Percent":
            out.append(None if val in (None, "null") else float(val.rstrip("%")))
        elif model in ("Number", "Ordinal"):
            if val not in (None, "null"):
                try:
                    out.append(float(val))
                except ValueError:  # relative ordinals ("end-1") stay text: we do not resolve them
                    out.append(val)
        else:
            out.append((None if val is None else float(val), res.get("unit")))
    return out


def predicted_items(model: str, figs: list[dict[str, Any]], ordinals: list[float]) -> list[Any]:
    out: list[Any] = []
    for f in figs:
        v, hi = f["value"], f["high"]
        if model == "Number":
            if f["kind"] in PHYSICAL:  # the spec reads "180ml" as a dimension, not a number
                continue
            if v is not None:
                out.append(v)
            if hi is not None:
                out.append(hi)
        elif model == "NumberRange":
            if hi is not None:
                out.append((v, hi))
            elif f["bound"] == "lower":
                out.append((v, None))
            elif f["bound"] == "upper":
                out.append((None, v))
        elif model == "Percent" and f["kind"] == "percent" and f["unit"] == "%":
            out.append(v)
        elif model == "Dimension" and f["kind"] in PHYSICAL:
            out.append((v, f["unit"]))
        elif model == "Currency" and f["kind"] == "money":
            out.append((v, f["unit"]))
        elif model == "Age" and f["kind"] == "age":
            out.append((v, "Year"))
        elif model == "Temperature" and f["kind"] == "temperature":
            out.append((v, f["unit"]))
    if model == "Ordinal":
        out = list(ordinals)
    return out


def item_eq(model: str) -> Callable[[Any, Any], bool]:
    if model in ("Number", "Percent", "Ordinal"):
        return lambda p, g: close(p, g)
    if model == "NumberRange":
        return lambda p, g: close(p[0], g[0]) and close(p[1], g[1])

    def unit_eq(p: Any, g: Any) -> bool:
        if not close(p[0], g[0]):
            return False
        if model == "Age":
            return True
        return g[1] in RT_UNITS.get(p[1], {p[1]})

    return unit_eq


def score_rt_model(model: str, extract: Callable[[str], tuple[list[dict[str, Any]], list[float]]]) -> dict[str, Any]:
    """Per-case exact agreement on one Recognizers-Text model, split into news-scope and out-of-scope."""
    cases = load_rt(model)
    eq = item_eq(model)
    rows = []
    for case in cases:
        gold = gold_items(model, case)
        figs, ordinals = extract(case["Input"])
        pred = predicted_items(model, figs, ordinals)
        ok = multiset_equal(pred, gold, eq)
        scope = scope_of(case["Input"])
        if model in ("Number", "NumberRange", "Percent") and gold and all(g is None for g in gold):
            scope = "percent/unit mention without a number"
        if model in ("Dimension", "Currency", "Temperature") and any(g[0] is None for g in gold):
            scope = "percent/unit mention without a number"  # the same rule for every unit model
        rows.append({"input": case["Input"], "gold": gold, "pred": pred, "ok": ok, "scope": scope})
    in_scope = [r for r in rows if r["scope"] is None]
    out = [r for r in rows if r["scope"] is not None]
    return {
        "model": model,
        "n": len(rows),
        "right": sum(r["ok"] for r in rows),
        "n_news": len(in_scope),
        "right_news": sum(r["ok"] for r in in_scope),
        "n_out": len(out),
        "right_out": sum(r["ok"] for r in out),
        "rows": rows,
    }


def score_quantulum(extract: Callable[[str], tuple[list[dict[str, Any]], list[float]]]) -> dict[str, Any]:
    """quantulum3 ``quantities.json`` + ambiguity cases: P/R/F1 for value and value+unit (README rules)."""
    cases: list[dict[str, Any]] = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        cases += json.loads(shared_data("quantities", "quantulum3", name).read_text(encoding="utf-8"))
    tp_v = tp_u = n_pred = n_gold = 0
    misses = []
    for case in cases:
        figs, _ = extract(case["req"])
        pred = []
        for f in figs:
            v = f["value"]
            if v is None:
                continue
            if f["high"] is not None:
                v = (v + f["high"]) / 2.0  # quantulum reports a range by its middle
            unit = Q_UNITS.get(f["unit"] or "", "dimensionless" if f["kind"] in ("count", "fraction") else f["unit"])
            pred.append((v, unit))
        gold = [(float(g["value"]), g["unit"]) for g in case["res"]]
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
        left_v, left_u = list(pred), list(pred)
        for gv, gu in gold:
            i = next((k for k, p in enumerate(left_v) if close(p[0], gv, 1e-5)), None)
            if i is not None:
                tp_v += 1
                left_v.pop(i)
            j = next((k for k, p in enumerate(left_u) if close(p[0], gv, 1e-5) and p[1] == gu), None)
            if j is not None:
                tp_u += 1
                left_u.pop(j)
            else:
                misses.append((case["req"][:70], gv, gu))
    errors = json.loads(shared_data("quantities", "quantulum3", "errors.json").read_text(encoding="utf-8"))
    crashed = 0
    for text in errors:
        try:
            extract(text)
        except Exception:  # noqa: BLE001 - counting crashes is the point
            crashed += 1

    def prf(tp: int) -> dict[str, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    return {
        "sentences": len(cases),
        "gold": n_gold,
        "pred": n_pred,
        "value": prf(tp_v),
        "value_unit": prf(tp_u),
        "errors_inputs": len(errors),
        "errors_crashed": crashed,
        "misses": misses,
    }
