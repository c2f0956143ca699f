"""Metonymy rules: capitals and countries used for governments (model parse needed)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.nlp.places.metonymy import is_seat_of_government, metonymy_reason


def _reason(parser: Language, text: str, word: str) -> str | None:
    doc = parser(text)
    i = next(t.i for t in doc if t.text == word)
    return metonymy_reason(doc, i, i + 1)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Moscow announced new sanctions on Tuesday.", "Moscow"),
        ("Tehran rejected the proposal.", "Tehran"),
        ("Any future negotiations with Moscow will be hard.", "Moscow"),
        ("Moscow's forces shelled the town overnight.", "Moscow"),
        ("Despite Minsk never confirming the deployment, troops crossed.", "Minsk"),
        ("The foreign ministry accused Moscow of deliberately attacking civilian infrastructure.", "Moscow"),
        ("Western leaders urged Kyiv to accept the talks.", "Kyiv"),
        ("The envoy called on Damascus to open the crossings.", "Damascus"),
    ],
)
def test_metonymy_detects_government_uses(parser: Language, text: str, word: str) -> None:
    assert _reason(parser, text, word) is not None


@pytest.mark.parametrize(
    "text, word",
    [
        ("Explosions were heard in Kyiv overnight.", "Kyiv"),
        ("The minister flew to Moscow on Monday.", "Moscow"),
        ("Moscow was hit by a heat wave.", "Moscow"),
        ("The army shelled Kharkiv and warned residents to leave.", "Kharkiv"),
        ("The delegation called at Ankara on its way home.", "Ankara"),
    ],
)
def test_metonymy_leaves_literal_places_alone(parser: Language, text: str, word: str) -> None:
    assert _reason(parser, text, word) is None


def test_metonymy_seats_of_government() -> None:
    assert is_seat_of_government("the Kremlin") and is_seat_of_government("White House")
    assert not is_seat_of_government("Red Square")
