"""Our PolNeAR scorer gives the reference scorer's numbers (shared/eval/polnear_score.py)."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.errors import EvaluationError
from claimledger.evaluate import polnear
from claimledger.formats.brat import format_ann, parse_ann


@pytest.fixture(scope="module")
def reference(shared: Path) -> Iterator[Any]:
    """The reference scorer imported as a module (standard library only)."""
    path = shared / "eval" / "polnear_score.py"
    spec = importlib.util.spec_from_file_location("polnear_score_ref", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def _perturb(ann_text: str, text: str, rng: random.Random) -> str:
    """A plausible system output made from a gold file: drops, edge shifts, lost sources."""
    ann = parse_ann(ann_text)
    records = []
    for args in ann.attributions:
        if rng.random() < 0.2:
            continue
        rec: dict[str, Any] = {"cue": [], "content": [], "source": None}
        for role, key in (("Cue", "cue"), ("Content", "content"), ("Source", "source")):
            frags = [list(f) for tid in args.get(role, []) for f in ann.spans[tid][1]]
            if not frags:
                continue
            if rng.random() < 0.25:  # move an edge by a few characters
                s, e = frags[-1]
                frags[-1] = [s, max(s + 1, min(len(text), e + rng.randint(-12, 12)))]
            if key == "source":
                rec[key] = None if rng.random() < 0.15 else [frags[0][0], frags[-1][1]]
            else:
                rec[key] = frags
        records.append(rec)
    if records and rng.random() < 0.5:  # a false alarm
        s = rng.randrange(0, max(1, len(text) - 40))
        records.append({"cue": [[s, s + 4]], "content": [[s + 5, s + 40]], "source": None})
    return format_ann(text, records)


@pytest.mark.slow
def test_polnear_matches_reference_script_on_dev(shared: Path, tmp_path: Path) -> None:
    gold_dir = shared / "data" / "polnear" / "data" / "dev"
    gold = polnear.load_gold(gold_dir)
    rng = random.Random(7)
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    for article, (text, by_annotator) in gold.items():
        ann = by_annotator[polnear.gold_annotator(by_annotator)]
        (pred_dir / f"{article}.ann").write_text(_perturb(ann, text, rng), encoding="utf-8")
    ours = polnear.evaluate(gold, polnear.load_predictions(pred_dir, list(gold)))
    ref = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "polnear_score.py"),
            "--gold",
            str(gold_dir),
            "--pred",
            str(pred_dir),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert json.loads(ref.stdout) == json.loads(json.dumps(ours))
    assert 0.3 < ours["system"]["attr"]["F1"] < 0.95  # the perturbation really perturbs


_TEXT = 'Clinton said that the plan would fail. "We will win," Trump told reporters on Monday.'


@st.composite
def _ann_texts(draw: st.DrawFn) -> str:
    records = []
    for _ in range(draw(st.integers(0, 4))):
        rec: dict[str, Any] = {}
        for key in ("cue", "content"):
            frags = []
            for _ in range(draw(st.integers(0, 2))):
                s = draw(st.integers(0, len(_TEXT) - 1))
                frags.append([s, draw(st.integers(s + 1, len(_TEXT)))])
            rec[key] = frags
        if draw(st.booleans()):
            s = draw(st.integers(0, len(_TEXT) - 1))
            rec["source"] = [s, draw(st.integers(s + 1, len(_TEXT)))]
        records.append(rec)
    return format_ann(_TEXT, records)


@settings(max_examples=150, deadline=None)
@given(gold_ann=_ann_texts(), pred_ann=_ann_texts())
def test_polnear_counts_equal_reference_on_random_spans(reference: Any, gold_ann: str, pred_ann: str) -> None:
    toks = polnear.Tokens(_TEXT)
    ours = polnear.count_doc(polnear.token_doc(parse_ann(gold_ann), toks), polnear.token_doc(parse_ann(pred_ann), toks))
    rtoks = reference.Tokens(_TEXT)
    theirs = reference.count_doc(
        reference.to_doc(reference.parse_ann(gold_ann), rtoks), reference.to_doc(reference.parse_ann(pred_ann), rtoks)
    )
    assert ours == theirs


def test_polnear_gold_against_itself_scores_one() -> None:
    ann = format_ann(
        _TEXT,
        [
            {"cue": [[8, 12]], "source": [0, 7], "content": [[13, 37]]},
            {"cue": [[59, 63]], "source": [53, 58], "content": [[39, 52]]},
        ],
    )
    toks = polnear.Tokens(_TEXT)
    doc = polnear.token_doc(parse_ann(ann), toks)
    res = polnear.finalize(polnear.count_doc(doc, doc))
    assert all(res[role][m]["F1"] == 1.0 for role in ("Source", "Cue", "Content") for m in ("exact", "overlap", "soft"))
    assert res["attr"]["F1"] == res["attr+src"]["F1"] == 1.0


def test_polnear_split_dir_refuses_test_split() -> None:
    with pytest.raises(EvaluationError, match="held out"):
        polnear.split_dir("test")
