"""Count PolNeAR train's cue-edge conventions into ``src/claimledger/nlp/resources/cue_edges.json``.

    python training/train_cue_edges.py [--out PATH]     (~3 min: parses the 840 train articles)

For every gold attribution with a one-fragment, contiguous cue, the article is parsed with the project's
spaCy model (plus the paragraph splitter) and each word of the cue beyond its head is counted as an
inclusion (its key taken with the cue built so far: words between it and the head), the word just outside
each edge as an exclusion (unless it belongs to the attribution's source or content).  Keys: see
:mod:`claimledger.formats.cue_edges`.  The thresholds (hi 0.95, lo 0.05, 8 observations) were chosen on dev.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import spacy
from polnear_corpus import load_split

import claimledger.nlp.paragraphs  # noqa: F401  (registers the splitter)
from claimledger.formats.cue_edges import cue_head, feature_keys, is_word
from claimledger.nlp.pipeline import MODEL_PACKAGE
from claimledger.paths import shared_data

OUT = Path(__file__).resolve().parent.parent / "src" / "claimledger" / "nlp" / "resources" / "cue_edges.json"


def _tokens(doc, frags) -> set[int]:  # type: ignore[no-untyped-def]
    out: set[int] = set()
    for s, e in frags:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


def count(
    doc,
    cue: set[int],
    blocked: set[int],
    content_start: set[int],  # type: ignore[no-untyped-def]
    counts: collections.Counter,
) -> None:
    a, b = min(cue), max(cue)
    head = cue_head(doc, cue)
    hl = doc[head].lemma_.lower()

    def add(i: int, cur: set[int], side: str, y: int, boundary: bool = False) -> None:
        for key in feature_keys(doc, i, cur, side, hl, boundary):
            counts[(key, y)] += 1

    if b + 1 in content_start and b > head and is_word(doc[b]):
        # content right after the cue: which side of the boundary the last cue word / first content word
        # went to (the '|c' keys: may a cue take its content's first word?)
        add(b, cue - {b}, "R", 1, boundary=True)
        if is_word(doc[b + 1]):
            add(b + 1, cue, "R", 0, boundary=True)

    for i in range(head + 1, b + 1):
        if is_word(doc[i]):
            add(i, set(range(a, i)), "R", 1)
    if b + 1 < len(doc) and b + 1 not in blocked and is_word(doc[b + 1]):
        add(b + 1, cue, "R", 0)
    for i in range(head - 1, a - 1, -1):
        if is_word(doc[i]):
            add(i, set(range(i + 1, b + 1)), "L", 1)
    if a - 1 >= 0 and a - 1 not in blocked and is_word(doc[a - 1]):
        add(a - 1, cue, "L", 0)


def dump(data: dict) -> str:
    """JSON with one table key per line (diffable)."""
    head = {k: v for k, v in data.items() if k != "counts"}
    rows = ",\n".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in data["counts"].items())
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "counts": {\n' + rows + "\n}}\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    articles = load_split(Path(shared_data("polnear", "data", "train")))
    nlp = spacy.load(MODEL_PACKAGE, disable=["ner"])
    nlp.add_pipe("claimledger_paragraphs", before="parser")
    counts: collections.Counter = collections.Counter()
    n_cues = 0
    for art, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16), strict=True):
        for att in art.attributions:
            cues = att.get("CUE", [])
            if len(cues) != 1 or len(art.spans[cues[0]][1]) != 1:
                continue
            cue = _tokens(doc, art.spans[cues[0]][1])
            if not cue or max(cue) - min(cue) + 1 != len(cue):
                continue
            blocked: set[int] = set()
            starts: set[int] = set()
            for role in ("SRC", "CON"):
                for tid in att.get(role, []):
                    toks = _tokens(doc, art.spans[tid][1])
                    blocked |= toks
                    if role == "CON" and toks:
                        starts.add(min(toks))
            count(doc, cue, blocked - cue, starts, counts)
            n_cues += 1
    table: dict[str, list[int]] = {}
    for (key, y), n in counts.items():
        entry = table.setdefault(key, [0, 0])
        entry[0] += n if y else 0
        entry[1] += n
    table = {k: v for k, v in sorted(table.items()) if v[1] >= 3}  # rare keys never decide (min_n 8)
    data = {"source": "PolNeAR train gold cues", "n_cues": n_cues, "hi": 0.95, "lo": 0.05, "min_n": 8, "counts": table}
    args.out.write_text(dump(data), encoding="utf-8")
    print(f"{n_cues} cues, {len(table)} keys -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
