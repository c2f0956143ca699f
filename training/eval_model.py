"""Score a trained model folder on PolNeAR dev from the cached features (no spaCy, no re-encoding).

    python training/eval_model.py src/claimledger/nlp/resources/attribution_model [--out DIR]

Writes brat predictions to DIR (default training/runs/dev_pred_eval) and prints the reference
scorer's table.  The component's own path (spaCy + evaluate/brat.py) is scored with
``claimledger eval polnear --attribution model``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch
from brat_out import to_brat
from train_attributions import HERE, build_examples, load_scorer

from claimledger.nlp.attribution.model import net
from claimledger.paths import shared_data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("--out", type=Path, default=HERE / "runs" / "dev_pred_eval")
    args = ap.parse_args()
    torch.set_num_threads(1)
    heads, cfg = net.load_heads(args.model)
    sc = load_scorer()
    gold = sc.load_gold_dir(str(shared_data("polnear", "data", "dev")))
    args.out.mkdir(parents=True, exist_ok=True)
    preds = {}
    for d in build_examples("dev", tuple(cfg["layers"]), cfg.get("features", "fp32")):
        pieces = net.Pieces(d["ids"], d["offsets"], d["surface"].numpy())
        units, attrs = net.predict(heads, pieces, d["feats"], d["text"], cfg.get("threshold", 0.5), cfg.get("bias"))
        preds[d["name"]] = to_brat(units, attrs, d["text"])
        (args.out / f"{d['name']}.ann").write_text(preds[d["name"]], encoding="utf-8")
    print(sc.format_table(sc.evaluate(gold, preds), f"model={args.model} pred={args.out}"))


if __name__ == "__main__":
    main()
