"""claimledger_token_attrs gives every token exactly what the model's attribute_ruler + lemmatizer give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.nlp import tokenattrs

pytestmark = pytest.mark.slow

# Written for this test: contractions, "gonna"/"y'all" lemmas, pronoun cases, spaces, expletive "there".
TRICKY = [
    "I'd say y'all ain't gonna win, let's go.  \n\n C'mon, get 'em!  He's nothin' but an ol' fool, gotta run.",
    "  \n It is what it is. There are 3 of them, said Ms. Smith, who'd been there.\t\tThat's it, isn't it?",
    "She told me that they had given us theirs, and that it was hers; we did not believe him.",
    "Whether or not the ministry does, those who'd seen it would've said so \u2014 wouldn't they?",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _copy(doc: Doc) -> Doc:
    return Doc(doc.vocab).from_bytes(doc.to_bytes())


def test_tokenattrs_pipeline_runs_it_in_place_of_ruler_and_lemmatizer(nlp: Language) -> None:
    assert tokenattrs.FACTORY in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)  # kept: their rules and tables are read
    doc = nlp("The ministry said they had been warned.")
    assert [t.lemma_ for t in doc][:5] == ["the", "ministry", "say", "they", "have"]
    assert doc[3].pos_ == "PRON" and str(doc[3].morph) == "Case=Nom|Number=Plur|Person=3|PronType=Prs"


def test_tokenattrs_same_attributes_as_the_model(nlp: Language, shared: Path) -> None:
    texts = TRICKY + [
        p.read_text(encoding="utf-8") for p in sorted((shared / "data/polnear/data/dev/text").glob("*.txt"))
    ]
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    fast = nlp.get_pipe(tokenattrs.FACTORY)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(nlp.pipe(texts, batch_size=16))
    differ = []
    for text, doc in zip(texts, parsed, strict=True):
        ours, theirs = fast(_copy(doc)), lemmatizer(ruler(_copy(doc)))
        if not np.array_equal(ours.to_array(COLUMNS), theirs.to_array(COLUMNS)):
            differ.append(text[:40])
    assert differ == []
    assert sum(len(d) for d in parsed) > 80_000


def test_tokenattrs_install_refuses_rules_it_cannot_evaluate() -> None:
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "x", "LENGTH": {">": 3}}]], {"POS": "X"})  # LENGTH: not a key this component reads
    assert not tokenattrs.install(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    other = spacy.blank("en")
    assert not tokenattrs.install(other)  # no ruler at all


def test_tokenattrs_applies_later_rules_last() -> None:
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "bank"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": {"IN": ["bank", "banks"]}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": "river"}, {"LOWER": "bank"}]], {"LEMMA": "riverbank"}, index=1)
    expected = nlp("The river bank and a bank.")
    assert tokenattrs.install(nlp)
    doc = nlp("The river bank and a bank.")
    assert doc.to_array(COLUMNS).tolist() == expected.to_array(COLUMNS).tolist()
    assert doc[2].pos_ == "VERB" and str(doc[2].morph) == "Number=Sing" and doc[2].lemma_ == "riverbank"
