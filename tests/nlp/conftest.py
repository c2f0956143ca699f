"""Fixtures shared by the tests of the places component (the pipelines come from tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture()
def pnlp(english_with):
    """The English model + ``claimledger_places`` only (test_places.py adds actors in its own fixture)."""
    with english_with("claimledger_places") as nlp:
        yield nlp
