"""Reliability of the attribution ``confidence`` on PolNeAR (``claimledger eval polnear --reliability``).

Each record the ledger's finder writes (learned model + rules filling its gaps, before enrichment) is
right when it matches a gold attribution under the scorer's ``attr`` criterion.  The table bins the
records by calibrated confidence and compares each bin's mean confidence with the share that is
right (a calibrated score has the two equal), then gives precision and recall of the records kept at
several thresholds (recall over all gold attributions of the split).
"""

from __future__ import annotations

from typing import Any

from claimledger.evaluate.polnear import Tokens, gold_annotator, load_gold, match_attributions, split_dir, token_doc
from claimledger.formats.brat import format_ann, parse_ann


def scored_records(split: str, nlp: Any, docs: list[Any] | None = None) -> tuple[list[tuple[float, bool]], int]:
    """``([(confidence, right)], number of gold attributions)`` for the split.

    Args:
        split: ``train`` or ``dev``.
        nlp: a pipeline with the learned model and ``claimledger_attribution_combine``.
        docs: Docs of the split already run through the model (article order), to skip that step.
    """
    from claimledger.nlp.attribution.confidence import calibrated
    from claimledger.nlp.attribution.lexicon import default_lexicon, quote_chars
    from claimledger.nlp.attribution.quotes import find_quotes

    gold = load_gold(split_dir(split))
    names = list(gold)
    upto = next(i for i, n in enumerate(nlp.pipe_names) if nlp.get_pipe_meta(n).factory.endswith("combine")) + 1
    if docs is None:
        with nlp.select_pipes(enable=nlp.pipe_names[:upto]):
            docs = list(nlp.pipe((gold[n][0] for n in names), batch_size=32))
    else:
        combine = nlp.get_pipe(nlp.pipe_names[upto - 1])
        docs = [combine(d) for d in docs]
    out: list[tuple[float, bool]] = []
    n_gold = 0
    lex = default_lexicon()
    for name, doc in zip(names, docs, strict=True):
        text, by_ann = gold[name]
        toks = Tokens(text)
        g = token_doc(parse_ann(by_ann[gold_annotator(by_ann)]), toks).attributions
        n_gold += len(g)
        qchars = quote_chars(doc, find_quotes(doc.text))
        recs = list(doc._.cl_attributions or [])
        preds = [token_doc(parse_ann(format_ann(text, [r])), toks).attributions for r in recs]
        flat = [p[0] if p else (frozenset(), frozenset(), frozenset()) for p in preds]
        matched = {j for _, j in match_attributions(g, flat, need_source=False)}
        for j, rec in enumerate(recs):
            out.append((calibrated(doc, rec, lex, qchars), j in matched and bool(preds[j])))
    return out, n_gold


def format_reliability(scored: list[tuple[float, bool]], n_gold: int, title: str = "") -> str:
    """The reliability table (10 bins) and precision/recall at thresholds."""
    lines = [title] if title else []
    lines.append(f"{'confidence':<12}{'records':>8}{'mean conf':>11}{'right':>8}")
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        part = [(c, ok) for c, ok in scored if lo <= c < hi or (b == 9 and c == 1.0)]
        if part:
            mean = sum(c for c, _ in part) / len(part)
            right = sum(ok for _, ok in part) / len(part)
            lines.append(f"{lo:.1f}-{hi:.1f}{'':<5}{len(part):>8}{mean:>11.3f}{right:>8.3f}")
    brier = sum((c - ok) ** 2 for c, ok in scored) / max(1, len(scored))
    lines.append(f"Brier score {brier:.4f}")
    lines.append(f"{'threshold':<12}{'kept':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for t in (0.0, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
        kept = [ok for c, ok in scored if c >= t]
        tp = sum(kept)
        p = tp / len(kept) if kept else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{t:<12.2f}{len(kept):>8}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    return "\n".join(lines)


__all__ = ["format_reliability", "scored_records"]
