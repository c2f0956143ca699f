"""How many attributions differ between two folders of PolNeAR-style predictions.

    python training/diff_predictions.py /tmp/pred_fp32 /tmp/pred_bf16 [--show 5]

An attribution is the exact set of its source, cue and content fragments (character offsets); it
"changed" when the other folder has no attribution with exactly those spans.  Used to report what a
speed change (bf16, another encoder) does to the output beside the F1 figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimledger.formats.brat import BratDoc, parse_ann

Key = tuple[tuple[str, tuple[tuple[int, int], ...]], ...]


def attribution_keys(doc: BratDoc) -> set[Key]:
    """Each attribution of ``doc`` as a hashable tuple of (role, fragments), roles sorted."""
    keys = set()
    for args in doc.attributions:
        key = tuple(sorted((role, frag) for role, tids in args.items() for tid in tids for frag in doc.spans[tid][1:]))
        keys.add(key)
    return keys


def diff(a: Path, b: Path) -> tuple[int, int, int, list[tuple[str, Key, str]]]:
    """(attributions in a, in b, changed = in one folder only, examples)."""
    n_a = n_b = changed = 0
    examples: list[tuple[str, Key, str]] = []
    for path in sorted(a.glob("*.ann")):
        ka = attribution_keys(parse_ann(path.read_text(encoding="utf-8")))
        other = b / path.name
        kb = attribution_keys(parse_ann(other.read_text(encoding="utf-8"))) if other.exists() else set()
        n_a, n_b = n_a + len(ka), n_b + len(kb)
        changed += len(ka ^ kb)
        examples += [(path.stem, k, "only a") for k in ka - kb] + [(path.stem, k, "only b") for k in kb - ka]
    return n_a, n_b, changed, examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print this many changed attributions")
    args = ap.parse_args(argv)
    n_a, n_b, changed, examples = diff(args.a, args.b)
    only_a = sum(1 for e in examples if e[2] == "only a")
    print(
        f"{n_a} attributions in {args.a}, {n_b} in {args.b}; {changed} in one only ({only_a} a, {changed - only_a} b)"
    )
    for name, key, side in examples[: args.show]:
        print(f"  {side}  {name}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
