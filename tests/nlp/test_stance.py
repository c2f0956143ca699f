"""Stance and hedges from the cue's verb group and the content."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.nlp.attribution.stance import hedges_of, stance_of


def _stance(parser: Language, text: str, cue: str, content: str, previous: str | None = None) -> str:
    doc = parser(text)
    c = doc.text.index(cue)
    t = doc.text.index(content)
    cue_span = doc.char_span(c, c + len(cue), alignment_mode="expand")
    content_span = doc.char_span(t, t + len(content), alignment_mode="expand")
    assert cue_span is not None and content_span is not None
    cue_toks, content_toks = list(cue_span), list(content_span)
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
def test_stance_of_cue_and_verb_group(parser: Language, text: str, cue: str, content: str, expected: str) -> None:
    assert _stance(parser, text, cue, content) == expected


def test_stance_participle_inherits_accusation(parser: Language) -> None:
    text = "Police accused the gang of bribery, claiming that 30 officers took money."
    assert _stance(parser, text, "claiming", "that 30 officers took money", previous="accuse") == "accuse"
    assert _stance(parser, text, "claiming", "that 30 officers took money") == "assert"


def test_stance_hedges_found_in_order(parser: Language) -> None:
    doc = parser("It is understood that the rebels reportedly seized the airport, officials believe.")
    found = [doc.text[s:e] for s, e in hedges_of(list(doc))]
    assert found == ["It is understood", "reportedly", "believe"]


def test_stance_named_claims_are_not_hedges(parser: Language) -> None:
    doc = parser("Kyiv rejected Moscow's claims about the dam.")
    assert hedges_of(list(doc)) == []


@pytest.mark.parametrize(
    "text, cue, content, expected",
    [
        # accusations under a neutral verb: a wrongdoing predicated, a blame frame, a wrongful act
        ("The council said the siege was a crime against humanity.", "said", "the siege was a crime", "accuse"),
        ("The general said the separatists were behind the ambush.", "said", "the separatists were behind", "accuse"),
        ("Medics said the militia had shelled the clinic.", "said", "the militia had shelled the clinic", "accuse"),
        ("The union called the dismissals unlawful.", "called", "the dismissals unlawful", "accuse"),
        # denials: a dismissed report, a negated involvement, a negated act of one's own side
        ("The agency said the photographs were fake.", "said", "the photographs were fake", "deny"),
        ("The party said it played no part in the riots.", "said", "it played no part in the riots", "deny"),
        ("The brigade said its gunners had not fired on the town.", "said", "its gunners had not fired", "deny"),
        # praise: a positive judgement of a target
        ("The captain called the crew heroes.", "called", "the crew heroes", "praise"),
        ("The minister said the nurses had worked tirelessly and bravely.", "said", "the nurses had worked", "praise"),
        # neutral content stays an assertion, negated or not
        ("The mayor said the school would reopen on Monday.", "said", "the school would reopen", "assert"),
        ("The bank said it would not raise rates.", "said", "it would not raise rates", "assert"),
        ("Police said there were no reports of damage.", "said", "there were no reports of damage", "assert"),
        ("Analysts said Smith had not paid the fine.", "said", "Smith had not paid the fine", "assert"),
        ("She said she did not think the idea was ridiculous.", "said", "she did not think the idea", "assert"),
    ],
)
def test_stance_from_the_content_under_a_neutral_cue(
    parser: Language, text: str, cue: str, content: str, expected: str
) -> None:
    full = text[text.index(content) :].rstrip(".")
    assert _stance(parser, text, cue, full) == expected


def test_stance_content_does_not_override_the_cue(parser: Language) -> None:
    # "denied" decides; the wrongdoing named in the content is what is denied
    text = "The army denied that its troops had shelled the hospital."
    assert _stance(parser, text, "denied", "that its troops had shelled the hospital") == "deny"


def test_stance_words_in_a_modifier_clause_carry_no_stance(parser: Language) -> None:
    text = "Police said officers stopped a man with an outstanding warrant."
    assert _stance(parser, text, "said", "officers stopped a man with an outstanding warrant") == "assert"


@pytest.mark.slow
def test_stance_cases_reach_ninety_percent_per_stance(nlp: Language) -> None:
    """The hand-written stance set (tests/data/stance_cases.jsonl) through the full pipeline."""
    from claimledger.evaluate.attribution_cases import default_cases_path, load_cases, run, summary

    cases = load_cases(default_cases_path().with_name("stance_cases.jsonl"))
    assert len(cases) >= 60
    s = summary(run(nlp, cases))
    assert s["passed"] / s["cases"] >= 0.9, s
    assert all(ok / n >= 0.9 for ok, n in s["categories"].values()), s["categories"]
