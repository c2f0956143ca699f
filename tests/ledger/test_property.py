"""Property tests (hypothesis): whatever a reading holds — any text (unicode, quotes, NUL, emoji),
any float (huge, tiny, ±inf, None), any date — the DuckDB ledger gives it back unchanged."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import LedgerError
from claimledger.ledger import open_ledger
from claimledger.models import (
    STANCES,
    Actor,
    Article,
    ChannelHop,
    Claim,
    Event,
    Figure,
    Place,
    Reading,
    Source,
    Span,
    TimeRef,
)

texts = st.text()  # every code point but surrogates: NUL, quotes, emoji, RTL …
opt_texts = st.none() | texts
offsets = st.integers(0, 2**31 - 1)
floats = st.none() | st.floats(allow_nan=False)  # ±inf and ±1e308 included (DOUBLE columns)
json_floats = st.floats(allow_nan=False, allow_infinity=False)  # JSON has no inf/NaN
spans = st.builds(Span, offsets, offsets, texts)
_unique = itertools.count()


@st.composite
def readings(draw: st.DrawFn) -> Reading:
    # A counter keeps every example's doc_id new (the ledger is shared across examples).
    article = Article(
        text=draw(texts) + f"\n#{next(_unique)}",
        external_id=draw(opt_texts),
        url=draw(opt_texts),
        title=draw(opt_texts),
        outlet=draw(opt_texts),
        published=draw(st.none() | st.dates()),
        language=draw(opt_texts),
        input=draw(opt_texts),
        author=draw(opt_texts),
    )
    d = article.doc_id
    n = draw(st.integers(0, 3))
    claims = tuple(
        Claim(
            claim_id=f"c{d}{i}",
            doc_id=d,
            source=draw(
                st.none()
                | st.builds(Source, texts, offsets, offsets, opt_texts, opt_texts, opt_texts, opt_texts, opt_texts)
            ),
            cue=draw(spans),
            content=draw(spans),
            direct=draw(st.booleans()),
            stance=draw(st.sampled_from(STANCES) | texts.filter(bool)),  # from_record maps "" to "assert"
            hedged=draw(st.booleans()),
            channel=tuple(
                draw(
                    st.lists(
                        st.builds(ChannelHop, texts, opt_texts, st.none() | offsets, st.none() | offsets), max_size=2
                    )
                )
            ),
            date=draw(opt_texts),
            responds_to=tuple(draw(st.lists(texts, max_size=2))),
            figure_ids=tuple(draw(st.lists(texts, max_size=2))),
            content_parts=tuple(draw(st.lists(spans, max_size=2))),
            hedges=tuple(draw(st.lists(spans, max_size=2))),
            confidence=draw(floats),
            origin=draw(opt_texts),
        )
        for i in range(n)
    )
    normalized = st.none() | st.fixed_dictionaries({"value": st.none() | json_floats, "unit": opt_texts})
    figures = tuple(
        Figure(
            f"f{d}{i}",
            d,
            draw(opt_texts),
            draw(texts),
            draw(offsets),
            draw(offsets),
            draw(floats),
            draw(opt_texts),
            draw(opt_texts),
            draw(st.booleans()),
            draw(opt_texts),
            draw(normalized),
            draw(floats),
            draw(floats),
            draw(opt_texts),
            draw(floats),
            draw(opt_texts),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    times = tuple(
        draw(
            st.lists(
                st.builds(
                    TimeRef, st.just(d), texts, offsets, offsets, opt_texts, opt_texts, texts, opt_texts, opt_texts
                ),
                max_size=2,
            )
        )
    )
    places = tuple(
        draw(
            st.lists(
                st.builds(
                    Place,
                    st.just(d),
                    texts,
                    offsets,
                    offsets,
                    opt_texts,
                    opt_texts,
                    opt_texts,
                    floats,
                    floats,
                    opt_texts,
                    opt_texts,
                    opt_texts,
                ),
                max_size=2,
            )
        )
    )
    actors = tuple(
        draw(
            st.lists(
                st.builds(
                    Actor, st.just(d), texts, offsets, offsets, texts, opt_texts, opt_texts, opt_texts, opt_texts
                ),
                max_size=2,
            )
        )
    )
    json_values = st.recursive(
        st.none() | st.booleans() | json_floats | st.integers(-(2**53), 2**53) | texts,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
        max_leaves=6,
    )
    events = tuple(
        Event(
            f"e{d}{i}",
            tuple(draw(st.lists(texts, max_size=2))),
            draw(texts),
            tuple(draw(st.lists(texts, max_size=2))),
            draw(st.none() | st.dictionaries(texts, json_values, max_size=3)),
            draw(opt_texts),
            tuple(draw(st.lists(texts, max_size=2))),
            tuple(draw(st.lists(texts, max_size=2))),
            tuple(draw(st.lists(texts, max_size=2))),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    notes = tuple(draw(st.lists(texts, max_size=2)))
    return Reading(article, claims, figures, times, places, actors, events, notes)


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with open_ledger(tmp_path_factory.mktemp("prop") / "ledger.duckdb") as led:
        yield led


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reading=readings())
def test_property_write_then_read_round_trips(duck, reading: Reading) -> None:
    assert duck.write(reading) is True
    assert duck.reading(reading.doc_id) == reading
    assert duck.write(reading) is False


@settings(max_examples=30, deadline=None)
@given(text=texts, value=st.floats())
def test_property_nan_is_kept_as_nan(duck, text: str, value: float) -> None:
    art = Article(text=text + f"\n#{next(_unique)}")
    fig = Figure("f" + art.doc_id, art.doc_id, None, text, 0, 1, value)
    duck.write(Reading(art, figures=(fig,)))
    [back] = duck.figures(art.doc_id)
    assert back.value == value or (math.isnan(value) and math.isnan(back.value))


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    import os
    import uuid

    base = os.environ.get("CLAIMLEDGER_TEST_PG")
    if not base:
        pytest.skip("CLAIMLEDGER_TEST_PG not set: no PostgreSQL server to test against")
    import psycopg

    name = f"clprop_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    try:
        with open_ledger(f"{base}{sep}options=-csearch_path%3D{name}") as led:
            yield led
    finally:
        with psycopg.connect(base, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.mark.postgres
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reading=readings())
def test_property_postgres_round_trips_or_refuses_nul(pg, reading: Reading) -> None:
    try:
        assert pg.write(reading) is True
    except LedgerError as err:  # PostgreSQL text cannot hold NUL: refused whole, clearly
        assert "\\x00" in repr(reading) and "NUL" in str(err) and err.input == reading.doc_id
        assert not pg.has(reading.doc_id)
        return
    assert pg.reading(reading.doc_id) == reading


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(readings(), min_size=1, max_size=12))
def test_property_write_many_round_trips_every_article(duck, batch: list[Reading]) -> None:
    """Batches take DuckDB's Arrow insert path (many values): it must store exactly the same."""
    assert duck.write_many(batch + batch[:1]) == [True] * len(batch) + [False]
    for reading in batch:
        assert duck.reading(reading.doc_id) == reading
