"""Fixtures shared by the tests of the places component (the pipelines come from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language


@pytest.fixture()
def pnlp(english_with: Any) -> Iterator[Language]:
    """The English model + ``claimledger_places`` only (test_places.py adds actors in its own fixture)."""
    with english_with("claimledger_places") as nlp:
        yield nlp
