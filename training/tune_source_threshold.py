"""Tune the source link threshold for records-only output (what evaluate/brat.py writes).

    python training/tune_source_threshold.py src/claimledger/nlp/resources/attribution_model [--write]

The project's brat writer writes attributions only, so a source the linker leaves unattached is lost;
a lower threshold for sources than for contents recovers them.  Scored like
``claimledger eval polnear --attribution model`` (records only) on the cached dev features.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from brat_out import to_brat
from train_attributions import build_examples, load_scorer, summary

from claimledger.nlp.attribution.model import net
from claimledger.paths import shared_data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    heads, cfg = net.load_heads(args.model)
    sc = load_scorer()
    gold = sc.load_gold_dir(str(shared_data("polnear", "data", "dev")))
    cache = []
    for d in build_examples("dev", tuple(cfg["layers"]), cfg.get("features", "fp32")):
        pieces = net.Pieces(d["ids"], d["offsets"], d["surface"].numpy())
        hs, logp = net.run_heads(heads, pieces, d["feats"])
        cache.append((d, pieces, hs, logp))
    best = (-1.0, None)
    for st in (None, 0.3, 0.2, 0.1, 0.05):
        preds = {}
        for d, pieces, hs, logp in cache:
            _units, attrs = net.decode(
                heads, hs, logp, pieces, d["text"], cfg.get("threshold", 0.5), cfg.get("bias"), st
            )
            preds[d["name"]] = to_brat([], attrs, d["text"])
        res = sc.evaluate(gold, preds)["system"]
        score = res["attr"]["F1"] + res["Source"]["exact"]["F1"] + res["attr+src"]["F1"]
        print(f"source_threshold={st}: {summary(res)} attr+src {res['attr+src']['F1']:.3f}", flush=True)
        if score > best[0]:
            best = (score, st)
    print(f"best source_threshold={best[1]}")
    if args.write:
        path = args.model / "config.json"
        data = json.loads(path.read_text())
        data["source_threshold"] = best[1]
        path.write_text(json.dumps(data, indent=2) + "\n")
        print(f"written to {path}")


if __name__ == "__main__":
    main()
