"""extract.reading maps the components' records back to offsets of the text as ingested."""

from __future__ import annotations

import spacy

from claimledger.extract import reading
from claimledger.models import Article
from claimledger.nlp import extensions  # noqa: F401


class _Shift:
    """Offsets of a repaired text whose first ``n`` raw characters were dropped."""

    def __init__(self, n: int) -> None:
        self.n = n

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return start + self.n, end + self.n


class _Repaired:
    def __init__(self, raw: str, n: int) -> None:
        self.text = raw[n:]
        self.offsets = _Shift(n)


RAW = "Photo: Agency\nThe mayor said 40 people were evacuated on Friday from Riverton."
DROP = len("Photo: Agency\n")


def _doc(text: str):  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    doc = nlp(text)

    def at(s: str) -> list[int]:
        i = text.index(s)
        return [i, i + len(s)]

    doc._.cl_attributions = [
        {
            "source": at("The mayor"),
            "cue": [at("said")],
            "content": [at("40 people were evacuated")],
            "stance": "assert",
            "source_name": "Mayor of Riverton",
            "source_kind": "person",
            "channel": [{"name": "Agency", "kind": "media", "start": None, "end": None}],
            "figures": [0],
            "times": [],
            "places": [0],
            "date": "2025-01-31",
            "date_time": 0,
        }
    ]
    doc._.cl_figures = [
        {**dict(zip(("start", "end"), at("40 people"), strict=True)), "value": 40.0, "counts": "people"}
    ]
    doc._.cl_times = [
        {
            **dict(zip(("start", "end"), at("on Friday"), strict=True)),
            "value": "2025-01-31",
            "grain": "day",
            "relation": "at",
        }
    ]
    doc._.cl_places = [
        {
            **dict(zip(("start", "end"), at("Riverton"), strict=True)),
            "name": "Riverton",
            "country": "US",
            "lat": 1.0,
            "lon": 2.0,
        }
    ]
    doc._.cl_actors = []
    return doc


def test_extract_offsets_point_into_raw_text() -> None:
    art = Article(text=RAW, published=None)
    rep = _Repaired(RAW, DROP)
    r = reading(_doc(rep.text), art, rep)
    (claim,) = r.claims
    for span in (claim.cue, claim.content, claim.source):
        assert RAW[span.start : span.end] == span.text
    assert claim.cue.text == "said" and claim.source.name == "Mayor of Riverton"
    assert claim.date == "2025-01-31" and claim.channel[0].name == "Agency"
    (fig,) = r.figures
    assert RAW[fig.start : fig.end] == "40 people" and fig.claim_id == claim.claim_id
    assert claim.figure_ids == (fig.figure_id,)
    assert r.times[0].claim_id == claim.claim_id and r.places[0].claim_id == claim.claim_id


def test_extract_ids_are_stable_across_runs() -> None:
    art = Article(text=RAW)
    rep = _Repaired(RAW, DROP)
    a, b = reading(_doc(rep.text), art, rep), reading(_doc(rep.text), art, rep)
    assert [c.claim_id for c in a.claims] == [c.claim_id for c in b.claims]
    assert [f.figure_id for f in a.figures] == [f.figure_id for f in b.figures]


def test_extract_without_attributions_gives_empty_reading() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Nothing is claimed here.")
    r = reading(doc, Article(text=doc.text))
    assert r.claims == () and r.figures == () and r.article.text == doc.text


def test_extract_keeps_every_component_field() -> None:
    art = Article(text=RAW)
    rep = _Repaired(RAW, DROP)
    doc = _doc(rep.text)
    doc._.cl_times[0].update({"timex": "2025-W05", "value": None, "relation": None})
    doc._.cl_places[0]["feature"] = "PPL"
    doc._.cl_actors = [{"start": 0, "end": 9, "name": None, "kind": "person", "metonymy": 1}]
    r = reading(doc, art, rep)
    (t,) = r.times
    assert t.value is None and t.timex == "2025-W05" and t.relation == "at"
    assert r.places[0].feature == "PPL" and r.places[0].lat == 1.0
    (a,) = r.actors
    assert a.name == a.text == "The mayor" and a.metonymy is True and a.kind == "person"
