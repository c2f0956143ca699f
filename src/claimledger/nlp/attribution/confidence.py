"""A calibrated ``confidence`` for every attribution record: the probability that it is a real one.

The finders' own scores are not probabilities of the same thing (the learned model's is a mean tag
probability times a link probability; a rule's is its cue statistics or a fixed prior), and a
non-speech predicate the model reads as a cue ("the glasses *lay* a few feet", "*backs* the bill")
can score high.  :func:`calibrated` combines, in a logistic regression (Platt scaling extended with
features; Platt 1999, "Probabilistic outputs for support vector machines"), the record's own score,
which finder made it and how, and how often its cue's lemma in its syntactic frame heads a cue in
PolNeAR *train* (``frames.tsv``): a lemma/frame that is rarely a cue there ("lay" + object, "call" +
a meeting) lowers the confidence, whoever proposed it.  The weights are fitted on PolNeAR train by
``training/fit_confidence.py`` (a record is right when it matches a gold attribution under the
scorer's ``attr`` criterion) and stored in ``resources/cues/confidence.json``; the reliability table
on dev is ``claimledger eval polnear --split dev --reliability``.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.lexicon import CueLexicon, frame_of
from claimledger.nlp.doctext import doc_text

_RESOURCE = "claimledger.nlp.resources"
FEATURES: tuple[str, ...] = (
    "bias",
    "logit_score",
    "origin_rules",
    "kind_verb_rule",
    "kind_noun",
    "kind_relay",
    "frame_logit",
    "frame_unseen",
    "frame_count",
    "speech_verb",
    "has_source",
    "direct",
    "content_words",
    "cue_is_verb",
)
# rule constructions PolNeAR train does not annotate or barely has (refusals, passive denials)
UNFITTED_KINDS = frozenset({"no_comment", "passive"})
_REFUSAL = re.compile(r"\b(refus|declin|reject|decline)\w*|\bnot\b.*\b(comment|respond|reply|say|confirm)", re.I)
UNFITTED_PRIOR = 0.6
# what kept claims must reach by default (the F1-optimal threshold on PolNeAR train lies near it)
DEFAULT_MIN_CONFIDENCE = 0.35


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _head(doc: Doc, rec: dict[str, Any]) -> Token | None:
    toks: list[Token] = []
    for s, e in rec.get("cue") or []:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            toks.extend(t for t in span if not t.is_punct and not t.is_space)
    if not toks:
        return None
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])


def features(doc: Doc, rec: dict[str, Any], lexicon: CueLexicon, qchars: set[int] | None = None) -> list[float]:
    """The feature vector of one record (in :data:`FEATURES` order).

    Args:
        doc: the parsed Doc.
        rec: a ``doc._.cl_attributions`` record as a finder wrote it (character offsets).
        lexicon: the cue lexicon (PolNeAR train frame statistics).
        qchars: start offsets of tokens inside quotation marks (for the ``quote`` frame).
    """
    head = _head(doc, rec)
    origin, kind = rec.get("origin"), rec.get("kind")
    stat = lexicon.stat(head.lemma_.lower(), head.pos_, frame_of(head, qchars)) if head is not None else None
    content = [(s, e) for s, e in rec.get("content") or []]
    n_words = sum(len(doc_text(doc)[s:e].split()) for s, e in content)
    return [
        1.0,
        _logit(float(rec.get("confidence") or 0.5)),
        1.0 if origin == "rules" else 0.0,
        1.0 if origin == "rules" and kind == "verb" else 0.0,
        1.0 if kind == "noun" else 0.0,
        1.0 if kind in ("according", "headline", "tweet", "signed") else 0.0,
        _logit(stat.prob()) if stat is not None else 0.0,
        0.0 if stat is not None else 1.0,
        math.log1p(stat.n_all) if stat is not None else 0.0,
        1.0 if head is not None and lexicon.is_speech_verb(head.lemma_.lower()) else 0.0,
        1.0 if rec.get("source") else 0.0,
        1.0 if rec.get("direct") else 0.0,
        math.log1p(n_words),
        1.0 if head is not None and head.pos_ in ("VERB", "AUX") else 0.0,
    ]


@lru_cache(maxsize=1)
def weights() -> tuple[float, ...] | None:
    """The fitted weights (``resources/cues/confidence.json``), or None when none ship."""
    path = resources.files(_RESOURCE).joinpath("cues").joinpath("confidence.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        return None  # fitted on other features: do not apply
    return tuple(float(w) for w in data["weights"])


def calibrated(doc: Doc, rec: dict[str, Any], lexicon: CueLexicon, qchars: set[int] | None = None) -> float:
    """The calibrated probability that ``rec`` is a real attribution (its raw score when no weights ship).

    Args:
        doc: the parsed Doc.
        rec: a finder's record; its ``confidence`` is the raw score.
        lexicon: the cue lexicon.
        qchars: start offsets of quoted tokens.
    """
    w = weights()
    raw = float(rec.get("confidence") or 0.0)
    if w is None:
        return raw
    text = doc_text(doc)
    if rec.get("kind") in UNFITTED_KINDS or _REFUSAL.search(" ".join(text[s:e] for s, e in rec.get("cue") or [])):
        return max(raw, UNFITTED_PRIOR)  # constructions PolNeAR train hardly has: the rules' prior stands

    z = sum(a * b for a, b in zip(w, features(doc, rec, lexicon, qchars), strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


__all__ = ["DEFAULT_MIN_CONFIDENCE", "FEATURES", "UNFITTED_KINDS", "calibrated", "features", "weights"]
