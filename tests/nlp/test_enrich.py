"""Attribution enrichment: stance, hedges, channel, source details, responds_to — on rule output,
on records written by hand the way the learned model writes them, and on the hand-written cases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import claimledger.nlp.actors  # noqa: F401  (factories)
import claimledger.nlp.attribution.component  # noqa: F401
import claimledger.nlp.attribution.enrich  # noqa: F401
import claimledger.nlp.paragraphs  # noqa: F401


@pytest.fixture()
def enrich_nlp(english_with: Any) -> Iterator[Language]:
    with english_with(
        "claimledger_paragraphs", "claimledger_attributions", "claimledger_actors", "claimledger_attribution_enrich"
    ) as nlp:
        yield nlp


def _by_cue(doc: Doc, cue: str) -> dict[str, Any]:
    records: list[dict[str, Any]] = doc._.cl_attributions
    for rec in records:
        if " ".join(doc.text[s:e] for s, e in rec["cue"]) == cue:
            return rec
    raise AssertionError(f"no cue {cue!r}: {[r['cue'] for r in doc._.cl_attributions]}")


def test_enrich_refusal_is_no_comment(enrich_nlp: Language) -> None:
    doc = enrich_nlp("The defence ministry has refused to comment on reports of a second offensive.")
    rec = doc._.cl_attributions[0]
    assert rec["stance"] == "no_comment"
    assert rec["source_kind"] == "government"


def test_enrich_denial_answers_the_accusations_before_it(enrich_nlp: Language) -> None:
    doc = enrich_nlp(
        "Rebel commanders accused the army of shelling a hospital, claiming that nine patients died. "
        "The army has dismissed these allegations."
    )
    recs = doc._.cl_attributions
    stances = [r["stance"] for r in recs]
    assert stances == ["accuse", "accuse", "deny"]
    assert recs[2]["responds_to"] == [0, 1]
    assert recs[1]["hedged"] is True  # "claiming"


def test_enrich_reporting_chain_nearest_first(enrich_nlp: Language) -> None:
    doc = enrich_nlp("“The bridge is gone,” Major Ilse Brandt told the Nordic Times, according to Reuters.")
    rec = _by_cue(doc, "told")
    assert [h["name"] for h in rec["channel"]] == ["Nordic Times", "Reuters"]
    assert rec["direct"] is True
    assert rec["source_name"] == "Ilse Brandt"


def test_enrich_relay_becomes_the_embedded_report(enrich_nlp: Language) -> None:
    doc = enrich_nlp("According to the Baltic Herald, General Mirek Sova estimated that 4,000 troops had crossed.")
    rec = _by_cue(doc, "estimated")
    assert rec["source_name"] == "Mirek Sova"
    assert [h["name"] for h in rec["channel"]] == ["Baltic Herald"]
    assert (rec["stance"], rec["hedged"]) == ("estimate", True)
    assert [doc.text[s:e] for s, e in rec["hedges"]] == ["estimated"]
    assert [s.text for s in doc.spans["cl_cue"]] == ["estimated"]  # span groups follow the records


def test_enrich_pronoun_source_resolved(enrich_nlp: Language) -> None:
    doc = enrich_nlp("Prime Minister Ana Ruiz visited the port. She said every school would be rebuilt.")
    rec = _by_cue(doc, "said")
    assert rec["source_name"] == "Ana Ruiz"
    assert rec["source_kind"] == "person"


def test_enrich_anonymous_and_role_affiliation(enrich_nlp: Language) -> None:
    doc = enrich_nlp(
        "A source familiar with the talks said a deal was close. "
        "Sergei Volkov, a spokesman for the Northern Fleet, said the ship was back in port."
    )
    anon, named = doc._.cl_attributions
    assert anon["source_kind"] == "anonymous"
    assert (named["source_role"], named["source_affiliation"]) == ("spokesman", "Northern Fleet")


def test_enrich_works_on_records_from_another_finder(enrich_nlp: Language) -> None:
    """The learned extractor writes only spans; the enrichment fills the rest the same way."""
    text = "Officials believe about 300 soldiers were killed, the ministry said, according to AFP."
    with enrich_nlp.select_pipes(disable=["claimledger_attributions", "claimledger_attribution_enrich"]):
        doc = enrich_nlp(text)
    cue = text.index("said")
    src = text.index("the ministry")
    doc._.cl_attributions = [
        {
            "cue": [[cue, cue + 4]],
            "source": [src, src + len("the ministry")],
            "content": [[0, text.index(",")]],
            "origin": "model",
            "confidence": 0.9,
        }
    ]
    doc = enrich_nlp.get_pipe("claimledger_attribution_enrich")(doc)
    rec = doc._.cl_attributions[0]
    assert rec["origin"] == "model"
    assert rec["hedged"] is True and [doc.text[s:e] for s, e in rec["hedges"]] == ["believe"]
    assert [h["name"] for h in rec["channel"]] == ["AFP"]
    assert rec["stance"] == "assert" and rec["direct"] is False
    assert rec["source_kind"] == "government"


def test_enrich_repairs_sources_of_another_finder(enrich_nlp: Language) -> None:
    text = (
        "According to the Herald, General Mirek Sova estimated that 4,000 troops had crossed. Russia has accused them."
    )
    with enrich_nlp.select_pipes(disable=["claimledger_attributions", "claimledger_attribution_enrich"]):
        doc = enrich_nlp(text)
    est = text.index("estimated")
    acc = text.index("has accused")
    doc._.cl_attributions = [
        {
            "cue": [[est, est + 9]],
            "source": [text.index("the Herald"), est - 1],
            "content": [[est + 10, text.index(".")]],
            "origin": "model",
        },
        {"cue": [[acc, acc + 11]], "source": None, "content": [[acc + 12, len(text) - 1]], "origin": "model"},
    ]
    doc = enrich_nlp.get_pipe("claimledger_attribution_enrich")(doc)
    est_rec, acc_rec = doc._.cl_attributions
    assert text[est_rec["source"][0] : est_rec["source"][1]] == "General Mirek Sova"
    assert [h["name"] for h in est_rec["channel"]] == ["Herald"]
    assert text[acc_rec["source"][0] : acc_rec["source"][1]] == "Russia"
    assert acc_rec["stance"] == "accuse"


def test_enrich_repair_sources_is_a_plain_function_that_leaves_rule_records_alone(enrich_nlp: Language) -> None:
    """``repair_sources`` needs no component: the enricher and other callers share it."""
    from claimledger.nlp.attribution.enrich.component import repair_sources

    text = "Russia has accused them of shelling the port."
    with enrich_nlp.select_pipes(disable=["claimledger_attributions", "claimledger_attribution_enrich"]):
        doc = enrich_nlp(text)
    acc = text.index("has accused")
    content = [[acc + 12, len(text) - 1]]
    records: list[dict[str, Any]] = [
        {"cue": [[acc, acc + 11]], "source": None, "content": content, "origin": "rules"},
        {"cue": [[acc, acc + 11]], "source": None, "content": content, "origin": "model"},
    ]
    assert repair_sources(doc, records) == 1
    assert records[0]["source"] is None  # the rules found no source: not second-guessed
    assert text[records[1]["source"][0] : records[1]["source"][1]] == "Russia"
    assert repair_sources(doc, records) == 0  # already repaired: nothing changes again


def test_enrich_no_records_no_change(enrich_nlp: Language) -> None:
    doc = enrich_nlp("Heavy rain fell across the region on Thursday.")
    assert doc._.cl_attributions == []


def test_enrich_passive_agent_is_the_source(enrich_nlp: Language) -> None:
    doc = enrich_nlp("The opposition accused the army of shelling the market, a charge denied by the defence ministry.")
    rec = _by_cue(doc, "denied by")
    assert doc.text[rec["source"][0] : rec["source"][1]] == "the defence ministry"
    assert rec["stance"] == "deny"


def test_enrich_description_is_not_the_name_it_modifies(enrich_nlp: Language) -> None:
    doc = enrich_nlp("Opponents of President Bashar Assad said the government had bombed the town.")
    rec = _by_cue(doc, "said")
    assert rec["source_name"].startswith("Opponents") and rec["source_kind"] != "person"
    assert rec["source_entity"] is None


def test_enrich_dateline_is_cut_from_the_source(enrich_nlp: Language) -> None:
    doc = enrich_nlp("SANA- The Syrian army said it had retaken the village.")
    rec = _by_cue(doc, "said")
    assert doc.text[rec["source"][0] : rec["source"][1]] == "The Syrian army"


def test_enrich_unresolved_it_and_negative_sources_are_dropped(enrich_nlp: Language) -> None:
    assert enrich_nlp("It said the talks had failed.")._.cl_attributions == []
    assert enrich_nlp("No group said it was behind the attack.")._.cl_attributions == []


def test_enrich_one_entity_for_a_person_across_spellings(enrich_nlp: Language) -> None:
    a = enrich_nlp("President Volodymyr Zelensky said the front was holding.")
    b = enrich_nlp("President Volodimir Zelenskiy said the talks would resume.")
    ids = {_by_cue(d, "said")["source_entity"] for d in (a, b)}
    assert len(ids) == 1 and None not in ids
