"""Error categories of a dev prediction folder (edges of near-miss spans, misses, false alarms).

    python training/analyse_dev.py training/runs/dev_pred [--show 5]

For every role: exact hits, near misses (overlapping a gold span but not exact) split by which edge is
off and by how many word tokens, misses (no overlap) and false alarms (no overlap).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from train_attributions import load_scorer

from claimledger.paths import shared_data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred", type=Path)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    sc = load_scorer()
    gold_docs = sc.load_gold_dir(str(shared_data("polnear", "data", "dev")))
    preds = sc.load_pred_dir(str(args.pred), list(gold_docs))
    stats: dict[str, collections.Counter] = {r: collections.Counter() for r in sc.ROLES}
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for art, (text, by) in gold_docs.items():
        toks = sc.Tokens(text)
        g = sc.to_doc(sc.parse_ann(by[sorted(by)[0]]), toks)
        p = sc.to_doc(sc.parse_ann(preds.get(art, "")), toks)
        words = [m.group() for m in sc._TOKEN_RE.finditer(text)]
        for role in sc.ROLES:
            G, P = g.spans[role], p.spans[role]
            for ps in P:
                if ps in G:
                    stats[role]["exact"] += 1
                    continue
                over = [gs for gs in G if gs & ps]
                if not over:
                    stats[role]["false alarm"] += 1
                    if len(examples[f"{role} FA"]) < args.show:
                        examples[f"{role} FA"].append(" ".join(words[i] for i in sorted(ps)))
                    continue
                gs = max(over, key=lambda x: len(x & ps))
                ds, de = min(ps) - min(gs), max(ps) - max(gs)
                key = ("start " + ("early" if ds < 0 else "late") if ds else "") + (
                    " end " + ("early" if de < 0 else "late") if de else ""
                )
                if not ds and not de:
                    key = "same edges, gap differs"
                stats[role]["near: " + key.strip()] += 1
                stats[role][f"near: |edge shift| {min(4, abs(ds) + abs(de))}"] += 1
                if len(examples[f"{role} near"]) < args.show:
                    examples[f"{role} near"].append(
                        f"GOLD {' '.join(words[i] for i in sorted(gs))}\n      PRED "
                        f"{' '.join(words[i] for i in sorted(ps))}"
                    )
            for gs in G:
                if not any(gs & ps for ps in P):
                    stats[role]["miss"] += 1
                    if len(examples[f"{role} miss"]) < args.show:
                        examples[f"{role} miss"].append(" ".join(words[i] for i in sorted(gs)))
    for role in sc.ROLES:
        print(f"== {role}")
        for k, v in sorted(stats[role].items()):
            print(f"  {k:<34}{v:>6}")
    for k, v in examples.items():
        print(f"-- {k}")
        for e in v:
            print("  ", e[:400])


if __name__ == "__main__":
    sys.exit(main())
