"""Train the attribution head on cached MiniLM features of PolNeAR train; tune/score on dev.

    python training/train_attributions.py            # caches features if missing, trains, scores dev,
                                                     # writes src/claimledger/nlp/resources/attribution_model/
Options: --epochs N --seed S --out DIR --no-save --lr X

Dev is scored with the reference scorer (../shared/eval/polnear_score.py) after every epoch; the best
epoch (attr F1) is kept.  Logs go to stdout (run it under training/runs/ with nohup).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from claimledger.nlp.attribution.model import net  # noqa: E402
from claimledger.paths import shared_data, shared_dir  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from brat_out import to_brat  # noqa: E402
from cache_features import parse_layers  # noqa: E402
from polnear_corpus import load_split  # noqa: E402

LAB = {lab: i for i, lab in enumerate(net.LABELS)}


def load_scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", shared_dir() / "eval" / "polnear_score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["polnear_score"] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def build_examples(split: str, layers: tuple[int, ...] = net.LAYERS, precision: str = "fp32") -> list[dict]:
    """Cached features (of the encoder ``layers`` at ``precision``) + gold tags, units and links for every
    article of ``split``."""
    from cache_features import cache_name, cache_split

    cache = HERE / "corpus" / cache_name(split, layers, precision)
    if not cache.exists():
        cache_split(split, HERE / "corpus", layers, precision)
    data = torch.load(cache, weights_only=False)
    assert tuple(data["layers"]) == tuple(layers) and data["window"] == net.WINDOW, "stale cache"
    gold = {a.name: a for a in load_split(shared_data("polnear", "data", split))}
    out = []
    for d in data["docs"]:
        art = gold[d["name"]]
        offs = d["offsets"].numpy()
        starts, ends = offs[:, 0], offs[:, 1]
        tags = np.zeros(len(offs), dtype=np.int64)
        frag_unit: dict[tuple, int] = {}
        units: list[tuple[int, int, str]] = []
        for _tid, (role, frags) in sorted(art.spans.items(), key=lambda kv: kv[1][1][0]):
            for s, e in frags:
                idx = np.nonzero((starts < e) & (ends > s))[0]
                if len(idx) == 0:
                    continue
                a, b = int(idx[0]), int(idx[-1]) + 1
                tags[a] = LAB[f"B-{role}"]
                tags[a + 1 : b] = LAB[f"I-{role}"]
                frag_unit[(s, e)] = len(units)
                units.append((a, b, role))
        members: list[set[int]] = []
        for attr in art.attributions:
            m = set()
            for tids in attr.values():
                for tid in tids:
                    for f in art.spans[tid][1]:
                        if tuple(f) in frag_unit:
                            m.add(frag_unit[tuple(f)])
            members.append(m)
        order = sorted(range(len(units)), key=lambda i: units[i][0])
        remap = {old: new for new, old in enumerate(order)}
        units = [units[i] for i in order]
        members = [{remap[i] for i in m} for m in members]
        cue_idx = [i for i, u in enumerate(units) if u[2] == "CUE"]
        pairs, pf = net.pair_features(units, cue_idx)
        pos = set()
        for m in members:
            for c in m:
                for j in m:
                    if c != j:
                        pos.add((c, j))
        y = [float((c, j) in pos) for c, j in pairs]
        out.append(
            {
                "name": d["name"],
                "text": art.text,
                "feats": d["feats"],
                "surface": d["surface"],
                "ids": d["ids"].numpy(),
                "offsets": offs,
                "tags": torch.from_numpy(tags),
                "units": torch.tensor([(s, e) for s, e, _ in units], dtype=torch.long).reshape(-1, 2),
                "pairs": torch.tensor(pairs, dtype=torch.long).reshape(-1, 2),
                "pf": torch.tensor(pf, dtype=torch.long).reshape(-1, 3),
                "y": torch.tensor(y),
            }
        )
    return out


def run_batch(head: net.Head, batch: list[dict], link_weight: float) -> torch.Tensor:
    lens = torch.tensor([len(b["tags"]) for b in batch])
    n = int(lens.max())
    feats = torch.zeros(len(batch), n, batch[0]["feats"].shape[1])
    surf = torch.zeros(len(batch), n, net.N_SURFACE)
    tags = torch.full((len(batch), n), -100, dtype=torch.long)
    ids = torch.zeros((len(batch), n), dtype=torch.long)
    for r, b in enumerate(batch):
        k = len(b["tags"])
        ids[r, :k] = torch.from_numpy(b["ids"])
        feats[r, :k] = b["feats"].float()
        surf[r, :k] = b["surface"]
        tags[r, :k] = b["tags"]
    h = head.encode(feats, surf, lens, ids)
    loss = nn.functional.cross_entropy(head.tag(h).reshape(-1, len(net.LABELS)), tags.reshape(-1), ignore_index=-100)
    link_losses = []
    for r, b in enumerate(batch):
        if len(b["pairs"]) == 0:
            continue
        emb = head.spans(h[r, : len(b["tags"])], b["units"])
        logits = head.pair_logits(emb, b["pairs"], b["pf"])
        link_losses.append(nn.functional.binary_cross_entropy_with_logits(logits, b["y"], reduction="sum"))
    if link_losses:
        n_pairs = sum(len(b["pairs"]) for b in batch)
        loss = loss + link_weight * torch.stack(link_losses).sum() / max(1, n_pairs) * 4
    return loss


def evaluate(
    head: net.Head, dev: list[dict], scorer, gold_docs, out_dir: Path | None = None, threshold: float = 0.5
) -> dict:
    head.eval()
    preds = {}
    for d in dev:
        pieces = net.Pieces(d["ids"], d["offsets"], d["surface"].numpy())
        units, attrs = net.predict([head], pieces, d["feats"], d["text"], threshold)
        preds[d["name"]] = to_brat(units, attrs, d["text"])
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{d['name']}.ann").write_text(preds[d["name"]], encoding="utf-8")
    head.train()
    return scorer.evaluate(gold_docs, preds)["system"]


def summary(res: dict) -> str:
    return (
        f"attr {res['attr']['F1']:.3f} attr+src {res['attr+src']['F1']:.3f} | exact S "
        f"{res['Source']['exact']['F1']:.3f} C {res['Cue']['exact']['F1']:.3f} "
        f"Ct {res['Content']['exact']['F1']:.3f} | soft Ct {res['Content']['soft']['F1']:.3f} "
        f"| Cue R {res['Cue']['exact']['R']:.3f} P {res['Cue']['exact']['P']:.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=160)
    ap.add_argument("--lstm-layers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lex-dim", type=int, default=32, help="trainable word-piece embedding (0 = off)")
    ap.add_argument("--link-weight", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=net.resource_dir())
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--layers", type=parse_layers, default=net.LAYERS, help="encoder states fed to the head")
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32", help="of the cached features")
    args = ap.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    train = build_examples("train", args.layers, args.precision)
    dev = build_examples("dev", args.layers, args.precision)
    scorer = load_scorer()
    gold_docs = scorer.load_gold_dir(str(shared_data("polnear", "data", "dev")))
    print(f"data ready in {time.time() - t0:.0f}s: {len(train)} train, {len(dev)} dev", flush=True)
    head = net.Head(train[0]["feats"].shape[1], hidden=args.hidden, layers=args.lstm_layers, lex_dim=args.lex_dim)
    opt = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    best, best_state, t_train = -1.0, None, time.time()
    for epoch in range(args.epochs):
        random.shuffle(train)
        train.sort(key=lambda d: len(d["tags"]) // 400 + random.random())  # similar lengths per batch
        batches = [train[i : i + args.batch] for i in range(0, len(train), args.batch)]
        random.shuffle(batches)
        total = 0.0
        for b in batches:
            loss = run_batch(head, b, args.link_weight)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(head.parameters(), 5.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
        print(f"epoch {epoch + 1} trained {time.time() - t_train:.0f}s", flush=True)
        res = evaluate(head, dev, scorer, gold_docs)
        print(
            f"epoch {epoch + 1} loss {total / len(batches):.4f} {time.time() - t_train:.0f}s | {summary(res)}",
            flush=True,
        )
        if res["attr"]["F1"] > best:
            best = res["attr"]["F1"]
            best_state = {k: v.clone() for k, v in head.state_dict().items()}
    head.load_state_dict(best_state)
    train_s = time.time() - t_train
    print(f"best dev attr F1 {best:.3f}; head training {train_s:.0f}s", flush=True)
    res = evaluate(head, dev, scorer, gold_docs, out_dir=HERE / "runs" / "dev_pred")
    print("final:", summary(res), flush=True)
    if not args.no_save:
        net.save_heads(
            [head],
            args.out,
            {
                "layers": list(args.layers),
                "features": args.precision,
                "window": net.WINDOW,
                "threshold": 0.5,
                "seed": args.seed,
                "epochs": args.epochs,
                "train_seconds": round(train_s),
            },
        )
        print(f"saved to {args.out}", flush=True)


if __name__ == "__main__":
    main()
