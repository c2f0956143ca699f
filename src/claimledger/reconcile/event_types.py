"""Event types: the predicate vocabulary that tells which happening a claim reports.

Each :class:`EventKind` names our type, ACLED's event type and sub-event types (ACLED Codebook 2023;
Raleigh et al. 2010) and the trigger pattern over a claim's content.  A claim supports its first
match in :data:`KINDS` order (the primary type), plus a casualty report when it states a toll beside
a non-violent happening.  Negated triggers ("denied targeting civilians"; NegEx's pre-negation window,
Chapman et al. 2001) and triggers under future or conditional modals ("would strike again") do not
count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    """One event type: our ``name``, ACLED's event type and sub-event types, the trigger pattern."""

    name: str
    acled_type: str | None
    default_sub_type: str | None
    pattern: re.Pattern[str]
    sub_types: tuple[tuple[str, re.Pattern[str]], ...] = ()


def _kind(
    name: str, acled: str | None, default: str | None, pattern: str, subs: tuple[tuple[str, str], ...] = ()
) -> EventKind:
    flags = re.IGNORECASE
    return EventKind(
        name, acled, default, re.compile(pattern, flags), tuple((s, re.compile(p, flags)) for s, p in subs)
    )


_CALENDAR = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b"
)
_PEOPLE = r"(civilians?|residents|villagers|women|children|families|displaced|refugees)"
_KILL = r"(killed|killing|raped|executed|massacred|tortured|abducted|kidnapped|shot|targeting|attacking|harmed)"
_WEAPONS = (
    r"\b(drones?|air ?strikes?|airstrikes?|air ?raids?|glide bombs?|bombs?|bombed|bombing|shell(ed|ing)|artillery|"
    r"missiles?|rockets?|mortars?|explosions?|explosives?|landmines?|strikes? on|grenade attacks?|shahed)\b"
)

# First match wins (the primary type); order matters: a protest with deaths is a protest, a strike
# on a camp that kills civilians is violence against civilians, an earthquake "struck" is no attack,
# troops "fighting alongside" others who "have been withdrawn" report a withdrawal, not a clash.
KINDS: tuple[EventKind, ...] = (
    _kind(
        "protest",
        "Protests",
        "Peaceful protest",
        r"\b(protest(ers|ed|s|ing)?|demonstrat(ors?|ions?|ed|ing)|marched|rall(y|ies|ied)|blockades?|"
        r"blocked (the )?(main )?roads|strikes? (over|against|again)|went on strike)\b",
        (
            ("Excessive force against protesters", r"\b(fir(ed|ing)|shot|live rounds|killed|gunfire)\b"),
            ("Protest with intervention", r"\b(tear ?gas|arrest\w*|dispers\w*|water cannon|detain\w*)\b"),
        ),
    ),
    _kind(
        "violence_against_civilians",
        "Violence against civilians",
        "Attack",
        rf"\b{_PEOPLE}\b.{{0,80}}\b{_KILL}\b|\b{_KILL}\b.{{0,40}}\b{_PEOPLE}\b|\batrocit(y|ies)\b|\bwar crimes?\b|"
        r"\bmassacres?\b|\bgenocid\w+\b|"
        r"\b(attack(ed|s)?|assault(ed)?|storm(ed)?|raid(ed)?|shelled)\b.{0,60}\b(camps?|market|shelters?|hospitals?)\b",
        (
            ("Sexual violence", r"\b(rap(e|ed)|sexual)\b"),
            ("Abduction/forced disappearance", r"\b(abduct\w*|kidnap\w*|disappear\w*)\b"),
        ),
    ),
    _kind(
        "territory_captured",
        "Battles",
        "Non-state actor overtakes territory",
        # the verb must take ground as its object ("captured the village", "seized Northford"), not people
        r"\b(captur|seiz|took control of|taken control of|occupi|reclaim|recaptur|retak|regain|liberat)\w*[\"”’']?\s+"
        r"(?:(?!by\b)\S+\s+){0,4}?(?:villages?|towns?|city|cities|settlements?|territory|land|regions?|positions?|"
        rf"ground|(?-i:(?!{_CALENDAR})[A-Z][\w'’-]+))",
        (("Government regains territory", r"\b(recaptur|retak|reclaim|regain|liberat)\w*"),),
    ),
    _kind(
        "attack",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        _WEAPONS + r"|\b(forces|troops|army|military|aircraft|jets|navy)\b.{0,30}\b(struck|hit|targeted|shelled)\b",
        (
            ("Air/drone strike", r"\b(drones?|air ?strikes?|airstrikes?|air ?raids?|glide bombs?|aircraft|shahed)\b"),
            ("Remote explosive/landmine/IED", r"\b(landmines?|ieds?|roadside bombs?|car bombs?|explosive devices?)\b"),
            ("Grenade", r"\bgrenades?\b"),
        ),
    ),
    _kind(
        "withdrawal",
        "Strategic developments",
        "Non-violent transfer of territory",
        r"\b(withdr[ae]wn?|withdrawals?|pulled (back|out)|retreat(ed|s)?)\b",
    ),
    _kind(
        "deployment",
        "Strategic developments",
        "Other",
        r"\b(deploy(ed|ing|ment|s)?|sen[dt]s? (\S+ ){0,3}(troops|soldiers|forces)|stationed|build-?up)\b",
    ),
    _kind(
        "agreement",
        "Strategic developments",
        "Agreement",
        r"\b(ceasefire|truce|peace (deal|agreement|accord)|signed (an? |the )?(\w+ )?(agreement|deal|accord)|"
        r"(exchang|swap)\w*\s+(\S+\s+){0,4}prisoners|prisoners?\s+(\S+\s+){0,4}(exchange|swap)|"
        r"(exchange|swap) of prisoners|(an|the|prisoner) exchange|swap)\b",
    ),
    _kind(
        "battle",
        "Battles",
        "Armed clash",
        r"\b(clash(es|ed)?|fought|(heavy|fierce|intense) fighting|fighting (broke out|erupted)|battles? (for|over|in)|"
        r"firefights?|gun ?fights?|ambush(ed)?|assault(ed|s)? on)\b",
    ),
    _kind("arrests", "Strategic developments", "Arrests", r"\b(arrest(ed|s)?|detained)\b"),
    _kind(
        "casualties",
        None,
        None,
        r"\b(killed|killings?|injur\w+|wounded|casualties|dead|died|deaths?|death toll|toll|losses|bodies|buried|"
        r"lives)\b",
    ),
)
KIND_BY_NAME: dict[str, EventKind] = {k.name: k for k in KINDS}
ACLED_TYPE: dict[str, str | None] = {k.name: k.acled_type for k in KINDS}
# Types that kill: a casualty report folds into one of these when the story has it.
VIOLENT = frozenset({"attack", "battle", "violence_against_civilians", "protest"})
# Types beside which a stated toll is its own casualty report.
NON_VIOLENT = frozenset({"deployment", "withdrawal", "agreement", "territory_captured", "arrests"})
_TOLL = re.compile(r"\b(killed|injured|wounded|dead|died|deaths)\b", re.IGNORECASE)
_NUMBERISH = re.compile(r"\d|\b(half|third|quarter|dozens?|hundreds|thousands|one|two|three|four|five)\b", re.I)
# A trigger right after a negation does not assert the event ("denied targeting civilians",
# "never attacked"): NegEx's pre-negation window (Chapman et al. 2001), kept to a few words.
_NEGATED = re.compile(r"\b(not|never|no|denied|denies|deny|denying|rejected|without)\b(\s+\S+){0,2}\s*$", re.IGNORECASE)


