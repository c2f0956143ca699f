"""The rule attribution finder: spans a reader of wire news relies on (texts written for these tests)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import claimledger.nlp.attribution.component  # noqa: F401  (factories)
import claimledger.nlp.paragraphs  # noqa: F401
from claimledger.nlp.attribution.component import SPAN_GROUPS
from claimledger.nlp.attribution.quotes import find_quotes


@pytest.fixture()
def attr_nlp(english_with: Any) -> Iterator[Language]:
    with english_with("claimledger_paragraphs", "claimledger_attributions") as nlp:
        yield nlp


def _read(attr_nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = attr_nlp(text)
    out = []
    for rec in doc._.cl_attributions:
        out.append(
            {
                "source": text[rec["source"][0] : rec["source"][1]] if rec["source"] else None,
                "cue": " ".join(text[s:e] for s, e in rec["cue"]),
                "content": " | ".join(text[s:e] for s, e in rec["content"]),
                "direct": rec["direct"],
            }
        )
    return out


def _one(attr_nlp: Language, text: str, cue: str) -> dict[str, Any]:
    found = [a for a in _read(attr_nlp, text) if a["cue"] == cue]
    assert found, f"no attribution with cue {cue!r} in {_read(attr_nlp, text)}"
    return found[0]


def test_attributions_quote_before_cue(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "“We will hold the line,” the commander said.", "said")
    assert a["source"] == "the commander"
    assert a["content"] == "“We will hold the line,”"
    assert a["direct"] is True


def test_attributions_quote_after_colon(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "The commander said: “We will hold the line.”", "said")
    assert (a["source"], a["content"]) == ("The commander", "“We will hold the line.”")


def test_attributions_quote_split_into_sentences_before_inverted_cue(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "“Where is the ammunition? Nobody knows!” said Colonel Petra Lind.", "said")
    assert a["source"] == "Colonel Petra Lind"
    assert a["content"].startswith("“Where is") and a["content"].endswith("knows!”")


def test_attributions_indirect_speech_keeps_that(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "A military spokesman told reporters that the convoy had been hit by drones.", "told")
    assert a["source"] == "A military spokesman"
    assert a["content"] == "that the convoy had been hit by drones"
    assert a["direct"] is False


def test_attributions_according_to(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "The bridge was destroyed overnight, according to regional officials.", "according to")
    assert (a["source"], a["content"]) == ("regional officials", "The bridge was destroyed overnight")


def test_attributions_quote_continued_in_next_sentence(attr_nlp: Language) -> None:
    text = (
        "“The situation is stable,” the governor said. “Nobody has been evacuated.”\n\n"
        "“We expect reinforcements by Friday,” he added."
    )
    said = _one(attr_nlp, text, "said")
    assert said["content"] == "“The situation is stable,” | “Nobody has been evacuated.”"
    added = _one(attr_nlp, text, "added")
    assert (added["source"], added["content"]) == ("he", "“We expect reinforcements by Friday,”")


def test_attributions_quote_over_two_paragraphs(attr_nlp: Language) -> None:
    text = (
        "The minister said: “We have lost contact with the garrison.\n\n"
        "“We are doing everything we can to restore it.”\n\nThe ministry gave no details."
    )
    a = _one(attr_nlp, text, "said")
    assert "garrison" in a["content"] and "restore it" in a["content"]
    assert "details" not in a["content"]


def test_attributions_headline_with_colon(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "Kremlin: talks with Kyiv are over\n\nMoscow said on Monday it would not negotiate.", ":")
    assert (a["source"], a["content"]) == ("Kremlin", "talks with Kyiv are over")


def test_attributions_refusal_keeps_the_verb_group(attr_nlp: Language) -> None:
    a = _one(
        attr_nlp, "The Kremlin has refused to comment on reports of troop withdrawals.", "has refused to comment on"
    )
    assert (a["source"], a["content"]) == ("The Kremlin", "reports of troop withdrawals")


def test_attributions_noun_cue_with_possessive_source(attr_nlp: Language) -> None:
    found = _read(attr_nlp, "Officials rejected Moscow's claims that the dam had been mined.")
    contents = [a["content"] for a in found]
    assert any("the dam had been mined" in c for c in contents)


def test_attributions_span_groups_and_offsets(attr_nlp: Language) -> None:
    text = "“The road is open,” the mayor said. Police said the curfew would stay."
    doc = attr_nlp(text)
    assert set(SPAN_GROUPS) <= set(doc.spans)
    assert [s.text for s in doc.spans["cl_source"]] == ["the mayor", "Police"]
    for rec in doc._.cl_attributions:
        assert rec["origin"] == "rules"
        for s, e in rec["cue"] + rec["content"]:
            assert 0 <= s < e <= len(text)


def test_attributions_spans_for_a_cue_found_elsewhere(attr_nlp: Language) -> None:
    from claimledger.nlp.attribution.component import spans_for_cue

    text = "The general, who commands the northern group, privately suggested the town could fall."
    doc = attr_nlp(text)
    cue = text.index("privately suggested")
    rec = spans_for_cue(doc, cue, cue + len("privately suggested"))
    assert rec is not None
    assert rec["cue"] == [[cue, cue + len("privately suggested")]]
    assert text[rec["source"][0] : rec["source"][1]].startswith("The general")
    assert [text[s:e] for s, e in rec["content"]] == ["the town could fall"]
    assert spans_for_cue(doc, 0, 3) is None  # "The" heads nothing


def test_attributions_embedded_tweet(attr_nlp: Language) -> None:
    text = (
        '<tweet author="@mayor_ex">The river crossing is closed until further notice. '
        "pic.twitter.com/AbC123 — Jana Novak (@mayor_ex) May 2, 2024</tweet>"
    )
    a = _one(attr_nlp, text, "—")
    assert a["source"] == "Jana Novak"
    assert a["content"].endswith("crossing is closed until further notice") and "<" not in a["content"]


def test_attributions_signed_quote(attr_nlp: Language) -> None:
    text = (
        "Readers wrote to us.\n\n“The bridge must reopen before winter. We cannot wait.” ― Ana Ruiz\n"
        "“Nobody asked us.”― Tom Bell.\n"
    )
    a = _one(attr_nlp, text, "―")
    assert a["source"] == "Ana Ruiz"
    assert "bridge must reopen" in a["content"] and "cannot wait" in a["content"]
    signed = [r for r in _read(attr_nlp, text) if "Tom Bell" in (r["source"] or "")]
    assert len(signed) == 1 and "Nobody asked us" in signed[0]["content"]


def test_attributions_headline_short_name_tagged_as_noun(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "Sanders: Clinton needs to focus on the issues.\n\nThe senator spoke on Friday.", ":")
    assert a["source"] == "Sanders" and "focus on the issues" in a["content"]


def test_attributions_section_title_with_preposition_is_no_headline(attr_nlp: Language) -> None:
    records = _read(attr_nlp, "Little Relief for Refugees: The crisis is precisely the sort of issue at stake.\n")
    assert not [r for r in records if r["cue"] == ":"]


def test_attributions_as_reported_cue_is_the_verb_group(attr_nlp: Language) -> None:
    a = _one(attr_nlp, "The bridge was closed on Monday, as Reuters reported.", "reported")
    assert a["source"] == "Reuters" and "bridge was closed" in a["content"]
    b = _one(attr_nlp, "The bridge was closed on Monday, as reported by Reuters.", "as reported by")
    assert b["source"] == "Reuters"


def test_attributions_editorial_label_is_no_headline(attr_nlp: Language) -> None:
    records = _read(attr_nlp, "Correction: An earlier version of this article misstated the date.\n")
    assert not [r for r in records if r["cue"] == ":"]


def test_attributions_writer_without_source_is_no_claim(attr_nlp: Language) -> None:
    assert _read(attr_nlp, "Russia continues to make gains along the front line.") == []


@pytest.mark.slow
def test_attributions_survive_two_processes(attr_nlp: Language) -> None:
    texts = ["“We will win,” the general said.", "The bridge was closed, according to the police."] * 3
    one = [d._.cl_attributions for d in attr_nlp.pipe(texts)]
    two = [d._.cl_attributions for d in attr_nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two
    assert all(recs for recs in two)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab “”\"'\n.,")), max_size=80))
def test_attributions_quotes_are_ordered_and_disjoint(text: str) -> None:
    quotes = find_quotes(text)
    last = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        for s, e in q.parts:
            assert q.start <= s < e <= q.end
        last = q.end


def test_attributions_quotes_multi_paragraph_convention() -> None:
    text = '"First part.\n\n"Second part." Then prose. "Another," she said.'
    quotes = find_quotes(text)
    assert len(quotes) == 2
    assert text[quotes[0].start : quotes[0].end] == '"First part.\n\n"Second part."'
    assert len(quotes[0].parts) == 2
    assert text[quotes[1].start : quotes[1].end] == '"Another,"'
