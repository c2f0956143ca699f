"""Tune decoding (per-role tag biases, link threshold) of a trained head on PolNeAR dev.

    python training/tune_decoding.py training/runs/model_v1 [--write] [--out DIR]

The network runs once per dev article; each setting only re-decodes.  Coordinate search on the
biases added to the B-/I- log-probabilities of each role before Viterbi, then on the link threshold,
maximising the mean of the five target metrics.  ``--write`` stores the best setting in the head's
config.json (read by the component).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch
from brat_out import to_brat
from train_attributions import build_examples, load_scorer, summary

from claimledger.nlp.attribution.model import net
from claimledger.paths import shared_data


def objective(res: dict) -> float:
    return float(
        np.mean(
            [
                res["attr"]["F1"],
                res["Source"]["exact"]["F1"],
                res["Cue"]["exact"]["F1"],
                res["Content"]["exact"]["F1"],
                res["Content"]["soft"]["F1"],
            ]
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path, nargs="+", help="one head folder, or several = an ensemble")
    ap.add_argument("--out", type=Path, default=None, help="write the (ensemble) model here")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    heads, cfg = [], {}
    for folder in args.model:
        hs, c = net.load_heads(folder)
        heads += hs
        cfg = cfg or c
    dev = build_examples("dev", tuple(cfg["layers"]), cfg.get("features", "fp32"))
    sc = load_scorer()
    gold = sc.load_gold_dir(str(shared_data("polnear", "data", "dev")))
    cache = []
    for d in dev:
        pieces = net.Pieces(d["ids"], d["offsets"], d["surface"].numpy())
        hs, logp = net.run_heads(heads, pieces, d["feats"])
        cache.append((d, pieces, hs, logp))

    def score(bias: list[float], thr: float) -> dict:
        preds = {}
        for d, pieces, h, logp in cache:
            units, attrs = net.decode(heads, h, logp, pieces, d["text"], thr, bias)
            preds[d["name"]] = to_brat(units, attrs, d["text"])
        return sc.evaluate(gold, preds)["system"]

    # bias vector over LABELS: O, B-SRC, I-SRC, B-CUE, I-CUE, B-CON, I-CON
    bias = list(cfg.get("bias") or [0.0] * len(net.LABELS))
    thr = float(cfg.get("threshold", 0.5))
    best = objective(score(bias, thr))
    print(f"start {best:.4f} bias={bias} thr={thr}", flush=True)
    for _round in range(2):
        for k in range(1, len(net.LABELS)):
            for delta in (-0.6, -0.3, 0.3, 0.6):
                cand = list(bias)
                cand[k] = round(cand[k] + delta, 2)
                res = score(cand, thr)
                if objective(res) > best + 1e-4:
                    best, bias = objective(res), cand
                    print(f"  {net.LABELS[k]} -> {cand[k]}: {best:.4f} | {summary(res)}", flush=True)
        for t in (0.3, 0.4, 0.5, 0.6):
            res = score(bias, t)
            if objective(res) > best + 1e-4:
                best, thr = objective(res), t
                print(f"  threshold -> {t}: {best:.4f} | {summary(res)}", flush=True)
    res = score(bias, thr)
    print(f"best {best:.4f} bias={bias} thr={thr}\n{summary(res)}", flush=True)
    if args.write or args.out:
        out = args.out or args.model[0]
        meta = {k: v for k, v in cfg.items() if k != "heads"}
        meta.update(
            {
                "bias": bias,
                "threshold": thr,
                "dev": {
                    "attr": round(res["attr"]["F1"], 4),
                    "source_exact": round(res["Source"]["exact"]["F1"], 4),
                    "cue_exact": round(res["Cue"]["exact"]["F1"], 4),
                    "content_exact": round(res["Content"]["exact"]["F1"], 4),
                    "content_soft": round(res["Content"]["soft"]["F1"], 4),
                },
            }
        )
        net.save_heads(heads, out, meta)
        print(f"written to {out}")


if __name__ == "__main__":
    main()
