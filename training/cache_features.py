"""Run the frozen MiniLM encoder once over a PolNeAR split and cache its features.

    python training/cache_features.py train dev      # -> training/corpus/<split>.pt

The encoder is frozen, so its features are computed once; the head trains on the cache in minutes.
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


def cache_split(split: str, out_dir: Path) -> Path:
    arts = load_split(shared_data("polnear", "data", split))
    tok = net.load_tokenizer()
    enc = net.Encoder()
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
    out = out_dir / f"{split}.pt"
    torch.save({"layers": net.LAYERS, "window": net.WINDOW, "docs": docs}, out)
    print(f"{split}: {len(arts)} docs, {n_pieces} pieces in {time.time() - t0:.0f}s -> {out}", flush=True)
    return out


if __name__ == "__main__":
    out_dir = HERE / "corpus"
    out_dir.mkdir(exist_ok=True)
    for split in sys.argv[1:] or ["train", "dev"]:
        cache_split(split, out_dir)
