"""claimledger_actors: canonical people, organisations and governments; resolve_actor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.nlp.actors.component import entity_id, known_actors, resolve_actor


@pytest.fixture()
def anlp(english_with: Any) -> Iterator[Language]:
    with english_with("claimledger_places", "claimledger_actors") as nlp:
        yield nlp


TEXT = (
    "Polish President Andrzej Duda said on Monday that more aid was coming. "
    "Mark Rutte, a spokesman for the alliance, agreed. "
    "Duda later told Reuters that the Polish president would visit Kyiv. "
    "The Kremlin said the plan was dangerous."
)


def _by_text(doc: Doc, text: str) -> dict[str, Any]:
    start = doc.text.index(text)
    found: dict[str, Any] = next(a for a in doc._.cl_actors if a["start"] <= start < a["end"])
    return found


def test_actors_surname_links_to_earlier_full_name(anlp: Language) -> None:
    doc = anlp(TEXT)
    full, short = _by_text(doc, "Andrzej Duda"), _by_text(doc, "Duda later")
    assert full["name"] == short["name"] == "Andrzej Duda" and full["entity_id"] == short["entity_id"]


def test_actors_role_and_affiliation_from_premodifiers(anlp: Language) -> None:
    a = _by_text(anlp(TEXT), "Andrzej Duda")
    assert (a["kind"], a["role"], a["affiliation"]) == ("person", "President", "Poland")


def test_actors_role_phrase_links_to_role_holder(anlp: Language) -> None:
    a = _by_text(anlp(TEXT), "the Polish president")
    assert a["name"] == "Andrzej Duda"


def test_actors_media_and_seat_of_government(anlp: Language) -> None:
    doc = anlp(TEXT)
    assert _by_text(doc, "Reuters")["kind"] == "media"
    kremlin = _by_text(doc, "Kremlin")
    assert kremlin["kind"] == "government" and kremlin["metonymy"] is True


def test_actors_entity_id_is_stable_across_articles(anlp: Language) -> None:
    one = _by_text(anlp("Agence France-Presse reported the strike."), "Agence")
    two = _by_text(anlp("The strike was reported by AFP."), "AFP")
    assert one["name"] == two["name"] == "AFP" and one["entity_id"] == two["entity_id"] == entity_id("media", "AFP")


def test_actors_resolve_actor_prefers_the_person_and_classifies_unknown_spans(anlp: Language) -> None:
    doc = anlp("Kremlin spokesman Dmitry Peskov said talks were over. European intelligence agencies disagreed.")
    s = doc.text.index("Kremlin spokesman")
    who = resolve_actor(doc, s, doc.text.index(" said"))
    assert who is not None
    assert who["name"] == "Dmitry Peskov" and who["role"] == "spokesman" and who["affiliation"] == "Kremlin"
    s2 = doc.text.index("European intelligence agencies")
    other = resolve_actor(doc, s2, s2 + len("European intelligence agencies"))
    assert other is not None and other["kind"] == "organization"
    assert resolve_actor(doc, 5, 5) is None


def test_actors_known_table_has_aliases() -> None:
    table = known_actors()
    assert table["nyt"][0] == table["the new york times"][0] == "New York Times"
