"""PolNeAR attribution scoring: our implementation of ``shared/eval/polnear_score.py``.

Same tokenisation (``\\w+|[^\\w\\s]``; a span is the set of *word* tokens it overlaps, or its
punctuation tokens when it has no word), same metrics (per role: exact, overlap, soft; per
attribution: ``attr`` = content overlap >= 50 % both ways + touching cues, ``attr+src`` = also
touching sources; greedy one-to-one matching by content Dice), same gold choice on multi-annotated
articles (the annotator id that sorts first) and the same JSON result shape.  A test runs the
reference script on the same predictions and compares the JSON.

``claimledger eval polnear --split dev`` annotates the split with the current pipeline (or reads
``--pred DIR``) and prints the table; ``--errors`` adds the error analysis of
:mod:`claimledger.evaluate.polnear_errors`.  The test split is held out and refused.
"""

from __future__ import annotations

import bisect
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimledger.errors import EvaluationError
from claimledger.formats.brat import ROLES, BratDoc, parse_ann
from claimledger.paths import shared_data

SPAN_METRICS: tuple[str, ...] = ("exact", "overlap", "soft")
ATTR_METRICS: tuple[str, ...] = ("attr", "attr+src")
SPLITS: tuple[str, ...] = ("train", "dev")

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_WORD_RE = re.compile(r"[^\W_]")

TokenSet = frozenset[int]
Attribution = tuple[TokenSet, TokenSet, TokenSet]  # source, cue, content


