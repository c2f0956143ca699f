"""The learned attribution extractor as a user meets it: add it to a pipeline, read the records."""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimledger.nlp.attribution.model.component  # noqa: F401  (registers the factory)
from claimledger.errors import ModelError

pytestmark = pytest.mark.slow

QUOTE = '"We will rebuild every bridge before winter," the regional governor told reporters on Monday.'
INDIRECT = "The ministry said that the convoy had been delayed by heavy snow near the border."
PLAIN = "The bridge is forty metres long and was built in 1962."


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_attribution_model")
    nlp.initialize()
    return nlp


def _text(doc, span: list[int] | None) -> str:
    return doc.text[span[0] : span[1]] if span else ""


def test_attribution_model_reads_a_direct_quote(nlp: spacy.Language) -> None:
    doc = nlp(QUOTE)
    assert len(doc._.cl_attributions) == 1
    attr = doc._.cl_attributions[0]
    assert [_text(doc, c) for c in attr["cue"]] == ["told"]
    assert "governor" in _text(doc, attr["source"])
    assert "rebuild every bridge" in " ".join(_text(doc, c) for c in attr["content"])
    assert attr["origin"] == "model"
    assert 0.0 < attr["confidence"] <= 1.0


def test_attribution_model_reads_reported_speech(nlp: spacy.Language) -> None:
    doc = nlp(INDIRECT)
    (attr,) = doc._.cl_attributions
    assert _text(doc, attr["source"]) == "The ministry"
    assert [_text(doc, c) for c in attr["cue"]] == ["said"]
    content = " ".join(_text(doc, c) for c in attr["content"])
    assert content.startswith("that the convoy") or content.startswith("the convoy")
    assert content.rstrip(".").endswith("border")


def test_attribution_model_finds_nothing_in_a_plain_statement(nlp: spacy.Language) -> None:
    doc = nlp(PLAIN)
    assert doc._.cl_attributions == []
    assert len(doc.spans["cl_cue"]) == 0


def test_attribution_model_span_groups_cover_the_records(nlp: spacy.Language) -> None:
    doc = nlp(QUOTE + " " + INDIRECT)
    groups = {
        key: {(s.start_char, s.end_char) for s in doc.spans[key]} for key in ("cl_source", "cl_cue", "cl_content")
    }
    assert len(doc._.cl_attributions) == 2
    for attr in doc._.cl_attributions:
        assert {tuple(c) for c in attr["cue"]} <= groups["cl_cue"]
        assert {tuple(c) for c in attr["content"]} <= groups["cl_content"]
        assert tuple(attr["source"]) in groups["cl_source"]
    json.dumps(doc._.cl_attributions)  # plain data only


def test_attribution_model_survives_two_processes(nlp: spacy.Language) -> None:
    texts = [QUOTE, INDIRECT, PLAIN, QUOTE + "\n\n" + INDIRECT]
    one = [d._.cl_attributions for d in nlp.pipe(texts)]
    two = [d._.cl_attributions for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    strip = [[{k: v for k, v in a.items() if k != "confidence"} for a in doc] for doc in one]
    assert strip == [[{k: v for k, v in a.items() if k != "confidence"} for a in doc] for doc in two]
    assert [len(doc) for doc in one] == [1, 1, 0, 2]


def test_attribution_model_names_a_missing_model_folder(tmp_path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_attribution_model", config={"model_dir": str(tmp_path / "nowhere")})
    with pytest.raises(ModelError, match=r"\[CL030\].*nowhere"):
        nlp("The mayor said the road is open.")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_attribution_model_offsets_stay_inside_any_text(nlp: spacy.Language, text: str) -> None:
    doc = nlp(text)
    for attr in doc._.cl_attributions:
        frags = attr["cue"] + attr["content"] + ([attr["source"]] if attr["source"] else [])
        assert attr["cue"] and attr["content"]
        for s, e in frags:
            assert 0 <= s < e <= len(doc.text)


@pytest.mark.parametrize(("user_setting", "expected"), [(None, "8"), ("64", "64")])
def test_attribution_model_bounds_onednn_cache_unless_the_user_set_it(user_setting, expected) -> None:
    """A reader that runs for hours must not keep one oneDNN primitive per batch shape (it grew ~90 KB
    per article before); the bound is set before torch first uses oneDNN, in a fresh process."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ONEDNN_PRIMITIVE_CACHE_CAPACITY"}
    if user_setting is not None:
        env["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] = user_setting
    code = (
        "import os, spacy, claimledger.nlp.attribution.model.component\n"
        "nlp = spacy.blank('en'); nlp.add_pipe('claimledger_attribution_model')\n"
        "doc = nlp('The ministry said that the convoy had been delayed.')\n"
        "assert doc._.cl_attributions\n"
        "print(os.environ['ONEDNN_PRIMITIVE_CACHE_CAPACITY'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == expected


def test_attribution_model_reads_the_folder_the_setting_names(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("CLAIMLEDGER_ATTRIBUTION_MODEL", str(tmp_path))  # an empty folder: no head in it
    nlp = spacy.blank("en")
    component = nlp.add_pipe("claimledger_attribution_model")
    with pytest.raises(ModelError, match="cannot load"):
        component.initialize()
