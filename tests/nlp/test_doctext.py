"""doc_text: the text of the Doc asked about, built once, never another Doc's."""

from __future__ import annotations

import spacy

from claimledger.nlp.doctext import doc_text


def test_doctext_is_the_docs_own_text() -> None:
    nlp = spacy.blank("en")
    first = nlp("The mayor said the bridge would reopen.")
    second = nlp("Rebels  denied it.\n\nNo one was hurt.")
    assert doc_text(first) == first.text
    assert doc_text(second) == second.text  # a new Doc is not served the cached text
    assert doc_text(first) == first.text
    assert doc_text(first) is doc_text(first)  # built once while the same Doc is asked about


def test_doctext_survives_retokenizing() -> None:
    nlp = spacy.blank("en")
    doc = nlp("New York City officials said so.")
    before = doc_text(doc)
    with doc.retokenize() as retok:
        retok.merge(doc[0:3])
    assert doc_text(doc) == doc.text == before
