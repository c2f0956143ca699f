"""Run the frozen MiniLM encoder once over a PolNeAR split and cache its features.

    python training/cache_features.py train dev      # -> training/corpus/<split>.pt
    python training/cache_features.py train dev --layers 3,4 --precision bf16   # -> <split>_L3-4_bf16.pt

The encoder is frozen, so its features are computed once; the head trains on the cache in minutes.
``--layers``: the hidden states kept (the encoder stops at the last one: ``3,4`` runs 4 of MiniLM's 6
layers); ``--precision``: the encoder's arithmetic (the shipped model trained on fp32 features).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402

from claimledger.nlp.attribution.model import net  # noqa: E402
from claimledger.paths import shared_data  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from polnear_corpus import load_split  # noqa: E402


def cache_name(split: str, layers: tuple[int, ...] = net.LAYERS, precision: str = "fp32") -> str:
    """File name of a split's cache: ``train.pt`` for the default layers in fp32, else tagged."""
    if tuple(layers) == net.LAYERS and precision == "fp32":
        return f"{split}.pt"
    return f"{split}_L{'-'.join(map(str, layers))}_{precision}.pt"


def parse_layers(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(","))


def cache_split(split: str, out_dir: Path, layers: tuple[int, ...] = net.LAYERS, precision: str = "fp32") -> Path:
    arts = load_split(shared_data("polnear", "data", split))
    tok = net.load_tokenizer()
    enc = net.Encoder(layers, precision)
    docs = []
    t0 = time.time()
    n_pieces = 0
    for k, art in enumerate(arts):
        pieces = net.tokenize(tok, art.text)
        spans = net.windows(pieces, art.text)
        feats = enc(pieces, spans)
        n_pieces += len(pieces.ids)
        docs.append(
            {
                "name": art.name,
                "ids": torch.from_numpy(pieces.ids),
                "offsets": torch.from_numpy(pieces.offsets),
                "surface": torch.from_numpy(pieces.surface),
                "feats": feats.to(torch.float16),
            }
        )
        if k % 50 == 0:
            print(f"{split}: {k}/{len(arts)} docs, {n_pieces / (time.time() - t0):.0f} pieces/s", flush=True)
    out = out_dir / cache_name(split, layers, precision)
    torch.save({"layers": tuple(layers), "window": net.WINDOW, "precision": precision, "docs": docs}, out)
    print(f"{split}: {len(arts)} docs, {n_pieces} pieces in {time.time() - t0:.0f}s -> {out}", flush=True)
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("splits", nargs="*", default=["train", "dev"])
    ap.add_argument("--layers", type=parse_layers, default=net.LAYERS, help="e.g. 4,6 (default) or 3,4")
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    args = ap.parse_args()
    out_dir = HERE / "corpus"
    out_dir.mkdir(exist_ok=True)
    torch.set_num_threads(1)
    for split in args.splits:
        cache_split(split, out_dir, args.layers, args.precision)
