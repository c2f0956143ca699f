"""Generated readings for benchmarks and crash tests of reconciliation (no spaCy pipeline).

:func:`synthetic_readings` makes ``n`` :class:`~claimledger.models.Reading` objects in publication
order, grouped in stories of 1-8 articles: each story is one happening (a kind, a town with its
coordinates, a date, two named people, a figure) reported by several outlets over a few days in
sentences drawn from templates and a filler vocabulary, with some wire copies (``duplicate_of``) and
agency datelines.  Many stories share their kind and week, so assignment has to use the places and
names.  The readings carry places, actors, figures and a claim each, as the pipeline would give them,
so reconciliation runs exactly as after a real ingest.  Deterministic for a given ``seed``.

Usage::

    readings = list(synthetic_readings(1000, seed=1))
    gold = {r.doc_id: story for r, story in zip(readings, synthetic_gold(1000, seed=1))}
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from claimledger.models import Actor, Article, Claim, Figure, Place, Reading, Source, Span, stable_id

KINDS = (
    ("drone strike", "drones hit", "killed"),
    ("earthquake", "a quake shook", "dead"),
    ("flood", "floodwater swept through", "displaced"),
    ("protest", "protesters marched in", "arrested"),
    ("ferry sinking", "a ferry capsized near", "missing"),
    ("factory fire", "a fire gutted a factory in", "injured"),
)
OUTLETS = ("Harbour Times", "Kyiv Ledger", "Daily Meridian", "Baltic Courier", "Global Post Online", "Andes Herald")
_SYLLABLES = ("ka", "lo", "mi", "ra", "to", "vel", "sun", "dor", "bri", "an", "zel", "por", "na", "ski", "ve")
_FILLER = (
    "officials residents rescue teams hospital district governor council witnesses ministry police army "
    "agency statement overnight morning evening emergency services damaged buildings roads bridge power "
    "water aid convoy investigation spokesman families mourning schools closed reopened survivors rubble "
    "shelters tents volunteers supplies region border village town city highway airport port market"
).split()


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _story_plan(n: int, seed: int) -> list[tuple[int, int]]:
    """(story number, article number within it) for ``n`` articles, stories of 1-8 articles."""
    rng = random.Random(seed)
    plan: list[tuple[int, int]] = []
    story = 0
    while len(plan) < n:
        size = min(rng.choice((1, 1, 2, 3, 4, 5, 8)), n - len(plan))
        plan.extend((story, k) for k in range(size))
        story += 1
    return plan


def synthetic_gold(n: int, seed: int = 1) -> list[int]:
    """The story number of each of the ``n`` articles :func:`synthetic_readings` makes."""
    return [s for s, _ in _story_plan(n, seed)]


def _reading(rng: random.Random, story: int, k: int, seed: int, start: date) -> Reading:
    srng = random.Random(seed * 1_000_003 + story)  # the story's own facts, the same for all its articles
    kind, verb, counts = srng.choice(KINDS)
    town = _name(srng, 3)
    lat, lon = srng.uniform(-40, 60), srng.uniform(-100, 140)
    person, place_admin = f"{_name(srng, 2)} {_name(srng, 3)}", _name(srng, 2)
    figure = srng.randint(2, 400)
    day = start + timedelta(days=story // 40 + min(k, 4))  # ~40 stories open per day
    outlet = OUTLETS[(story + k) % len(OUTLETS)]
    lead = f"{town.upper()} (AFP) — " if k % 3 == 1 else ""
    words = " ".join(rng.choice(_FILLER) for _ in range(12)) + " " + " ".join(_name(rng, 3).lower() for _ in range(12))
    text = (
        f"{lead}{verb.capitalize()} {town} in {place_admin} province on day {k}, and at least {figure} people were "
        f'{counts}, {person} said. {words}. "We are still counting," {person} told reporters in {town}.'
    )
    art = Article(
        text=text, external_id=f"g{story}-{k}", title=f"{kind.capitalize()} in {town}", outlet=outlet, published=day
    )
    doc = art.doc_id
    entity = stable_id("ent_", person)
    t0 = text.index(town)
    p_end = text.index(person) + len(person)
    claim = Claim(
        claim_id=stable_id("c", doc, 0),
        doc_id=doc,
        source=Source(
            person, p_end - len(person), p_end, name=person, kind="person", entity_id=stable_id("ent_", person)
        ),
        cue=Span(p_end + 1, p_end + 5, text[p_end + 1 : p_end + 5]),
        content=Span(0, t0 + len(town), text[: t0 + len(town)]),
    )
    f_start = text.index(f"{figure} people")
    places = tuple(
        Place(doc, town, i, i + len(town), town, lat=lat, lon=lon, feature="PPL", gazetteer_id=f"g:{town}")
        for i in (t0, text.rindex(town))
    )
    return Reading(
        article=art,
        claims=(claim,),
        figures=(
            Figure(
                stable_id("f", doc, 0),
                doc,
                claim.claim_id,
                str(figure),
                f_start,
                f_start + len(str(figure)),
                float(figure),
                counts=counts,
            ),
        ),
        places=places,
        actors=(Actor(doc, person, p_end - len(person), p_end, person, kind="person", entity_id=entity),),
    )


def synthetic_readings(n: int, seed: int = 1, *, start: date = date(2025, 1, 1)) -> Iterator[Reading]:
    """``n`` generated readings in publication order (module docstring).

    Args:
        n: how many.
        seed: the generator's seed (the same seed gives the same readings).
        start: the first publication date.
    """
    rng = random.Random(seed)
    first_of: dict[int, str] = {}
    for story, k in _story_plan(n, seed):
        reading = _reading(rng, story, k, seed, start)
        if k == 2 and story in first_of:  # the third article of a story is a wire copy of the first
            base = first_of[story]
            reading = Reading(
                article=Article(
                    text=reading.article.text,
                    external_id=reading.article.external_id,
                    title=reading.article.title,
                    outlet=reading.article.outlet,
                    published=reading.article.published,
                    duplicate_of=base,
                )
            )
        first_of.setdefault(story, reading.doc_id)
        yield reading


__all__ = ["KINDS", "OUTLETS", "synthetic_gold", "synthetic_readings"]
