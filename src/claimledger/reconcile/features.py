"""What story assignment knows about one article: terms, entities, places, dates, event types, figures.

:func:`story_features` turns a :class:`~claimledger.models.Reading` into :class:`StoryFeatures`,
plain data that the ledger can store (``story_features`` table) so that a later batch rebuilds the
assigner's state without reading the articles again.

* ``terms`` — hashed word counts of the title (counted twice: it names the happening) and the text,
  lower-cased, stop words and one-letter tokens dropped, numbers kept ("205", "5.9": a story's
  figures are its most specific words).  Feature hashing (2**20 buckets, Weinberger et al. 2009)
  keeps memory bounded without a vocabulary; at ~2 k distinct words per 100 articles, collisions
  are rare enough not to matter to a cosine.
* ``entities`` — canonical actors (``entity_id``, else the canonical name), sources and geocoded
  places (``gazetteer_id``), hashed the same way: Miranda et al. (2018) found entity overlap a
  feature of its own, separate from the words.
* ``places`` — the settlements the article is about (:func:`focus_places`) as (lat, lon, 3): two
  strikes on two towns in one week differ here even when their words agree.
* ``day`` — the publication date as a day number (``date.toordinal``), or None.
* ``event_types`` and ``figures`` — what kind of happening (``reconcile.events.event_type`` over the
  claims) and the counted figures ("205 prisoners" -> ``205|prisoners``).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass

from claimledger.models import Place, Reading
from claimledger.reconcile.events import event_type

TERM_BUCKETS = 1 << 20
TITLE_WEIGHT = 2
# A small English stop list (function words, reporting verbs and news boilerplate): words every
# article has say nothing about which happening it reports.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    said says say told tell according added reported report reports statement statements news monday tuesday
    wednesday thursday friday saturday sunday week weeks day days year years time people one two three new
    last first us since still would like well get got also including around many much told""".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’-][^\W_]+)*", re.UNICODE)


def hash_token(token: str, buckets: int = TERM_BUCKETS) -> int:
    """The bucket of ``token`` (crc32: stable across processes and Python versions, unlike ``hash``)."""
    return zlib.crc32(token.encode("utf-8")) % buckets


def tokens(text: str) -> list[str]:
    """The content words of ``text``: case-folded, stop words and one-character tokens dropped."""
    out = []
    for m in _TOKEN.finditer(text.casefold()):
        tok = m.group().replace("’", "'").replace(",", "")
        if tok.endswith("'s"):  # possessive: "Ukraine's" is "ukraine"
            tok = tok[:-2]
        if len(tok) > 1 and tok not in STOP_WORDS:
            out.append(tok)
    return out


@dataclass(frozen=True)
class StoryFeatures:
    """The features of one article (plain data: ints, floats, strings)."""

    doc_id: str
    day: int | None
    terms: dict[int, float]
    entities: dict[int, float]
    places: tuple[tuple[float, float, int], ...] = ()
    event_types: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    duplicate_of: str | None = None
    lead: str = ""

    def to_record(self) -> dict[str, object]:
        """A JSON-ready dict (int keys as strings)."""
        return {
            "day": self.day,
            "terms": {str(k): v for k, v in sorted(self.terms.items())},
            "entities": {str(k): v for k, v in sorted(self.entities.items())},
            "places": [list(p) for p in self.places],
            "event_types": list(self.event_types),
            "figures": list(self.figures),
            "duplicate_of": self.duplicate_of,
        }

    @classmethod
    def from_record(cls, doc_id: str, rec: dict[str, object]) -> StoryFeatures:
        """Read back :meth:`to_record`."""
        terms = rec.get("terms") or {}
        ents = rec.get("entities") or {}
        assert isinstance(terms, dict) and isinstance(ents, dict)
        places = rec.get("places") or []
        assert isinstance(places, list)
        day = rec.get("day")
        return cls(
            doc_id=doc_id,
            day=int(day) if isinstance(day, int | float) else None,
            terms={int(k): float(v) for k, v in terms.items()},
            entities={int(k): float(v) for k, v in ents.items()},
            places=tuple((float(p[0]), float(p[1]), int(p[2])) for p in places),
            event_types=tuple(str(x) for x in rec.get("event_types") or []),  # type: ignore[attr-defined]
            figures=tuple(str(x) for x in rec.get("figures") or []),  # type: ignore[attr-defined]
            duplicate_of=str(rec["duplicate_of"]) if rec.get("duplicate_of") else None,
        )


def _is_dateline(place: Place, text: str) -> bool:
    """A dateline ("LIMA (AFP) —") names where the reporter is, not where the happening was."""
    return place.start < 40 and place.text.isupper() and "\n" not in text[: place.start]


def focus_places(reading: Reading) -> tuple[tuple[float, float, int], ...]:
    """The settlements an article is about: those its title names, or that it names twice or more.

    Only towns and villages (GeoNames ``PPL*``): a region or a country holds many happenings at
    once.  Datelines do not count.  A town named once in passing ("rescuers reached Yauca", "flown
    to Moscow") is not what the article is about, and must not split a story.
    """
    text = reading.article.text
    title = (reading.article.title or "").casefold()
    spots: dict[tuple[float, float], list[Place]] = {}
    for place in reading.places:
        if not (place.feature or "").startswith("PPL") or place.lat is None or place.lon is None:
            continue
        if _is_dateline(place, text):
            continue
        spots.setdefault((round(float(place.lat), 4), round(float(place.lon), 4)), []).append(place)
    focus = [
        k for k, found in spots.items() if len(found) >= 2 or any(p.text.casefold() in title for p in found if p.text)
    ]
    return tuple(sorted((lat, lon, 3) for lat, lon in focus))


def lead_text(reading: Reading, chars: int = 1000) -> str:
    """The title and the first ``chars`` characters of the text: what an encoder reads."""
    title = reading.article.title or ""
    return f"{title}. {reading.article.text[:chars]}" if title else reading.article.text[:chars]


def story_features(reading: Reading) -> StoryFeatures:
    """The story features of one article (see the module docstring for each)."""
    article = reading.article
    terms: Counter[int] = Counter()
    for tok in tokens(article.title or ""):
        terms[hash_token(tok)] += TITLE_WEIGHT
    for tok in tokens(article.text):
        terms[hash_token(tok)] += 1
    ents: Counter[int] = Counter()
    for actor in reading.actors:
        if actor.metonymy:
            continue
        ents[hash_token("e:" + (actor.entity_id or actor.name.casefold()))] += 1
    for claim in reading.claims:
        if claim.source is not None and (claim.source.entity_id or claim.source.name):
            ents[hash_token("e:" + (claim.source.entity_id or (claim.source.name or "").casefold()))] += 1
    for place in reading.places:
        if place.feature != "demonym":
            ents[hash_token("p:" + (place.gazetteer_id or (place.name or place.text).casefold()))] += 1
    types = sorted({t for c in reading.claims if (t := event_type(c.content.text))})
    figures = sorted(
        {f"{f.value:g}|{(f.counts or '').casefold()}" for f in reading.figures if f.value is not None and f.counts}
    )
    published = article.published
    return StoryFeatures(
        doc_id=reading.doc_id,
        day=published.toordinal() if published else None,
        terms={k: float(v) for k, v in terms.items()},
        entities={k: float(v) for k, v in ents.items()},
        places=focus_places(reading),
        event_types=tuple(types),
        figures=tuple(figures),
        duplicate_of=article.duplicate_of,
        lead=lead_text(reading),
    )


__all__ = ["STOP_WORDS", "TERM_BUCKETS", "StoryFeatures", "hash_token", "lead_text", "story_features", "tokens"]