class Tokens:
    """The scorer's tokenisation of one text; maps character fragments to token-index sets."""

    def __init__(self, text: str) -> None:
        matches = list(_TOKEN_RE.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.is_word = [bool(_WORD_RE.search(m.group())) for m in matches]

    def span(self, frags: tuple[tuple[int, int], ...]) -> TokenSet:
        """Word tokens overlapping any fragment (punctuation tokens if there are none)."""
        word: set[int] = set()
        other: set[int] = set()
        for start, end in frags:
            i = bisect.bisect_right(self.ends, start)
            while i < len(self.starts) and self.starts[i] < end:
                (word if self.is_word[i] else other).add(i)
                i += 1
        return frozenset(word or other)


@dataclass
class TokenDoc:
    """One annotation in token space: distinct spans per role, and attributions."""

    spans: dict[str, set[TokenSet]]
    attributions: list[Attribution]


def token_doc(ann: BratDoc, toks: Tokens) -> TokenDoc:
    """Map a parsed brat file onto the scorer's tokens."""
    sets = {tid: toks.span(frags) for tid, (_, frags) in ann.spans.items()}
    spans: dict[str, set[TokenSet]] = {r: set() for r in ROLES}
    for tid, (role, _) in ann.spans.items():
        if sets[tid]:
            spans[role].add(sets[tid])
    attrs: list[Attribution] = []
    for args in ann.attributions:
        parts = [frozenset().union(*(sets[t] for t in args.get(role, []))) for role in ROLES]
        if parts[1] or parts[2]:
            attrs.append((parts[0], parts[1], parts[2]))
    return TokenDoc(spans, attrs)


def _new_counts() -> dict[str, Any]:
    counts: dict[str, Any] = {"n_articles": 0}
    for role in ROLES:
        counts[role] = dict.fromkeys(("n_gold", "n_pred", "exact_tp", "overlap_pred_ok", "overlap_gold_ok"), 0) | {
            "soft_pred_sum": 0.0,
            "soft_gold_sum": 0.0,
        }
    for metric in ATTR_METRICS:
        counts[metric] = {"n_gold": 0, "n_pred": 0, "tp": 0}
    return counts


def _add(total: dict[str, Any], part: dict[str, Any]) -> None:
    for key, val in part.items():
        if isinstance(val, dict):
            for k, v in val.items():
                total[key][k] += v
        else:
            total[key] += val


def _touch(a: TokenSet, b: TokenSet) -> bool:
    return bool(a & b) or (not a and not b)


def _dice(a: TokenSet, b: TokenSet) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if (a or b) else 1.0


def match_attributions(gold: list[Attribution], pred: list[Attribution], need_source: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) matches, greedy by content Dice then cue Dice."""
    cands = []
    for i, (gs, gcue, gc) in enumerate(gold):
        for j, (ps, pcue, pc) in enumerate(pred):
            inter = len(gc & pc)
            if (gc or pc) and (not inter or inter < 0.5 * len(gc) or inter < 0.5 * len(pc)):
                continue
            if not _touch(gcue, pcue) or (need_source and not _touch(gs, ps)):
                continue
            cands.append((-_dice(gc, pc), -_dice(gcue, pcue), i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def count_doc(gold: TokenDoc, pred: TokenDoc) -> dict[str, Any]:
    """Raw counts of one article (summed over the split, then :func:`finalize`)."""
    c = _new_counts()
    c["n_articles"] = 1
    for role in ROLES:
        g_spans, p_spans, r = gold.spans[role], pred.spans[role], c[role]
        r["n_gold"], r["n_pred"], r["exact_tp"] = len(g_spans), len(p_spans), len(g_spans & p_spans)
        u_gold = frozenset().union(*g_spans)
        u_pred = frozenset().union(*p_spans)
        for p in p_spans:
            r["overlap_pred_ok"] += bool(p & u_gold)
            r["soft_pred_sum"] += len(p & u_gold) / len(p)
        for g in g_spans:
            r["overlap_gold_ok"] += bool(g & u_pred)
            r["soft_gold_sum"] += len(g & u_pred) / len(g)
    for metric, need_source in (("attr", False), ("attr+src", True)):
        a = c[metric]
        a["n_gold"], a["n_pred"] = len(gold.attributions), len(pred.attributions)
        a["tp"] = len(match_attributions(gold.attributions, pred.attributions, need_source))
    return c


def _prf(tp_p: float, n_p: int, tp_r: float, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_g if n_g else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def finalize(c: dict[str, Any]) -> dict[str, Any]:
    """Precision/recall/F1 tables from summed counts (the reference scorer's JSON shape)."""
    out: dict[str, Any] = {"n_articles": c["n_articles"]}
    for role in ROLES:
        r = c[role]
        ng, np_ = r["n_gold"], r["n_pred"]
        out[role] = {
            "n_gold": ng,
            "n_pred": np_,
            "exact": dict(_prf(r["exact_tp"], np_, r["exact_tp"], ng), tp=r["exact_tp"]),
            "overlap": _prf(r["overlap_pred_ok"], np_, r["overlap_gold_ok"], ng),
            "soft": _prf(r["soft_pred_sum"], np_, r["soft_gold_sum"], ng),
        }
    for metric in ATTR_METRICS:
        a = c[metric]
        out[metric] = dict(
            _prf(a["tp"], a["n_pred"], a["tp"], a["n_gold"]), tp=a["tp"], n_gold=a["n_gold"], n_pred=a["n_pred"]
        )
    return out


GoldDocs = dict[str, tuple[str, dict[str, str]]]


def load_gold(split_dir: str | Path) -> GoldDocs:
    """``{article: (text, {annotator: ann text})}`` from a split folder with text/ and attributions/."""
    root = Path(split_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvaluationError("not a PolNeAR split folder (needs text/ and attributions/)", input=str(root))
    docs: GoldDocs = {p.stem: (p.read_text(encoding="utf-8"), {}) for p in sorted(text_dir.glob("*.txt"))}
    for p in sorted(ann_dir.glob("*.ann")):
        article, _, annotator = p.stem.rpartition("_")
        if article in docs:
            docs[article][1][annotator] = p.read_text(encoding="utf-8")
    return docs


def load_predictions(pred_dir: str | Path, articles: list[str]) -> dict[str, str]:
    """``{article: ann text}``; a missing file counts as no predictions."""
    root = Path(pred_dir)
    if not root.is_dir():
        raise EvaluationError("prediction folder not found", input=str(root))
    out = {}
    for article in articles:
        path = root / f"{article}.ann"
        out[article] = path.read_text(encoding="utf-8") if path.is_file() else ""
    return out


def gold_annotator(by_annotator: dict[str, str]) -> str:
    """The gold annotator of an article: the id that sorts first."""
    return sorted(by_annotator)[0]


def evaluate(gold_docs: GoldDocs, preds: dict[str, str]) -> dict[str, Any]:
    """Score predictions; returns ``{"system": ..., "human": ..., "system_multi_subset": ...}``."""
    total, subset, human = _new_counts(), _new_counts(), _new_counts()
    n_multi = n_pairs = 0
    for article, (text, by_annotator) in gold_docs.items():
        if not by_annotator:
            continue
        toks = Tokens(text)
        annotators = sorted(by_annotator)
        gold = token_doc(parse_ann(by_annotator[annotators[0]]), toks)
        part = count_doc(gold, token_doc(parse_ann(preds.get(article, "")), toks))
        _add(total, part)
        if len(annotators) > 1:
            n_multi += 1
            _add(subset, part)
            for other in annotators[1:]:
                n_pairs += 1
                hp = count_doc(gold, token_doc(parse_ann(by_annotator[other]), toks))
                hp["n_articles"] = 0
                _add(human, hp)
    human["n_articles"] = n_multi
    result: dict[str, Any] = {"system": finalize(total)}
    if n_multi:
        result["human"] = dict(finalize(human), n_annotator_pairs=n_pairs)
        result["system_multi_subset"] = finalize(subset)
    return result


_LABELS = {
    "system": "system (all articles)",
    "human": "human: other annotators vs gold annotator (multi-annotated articles, pooled pairs)",
    "system_multi_subset": "system, multi-annotated subset",
}


def format_table(result: dict[str, Any], title: str = "") -> str:
    """The reference scorer's plain-text table."""
    lines = [title] if title else []
    for key in ("system", "human", "system_multi_subset"):
        if key not in result:
            continue
        res = result[key]
        extra = f", {res['n_annotator_pairs']} annotator pairs" if "n_annotator_pairs" in res else ""
        lines.append(f"== {_LABELS[key]} [{res['n_articles']} articles{extra}]")
        lines.append(f"{'role':<9}{'#gold':>7}{'#pred':>7}" + "".join(f" | {m:^20}" for m in SPAN_METRICS))
        lines.append(f"{'':<23}" + " | {:>6}{:>7}{:>7}".format("P", "R", "F1") * len(SPAN_METRICS))
        for role in ROLES:
            r = res[role]
            row = f"{role:<9}{r['n_gold']:>7}{r['n_pred']:>7}"
            for m in SPAN_METRICS:
                row += " | {:>6.1f}{:>7.1f}{:>7.1f}".format(100 * r[m]["P"], 100 * r[m]["R"], 100 * r[m]["F1"])
            lines.append(row)
        for m in ATTR_METRICS:
            a = res[m]
            lines.append(
                f"{m:<9}{a['n_gold']:>7}{a['n_pred']:>7} | tp={a['tp']:<5} "
                f"P={100 * a['P']:.1f} R={100 * a['R']:.1f} F1={100 * a['F1']:.1f}"
            )
        lines.append("")
    return "\n".join(lines)


def split_dir(split: str) -> Path:
    """The shared PolNeAR folder of ``split``; the held-out test split is refused."""
    if split not in SPLITS:
        raise EvaluationError(
            f"split {split!r} is not available: the PolNeAR test split is held out; use train or dev",
            input=split,
        )
    return shared_data("polnear", "data", split)


def run(
    split: str = "dev",
    pred: str | Path | None = None,
    nlp: Any = None,
    n_process: int = 1,
    out: str | Path | None = None,
    attribution: str | None = None,
) -> tuple[dict[str, Any], GoldDocs, dict[str, str]]:
    """Score ``split``: predictions from ``pred`` or, when None, annotated now with ``nlp``
    (default: :func:`claimledger.engine.annotate.default_nlp` with ``attribution``) into ``out``
    (default: a temporary folder).

    Returns the result dict, the gold documents and the prediction texts (for error analysis).
    """
    folder = split_dir(split)
    gold = load_gold(folder)
    if pred is None:
        from claimledger.engine.annotate import annotate_dir, default_nlp

        nlp = nlp if nlp is not None else default_nlp(attribution)
        with tempfile.TemporaryDirectory(prefix="claimledger-polnear-") as tmp:
            target = Path(out) if out is not None else Path(tmp)
            annotate_dir(folder / "text", target, nlp=nlp, n_process=n_process)
            preds = load_predictions(target, list(gold))
    else:
        preds = load_predictions(pred, list(gold))
    return evaluate(gold, preds), gold, preds


__all__ = [
    "ATTR_METRICS",
    "SPAN_METRICS",
    "SPLITS",
    "Tokens",
    "count_doc",
    "evaluate",
    "finalize",
    "format_table",
    "load_gold",
    "load_predictions",
    "match_attributions",
    "run",
    "split_dir",
    "token_doc",
]
