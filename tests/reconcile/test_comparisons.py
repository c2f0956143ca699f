"""Figures become intervals and are compared: agree, conflict or different measure."""

from __future__ import annotations

import math
from datetime import date

from claimledger.models import Figure
from claimledger.reconcile.comparisons import FigureFact, compare_facts
from claimledger.reconcile.intervals import Interval, conservative_count, interval_of
from claimledger.reconcile.measures import Measure, measure_of


def _fig(text: str, value: float, **kw: object) -> Figure:
    return Figure("f", "d", None, text, 0, len(text), value, **kw)  # type: ignore[arg-type]


def test_comparisons_intervals_follow_the_wording() -> None:
    over = interval_of(_fig("over 10,000", 10000.0, bound="lower"))
    assert over is not None and over.low == 10000 and math.isinf(over.high)
    about = interval_of(_fig("about 12,000", 12000.0, approx=True))
    assert about == Interval(10800.0, 13200.0, None, "about")
    dozens = interval_of(_fig("dozens", 24.0, bound="lower", approx=True))
    assert dozens is not None and (dozens.low, dozens.high, dozens.rule) == (24.0, 120.0, "vague")
    nearly = interval_of(_fig("nearly half", 0.5, bound="upper", approx=True, kind="fraction"))
    assert nearly is not None and nearly.unit == "fraction" and nearly.rule == "nearly" and nearly.high == 0.5
    third = interval_of(_fig("about one-third", 1 / 3, approx=True, kind="fraction", derived_value=4000.0))
    assert third is not None and third.unit is None and third.low < 4000 < third.high  # through its base
    assert interval_of(_fig("between 20 and 30", 20.0, high=30.0)) == Interval(20.0, 30.0, None, "range")
    assert interval_of(_fig("22", 22.0)) == Interval(22.0, 22.0, None, "exact")


def test_comparisons_acled_reads_vague_counts_conservatively() -> None:
    assert conservative_count(_fig("dozens", 24.0, bound="lower", approx=True)) == 12
    assert conservative_count(_fig("hundreds", 200.0, bound="lower", approx=True)) == 100
    assert conservative_count(_fig("tens of thousands", 20000.0, bound="lower", approx=True)) == 10000
    assert conservative_count(_fig("at least eight", 8.0, bound="lower")) == 8


def _measure(text: str, figure: str, counts: str | None = None, value: float = 1.0) -> Measure | None:
    start = text.index(figure)
    fig = Figure("f", "d", None, figure, start, start + len(figure), value, counts=counts)
    return measure_of(fig, text)


def test_comparisons_measure_from_the_words_around_the_figure() -> None:
    text = "Drones struck the city, killing four people and injuring 12, the governor said."
    assert _measure(text, "four", "people") == Measure("killed")
    assert _measure(text, "12") == Measure("injured")
    assert _measure("Nine people were killed or injured.", "Nine", "people") == Measure("killed_or_injured")
    assert _measure("We have buried at least 14 of our people.", "at least 14") == Measure("killed")
    assert _measure("The United Nations put the toll at 200.", "200") == Measure("killed")
    assert _measure("Police said 60 officers had been hurt.", "60", "officers") == Measure("injured", "police")
    # not a toll: an increment, an earlier value, a part, a magnitude
    assert _measure("after two more bodies were pulled out", "two", "bodies") is None
    assert _measure("40 people had been injured, up from 31.", "31") is None
    assert _measure("the names of 148 of the dead", "148") is None
    assert _measure("A magnitude 5.9 earthquake that killed 11 people", "5.9", value=5.9) is None


def _fact(fid: str, source: str, measure: str, iv: Interval, day: str, events: tuple[str, ...] = ("e1",)) -> FigureFact:
    return FigureFact(
        figure_id=fid,
        doc_id=f"d{fid}",
        claim_id=f"c{fid}",
        text=fid,
        measure=Measure(measure),
        interval=iv,
        source=source,
        source_key=source,
        origin=source,
        day=date.fromisoformat(day),
        dated_by="statement",
        event_ids=events,
    )


def test_comparisons_agree_conflict_and_different_measure() -> None:
    facts = [
        _fact("a", "agencies", "troops", Interval(10000.0, math.inf, None, "lower"), "2025-01-20"),
        _fact("b", "president", "troops", Interval(11400.0, 12600.0, None, "rounded"), "2025-01-25"),
        _fact("c", "rights body", "killed", Interval(8.0, math.inf, None, "lower"), "2025-06-25"),
        _fact("d", "police", "killed", Interval(2.0, 2.0, None, "exact"), "2025-06-25"),
        _fact("e", "commission", "killed_or_injured", Interval(400.0, 400.0, None, "exact"), "2025-06-25"),
    ]
    found = {frozenset(c.figure_ids): c.relation for c in compare_facts("s", facts)}
    assert found[frozenset({"a", "b"})] == "agree"  # 12,000 fits "over 10,000"
    assert found[frozenset({"c", "d"})] == "conflict"
    assert found[frozenset({"d", "e"})] == "different_measure"  # never a contradiction
    assert frozenset({"a", "c"}) not in found  # troops and deaths are not compared


def test_comparisons_a_rising_toll_is_no_conflict_but_a_fall_is() -> None:
    facts = [
        _fact("a", "governor", "killed", Interval(4.0, 4.0), "2025-03-10"),
        _fact("b", "emergency service", "killed", Interval(6.0, 6.0), "2025-03-11"),
        _fact("c", "government", "killed", Interval(300.0, math.inf, None, "lower"), "2025-04-13"),
        _fact("d", "UN", "killed", Interval(190.0, 210.0, None, "rounded"), "2025-04-15"),
    ]
    found = {frozenset(c.figure_ids): c.relation for c in compare_facts("s", facts)}
    assert frozenset({"a", "b"}) not in found  # four on Monday, six on Tuesday: the toll rose
    assert found[frozenset({"c", "d"})] == "conflict"  # 200 after "more than 300": a fall


def test_comparisons_victims_of_two_events_are_not_compared() -> None:
    facts = [
        _fact("a", "ministry", "killed", Interval(4000.0, 4000.0), "2025-01-20", ("casualties",)),
        _fact("b", "Russia", "killed", Interval(22.0, 22.0), "2025-01-20", ("atrocity",)),
    ]
    assert compare_facts("s", facts) == ()
