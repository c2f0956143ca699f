"""Stance and hedges from the cue's verb group and the content."""

from __future__ import annotations

import pytest

from claimledger.nlp.attribution.stance import hedges_of, stance_of


def _stance(parser, text: str, cue: str, content: str, previous: str | None = None) -> str:
    doc = parser(text)
    c = doc.text.index(cue)
    t = doc.text.index(content)
    cue_toks = list(doc.char_span(c, c + len(cue), alignment_mode="expand"))
    content_toks = list(doc.char_span(t, t + len(content), alignment_mode="expand"))
    return stance_of(doc, cue_toks, content_toks, previous)


@pytest.mark.parametrize(
    "text, cue, content, expected",
    [
        (
            "The Kremlin has refused to comment on the reports.",
            "has refused to comment on",
            "the reports",
            "no_comment",
        ),
        ("The ministry declined to comment.", "declined", "to comment", "no_comment"),
        (
            "The office did not respond to a request for comment.",
            "did not respond to",
            "a request for comment",
            "no_comment",
        ),
        (
            "The army never officially confirmed the deployment.",
            "never officially confirmed",
            "the deployment",
            "no_comment",
        ),
        ("The navy would not say how many sailors died.", "would not say", "how many sailors died", "no_comment"),
        ("The ministry denied that its jets struck the convoy.", "denied", "that its jets struck the convoy", "deny"),
        ("Kyiv dismissed the allegations.", "dismissed", "the allegations", "deny"),
        ("The rebels accused the army of shelling a hospital.", "accused", "the army of shelling a hospital", "accuse"),
        (
            "Aid groups estimate that 40,000 people are homeless.",
            "estimate",
            "that 40,000 people are homeless",
            "estimate",
        ),
        ("The ministry confirmed that 15 people died.", "confirmed", "that 15 people died", "confirm"),
        (
            "The president praised the rescuers for their courage.",
            "praised",
            "the rescuers for their courage",
            "praise",
        ),
        (
            "The senator asked whether the army had enough shells.",
            "asked",
            "whether the army had enough shells",
            "question",
        ),
        ("The governor said the roads were open.", "said", "the roads were open", "assert"),
    ],
)
def test_stance_of_cue_and_verb_group(parser, text: str, cue: str, content: str, expected: str) -> None:
    assert _stance(parser, text, cue, content) == expected


def test_stance_participle_inherits_accusation(parser) -> None:
    text = "Police accused the gang of bribery, claiming that 30 officers took money."
    assert _stance(parser, text, "claiming", "that 30 officers took money", previous="accuse") == "accuse"
    assert _stance(parser, text, "claiming", "that 30 officers took money") == "assert"


def test_stance_hedges_found_in_order(parser) -> None:
    doc = parser("It is understood that the rebels reportedly seized the airport, officials believe.")
    found = [doc.text[s:e] for s, e in hedges_of(list(doc))]
    assert found == ["It is understood", "reportedly", "believe"]


def test_stance_named_claims_are_not_hedges(parser) -> None:
    doc = parser("Kyiv rejected Moscow's claims about the dam.")
    assert hedges_of(list(doc)) == []
