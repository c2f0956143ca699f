"""Story assignment on hand-built features: same happening vs same kind, wire copies, replay."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from claimledger.evaluate.stories import bcubed, tfidf_average_link
from claimledger.models import Article, Place, Reading
from claimledger.reconcile.ann import NeighbourIndex
from claimledger.reconcile.features import StoryFeatures, focus_places, story_features, tokens
from claimledger.reconcile.stories import StoryAssigner, StoryConfig

SUMY = (50.92, 34.80)
KONOTOP = (51.23, 33.20)


def _reading(
    text: str,
    *,
    day: date,
    title: str,
    town: tuple[str, float, float] | None = None,
    outlet: str = "Harbour Times",
    duplicate_of: str | None = None,
) -> Reading:
    art = Article(text=text, title=title, published=day, outlet=outlet, duplicate_of=duplicate_of)
    places: tuple[Place, ...] = ()
    if town is not None:
        name, lat, lon = town
        places = tuple(
            Place(art.doc_id, name, i, i + len(name), name, lat=lat, lon=lon, feature="PPL")
            for i in range(len(text))
            if text.startswith(name, i)
        )
    return Reading(art, places=places)


def _vector(seed: int, base: int = 0) -> np.ndarray:
    """A unit vector near the one of ``base`` (the topic), perturbed by ``seed``."""
    rng = np.random.default_rng(base)
    v = rng.standard_normal(32) + 0.3 * np.random.default_rng(1000 + seed).standard_normal(32)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _assign(assigner: StoryAssigner, r: Reading, seed: int) -> str:
    return assigner.assign(story_features(r), _vector(seed)).story_id


STRIKE = (
    "Russian drones struck {town} overnight, killing {n} people and damaging an apartment block and "
    "a school, the regional governor Volodymyr Artiukh said. Rescuers worked under the rubble in {town}."
)


def test_stories_two_strikes_on_two_towns_in_one_week_are_two_stories() -> None:
    a = StoryAssigner(dim=32)
    s1 = _assign(
        a,
        _reading(STRIKE.format(town="Sumy", n=4), day=date(2025, 3, 10), title="Drones hit Sumy", town=("Sumy", *SUMY)),
        1,
    )
    s2 = _assign(
        a,
        _reading(
            STRIKE.format(town="Sumy", n=6) + " The toll rose.",
            day=date(2025, 3, 11),
            title="Sumy toll rises",
            town=("Sumy", *SUMY),
            outlet="Kyiv Ledger",
        ),
        2,
    )
    s3 = _assign(
        a,
        _reading(
            STRIKE.format(town="Konotop", n=2),
            day=date(2025, 3, 13),
            title="Drones hit Konotop",
            town=("Konotop", *KONOTOP),
        ),
        3,
    )
    assert s1 == s2
    assert s3 != s1


def test_stories_place_ablation_merges_the_two_towns() -> None:
    """The place factor is what tells them apart (the words barely differ)."""
    a = StoryAssigner(dim=32, config=StoryConfig().without("place"))
    s1 = _assign(
        a,
        _reading(STRIKE.format(town="Sumy", n=4), day=date(2025, 3, 10), title="Drones hit Sumy", town=("Sumy", *SUMY)),
        1,
    )
    s3 = _assign(
        a,
        _reading(
            STRIKE.format(town="Konotop", n=2),
            day=date(2025, 3, 13),
            title="Drones hit Konotop",
            town=("Konotop", *KONOTOP),
        ),
        3,
    )
    assert s3 == s1


def test_stories_same_words_months_apart_are_a_new_story() -> None:
    a = StoryAssigner(dim=32)
    text = STRIKE.format(town="Sumy", n=4)
    s1 = _assign(a, _reading(text, day=date(2025, 3, 10), title="Drones hit Sumy", town=("Sumy", *SUMY)), 1)
    s2 = _assign(a, _reading(text + " Again.", day=date(2025, 9, 10), title="Drones hit Sumy", town=("Sumy", *SUMY)), 2)
    assert s1 != s2


def test_stories_wire_copy_joins_its_original() -> None:
    a = StoryAssigner(dim=32)
    original = _reading(STRIKE.format(town="Sumy", n=4), day=date(2025, 3, 10), title="t", town=("Sumy", *SUMY))
    s1 = _assign(a, original, 1)
    copy = _reading("Unrelated words entirely.", day=date(2025, 3, 10), title="x", duplicate_of=original.doc_id)
    assert _assign(a, copy, 99) == s1


def test_stories_replayed_state_assigns_like_the_live_one() -> None:
    """Rebuilding the assigner from stored assignments (what each batch does) changes nothing."""
    texts = [STRIKE.format(town=t, n=n) for t, n in (("Sumy", 4), ("Sumy", 6), ("Konotop", 2), ("Sumy", 7))]
    towns = [("Sumy", *SUMY), ("Sumy", *SUMY), ("Konotop", *KONOTOP), ("Sumy", *SUMY)]
    rs = [_reading(t, day=date(2025, 3, 10 + i), title=f"t{i}", town=towns[i]) for i, t in enumerate(texts)]
    live = StoryAssigner(dim=32)
    got = [live.assign(story_features(r), _vector(i)) for i, r in enumerate(rs[:3])]
    replay = StoryAssigner(dim=32)
    for r, g, i in zip(rs[:3], got, range(3), strict=True):
        f = StoryFeatures.from_record(r.doc_id, story_features(r).to_record())
        replay.assign(f, _vector(i), story_id=g.story_id)
    nxt_live = live.assign(story_features(rs[3]), _vector(3))
    nxt_replay = replay.assign(story_features(rs[3]), _vector(3))
    assert (nxt_live.story_id, nxt_live.score) == (nxt_replay.story_id, pytest.approx(nxt_replay.score))


def test_stories_features_focus_on_repeated_towns_not_datelines() -> None:
    text = "LIMA (AFP) — The quake hit Chala. Rescuers reached Chala and Yauca."
    art = Article(text=text, published=date(2025, 4, 6))
    places = (
        Place(art.doc_id, "LIMA", 0, 4, "Lima", lat=-12.0, lon=-77.0, feature="PPLC"),
        Place(art.doc_id, "Chala", 27, 32, "Chala", lat=-15.87, lon=-74.25, feature="PPL"),
        Place(art.doc_id, "Chala", 51, 56, "Chala", lat=-15.87, lon=-74.25, feature="PPL"),
        Place(art.doc_id, "Yauca", 61, 66, "Yauca", lat=-15.66, lon=-74.53, feature="PPL"),
    )
    assert focus_places(Reading(art, places=places)) == ((-15.87, -74.25, 3),)
    assert tokens("Ukraine's governor said 5.9 people") == ["ukraine", "governor", "5.9"]


def test_stories_neighbour_index_finds_the_nearest() -> None:
    index = NeighbourIndex(dim=32, capacity=2)  # grows past its first capacity
    vecs = np.stack([_vector(i, base=i) for i in range(50)])
    index.add(list(range(50)), vecs)
    labels, sims = index.query(vecs[17], k=3)
    assert labels[0] == 17 and sims[0] == pytest.approx(1.0, abs=1e-5)
    assert len(index) == 50


def test_stories_bcubed_scores() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold).f1 == 1.0
    merged = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert merged.recall == 1.0 and merged.precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    split = bcubed({"a": "1", "b": "2", "c": "3"}, gold)
    assert split.precision == 1.0 and split.recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_stories_tfidf_baseline_clusters_by_words() -> None:
    texts = ["drones struck sumy apartment", "sumy apartment drones struck again", "earthquake malatya turkey"]
    labels = tfidf_average_link(texts, 0.2)
    assert labels[0] == labels[1] != labels[2]
