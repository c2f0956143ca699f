"""``claimledger_places``: toponyms recognised and geocoded offline against the shipped gazetteer.

Writes ``doc.spans["cl_place"]`` (label = feature class) and ``doc._.cl_places``: dicts with
``start, end`` (character offsets into ``doc.text``), ``name, country, admin1, lat, lon,
gazetteer_id, feature`` and ``approx`` (True when the village's point is its hromada centre);
"northern China" gets ``direction`` and a point moved toward it, with the named place's own point in
``named_lat, named_lon``.
Country demonyms ("Ukrainian troops") get ``feature == "demonym"``: they tell the country, not a
location.  Metonymic toponyms ("Moscow announced") are left out: ``claimledger_actors`` records
them as governments.

Usage::

    nlp.add_pipe("claimledger_places")
    doc = nlp("Russia said its forces captured Novoselivka in Ukraine's Donetsk region.")
    [p["name"] for p in doc._.cl_places]

Recognition: spaCy GPE/LOC entities (NORP for demonyms), widened to "<Name> region/oblast" and
"northeastern <Name>" and to the name the NER cut short on either side ("Democratic Republic" + "of
the Congo", "Rio Grande" + "do Sul", "Goz" + "Beida"), plus capitalised phrases the NER missed that
name a country, region or large city, or any place after a war verb or noun ("to retake al-Hawija",
"an attack on Khan Sheikhoun", "the Nuseirat refugee camp"). A name the gazetteer lacks is looked up
again folded by romanisation rules ("Qamishli" is Al Qamishli, "Hodeidah" Al Hudaydah:
:func:`~claimledger.nlp.places.gazetteer.fold_key`), as an alternate-name match. Initials ("MoD",
"UN", "E.U.", "NATO") are a place only if they stand for a country, state or region or a city of a
million ("US", "UAE", "DRC"), never a town so spelt (Maud, Texas). A place entity the gazetteer does
not know ("Lake Titicaca", "Danube Delta", "North Eastern Province") is never geocoded by a generic
part of it ("Lake") nor by the tail of the longer name ("Delta", "Eastern Province"); a country
inside a longer name still counts ("SOS Villages Sudan"). A lone direction ("Western", "the North")
is no region, unless the gazetteer has a named region or ocean so called ("Middle East", "Pacific").

Candidates: another place's alternate name never competes with a bigger place's own name
("Pittsburgh" is not Pittsburg, Kansas). A country, or a capital three times as populous, outranks
its namesake towns whatever the article's country ("Moscow" and "Russia" in a story about Idaho and
Ohio are Russia's), unless the text places the town: a region right after it ("Moscow, Idaho"), a
region word, a town listed with it within 100 km, or "the village/town of". Resolution scores every
candidate by feature class and population (the priors: a country's or a big state's own name rarely
means a town, "England", "Georgia" next to Atlanta), then by context: a place named right after it
that holds it ("Santa Ana, California") or that it holds ("Atlanta, Georgia"), a region word ("Kursk
region" is the oblast, and so is "the state of Washington"; but "Houston region" is not Houston
County, only "... county" names a county; without one, a capital beats its namesake state: "Buenos
Aires"), the places listed with it ("Texas and Georgia": states of one country; "Washington,
Pennsylvania and California" is a list, not a town and its state), the countries and regions the
article mentions, and the distance to the other toponyms of the sentence and article (two passes,
the second minimising distance to the first pass's picks).

Left unresolved (the text means a place the gazetteer lacks): a hamlet, or a town matched only by
an alternate spelling, of a country the article names nowhere else and far from all its other places
("Piccadilly" in a London story, "Suba" for Suva in a Kenyan one); a town the text places in a state
or country that holds none of its candidates ("Stroud, Ontario", "Kalam in the Swat Valley,
Pakistan"); a small district read for "<Name> province" in a country the article never names while
it names others ("Nyanza province" in a Kenya story); "the district of <Name>" with no such region.

Modules: :mod:`.mentions` recognises (:class:`~claimledger.nlp.places.mentions.Mention`),
:mod:`.context` scores candidates in context, :mod:`.resolve` picks one per mention,
:mod:`.records` writes the dicts; this module is the spaCy component that chains them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.nlp.places.gazetteer import Gazetteer, get_gazetteer
from claimledger.nlp.places.mentions import Recogniser
from claimledger.nlp.places.records import place_record
from claimledger.nlp.places.resolve import resolve

__all__ = ["METONYM_KEY", "PlacesComponent", "make_places", "place_record"]

METONYM_KEY = "claimledger.place_metonyms"


class PlacesComponent:
    """Recognise and geocode toponyms; see the module docstring."""

    def __init__(
        self, nlp: Language, name: str, gazetteer_path: str | None, extra_min_pop: int, keep_unresolved: bool
    ) -> None:
        self.name = name
        self.gazetteer_path = gazetteer_path
        self.extra_min_pop = extra_min_pop
        self.keep_unresolved = keep_unresolved
        self._gaz: Gazetteer | None = None
        self._recogniser: Recogniser | None = None

    @property
    def gaz(self) -> Gazetteer:
        """The gazetteer, opened on first use (so building a pipeline stays cheap)."""
        if self._gaz is None:
            self._gaz = get_gazetteer(self.gazetteer_path)
        return self._gaz

    @property
    def recogniser(self) -> Recogniser:
        """The toponym recogniser over :attr:`gaz` with this component's settings."""
        if self._recogniser is None:
            self._recogniser = Recogniser(self.gaz, self.extra_min_pop, self.keep_unresolved)
        return self._recogniser

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Open the gazetteer now rather than on the first document."""
        self.gaz.lookup("London")

    def __call__(self, doc: Doc) -> Doc:
        mentions, metonyms = self.recogniser.find(doc)
        resolve(doc, mentions + metonyms)
        records: list[dict[str, Any]] = []
        spans: list[Span] = []
        for m in mentions:
            if m.pick is None and not self.keep_unresolved:
                continue
            span = doc[m.start : m.end]
            records.append(place_record(span, m.pick, m.direction, self.gaz, demonym=m.label == "NORP"))
            spans.append(Span(doc, m.start, m.end, label=records[-1]["feature"] or "UNRESOLVED"))
        doc.spans["cl_place"] = spans
        doc._.cl_places = records
        # Metonymic toponyms ("Moscow announced") are actors, not places; their resolution is kept
        # for claimledger_actors (government of which country) and for scoring toponym recognition.
        doc.spans["cl_place_metonym"] = [Span(doc, m.start, m.end, label="METONYM") for m in metonyms]
        doc.user_data[METONYM_KEY] = [place_record(doc[m.start : m.end], m.pick, None, self.gaz) for m in metonyms]
        return doc


@Language.factory(
    "claimledger_places",
    default_config={"gazetteer_path": None, "extra_min_pop": 100_000, "keep_unresolved": False},
    assigns=["doc._.cl_places"],
)
def make_places(
    nlp: Language, name: str, gazetteer_path: str | None, extra_min_pop: int, keep_unresolved: bool
) -> PlacesComponent:
    """Factory of :class:`PlacesComponent`."""
    return PlacesComponent(nlp, name, gazetteer_path, extra_min_pop, keep_unresolved)
