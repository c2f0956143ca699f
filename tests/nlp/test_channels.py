"""Reporting chains around a cue verb."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.nlp.attribution.enrich.channels import channel_hops, is_media


def _hops(english: Language, text: str, verb: str, content: str) -> list[str]:
    doc = english(text)
    v = doc.text.index(verb)
    verb_span = doc.char_span(v, v + len(verb))
    c = doc.text.index(content)
    content_span = doc.char_span(c, c + len(content), alignment_mode="expand")
    assert verb_span is not None and content_span is not None
    head = verb_span[0]
    ids = {t.i for t in content_span}
    return [h["name"] for h in channel_hops(doc, head, ids, set())]


@pytest.mark.parametrize(
    "text, verb, content, expected",
    [
        ("The colonel told AFP that two tanks were hit.", "told", "that two tanks were hit", ["AFP"]),
        ("“We hold the town,” the colonel said, according to Reuters.", "said", "“We hold the town,”", ["Reuters"]),
        (
            "“We hold the town,” the colonel said, as reported by the Associated Press.",
            "said",
            "“We hold the town,”",
            ["Associated Press"],
        ),
        (
            "The mayor said in an interview with CNN that the plant was destroyed.",
            "said",
            "that the plant was destroyed",
            ["CNN"],
        ),
        ("Speaking to the BBC, the mayor said the plant was destroyed.", "said", "the plant was destroyed", ["BBC"]),
        ("The mayor said the plant was destroyed.", "said", "the plant was destroyed", []),
        ("The mayor told residents that the plant was destroyed.", "told", "that the plant was destroyed", []),
    ],
)
def test_channels_hops(english: Language, text: str, verb: str, content: str, expected: list[str]) -> None:
    assert _hops(english, text, verb, content) == expected


def test_channels_nearest_intermediary_first(english: Language) -> None:
    text = "“The bridge is gone,” the major told the Nordic Times, according to Reuters."
    assert _hops(english, text, "told", "“The bridge is gone,”") == ["Nordic Times", "Reuters"]


def test_channels_media_words(english: Language) -> None:
    doc = english("Reuters and the Baltic Herald and the city council")
    assert is_media(doc[0:1]) and is_media(doc[2:5])
    assert not is_media(doc[6:9])
