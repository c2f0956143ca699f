"""The combined extractor: the learned model's attributions, plus the rules where they know better."""

from __future__ import annotations

import pytest

from claimledger.nlp.pipeline import default_attribution

pytestmark = pytest.mark.slow


def _claims(nlp, text: str) -> list[dict]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [
        {
            "cue": " ".join(doc.text[s:e] for s, e in a["cue"]),
            "content": " ".join(doc.text[s:e] for s, e in a["content"]),
            "stance": a.get("stance"),
            "origin": a.get("origin"),
        }
        for a in doc._.cl_attributions
    ]


def test_combine_is_the_default_when_the_model_ships(nlp) -> None:  # type: ignore[no-untyped-def]
    if default_attribution() != "combined":
        pytest.skip("the learned model is not part of this build")
    assert "claimledger_attribution_model" in nlp.pipe_names
    assert nlp.pipe_names.index("claimledger_attribution_combine") > nlp.pipe_names.index(
        "claimledger_attribution_model"
    )


def test_combine_refusal_and_as_per_read_by_the_rules(nlp) -> None:  # type: ignore[no-untyped-def]
    if default_attribution() != "combined":
        pytest.skip("the learned model is not part of this build")
    text = (
        "The defence ministry has refused to comment on reports of a second strike near the port. "
        "As per Reuters reports, the navy has since moved three ships further south."
    )
    claims = _claims(nlp, text)
    refusal = next(c for c in claims if "refused to comment" in c["cue"])
    assert refusal["stance"] == "no_comment" and "second strike" in refusal["content"]
    per = next(c for c in claims if "As per" in c["cue"])
    assert "moved three ships" in per["content"]


def test_combine_keeps_model_attributions(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(nlp, "“We will hold the line,” the commander told reporters on Monday.")
    assert any(c["cue"].startswith("told") and "hold the line" in c["content"] for c in claims)
