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
"northeastern <Name>" and to the name the NER cut short on either side ("Democratic Republic" +
"of the Congo", "Rio Grande" + "do Sul", "Goz" + "Beida"), plus capitalised phrases the NER missed
that name a country, region or large city.  A place entity the gazetteer does not know ("Lake
Titicaca", "Danube Delta", "North Eastern Province") is never geocoded by a generic part of it
("Lake") nor by the tail of the longer name ("Delta", "Eastern Province"); a country inside a longer
name still counts ("SOS Villages Sudan").  A lone direction ("Western", "the North") is no region,
unless the gazetteer has a named region or ocean so called ("Middle East", "Pacific").

Candidates: another place's alternate name never competes with a bigger place's own name
("Pittsburgh" is not Pittsburg, Kansas).  Resolution scores every candidate by feature class and
population (the priors: a country's or a big state's own name rarely means a town, "England",
"Georgia" next to Atlanta), then by context: a place named right after it that holds it ("Santa
Ana, California") or that it holds ("Atlanta, Georgia"), a region word ("Kursk region" is the
oblast, and so is "the state of Washington"; but "Houston region" is not Houston County, only
"... county" names a county; without one, a capital beats its namesake state: "Buenos Aires"), the
places listed with it ("Texas and Georgia": states of one country; "Washington, Pennsylvania and
California" is a list, not a town and its state), the countries and regions the article mentions,
and the distance to the other toponyms of the sentence and article (two passes, the second
minimising distance to the first pass's picks).

Left unresolved (the text means a place the gazetteer lacks): a hamlet, or a town matched only by
an alternate spelling, of a country the article names nowhere else and far from all its other places
("Piccadilly" in a London story, "Suba" for Suva in a Kenyan one); a town the text places in a state
or country that holds none of its candidates ("Stroud, Ontario", "Kalam in the Swat Valley,
Pakistan"); a small district read for "<Name> province" in a country the article never names while
it names others ("Nyanza province" in a Kenya story); "the district of <Name>" with no such region.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.nlp.places.gazetteer import (
    GENERIC_TERMS,
    KIND_ALT,
    KIND_DEMONYM,
    KIND_NAME,
    KIND_TOWN_REGION,
    Entry,
    Gazetteer,
    get_gazetteer,
    haversine_km,
    norm_key,
)
from claimledger.nlp.places.metonymy import metonymy_reason

REGION_WORDS = frozenset(
    "region oblast province state county district governorate prefecture krai territory raion".split()
)
DIRECTIONS = {f"{a}{b}": f"{a}{b}" for a in ("", "north", "south") for b in ("", "east", "west") if a or b}
DIRECTION_ADJ = {f"{k}ern": v for k, v in DIRECTIONS.items()} | {"central": "", "western": "west"}
# Capitalised words the NER may leave unlabelled but that are not toponyms when alone.
_STOP_EXTRA = frozenset("may march april august june will said mr mrs president the a an".split())
METONYMIC_FEATURES = frozenset({"PCLI", "PPLC", "ADM1"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
METONYM_KEY = "claimledger.place_metonyms"
OTHER_LABELS = frozenset({"ORG", "PRODUCT", "PERSON", "WORK_OF_ART", "EVENT", "NORP", "LAW"})
LOCATIVE_PREPS = frozenset(
    "in near from to at into outside around across toward towards through within over via captured "
    "seized retook took taken take capture liberated entered recaptured shelled struck hit attacked "
    "bombed fled reached approaching defending evacuated occupied village town city of".split()
)
REGION_FEATURES = frozenset({"ADM1", "ADM2", "RGN"})
STRONG_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "CONT", "SEA", "PPLC"})
FREE, TAKEN, INSIDE_UNKNOWN = 0, 1, 2  # token states during recognition
# Lower-case words inside multi-word names ("Rio Grande do Sul", "Trinidad and Tobago").
NAME_CONNECTORS = frozenset("of the and do da dos das de del di du des la el".split())
SETTLEMENT_NOUNS = frozenset("village town city settlement hamlet port district region province suburb".split())


@dataclass
class _Mention:
    start: int  # token offsets
    end: int
    text: str
    label: str
    region_word: bool = False
    direction: str | None = None
    cands: tuple[Entry, ...] = ()
    pick: Entry | None = None
    region_noun: str = ""  # the region word ("county", "region") when ``region_word``


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

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer(self.gazetteer_path)
        return self._gaz

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:  # noqa: ANN001
        """Open the gazetteer now rather than on the first document."""
        self.gaz.lookup("London")

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.mentions(doc)
        metonyms = self._metonyms
        self.resolve(doc, mentions + metonyms)
        records, spans = [], []
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

    # -- recognition ---------------------------------------------------------------------------
    def mentions(self, doc: Doc) -> list[_Mention]:
        """Candidate toponyms (metonymic ones removed), in text order."""
        out: list[_Mention] = []
        taken = [FREE] * (len(doc) + 1)
        ents = list(doc.ents)
        k = 0
        while k < len(ents):
            ent = ents[k]
            k += 1
            m = None
            if ent.label_ in PLACE_LABELS:
                end = self._extend(doc, ent.start, ent.end)
                if end > ent.end:  # "Democratic Republic" + "of the Congo", "Guinea" + "-Bissau"
                    ent = Span(doc, ent.start, end, label=ent.label_)
                    while k < len(ents) and ents[k].start < end:
                        k += 1
                start = self._extend_left(doc, ent.start, ent.end, taken)
                if start < ent.start:  # "Goz" + "Beida"
                    ent = Span(doc, start, ent.end, label=ent.label_)
            if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
                m = self._mention(doc, ent.start, ent.end, ent.label_)
            elif ent.label_ in OTHER_LABELS and ent.end - ent.start <= 3 and self._toponym_cues(doc, ent):
                m = self._mention(doc, ent.start, ent.end, "GPE")
            if m is not None:
                out.append(m)
            elif ent.label_ == "NORP":
                continue  # not a demonym: maybe a toponym the NER mislabelled ("Robotyne")
            elif ent.label_ in PLACE_LABELS:
                # a place the gazetteer does not know ("Lake Titicaca", "Abu Shok"): only a strong
                # name inside it counts ("Santa Ana City Council"), not "Lake" or "Abu"
                for i in range(ent.start, ent.end):
                    taken[i] = INSIDE_UNKNOWN
                continue
            for i in range(min(ent.start, m.start if m else ent.start), max(ent.end, m.end if m else ent.end)):
                taken[i] = TAKEN
        out.extend(self._unlabelled(doc, taken))
        out.sort(key=lambda m: m.start)
        keep, meto = [], []
        for m in out:
            (meto if self._metonymic(doc, m) else keep).append(m)
        self._metonyms = meto
        return keep

    def _mention(self, doc: Doc, start: int, end: int, label: str) -> _Mention | None:
        while start < end and doc[start].lower_ in ("the", "a") or (start < end and doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if start >= end:
            return None
        direction = None
        first = doc[start].lower_
        whole = doc[start:end].text
        if (
            first in DIRECTION_ADJ
            and doc[start].is_title
            and (self.gaz.lookup(whole) or all(w in GENERIC_TERMS for w in norm_key(doc[start + 1 : end].text).split()))
        ):
            first = ""  # "Northern Ireland", "Eastern Creek", "Central Plateau": part of the name
        if first in DIRECTION_ADJ and end - start > 1:
            direction, body = DIRECTION_ADJ[first], start + 1
        else:
            body = start
            if start > 0 and doc[start - 1].lower_ in DIRECTION_ADJ and doc[start - 1].is_lower and label != "NORP":
                start -= 1
                direction = DIRECTION_ADJ[doc[start].lower_]
        region_word = False
        if label != "NORP":
            if doc[end - 1].lower_ in REGION_WORDS and end - body > 1:
                region_word = True
            elif end < len(doc) and doc[end].lower_ in REGION_WORDS:
                end += 1
                region_word = True
        core_end = end - 1 if region_word else end
        text = doc[body:core_end].text
        cands = self.gaz.lookup(text) if text else ()
        if not cands and region_word:
            core_end, region_word = end, False
            text = doc[body:end].text
            cands = self.gaz.lookup(text)
        region_noun = doc[end - 1].lower_ if region_word else ""
        if (  # "the state of Washington", "the province of Buenos Aires": that region
            not region_word
            and label != "NORP"
            and body >= 3
            and doc[body - 1].lower_ == "of"
            and doc[body - 2].lower_ in REGION_WORDS
            and doc[body - 3].lower_ == "the"
        ):
            if not any(c.feature in REGION_FEATURES for c in cands):
                return None  # "the district of Karo": a region the gazetteer lacks, not a namesake town
            region_word, region_noun = True, doc[body - 2].lower_
        if cands and all(c.kind == KIND_DEMONYM for c in cands):
            label = "NORP"  # "Ukrainian" tagged GPE
        if label == "NORP":
            cands = tuple(c for c in cands if c.kind == KIND_DEMONYM)
            if not cands:
                return None
        if not cands and not self.keep_unresolved:
            return None
        if not text:
            return None
        if label != "NORP" and not region_word and all(w in GENERIC_TERMS for w in norm_key(text).split()):
            # "Western", "the North": a direction, not whichever region is so named; but "Middle
            # East", "Pacific": the named region or ocean
            cands = tuple(c for c in cands if c.feature in ("RGN", "SEA", "CONT") and c.kind == KIND_NAME)
            if not cands:
                return None
        m = _Mention(start, end, text, label, region_word, direction or None, cands)
        m.region_noun = region_noun
        return m

    def _extend(self, doc: Doc, start: int, end: int) -> int:
        """End of the longest country/region name that a place entity begins and the NER cut
        short ("Democratic Republic" of "Democratic Republic of the Congo"); ``end`` if none."""
        while start < end - 1 and doc[start].lower_ == "the":
            start += 1
        for e in range(min(len(doc), end + 5), end, -1):
            tail = doc[end:e]
            if not tail[-1].is_title or not all(
                t.is_title or t.lower_ in NAME_CONNECTORS or t.text == "-" for t in tail
            ):
                continue
            if any(c.kind <= KIND_ALT and c.feature in STRONG_FEATURES for c in self.gaz.lookup(doc[start:e].text)):
                return e
        return end

    def _extend_left(self, doc: Doc, start: int, end: int, taken: list[int]) -> int:
        """Start of the place name that a place entity ends and the NER cut short ("Goz" of
        "Goz Beida"): capitalised words outside any entity right before it that make, with it,
        a name the gazetteer knows; ``start`` if none."""
        best = start
        for s in range(start - 1, max(-1, start - 3), -1):
            tok = doc[s]
            if (
                not tok.is_title
                or tok.ent_type_
                or taken[s] != FREE
                or tok.lower_ in _STOP_EXTRA
                or tok.pos_ != "PROPN"
            ):
                break
            if any(c.kind == KIND_NAME for c in self.gaz.lookup(doc[s:end].text)):
                best = s
        return best

    def _toponym_cues(self, doc: Doc, ent: Span) -> bool:
        """A mislabelled entity ("Kursk" as PRODUCT) that the gazetteer and its context call a place."""
        cands = [c for c in self.gaz.lookup(ent.text) if c.kind not in (KIND_DEMONYM, KIND_TOWN_REGION)]
        if not cands and not (ent.end < len(doc) and doc[ent.end].lower_ in REGION_WORDS):
            return False
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        nxt = doc[ent.end : ent.end + 3]
        if prev in LOCATIVE_PREPS or (len(nxt) and nxt[0].lower_ in REGION_WORDS):
            return True
        if len(nxt) >= 3 and nxt[0].text == "," and nxt[1].lower_ in ("a", "the") and nxt[2].lower_ in SETTLEMENT_NOUNS:
            return True
        if ent.label_ != "PERSON" and any(
            (c.feature in ("PCLI", "ADM1", "PPLC", "CONT", "RGN") and c.kind == 0)
            or (c.pop >= 200_000 and c.feature != "ADM2")
            for c in cands
        ):
            return True
        return any(c.feature in ("PCLI", "PPLC") and c.kind <= KIND_ALT for c in cands)

    def _unlabelled(self, doc: Doc, taken: list[int]) -> list[_Mention]:
        """Capitalised phrases outside any entity that name a country, region or big city, a
        demonym, or any gazetteer place when the context says place ("retook X, a village");
        inside a place entity the gazetteer does not know, only a country, region or big city by
        its own name."""
        out: list[_Mention] = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if taken[i] == TAKEN or not tok.is_title or tok.lower_ in _STOP_EXTRA:
                i += 1
                continue
            best = None
            for j in range(min(n, i + 6), i, -1):
                if TAKEN in taken[i:j] or not all(
                    (t.is_title and t.pos_ in ("PROPN", "ADJ")) or t.lower_ in NAME_CONNECTORS for t in doc[i:j]
                ):
                    continue
                if doc[j - 1].lower_ in NAME_CONNECTORS:
                    continue
                cands = self.gaz.lookup(doc[i:j].text)
                if not cands:
                    continue
                if any(c.kind == KIND_DEMONYM for c in cands) and doc[j - 1].pos_ in ("ADJ", "PROPN"):
                    best = (j, "NORP")
                    break
                if doc[i].pos_ != "PROPN":
                    continue
                strong = [
                    c
                    for c in cands
                    if c.kind != KIND_DEMONYM
                    and c.kind != KIND_TOWN_REGION
                    and (
                        c.feature in ("PCLI", "CONT", "RGN", "SEA", "PPLC")
                        or (c.feature == "ADM1" and c.kind == 0)
                        or (c.pop >= self.extra_min_pop and c.feature != "ADM2")
                    )
                ]
                if INSIDE_UNKNOWN in taken[i:j]:
                    if all(w in GENERIC_TERMS for w in norm_key(doc[i:j].text).split()):
                        continue  # "South West" of "South West England"
                    strong = [c for c in strong if c.kind == 0]
                    if self._inside_longer_name(doc, i, j, taken) and not any(c.feature == "PCLI" for c in strong):
                        break
                    if strong:
                        best = (j, "GPE")
                        break
                    continue
                if strong or (not tok.is_sent_start and self._toponym_cues(doc, doc[i:j])):
                    longer = self._longer_name(doc, i, j)
                    if longer:
                        best = (longer, "GPE")
                    elif all(w in GENERIC_TERMS for w in norm_key(doc[i:j].text).split()):
                        continue  # "North", "Western": a direction, not the region so named somewhere
                    elif not self._inside_longer_name(doc, i, j, taken) or any(
                        c.feature == "PCLI" and c.kind == 0 for c in strong
                    ):  # "SOS Children's Villages Sudan": a country is never part of a longer name
                        best = (j, "GPE")
                    break
            if best is None:
                i += 1
                continue
            m = self._mention(doc, i, best[0], best[1])
            if m is not None:
                out.append(m)
            i = best[0]
        return out

    @staticmethod
    def _inside_longer_name(doc: Doc, i: int, j: int, taken: list[int]) -> bool:
        """Is ``doc[i:j]`` the tail of a longer capitalised name that is not it ("Delta" of "Danube
        Delta", "Eastern Province" of "North Eastern Province")?  A capitalised proper noun right
        before it (not opening the sentence, not a direction: "North Dallas" is Dallas) in the
        same unlabelled phrase or unknown place entity."""
        if i > 0 and taken[i - 1] == taken[i] != TAKEN:
            prev = doc[i - 1]
            if (
                prev.is_title
                and prev.pos_ == "PROPN"
                and prev.lower_ not in _STOP_EXTRA
                # "North Dallas" is a part of Dallas, "North Eastern Province" no part of "Eastern"
                and not (
                    (prev.lower_ in DIRECTIONS or prev.lower_ in DIRECTION_ADJ) and doc[i].lower_ not in GENERIC_TERMS
                )
                and (taken[i] == INSIDE_UNKNOWN or not prev.is_sent_start)
            ):
                return True
        return False

    def _longer_name(self, doc: Doc, i: int, j: int) -> int | None:
        """End of a known place name that ``doc[i:j]`` begins and that runs into the capitalised
        words after it, which the NER tagged as something else ("Mission" + "Viejo"/PERSON)."""
        for e in range(min(len(doc), j + 3), j, -1):
            if all(t.is_title and t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS for t in doc[j:e]) and any(
                c.kind == 0 for c in self.gaz.lookup(doc[i:e].text)
            ):
                return e
        return None

    def _metonymic(self, doc: Doc, m: _Mention) -> bool:
        if m.label == "NORP" or m.region_word or m.direction:
            return False
        if m.text.lower().removeprefix("the ") in ("kremlin", "white house", "pentagon", "downing street"):
            return True
        if not any(c.feature in METONYMIC_FEATURES for c in m.cands):
            return False
        return metonymy_reason(doc, m.start, m.end) is not None

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, doc: Doc, mentions: list[_Mention]) -> None:
        """Pick one gazetteer entry per mention: priors, then context (two passes).

        One sense per discourse: mentions with the same text in an article share their anchors
        ("Santa Ana, California" ... "Santa Ana") and get the same pick.
        """
        for m in mentions:
            m.cands = self._eligible(m)
            m.pick = max(m.cands, key=lambda c: _prior(c, m), default=None)
        groups: dict[tuple[str, bool, str], list[int]] = {}
        for i, m in enumerate(mentions):
            groups.setdefault((m.text.lower(), m.region_word, m.label), []).append(i)
        for _ in range(2):
            countries, admins = _context(mentions)
            picks = [(m, m.pick) for m in mentions if m.pick is not None]
            for idxs in groups.values():
                m0 = mentions[idxs[0]]
                if len(m0.cands) < 2:
                    continue
                links = _links(doc, mentions, idxs)
                members = {id(mentions[i]) for i in idxs}
                sents = {doc[mentions[i].start].sent.start for i in idxs} if doc.has_annotation("SENT_START") else set()
                others = [
                    (p, bool(sents) and doc[o.start].sent.start in sents)
                    for o, p in picks
                    if id(o) not in members
                    and p.feature not in ("PCLI", "CONT", "RGN", "SEA")
                    and p.kind != KIND_DEMONYM
                ]
                own, own_a = _context([mentions[i] for i in idxs])  # the group's own picks are no context
                ctx, ctx_a = countries - own, admins - own_a
                best = max(m0.cands, key=lambda c: _score(c, m0, ctx, ctx_a, links, others))
                for i in idxs:
                    mentions[i].pick = best
        _drop_stray_hamlets(mentions)
        _drop_contradicted(doc, mentions)

    def _eligible(self, m: _Mention) -> tuple[Entry, ...]:
        cands = m.cands
        if m.label == "NORP":
            return tuple(c for c in cands if c.kind == KIND_DEMONYM)
        out = tuple(c for c in cands if c.kind != KIND_DEMONYM and (c.kind != KIND_TOWN_REGION or m.region_word))
        if m.region_word:
            # "Houston region", "Pacific region": not Houston or Pacific County (only "... county" is)
            if m.region_noun != "county":
                out = tuple(c for c in out if not (c.feature == "ADM2" and c.name.endswith(" County"))) or out
            regions = tuple(c for c in out if c.feature in REGION_FEATURES or c.feature in ("RGN", "SEA"))
            out = regions or out
        else:
            # "Kharkiv", "Odesa": the city, not the region named after it (unless "region" follows);
            # also when both are only alternately so named ("Mecca": Makkah, not its province)
            towns = {
                (c.cc, c.admin1, c.kind)
                for c in out
                if c.feature in ("PPL", "PPLC") and c.kind <= KIND_ALT and c.pop >= 10_000
            }
            out = (
                tuple(
                    c
                    for c in out
                    if not (c.feature == "ADM1" and any((c.cc, c.admin1, k) in towns for k in range(c.kind + 1)))
                )
                or out
            )
            # a district named after its town ("Pokrovsk" raion) is never the town's reading
            towns = {(c.cc, c.admin1) for c in out if c.feature in ("PPL", "PPLC") and c.kind == 0}
            out = tuple(c for c in out if not (c.feature == "ADM2" and (c.cc, c.admin1) in towns)) or out
            # another place's alternate name does not compete with a bigger place's own name
            # ("Pittsburgh" is not Pittsburg, Kansas; "Sao Paulo" is not a village once so named)
            own = max((c.pop for c in out if c.kind == KIND_NAME), default=0)
            if own >= 10_000:
                out = tuple(c for c in out if c.kind != KIND_ALT or c.pop >= own) or out
        return out


STRAY_MAX_POP = 5_000
STRAY_MIN_KM = 2_000.0


def _drop_stray_hamlets(mentions: list[_Mention]) -> None:
    """Leave unresolved a pick that is a hamlet (under ``STRAY_MAX_POP`` people), or a town matched
    only by an alternate spelling ("Suba" for Suva), of a country the article names nowhere else,
    over ``STRAY_MIN_KM`` from every other place it names: the text means something the gazetteer
    lacks (a London street, an island, a Kenyan district), not that place.  So is a small district
    or town read for "<Name> province/region" when the article names countries, but not its own
    ("Nyanza province" in a story about Kenya is not Rwanda's Nyanza District)."""
    picks = [(m, m.pick) for m in mentions if m.pick is not None and m.pick.kind != KIND_DEMONYM]
    named = {p.cc for m, p in picks if p.feature == "PCLI"} | {
        m.pick.cc for m in mentions if m.pick is not None and m.pick.kind == KIND_DEMONYM
    }
    for m, p in picks:
        if m.region_word and named and p.cc not in named and p.feature in ("PPL", "ADM2") and p.pop < 100_000:
            if not any(q.cc == p.cc for o, q in picks if o.text.lower() != m.text.lower()):
                m.pick = None  # "Nyanza province" in a story about Kenya is not Rwanda's Nyanza
                continue
        if p.feature not in ("PPL", "PPLC") or p.approx or (p.pop >= STRAY_MAX_POP and p.kind != KIND_ALT):
            continue
        others = [q for o, q in picks if q.cc and q.id != p.id and o.text.lower() != m.text.lower()]
        if not others or any(q.cc == p.cc for q in others):
            continue
        if all(haversine_km(p.lat, p.lon, q.lat, q.lon) > STRAY_MIN_KM for q in others):
            m.pick = None


def _drop_contradicted(doc: Doc, mentions: list[_Mention]) -> None:
    """Leave unresolved a town whose text places it in a state or country ("Stroud, Ontario") that
    holds none of its candidates: the gazetteer lacks that town, and a namesake elsewhere is wrong."""
    for idx, m in enumerate(mentions):
        if m.pick is None or m.pick.feature not in ("PPL", "PPLC", "ADM2"):
            continue
        if idx + 1 >= len(mentions):
            continue
        gap = doc[m.end : mentions[idx + 1].start]
        if gap.text.strip() != "," and not (  # "Stroud, Ontario"; "Kalam in the Swat Valley, Pakistan"
            len(gap) <= 8 and len(gap) and gap[0].lower_ == "in" and "." not in gap.text
        ):
            continue
        o = mentions[idx + 1]
        region = o.pick
        if region is None or region.feature not in ("ADM1", "PCLI"):
            continue
        if _listed_with_next(doc, mentions, idx + 1):
            continue  # "Washington, Pennsylvania and California": a list, not a town and its state
        if region.cc == m.pick.cc and (region.feature == "PCLI" or region.admin1 == m.pick.admin1):
            continue
        if not any(_inside(c, region) for c in m.cands):
            m.pick = None


def _prior(c: Entry, m: _Mention) -> float:
    s = math.log10(c.pop + 10)
    s += {"PCLI": 6.0, "CONT": 6.0, "RGN": 5.0, "SEA": 4.0, "ADM1": 2.5, "PPLC": 1.5, "ADM2": -1.0}.get(c.feature, 0.0)
    if c.kind == KIND_ALT:
        s -= 0.8
    elif c.feature in ("PCLI", "CONT"):
        s += 3.0  # a country's own name rarely means a town named after it
    elif (
        c.feature == "ADM1"
        and c.kind == KIND_NAME
        and c.pop >= 1_000_000
        and not any(x.feature == "PPLC" for x in m.cands)
    ):
        s += 3.0  # nor a big state's or province's ("England", "Georgia" next to Atlanta), if no capital's
    if c.approx:
        s -= 0.3
    if c.feature == "PPLC" and any(x.feature == "ADM1" and x.cc == c.cc for x in m.cands):
        s += 2.5  # "Buenos Aires", "Washington": the capital, unless "province"/"state" says otherwise
    if m.region_word and c.feature == "ADM1":
        s += 6.0
    elif m.region_word and c.feature == "ADM2":
        s += 5.0
    return s


def _context(mentions: list[_Mention]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Countries (weighted by how the article names them) and admin-1 regions of the current picks."""
    countries: Counter[str] = Counter()
    admins: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        p = m.pick
        if p is None or not p.cc:
            continue
        weight = 2 if p.feature in ("PCLI", "ADM1") else 1
        countries[p.cc] += weight
        if p.admin1 and p.feature != "PCLI":
            admins[(p.cc, p.admin1)] += 1
    return countries, admins


def _anchor(doc: Doc, mentions: list[_Mention], idx: int) -> list[_Mention]:
    """Places named right after this one ("Santa Ana, California", "Novoselivka, a village in X")."""
    m = mentions[idx]
    out = []
    for k, o in enumerate(mentions[idx + 1 : idx + 4], start=idx + 1):
        gap = doc[m.end : o.start]
        if len(gap) <= 8 and gap.text.count(".") == 0 and (len(gap) == 0 or gap[0].text in (",", "(", "in")):
            if gap.text.strip() == "," and _listed_with_next(doc, mentions, k):
                continue  # "Washington, Pennsylvania and California": states listed, none holds Washington
            out.append(o)
    return out


def _listed_with_next(doc: Doc, mentions: list[_Mention], k: int) -> bool:
    """Is mention ``k`` followed, as in a list, by a place of the same class (state, country)?"""
    if k + 1 >= len(mentions):
        return False
    o, n = mentions[k], mentions[k + 1]
    gap = doc[o.end : n.start]
    if not (0 < len(gap) <= 2 and all(t.text == "," or t.lower_ in ("and", "or", "&") for t in gap)):
        return False
    classes = {c.feature for c in o.cands if c.feature in ("ADM1", "PCLI") and c.kind <= KIND_ALT}
    return any(c.feature in classes and c.kind <= KIND_ALT for c in n.cands)


def _siblings(doc: Doc, mentions: list[_Mention], idx: int) -> list[_Mention]:
    """The mentions listed right before and after this one ("Texas and Georgia", "Armenia, Georgia, Iran")."""
    out = []
    for j in (idx - 1, idx + 1):
        if 0 <= j < len(mentions):
            a, b = sorted((mentions[idx], mentions[j]), key=lambda x: x.start)
            gap = doc[a.end : b.start]
            if 0 < len(gap) <= 2 and all(t.text == "," or t.lower_ in ("and", "or", "&") for t in gap):
                out.append(mentions[j])
    return out


@dataclass
class _Links:
    """Candidates of the places this mention's group is named with."""

    anchors: list[tuple[Entry, ...]]  # named right after it: may contain it ("Atlanta, Georgia")
    contained: list[tuple[Entry, ...]]  # named right before it: it may contain them
    siblings: list[tuple[Entry, ...]]  # listed with it: regions of one country, or countries


def _links(doc: Doc, mentions: list[_Mention], idxs: list[int]) -> _Links:
    members = {id(mentions[i]) for i in idxs}
    anchors, contained, siblings = [], [], []
    for i in idxs:
        anchors += [o.cands for o in _anchor(doc, mentions, i) if id(o) not in members]
        siblings += [o.cands for o in _siblings(doc, mentions, i) if id(o) not in members]
        contained += [
            mentions[k].cands
            for k in range(max(0, i - 3), i)
            if id(mentions[k]) not in members and any(o is mentions[i] for o in _anchor(doc, mentions, k))
        ]
    return _Links(anchors, contained, siblings)


def _inside(c: Entry, region: Entry) -> bool:
    """Is ``c`` within the country or admin-1 region ``region``?"""
    if region.id == c.id or region.cc != c.cc:
        return False
    if region.feature == "PCLI":
        return c.feature != "PCLI"
    return region.feature == "ADM1" and c.admin1 == region.admin1 and c.feature != "ADM1"


def _score(
    c: Entry,
    m: _Mention,
    countries: Counter[str],
    admins: Counter[tuple[str, str]],
    links: _Links,
    others: list[tuple[Entry, bool]],
) -> float:
    s = _prior(c, m)
    if c.cc and countries:
        s += 3.0 * min(countries[c.cc], 6) / 6 + (1.5 if countries[c.cc] else 0.0)
    if c.cc and c.admin1 and admins.get((c.cc, c.admin1)):
        s += 3.0 if c.feature != "ADM1" else 4.0  # a town of that region is named too
    bonus = {"PCLI": 5.0, "ADM1": 7.0}
    for cands in links.anchors:  # "Santa Ana, California": Santa Ana lies in California
        s += max((bonus[a.feature] for a in cands if a.feature in bonus and _inside(c, a)), default=0.0)
    if c.feature in bonus:  # "Atlanta, Georgia": the Georgia that holds an Atlanta
        s += bonus[c.feature] * any(_inside(x, c) for cands in links.contained for x in cands)
        for cands in links.siblings:  # "Texas and Georgia": states of one country; countries
            s += 4.0 * any(
                x.feature == c.feature and x.id != c.id and (c.feature == "PCLI" or x.cc == c.cc) for x in cands
            )
    if others and c.feature not in ("PCLI", "CONT", "RGN", "SEA"):
        near = min((haversine_km(c.lat, c.lon, p.lat, p.lon) + (0 if same else 150)) for p, same in others)
        s += 4.0 * max(0.0, 1.0 - near / 400.0)
    return s


def place_record(
    span: Span, pick: Entry | None, direction: str | None, gaz: Gazetteer, *, demonym: bool = False
) -> dict:
    """The ``doc._.cl_places`` dict of a resolved (or unresolved) toponym span."""
    rec: dict = {
        "start": span.start_char,
        "end": span.end_char,
        "name": None,
        "country": None,
        "admin1": None,
        "lat": None,
        "lon": None,
        "gazetteer_id": None,
        "feature": None,
    }
    if pick is None:
        return rec
    lat, lon = pick.lat, pick.lon
    moved = False
    if direction and pick.cc and pick.feature in ("PCLI", "ADM1"):
        pt = gaz.sector(pick.cc, pick.admin1 if pick.feature == "ADM1" else None, direction)
        if pt is not None:
            lat, lon = pt
            moved = True
    rec.update(
        name=pick.name,
        country=pick.cc,
        admin1=pick.admin1 if pick.feature != "PCLI" else None,
        lat=lat,
        lon=lon,
        gazetteer_id=pick.gid,
        feature="demonym" if demonym or pick.kind == KIND_DEMONYM else pick.feature,
    )
    if pick.approx:
        rec["approx"] = True
    if direction:
        rec["direction"] = direction
    if moved:  # "northern China": the point is China's north; the named place's own point too
        rec["named_lat"], rec["named_lon"] = pick.lat, pick.lon
    return rec


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


__all__ = ["METONYM_KEY", "PlacesComponent", "make_places", "place_record"]
