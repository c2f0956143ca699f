"""Build the two tables the pronoun resolver reads (``src/claimledger/nlp/resources/actors/``).

* ``first_names.tsv`` — first name -> ``m``/``f``, from the name data of the ``nomquamgender``
  package (Van Buskirk, Clauset & Larremore 2023, "An open-source cultural consensus approach to
  name-based gender classification", ICWSM; MIT licence, notice kept in the file): names seen at
  least 50 times whose p(female) is at most 0.1 or at least 0.9 (the package's own threshold).
  ``pip install nomquamgender`` is needed only to rebuild the table, never to run claimledger.
* ``speaker_nouns.tsv`` — from the PolNeAR *train* split (never dev or test): the head lemmas of
  gold Source spans that are common nouns ("officials", "insiders", "campaign"), with how often they
  head a source and how often they occur at all.  A noun never seen speaking ("parts", "changes")
  is not what "they said" stands for.

Usage: ``python scripts/mine_coref_stats.py PATH/TO/polnear/data/train`` (minutes on 2 cores).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "nlp" / "resources" / "actors"
MIN_COUNT, MAX_UNCERTAINTY = 50, 0.1
_NOTICE = """# first name -> m/f, from the name data of nomquamgender 0.1.4 (https://pypi.org/project/nomquamgender/):
# names seen >= 50 times with p(female) <= 0.1 (m) or >= 0.9 (f); built by scripts/mine_coref_stats.py.
# nomquamgender: Copyright (c) 2022 Ian Van Buskirk. MIT License: Permission is hereby granted, free of
# charge, to any person obtaining a copy of this software and associated documentation files (the
# "Software"), to deal in the Software without restriction, including without limitation the rights to use,
# copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
# persons to whom the Software is furnished to do so, subject to the following conditions: The above
# copyright notice and this permission notice shall be included in all copies or substantial portions of
# the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED."""


def first_names() -> list[str]:
    """``name\\tm|f`` rows from nomquamgender's name data."""
    import importlib.util

    spec = importlib.util.find_spec("nomquamgender")  # its data file only: the package is not imported
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip install nomquamgender==0.1.4 to rebuild first_names.tsv")
    folder = Path(list(spec.submodule_search_locations)[0])
    data = json.loads((folder / "name_data.json").read_text(encoding="utf-8"))
    rows = []
    for name, (_sources, count, p_female, *_rest) in sorted(data.items()):
        if count < MIN_COUNT or not re.fullmatch(r"[a-z][a-z'-]+", name):
            continue
        if p_female <= MAX_UNCERTAINTY or p_female >= 1 - MAX_UNCERTAINTY:
            rows.append(f"{name}\t{'f' if p_female >= 0.5 else 'm'}")
    return rows


def speaker_nouns(split_dir: str) -> list[str]:
    """``lemma\\tn_source\\tn_all`` rows: common nouns heading a gold Source of PolNeAR train twice or more."""
    import spacy

    from claimledger.evaluate.polnear import gold_annotator, load_gold
    from claimledger.formats.brat import parse_ann
    from claimledger.nlp.pipeline import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE, disable=["ner"])
    gold = load_gold(split_dir)
    heads: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    articles = [a for a in gold if gold[a][1]]
    for article, doc in zip(articles, nlp.pipe(gold[a][0] for a in articles), strict=True):
        nouns.update(t.lemma_.lower() for t in doc if t.pos_ == "NOUN")
        by_annotator = gold[article][1]
        ann = parse_ann(by_annotator[gold_annotator(by_annotator)])
        for att in ann.attributions:
            for tid in att.get("Source", []):
                frags = ann.spans[tid][1]
                span = doc.char_span(frags[0][0], frags[-1][1], alignment_mode="expand")
                if span is not None and span.root.pos_ == "NOUN":
                    heads[span.root.lemma_.lower()] += 1
    return [f"{lemma}\t{n}\t{nouns[lemma]}" for lemma, n in sorted(heads.items()) if n >= 2]


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].rstrip("/").endswith("train"):
        sys.exit("usage: python scripts/mine_coref_stats.py PATH/TO/polnear/data/train")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "first_names.tsv").write_text(_NOTICE + "\n" + "\n".join(first_names()) + "\n", encoding="utf-8")
    header = "# noun lemma\tas a source head\tin all  (PolNeAR train; scripts/mine_coref_stats.py)"
    rows = speaker_nouns(sys.argv[1])
    (OUT / "speaker_nouns.tsv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
