"""Cue edges moved to PolNeAR's conventions (a table counted on train gold cues)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import claimledger.nlp.paragraphs  # noqa: F401  (factory)
from claimledger.formats.cue_edges import EdgeTable, adjust_cue, adjust_records, feature_keys, shipped_table


def _idx(doc: Doc, *words: str) -> set[int]:
    return {t.i for t in doc if t.text in words}


def test_cue_grows_by_a_word_the_table_includes(english: Language) -> None:
    doc = english("The senator pointed out that taxes rose.")
    cue = _idx(doc, "pointed")
    out_key = feature_keys(doc, 3, cue, "R", "point")[1]
    table = EdgeTable({out_key: [20, 20]})
    assert adjust_cue(doc, cue, set(), table) == _idx(doc, "pointed", "out")


def test_cue_never_enters_its_content_or_a_rare_key(english: Language) -> None:
    doc = english("The senator pointed out that taxes rose.")
    cue = _idx(doc, "pointed")
    key = feature_keys(doc, 3, cue, "R", "point")[1]
    assert adjust_cue(doc, cue, {3, 4, 5, 6}, EdgeTable({key: [20, 20]})) == cue
    assert adjust_cue(doc, cue, set(), EdgeTable({key: [3, 3]})) == cue  # below min_n


def test_cue_edge_word_trimmed_when_the_table_excludes_it(english: Language) -> None:
    doc = english("But she said that taxes rose.")
    cue = _idx(doc, "But", "she", "said")
    key = feature_keys(doc, 0, {1, 2}, "L", "say")[1]
    key2 = feature_keys(doc, 1, {2}, "L", "say")[1]
    assert adjust_cue(doc, cue, set(), EdgeTable({key: [0, 50], key2: [0, 50]})) == {2}


def test_shipped_table_keeps_auxiliaries_and_drops_conjunctions(english: Language) -> None:
    doc = english("Officials said on Monday that the bridge has not been reopened.")
    table = shipped_table()
    aux, cc = table.rate(("L|aux|AUX|have|in",) * 2), table.rate(("L|cc|CCONJ|and|out",) * 2)
    assert aux is not None and aux > 0.95
    assert cc is not None and cc < 0.05
    rec = {"cue": [[10, 14]], "source": [0, 9], "content": [[30, len(doc.text) - 1]]}
    out = adjust_records(doc, [rec])[0]
    assert doc.text[out["cue"][0][0] : out["cue"][0][1]].startswith("said")


def test_records_cue_loses_a_glued_quote_mark(english: Language) -> None:
    text = "“We will win.”― Ana Ruiz"
    doc = english(text)
    dash = text.index("―")
    rec = {"cue": [[dash - 1, dash + 1]], "source": [dash + 2, len(text)], "content": [[1, dash - 2]]}
    out = adjust_records(doc, [rec])[0]
    assert text[out["cue"][0][0] : out["cue"][0][1]] == "―"


def test_cue_takes_the_first_content_word_at_the_boundary(english: Language) -> None:
    text = "Critics are calling for an inquiry into the deal."
    doc = english(text)
    cue_s = text.index("calling")
    content_s = text.index("for")
    j = next(t.i for t in doc if t.text == "for")
    key = feature_keys(doc, j, {j - 1}, "R", "call", boundary=True)[1]
    rec = {"cue": [[cue_s, cue_s + 7]], "source": [0, 7], "content": [[content_s, len(text) - 1]]}
    out = adjust_records(doc, [rec], EdgeTable({key: [30, 30]}))[0]
    assert text[out["cue"][0][0] : out["cue"][0][1]] == "calling for"
    assert text[out["content"][0][0] : out["content"][0][1]] == "an inquiry into the deal"


def test_cue_does_not_end_with_a_determiner_of_an_outside_noun(english: Language) -> None:
    text = "He told an aide that the plan had failed."
    doc = english(text)
    rec = {"cue": [[3, 10]], "source": [0, 2], "content": [[19, len(text) - 1]]}
    out = adjust_records(doc, [rec], EdgeTable({}))[0]
    assert text[out["cue"][0][0] : out["cue"][0][1]] == "told"
