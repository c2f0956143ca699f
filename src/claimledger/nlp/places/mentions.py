"""Recognition of toponyms: which token spans of a Doc name a place (resolution is :mod:`.resolve`).

:class:`Recogniser` turns spaCy's GPE/LOC/FAC entities (NORP for demonyms) into :class:`Mention`
objects, widened to "<Name> region/oblast" and "northeastern <Name>" and to the name the NER cut
short on either side ("Democratic Republic" + "of the Congo", "Goz" + "Beida"), plus capitalised
phrases the NER missed that name a country, region or large city.  Each mention carries its
gazetteer candidates; metonymic toponyms ("Moscow announced") come back in a list of their own.
The rules are described in the docstring of :mod:`claimledger.nlp.places.component`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimledger.nlp.places.gazetteer import (
    GENERIC_TERMS,
    KIND_ALT,
    KIND_DEMONYM,
    KIND_NAME,
    KIND_TOWN_REGION,
    Entry,
    Gazetteer,
    norm_key,
)
from claimledger.nlp.places.metonymy import metonymy_reason

__all__ = [
    "DIRECTIONS",
    "DIRECTION_ADJ",
    "PLACE_LABELS",
    "REGION_FEATURES",
    "REGION_WORDS",
    "Mention",
    "Recogniser",
]

REGION_WORDS = frozenset(
    "region oblast province state county district governorate prefecture krai territory raion".split()
)
DIRECTIONS = {f"{a}{b}": f"{a}{b}" for a in ("", "north", "south") for b in ("", "east", "west") if a or b}
DIRECTION_ADJ = {f"{k}ern": v for k, v in DIRECTIONS.items()} | {"central": "", "western": "west"}
# Capitalised words the NER may leave unlabelled but that are not toponyms when alone.
_STOP_EXTRA = frozenset("may march april august june will said mr mrs president the a an".split())
_METONYMIC_FEATURES = frozenset({"PCLI", "PPLC", "ADM1"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OTHER_LABELS = frozenset({"ORG", "PRODUCT", "PERSON", "WORK_OF_ART", "EVENT", "NORP", "LAW"})
_LOCATIVE_PREPS = frozenset(
    "in near from to at into outside around across toward towards through within over via captured "
    "seized retook took taken take capture liberated entered recaptured shelled struck hit attacked "
    "bombed fled reached approaching defending evacuated occupied village town city of".split()
)
# Verbs of war whose object is a place, by lemma ("to retake al-Hawija", "besieging Marib").
_SEIZE_LEMMAS = frozenset(
    "capture seize retake take liberate enter recapture shell strike hit attack bomb flee reach approach defend "
    "evacuate occupy besiege storm encircle surround overrun raid pound bombard evacuate".split()
)
# Nouns of war that take the place with "on" ("an attack on Khan Sheikhoun", "a blockade on Timbuktu").
_ASSAULT_NOUNS = frozenset(
    "attack assault strike airstrike raid offensive advance push blockade siege bombardment march "
    "counteroffensive incursion".split()
)
# Nouns before a name that make it a village or town, never a capital ("the village of X").
_SMALL_SETTLEMENTS = frozenset(
    "village villages town towns community communities hamlet hamlets settlement settlements".split()
)
# Nouns right after a name that make it a settlement ("the Nuseirat refugee camp", "Zamzam camp").
_CAMP_NOUNS = frozenset("camp refugee".split())
REGION_FEATURES = frozenset({"ADM1", "ADM2", "RGN"})
_STRONG_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "CONT", "SEA", "PPLC"})
_FREE, _TAKEN, _INSIDE_UNKNOWN = 0, 1, 2  # token states during recognition
# Lower-case words inside multi-word names ("Rio Grande do Sul", "Trinidad and Tobago").
_NAME_CONNECTORS = frozenset("of the and do da dos das de del di du des la el".split())
_SETTLEMENT_NOUNS = frozenset("village town city settlement hamlet port district region province suburb".split())


_ACRONYM_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "CONT"})
_DATELINE_NEXT = frozenset({",", "(", "-", "\u2014", "\u2013", ":"})


def _acronym(doc: Doc, start: int, end: int) -> bool:
    """Is ``doc[start:end]`` initials ("MoD", "UN", "U.N.", "NATO") rather than a name?  One token of
    two to five letters, all capitals or with a capital after a small letter; not a dateline word
    ("GAO, Mali (Reuters) -" opens a line in capitals)."""
    if end - start != 1:
        return False
    tok = doc[start]
    letters = tok.text.replace(".", "")
    if not (2 <= len(letters) <= 5 and letters.isalpha()):
        return False
    inner_capital = any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:], strict=False))
    if not (letters.isupper() or inner_capital):
        return False
    dateline = (tok.is_sent_start or start == 0 or "\n" in doc[start - 1].text_with_ws) and (
        end < len(doc) and doc[end].text in _DATELINE_NEXT
    )
    return not (dateline and letters.isupper())


@dataclass
class Mention:
    """A toponym found in a Doc: its tokens, its candidates, and (after resolution) its pick.

    Mutable on purpose: :func:`claimledger.nlp.places.resolve.resolve` narrows ``cands`` and sets
    ``pick`` in place, in several passes over all the mentions of an article.
    """

    start: int  # token offsets
    end: int
    text: str
    label: str
    region_word: bool = False
    direction: str | None = None
    cands: tuple[Entry, ...] = ()
    pick: Entry | None = None
    region_noun: str = ""  # the region word ("county", "region") when ``region_word``
    small_settlement: bool = False  # named as a village or town ("the communities of San Juan")


class Recogniser:
    """Find the toponyms of a Doc against a gazetteer.

    Usage::

        places, metonyms = Recogniser(get_gazetteer(), extra_min_pop=100_000).find(doc)
    """

    def __init__(self, gaz: Gazetteer, extra_min_pop: int, keep_unresolved: bool = False) -> None:
        self.gaz = gaz
        self.extra_min_pop = extra_min_pop
        self.keep_unresolved = keep_unresolved

    def find(self, doc: Doc) -> tuple[list[Mention], list[Mention]]:
        """Candidate toponyms in text order, and apart from them the metonymic ones ("Moscow announced").

        Args:
            doc: a parsed Doc with entities (and a dependency parse, for metonymy).
        """
        out: list[Mention] = []
        taken = [_FREE] * (len(doc) + 1)
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
            elif ent.label_ in _OTHER_LABELS and ent.end - ent.start <= 3 and self._toponym_cues(doc, ent):
                m = self._mention(doc, ent.start, ent.end, "GPE")
            if m is not None:
                out.append(m)
            elif ent.label_ == "NORP":
                continue  # not a demonym: maybe a toponym the NER mislabelled ("Robotyne")
            elif ent.label_ in PLACE_LABELS:
                # a place the gazetteer does not know ("Lake Titicaca", "Abu Shok"): only a strong
                # name inside it counts ("Santa Ana City Council"), not "Lake" or "Abu"
                for i in range(ent.start, ent.end):
                    taken[i] = _INSIDE_UNKNOWN
                continue
            for i in range(min(ent.start, m.start if m else ent.start), max(ent.end, m.end if m else ent.end)):
                taken[i] = _TAKEN
        out.extend(self._unlabelled(doc, taken))
        out.sort(key=lambda m: m.start)
        keep: list[Mention] = []
        meto: list[Mention] = []
        for m in out:
            (meto if self._metonymic(doc, m) else keep).append(m)
        return keep, meto

    def _mention(self, doc: Doc, start: int, end: int, label: str) -> Mention | None:
        """The mention of ``doc[start:end]`` with its candidates, or None if it names no place."""
        bounds = self._bounds(doc, start, end, label)
        if bounds is None:
            return None
        start, body, end, direction = bounds
        end, text, cands, region_word, region_noun = self._core(doc, body, end, label)
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
        if label != "NORP" and cands and _acronym(doc, start, end):
            # "MoD", "UN", "EU", "NATO": an organisation's initials, unless they stand for a country,
            # state or region ("US", "UAE", "DRC") or a big city ("NYC"), never a town so spelt
            cands = tuple(c for c in cands if c.feature in _ACRONYM_FEATURES or c.pop >= 1_000_000)
            if not cands:
                return None
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
        m = Mention(start, end, text, label, region_word, direction or None, cands)
        m.region_noun = region_noun
        before = [t.lower_ for t in doc[max(0, start - 2) : start]]
        m.small_settlement = bool(before) and (
            before[-1] in _SMALL_SETTLEMENTS
            or (before[-1] == "of" and len(before) == 2 and before[0] in _SMALL_SETTLEMENTS)
        )
        return m

    def _bounds(self, doc: Doc, start: int, end: int, label: str) -> tuple[int, int, int, str | None] | None:
        """``(start, body, end, direction)``: articles and punctuation trimmed; a direction word
        ("northern", "eastern") split off the name unless it is part of it ("Northern Ireland")."""
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
        return start, body, end, direction

    def _core(self, doc: Doc, body: int, end: int, label: str) -> tuple[int, str, tuple[Entry, ...], bool, str]:
        """``(end, text, candidates, region_word, region_noun)`` of the name at ``doc[body:end]``,
        with a region word inside or right after it ("Kursk region") read as such if the
        gazetteer knows the name without it."""
        region_word = False
        if label != "NORP":
            if doc[end - 1].lower_ in REGION_WORDS and end - body > 1:
                region_word = True
            elif end < len(doc) and doc[end].lower_ in REGION_WORDS:
                end += 1
                region_word = True
        core_end = end - 1 if region_word else end
        text = doc[body:core_end].text
        cands = self._lookup(text, label) if text else ()
        if not cands and region_word:
            region_word = False
            text = doc[body:end].text
            cands = self._lookup(text, label)
        region_noun = doc[end - 1].lower_ if region_word else ""
        return end, text, cands, region_word, region_noun

    def _lookup(self, text: str, label: str = "GPE") -> tuple[Entry, ...]:
        """The gazetteer's entries for ``text``; failing that, its romanisation variants
        ("Qamishli" for Al Qamishli, "Nuseirat" for An Nusayrat), except for demonyms and for
        generic words ("Lake", "North")."""
        cands = self.gaz.lookup(text)
        if label == "NORP" or any(c.kind <= KIND_ALT for c in cands):
            return cands
        words = norm_key(text).split()
        if sum(len(w) for w in words) < 4 or all(w in GENERIC_TERMS for w in words):
            return cands
        # only a district named after the town ("al-Hawija" of Al-Hawija District) or a demonym:
        # the town may be listed under another spelling ("Al Hawijah")
        ids = {c.id for c in cands}
        return cands + tuple(c for c in self.gaz.lookup_folded(text) if c.id not in ids)

    def _extend(self, doc: Doc, start: int, end: int) -> int:
        """End of the longest country/region name that a place entity begins and the NER cut
        short ("Democratic Republic" of "Democratic Republic of the Congo"); ``end`` if none."""
        while start < end - 1 and doc[start].lower_ == "the":
            start += 1
        for e in range(min(len(doc), end + 5), end, -1):
            tail = doc[end:e]
            if not tail[-1].is_title or not all(
                t.is_title or t.lower_ in _NAME_CONNECTORS or t.text == "-" for t in tail
            ):
                continue
            if any(c.kind <= KIND_ALT and c.feature in _STRONG_FEATURES for c in self.gaz.lookup(doc[start:e].text)):
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
                or taken[s] != _FREE
                or tok.lower_ in _STOP_EXTRA
                or tok.pos_ != "PROPN"
            ):
                break
            if any(c.kind == KIND_NAME for c in self.gaz.lookup(doc[s:end].text)):
                best = s
        return best

    def _toponym_cues(self, doc: Doc, ent: Span) -> bool:
        """A mislabelled entity ("Kursk" as PRODUCT) that the gazetteer and its context call a place."""
        exact = [c for c in self.gaz.lookup(ent.text) if c.kind <= KIND_ALT]
        cands = [c for c in exact or self._lookup(ent.text) if c.kind not in (KIND_DEMONYM, KIND_TOWN_REGION)]
        if not cands and not (ent.end < len(doc) and doc[ent.end].lower_ in REGION_WORDS):
            return False
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        nxt = doc[ent.end : ent.end + 3]
        if prev in _LOCATIVE_PREPS or (len(nxt) and nxt[0].lower_ in REGION_WORDS | _CAMP_NOUNS):
            return True
        if ent.start > 0 and doc[ent.start - 1].pos_ == "VERB" and doc[ent.start - 1].lemma_ in _SEIZE_LEMMAS:
            return True
        if (  # "an attack on Khan Sheikhoun", "a blockade on Timbuktu"; a person is attacked too, so a
            # name the NER calls a person must be a town of 10,000 or a region
            prev == "on"
            and ent.start > 1
            and doc[ent.start - 2].lemma_.lower() in _ASSAULT_NOUNS
            and (ent.label_ != "PERSON" or any(c.pop >= 10_000 or c.feature in REGION_FEATURES for c in cands))
        ):
            return True
        if (
            len(nxt) >= 3
            and nxt[0].text == ","
            and nxt[1].lower_ in ("a", "the")
            and nxt[2].lower_ in _SETTLEMENT_NOUNS
        ):
            return True
        if not exact:
            return False  # a spelling variant ("al-Jazeera", the channel) is a place only in context
        if ent.label_ != "PERSON" and any(
            (c.feature in ("PCLI", "ADM1", "PPLC", "CONT", "RGN") and c.kind == 0)
            or (c.pop >= 200_000 and c.feature != "ADM2")
            for c in cands
        ):
            return True
        return any(c.feature in ("PCLI", "PPLC") and c.kind <= KIND_ALT for c in cands)

    def _unlabelled(self, doc: Doc, taken: list[int]) -> list[Mention]:
        """Capitalised phrases outside any entity that name a country, region or big city, a
        demonym, or any gazetteer place when the context says place ("retook X, a village");
        inside a place entity the gazetteer does not know, only a country, region or big city by
        its own name."""
        out: list[Mention] = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if taken[i] == _TAKEN or not tok.is_title or tok.lower_ in _STOP_EXTRA:
                i += 1
                continue
            best = self._unlabelled_at(doc, i, taken)
            if best is None:
                i += 1
                continue
            m = self._mention(doc, i, best[0], best[1])
            if m is not None:
                out.append(m)
            i = best[0]
        return out

    def _unlabelled_at(self, doc: Doc, i: int, taken: list[int]) -> tuple[int, str] | None:
        """``(end, label)`` of the longest unlabelled place name starting at token ``i``, or None."""
        tok = doc[i]
        for j in range(min(len(doc), i + 6), i, -1):
            if _TAKEN in taken[i:j] or not all(
                (t.is_title and t.pos_ in ("PROPN", "ADJ")) or t.lower_ in _NAME_CONNECTORS for t in doc[i:j]
            ):
                continue
            if doc[j - 1].lower_ in _NAME_CONNECTORS:
                continue
            cands = self.gaz.lookup(doc[i:j].text)
            if not cands:
                continue
            if any(c.kind == KIND_DEMONYM for c in cands) and doc[j - 1].pos_ in ("ADJ", "PROPN"):
                return (j, "NORP")
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
            if _INSIDE_UNKNOWN in taken[i:j]:
                if all(w in GENERIC_TERMS for w in norm_key(doc[i:j].text).split()):
                    continue  # "South West" of "South West England"
                strong = [c for c in strong if c.kind == 0]
                if self._inside_longer_name(doc, i, j, taken) and not any(c.feature == "PCLI" for c in strong):
                    return None
                if strong:
                    return (j, "GPE")
                continue
            if strong or (not tok.is_sent_start and self._toponym_cues(doc, doc[i:j])):
                longer = self._longer_name(doc, i, j)
                if longer:
                    return (longer, "GPE")
                if all(w in GENERIC_TERMS for w in norm_key(doc[i:j].text).split()):
                    continue  # "North", "Western": a direction, not the region so named somewhere
                if not self._inside_longer_name(doc, i, j, taken) or any(
                    c.feature == "PCLI" and c.kind == 0 for c in strong
                ):  # "SOS Children's Villages Sudan": a country is never part of a longer name
                    return (j, "GPE")
                return None
        return None

    @staticmethod
    def _inside_longer_name(doc: Doc, i: int, j: int, taken: list[int]) -> bool:
        """Is ``doc[i:j]`` the tail of a longer capitalised name that is not it ("Delta" of "Danube
        Delta", "Eastern Province" of "North Eastern Province")?  A capitalised proper noun right
        before it (not opening the sentence, not a direction: "North Dallas" is Dallas) in the
        same unlabelled phrase or unknown place entity."""
        if i > 0 and taken[i - 1] == taken[i] != _TAKEN:
            prev = doc[i - 1]
            if (
                prev.is_title
                and prev.pos_ == "PROPN"
                and prev.lower_ not in _STOP_EXTRA
                # "North Dallas" is a part of Dallas, "North Eastern Province" no part of "Eastern"
                and not (
                    (prev.lower_ in DIRECTIONS or prev.lower_ in DIRECTION_ADJ) and doc[i].lower_ not in GENERIC_TERMS
                )
                and (taken[i] == _INSIDE_UNKNOWN or not prev.is_sent_start)
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

    def _metonymic(self, doc: Doc, m: Mention) -> bool:
        if m.label == "NORP" or m.region_word or m.direction:
            return False
        if m.text.lower().removeprefix("the ") in ("kremlin", "white house", "pentagon", "downing street"):
            return True
        if not any(c.feature in _METONYMIC_FEATURES for c in m.cands):
            return False
        return metonymy_reason(doc, m.start, m.end) is not None