# A trigger under a future or conditional modal reports no event yet ("would strike again next week
# if ..."); announced deployments and agreements are news themselves and keep theirs.
_UNREAL = re.compile(
    r"\b(would|will|could|might|may|if|threaten(ed|s)? to|plans? to|vowed to)\b(\s+\S+){0,2}\s*$", re.I
)
_ANNOUNCED = frozenset({"deployment", "agreement"})


def _search(kind: EventKind, text: str, negated: bool = False) -> re.Match[str] | None:
    for m in kind.pattern.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if not negated and _NEGATED.search(before):
            continue
        if kind.name not in _ANNOUNCED and _UNREAL.search(before):
            continue
        return m
    return None


def event_type(text: str, *, negated: bool = False) -> str | None:
    """The first event type whose vocabulary appears in ``text`` (the primary type).

    Args:
        text: a claim's content.
        negated: count negated mentions too (for what a denial denies: "denied attacking civilians").
    """
    for kind in KINDS:
        if _search(kind, text, negated):
            return kind.name
    return None


def event_types(text: str) -> list[tuple[EventKind, re.Match[str]]]:
    """The types a claim content supports: the primary one, plus a casualty report beside a
    non-violent type when the content states a toll ("troops deployed ... had been killed")."""
    for kind in KINDS:
        m = _search(kind, text)
        if m is None:
            continue
        found = [(kind, m)]
        if kind.name in NON_VIOLENT:
            toll = _search(KIND_BY_NAME["casualties"], text)
            if toll and _TOLL.search(text) and _NUMBERISH.search(text):
                found.append((KIND_BY_NAME["casualties"], toll))
        return found
    return []


def sub_type(kind: EventKind, text: str) -> str | None:
    """ACLED's sub-event type for ``kind`` read from ``text`` (its default when no word says more)."""
    for name, pattern in kind.sub_types:
        if pattern.search(text):
            return name
    return kind.default_sub_type


__all__ = [
    "ACLED_TYPE",
    "KINDS",
    "KIND_BY_NAME",
    "NON_VIOLENT",
    "VIOLENT",
    "EventKind",
    "event_type",
    "event_types",
    "sub_type",
]
