"""The calibrated confidence of attribution records (weights fitted on PolNeAR train)."""

from __future__ import annotations

from typing import Any

from claimledger.nlp.attribution.confidence import FEATURES, calibrated, features, weights
from claimledger.nlp.attribution.lexicon import default_lexicon


def _rec(doc: Any, cue: str, content: str, score: float) -> dict[str, Any]:
    c, t = doc.text.index(cue), doc.text.index(content)
    return {
        "cue": [[c, c + len(cue)]],
        "content": [[t, t + len(content)]],
        "source": [0, 3],
        "confidence": score,
        "origin": "model",
        "kind": None,
    }


def test_confidence_weights_ship_for_the_current_features() -> None:
    w = weights()
    assert w is not None and len(w) == len(FEATURES)


def test_confidence_is_a_probability_and_ranks_speech_above_a_non_speech_predicate(parser: Any) -> None:
    said = parser("The minister said the bridge would reopen on Monday.")
    laid = parser("The minister laid a wreath at the memorial on Monday.")
    lex = default_lexicon()
    p_said = calibrated(said, _rec(said, "said", "the bridge would reopen", 0.8), lex)
    p_laid = calibrated(laid, _rec(laid, "laid", "a wreath", 0.8), lex)
    assert 0.0 <= p_laid < p_said <= 1.0
    assert len(features(said, _rec(said, "said", "the bridge", 0.8), lex)) == len(FEATURES)
