"""Fit the attribution confidence calibration (``nlp/resources/cues/confidence.json``) on PolNeAR *train*.

Every record the ledger's finder writes (learned model + rules filling its gaps, before enrichment)
is labelled right when it matches a gold attribution under the scorer's ``attr`` criterion; a
logistic regression over :func:`claimledger.nlp.attribution.confidence.features` is fitted on them.
Only the train split is read for fitting.  Usage::

    python training/fit_confidence.py [--docs DOCBIN] [OUT.json]

``--docs`` reads Docs already parsed and tagged by the learned model (a spaCy DocBin with user data,
in the train split's article order), which saves the ~25 min of running the model again.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any


def labelled(docs: list[Any], names: list[str], gold: dict[str, Any], nlp: Any) -> tuple[list[list[float]], list[int]]:
    """Feature vectors and 0/1 labels of every record of ``docs`` after the combine step."""
    from claimledger.evaluate.polnear import Tokens, gold_annotator, match_attributions, token_doc
    from claimledger.formats.brat import format_ann, parse_ann
    from claimledger.nlp.attribution.confidence import features
    from claimledger.nlp.attribution.lexicon import default_lexicon, quote_chars
    from claimledger.nlp.attribution.quotes import find_quotes

    combine = next(nlp.get_pipe(n) for n in nlp.pipe_names if "combine" in n)
    xs: list[list[float]] = []
    ys: list[int] = []
    lex = default_lexicon()
    for name, doc in zip(names, docs, strict=True):
        doc = combine(doc)
        text, by_ann = gold[name]
        toks = Tokens(text)
        g = token_doc(parse_ann(by_ann[gold_annotator(by_ann)]), toks).attributions
        qchars = quote_chars(doc, find_quotes(doc.text))
        for rec in doc._.cl_attributions or []:
            p = token_doc(parse_ann(format_ann(text, [rec])), toks).attributions
            ok = bool(p) and bool(match_attributions(g, p, need_source=False))
            xs.append(features(doc, rec, lex, qchars))
            ys.append(int(ok))
    return xs, ys


def main(argv: list[str] | None = None) -> int:
    """Fit and write the weights."""
    from sklearn.linear_model import LogisticRegression
    from spacy.tokens import DocBin

    from claimledger.evaluate.polnear import load_gold, split_dir
    from claimledger.nlp.attribution.confidence import FEATURES
    from claimledger.nlp.pipeline import build_nlp

    args = list(sys.argv[1:] if argv is None else argv)
    docbin = args[args.index("--docs") + 1] if "--docs" in args else None
    rest = [a for i, a in enumerate(args) if a != "--docs" and (i == 0 or args[i - 1] != "--docs")]
    out = rest[0] if rest else str(resources.files("claimledger.nlp.resources").joinpath("cues", "confidence.json"))
    gold = load_gold(split_dir("train"))
    names = list(gold)
    nlp = build_nlp(attribution="combined", exclude=("figures", "times", "places", "actors"))
    if docbin:
        docs = list(DocBin().from_bytes(Path(docbin).read_bytes()).get_docs(nlp.vocab))
    else:
        upto = nlp.pipe_names.index("claimledger_attribution_model") + 1
        with nlp.select_pipes(enable=nlp.pipe_names[:upto]):
            docs = list(nlp.pipe((gold[n][0] for n in names), batch_size=32))
    xs, ys = labelled(docs, names, gold, nlp)
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000).fit(xs, ys)
    weights = [round(float(w), 5) for w in model.coef_[0]]
    Path(out).write_text(
        json.dumps(
            {
                "fitted_on": "PolNeAR train",
                "n": len(ys),
                "positive": sum(ys),
                "features": list(FEATURES),
                "weights": weights,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(ys)} records, {sum(ys)} right; wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
