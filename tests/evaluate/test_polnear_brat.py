"""Brat files as PolNeAR writes them, and annotate_dir over a folder of texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import claimledger.nlp.attribution.component  # noqa: F401  (factories)
import claimledger.nlp.paragraphs  # noqa: F401
from claimledger.engine.annotate import annotate_dir
from claimledger.errors import InputNotFound
from claimledger.formats.brat import format_ann, parse_ann

TEXT = "“We will hold,” the commander said. Officials said the bridge was closed."


def test_polnear_brat_lines_like_polnear() -> None:
    ann = format_ann(
        TEXT,
        [
            {"cue": [[30, 34]], "source": [16, 29], "content": [[0, 15]]},
            {"cue": [[46, 50]], "source": None, "content": [[51, 73]]},
        ],
    )
    assert ann.splitlines() == [
        "T1\tSource 16 29\tthe commander",
        "T2\tCue 30 34\tsaid",
        "T3\tContent 0 15\t“We will hold,”",
        "T4\tAttribution 30 34\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 46 50\tsaid",
        "T6\tContent 51 73\tthe bridge was closed.",
        "T7\tAttribution-no-source 46 50\tsaid",
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
    ]


def test_polnear_brat_discontinuous_content() -> None:
    ann = format_ann(TEXT, [{"cue": [[30, 34]], "source": [16, 29], "content": [[0, 15], [36, 45]]}])
    assert "T3\tContent 0 15;36 45\t“We will hold,” Officials" in ann
    doc = parse_ann(ann)
    assert doc.spans["T3"] == ("Content", ((0, 15), (36, 45)))


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        rec: dict[str, Any] = {}
        for key in ("cue", "content"):
            frags = []
            for _ in range(draw(st.integers(1, 2))):
                s = draw(st.integers(0, len(TEXT) - 1))
                frags.append([s, draw(st.integers(s + 1, len(TEXT)))])
            rec[key] = frags
        s = draw(st.integers(0, len(TEXT) - 1))
        rec["source"] = draw(st.sampled_from([None, [s, draw(st.integers(s + 1, len(TEXT)))]]))
        out.append(rec)
    return out


@settings(max_examples=100, deadline=None)
@given(_records())
def test_polnear_brat_round_trip(records: list[dict[str, Any]]) -> None:
    doc = parse_ann(format_ann(TEXT, records))
    assert len(doc.attributions) == len(records)
    for rec, args in zip(records, doc.attributions, strict=True):
        for role, key in (("Cue", "cue"), ("Content", "content")):
            assert [list(f) for tid in args[role] for f in doc.spans[tid][1]] == rec[key]
        if rec["source"]:
            assert list(doc.spans[args["Source"][0]][1][0]) == rec["source"]
        else:
            assert "Source" not in args


@pytest.fixture()
def attr_nlp(english_with: Any) -> Iterator[Language]:
    with english_with("claimledger_paragraphs", "claimledger_attributions") as nlp:
        yield nlp


def test_polnear_brat_annotate_dir_writes_one_ann_per_text(attr_nlp: Language, tmp_path: Path) -> None:
    src = tmp_path / "text"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "b.txt").write_text("Nothing is attributed here.", encoding="utf-8")
    (src / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    assert annotate_dir(src, out, nlp=attr_nlp) == 2
    assert sorted(p.name for p in out.iterdir()) == ["a.ann", "b.ann"]
    a = parse_ann((out / "a.ann").read_text(encoding="utf-8"))
    assert len(a.attributions) == 2
    assert (out / "b.ann").read_text(encoding="utf-8") == ""


def test_polnear_brat_annotate_dir_missing_folder(attr_nlp: Language, tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="no such folder"):
        annotate_dir(tmp_path / "nope", tmp_path / "out", nlp=attr_nlp)
