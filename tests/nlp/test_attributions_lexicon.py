"""Cue lexicon (mined frames + hand lists), complement frames, and the paragraph splitter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

import claimledger.nlp.paragraphs  # noqa: F401  (factory)
from claimledger.errors import ModelError
from claimledger.nlp.attribution.lexicon import CueLexicon, default_lexicon, frame_of


def _mine_cues() -> Any:
    """training/mine_cues.py (training code, not part of the package)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "training" / "mine_cues.py"
    spec = importlib.util.spec_from_file_location("mine_cues", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_attributions_import_reads_no_lexicon() -> None:
    code = (
        "import claimledger.nlp.attribution.component, claimledger.nlp.attribution.enrich.component;"
        "import claimledger.nlp.attribution.lexicon as c;"
        "assert c._DEFAULT is None or not c._DEFAULT._loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_attributions_lexicon_statistics() -> None:
    lex = default_lexicon()
    said = lex.stat("say", "VERB", "ccomp")
    assert said is not None and said.n_cue > 1000 and said.prob() > 0.8
    make = lex.stat("make", "VERB", "dobj")
    assert make is not None and make.prob() < 0.3  # "made a decision" is rarely a cue
    assert lex.stat("say", "AUX", "ccomp") == said  # AUX and VERB share statistics
    assert lex.is_speech_verb("estimate") and lex.is_cue_noun("allegation")
    assert not lex.is_speech_verb("eat")


def test_attributions_lexicon_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cue lexicon unreadable"):
        CueLexicon(str(tmp_path)).load()


@pytest.mark.parametrize(
    "text, verb, frame",
    [
        ("The minister said that the dam held.", "said", "ccomp"),
        ("“The dam held,” the minister said.", "said", "quote"),
        ("The speaker called them on it:", "called", "colon"),
        ("The general refused to comment.", "refused", "xcomp"),
        ("Kyiv sees the town as a bargaining tool.", "sees", "dobj_as"),
        ("The rebels denied the report.", "denied", "dobj"),
        ("The mayor talked about the floods.", "talked", "prep:about"),
        ("The envoy is confident that talks will resume.", "is", "acomp:confident"),
    ],
)
def test_attributions_frames(parser: Language, text: str, verb: str, frame: str) -> None:
    from claimledger.nlp.attribution.lexicon import quote_chars
    from claimledger.nlp.attribution.quotes import find_quotes

    doc = parser(text)
    tok = next(t for t in doc if t.text == verb)
    assert frame_of(tok, quote_chars(doc, find_quotes(doc.text))) == frame


def test_attributions_mining_refuses_other_splits(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="train split only"):
        _mine_cues().mine(tmp_path / "dev", nlp=None)


def test_attributions_paragraph_splitter_starts_sentences(english_with: Any) -> None:
    with english_with("claimledger_paragraphs", disable=("ner",)) as nlp:
        doc = nlp('He said "the city is calm"\n\n"Obviously the roads are closed," she said.')
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts[0].startswith("He said") and starts[-1].startswith('"Obviously')
    assert all("\n" not in s for s in starts)
