"""The linker dates statements by the time expression that modifies the cue, and attaches figures."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from claimledger.nlp import extensions  # noqa: F401
from claimledger.nlp.linker import Linker

WORDS = ["Officials", "told", "reporters", "on", "Friday", "that", "200", "troops", "left", "in", "March", "."]
HEADS = [1, 1, 1, 1, 3, 8, 7, 8, 1, 8, 9, 1]
DEPS = ["nsubj", "ROOT", "dobj", "prep", "pobj", "mark", "nummod", "nsubj", "ccomp", "prep", "pobj", "punct"]


def _doc() -> Doc:
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=WORDS, heads=HEADS, deps=DEPS, sent_starts=[True] + [False] * (len(WORDS) - 1))
    text = doc.text

    def at(s: str) -> list[int]:
        i = text.index(s)
        return [i, i + len(s)]

    content = [at("200 troops left in March")]
    doc._.cl_attributions = [{"source": at("Officials"), "cue": [at("told")], "content": content}]
    doc._.cl_figures = [{"start": at("200")[0], "end": at("200 troops")[1], "value": 200.0}]
    doc._.cl_times = [
        {"start": at("on Friday")[0], "end": at("on Friday")[1], "value": "2025-01-31", "grain": "day"},
        {"start": at("in March")[0], "end": at("in March")[1], "value": "2024-03", "grain": "month"},
    ]
    doc._.cl_places = []
    return doc


def test_linker_statement_date_is_time_modifying_cue() -> None:
    doc = Linker()(_doc())
    (att,) = doc._.cl_attributions
    assert att["date"] == "2025-01-31"  # "on Friday" modifies "told"; "in March" is inside the content
    assert att["date_time"] == 0
    assert att["times"] == [1]
    assert att["figures"] == [0]


def test_linker_no_times_means_no_date() -> None:
    doc = _doc()
    doc._.cl_times = []
    att = Linker()(doc)._.cl_attributions[0]
    assert att["date"] is None and att["times"] == []


def test_linker_time_in_another_clause_does_not_date_the_statement() -> None:
    # "in August" dates the offensive (a relative clause), not the statement, even though the
    # content span stops before it and its head chain would reach the cue.
    words = ["Officials", "said", "troops", "went", "to", "the", "region", ",", "where", "rebels", "attacked"]
    words += ["in", "August", "."]
    heads = [1, 1, 3, 1, 3, 6, 4, 6, 10, 10, 6, 10, 11, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "prep", "det", "pobj", "punct", "advmod", "nsubj", "relcl"]
    deps += ["prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "SCONJ", "NOUN", "VERB", "ADP", "PROPN"]
    pos += ["PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    text = doc.text

    def at(s: str) -> list[int]:
        i = text.index(s)
        return [i, i + len(s)]

    doc._.cl_attributions = [
        {"source": at("Officials"), "cue": [at("said")], "content": [at("troops went to the region")]}
    ]
    doc._.cl_figures, doc._.cl_places = [], []
    doc._.cl_times = [{"start": at("in August")[0], "end": at("in August")[1], "value": "2024-08", "grain": "month"}]
    att = Linker()(doc)._.cl_attributions[0]
    assert att["date"] is None and att["date_time"] is None
