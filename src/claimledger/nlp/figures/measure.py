"""What a figure measures, in a small vocabulary the across-articles comparison shares.

A count of people says little until the sentence says what happened to them: "four people" were
killed, wounded, arrested or displaced.  :func:`measure_from_parse` reads that from the dependency
parse (the predicate the counted noun is the subject or object of, a participle or adjective beside
it, "left 12 dead", "among the dead", "including five children" inheriting its head's measure);
:func:`measure_from_text` reads the few words around the figure when there is no parse.  Both give
``(measure, subject)``:

* ``measure`` is one of :data:`MEASURES` (the names ``claimledger.reconcile.measures`` uses:
  killed, injured, killed_or_injured, dead_or_missing, missing, rescued, hospitalised, arrested,
  prisoners, troops, displaced, protesters, drones, missiles, buildings, households, settlements,
  area) or None when the figure counts something else or the text does not say;
* ``subject`` is whose count it is when the counted noun names a group (civilians, children,
  soldiers, police ...), else None ("people").

Order of evidence: a predicate saying what happened to the people counted (killed, wounded,
arrested ...) wins over the noun ("police arrested 57 protesters" is ``arrested``, subject None;
"12 soldiers were killed" is ``killed``/``soldiers``); then the counted noun itself ("deaths",
"casualties", "refugees", "troops"); then a predicate of the other families (deployed troops,
marching protesters, destroyed homes).  "Casualties" are killed *or* injured, as military usage has
it; two victim predicates joined by "or"/"and" around one figure ("were killed or wounded") are
``killed_or_injured``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

__all__ = [
    "MEASURES",
    "SUBJECTS",
    "VICTIM_MEASURES",
    "measure_from_parse",
    "measure_from_text",
    "measure_of_words",
    "subject_of_noun",
]

MEASURES: tuple[str, ...] = (
    "killed",
    "injured",
    "killed_or_injured",
    "dead_or_missing",
    "missing",
    "rescued",
    "hospitalised",
    "arrested",
    "prisoners",
    "troops",
    "displaced",
    "protesters",
    "drones",
    "missiles",
    "buildings",
    "households",
    "settlements",
    "area",
)
# What happened to the people counted: these override the counted noun.
VICTIM_MEASURES = frozenset(
    {"killed", "injured", "killed_or_injured", "dead_or_missing", "missing", "rescued", "hospitalised", "arrested"}
)
SUBJECTS: tuple[str, ...] = (
    "civilians",
    "children",
    "women",
    "soldiers",
    "police",
    "fighters",
    "journalists",
    "aid workers",
    "workers",
    "pensioners",
)

# Verb and adjective lemmas (lower case) -> measure.
_PREDICATES: dict[str, str] = {
    **dict.fromkeys(
        ("kill", "die", "perish", "slay", "murder", "execute", "massacre", "behead", "dead", "drown"), "killed"
    ),
    **dict.fromkeys(("killed", "slain", "murdered", "executed", "massacred", "died", "drowned"), "killed"),
    **dict.fromkeys(("injure", "wound", "hurt", "maim", "injured", "wounded", "hurt"), "injured"),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("rescue", "rescued"), "rescued"),
    **dict.fromkeys(("hospitalise", "hospitalize", "hospitalised", "hospitalized"), "hospitalised"),
    **dict.fromkeys(("arrest", "detain", "apprehend", "jail", "imprison", "arrested", "detained"), "arrested"),
    **dict.fromkeys(("displace", "flee", "evacuate", "uproot", "homeless", "displaced", "evacuated"), "displaced"),
}
_OTHER_PREDICATES: dict[str, str] = {
    **dict.fromkeys(("deploy", "station", "mobilise", "mobilize", "mass", "send", "dispatch", "amass"), "troops"),
    **dict.fromkeys(("protest", "march", "rally", "demonstrate"), "protesters"),
    **dict.fromkeys(("release", "free", "exchange", "swap", "capture", "hold", "take"), "prisoners"),
}
# What happened to the people counted, as the noun their "of" phrase hangs on: it says what the
# predicate would ("the evacuation of 2,300 residents", "the execution of 12 prisoners").
_NOMINALS: dict[str, str] = {
    **dict.fromkeys(("killing", "execution", "murder", "massacre", "slaughter", "drowning"), "killed"),
    **dict.fromkeys(("evacuation", "displacement", "expulsion", "deportation", "exodus"), "displaced"),
    **dict.fromkeys(("rescue",), "rescued"),
    **dict.fromkeys(("hospitalisation", "hospitalization"), "hospitalised"),
    **dict.fromkeys(("arrest", "detention"), "arrested"),
    **dict.fromkeys(("abduction", "kidnapping"), "prisoners"),
}
# Counted nouns (lemma or lower-cased form) that name the measure themselves.
_NOUNS: dict[str, str] = {
    **dict.fromkeys(("death", "dead", "fatality", "life", "body", "corpse", "killing", "toll"), "killed"),
    **dict.fromkeys(("casualty",), "killed_or_injured"),
    **dict.fromkeys(("injury", "injured", "wounded", "wound"), "injured"),
    **dict.fromkeys(("missing",), "missing"),
    **dict.fromkeys(("survivor",), "rescued"),
    **dict.fromkeys(("arrest", "detention", "detainee"), "arrested"),
    **dict.fromkeys(("prisoner", "pow", "captive", "hostage", "pows"), "prisoners"),
    **dict.fromkeys(("refugee", "evacuee", "displaced", "homeless", "idp", "idps"), "displaced"),
    **dict.fromkeys(("protester", "protestor", "demonstrator", "marcher", "rioter"), "protesters"),
    **dict.fromkeys(
        (
            "troop",
            "soldier",
            "serviceman",
            "servicemen",
            "personnel",
            "marine",
            "paratrooper",
            "reservist",
            "conscript",
        ),
        "troops",
    ),
    **dict.fromkeys(("drone", "uav"), "drones"),
    **dict.fromkeys(("missile", "rocket"), "missiles"),
    **dict.fromkeys(("building", "home", "house", "apartment", "dwelling"), "buildings"),
    **dict.fromkeys(("household", "family"), "households"),
    **dict.fromkeys(("settlement", "village", "town", "hamlet", "locality"), "settlements"),
}
_SUBJECT_NOUNS: dict[str, str] = {
    **dict.fromkeys(("civilian", "civilians", "noncombatant", "resident", "residents"), "civilians"),
    **dict.fromkeys(
        ("child", "children", "kid", "kids", "minor", "minors", "girl", "girls", "boy", "boys", "infant", "baby"),
        "children",
    ),
    **dict.fromkeys(("woman", "women"), "women"),
    **dict.fromkeys(
        ("soldier", "soldiers", "troop", "troops", "serviceman", "servicemen", "personnel", "marine", "marines"),
        "soldiers",
    ),
    **dict.fromkeys(("policeman", "policemen", "police", "officer", "officers", "policeofficer"), "police"),
    **dict.fromkeys(
        ("fighter", "fighters", "militant", "militants", "rebel", "rebels", "insurgent", "insurgents", "militiamen"),
        "fighters",
    ),
    **dict.fromkeys(("journalist", "journalists", "reporter", "reporters"), "journalists"),
    **dict.fromkeys(("worker", "workers", "miner", "miners"), "workers"),
    **dict.fromkeys(("pensioner", "pensioners", "elderly"), "pensioners"),
}
_COMBINED_WORDS = re.compile(
    r"\b(?:killed|dead|died)\s+(?:or|and)\s+(?:injured|wounded|hurt)\b|\bcasualt(?:y|ies)\b|\bkilled-or-injured\b",
    re.IGNORECASE,
)
_DEAD_OR_MISSING = re.compile(r"\b(?:dead|killed)\s+or\s+missing\b|\bmissing\s+or\s+(?:dead|killed)\b", re.IGNORECASE)
_NOUN_DEPS = ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos")
_PERSON_NOUNS = frozenset(
    {"people", "person", "persons", "individual", "other", "others", "man", "men", "adult", "one", "member"}
)
_PARTITIVE = frozenset({"number", "total", "tally", "count", "figure", "toll", "group", "crowd", "dozen", "hundred"})


def subject_of_noun(word: str | None) -> str | None:
    """The group a counted noun names ("civilians" -> civilians, "policemen" -> police), else None."""
    if not word:
        return None
    w = word.lower().split()[-1]
    if " ".join(word.lower().split()[-2:]) == "aid workers":
        return "aid workers"
    return _SUBJECT_NOUNS.get(w)


def measure_of_words(words: str | None) -> str | None:
    """The measure a counted phrase names by itself ("deaths", "killed or injured", "troops"), else None."""
    if not words:
        return None
    if _DEAD_OR_MISSING.search(words):
        return "dead_or_missing"
    if _COMBINED_WORDS.search(words):
        return "killed_or_injured"
    toks = words.lower().split()
    if len(toks) > 1 and toks[-1] == "toll":
        return "killed" if toks[-2] in ("death", "casualty") else None
    for w in reversed(toks):
        base = w[:-1] if w.endswith("s") and w[:-1] in _NOUNS else w
        if base.endswith("ie") and base[:-2] + "y" in _NOUNS:  # "casualties", "fatalities"
            base = base[:-2] + "y"
        if base in _NOUNS:
            return _NOUNS[base]
        if w in _PREDICATES:
            return _PREDICATES[w]
    return None


# -- from the parse ---------------------------------------------------------------------------------
def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _victim(tok: Token) -> str | None:
    """The victim measure a verb/adjective token names, with its coordinated partner ("killed or wounded")."""
    own = _PREDICATES.get(_lemma(tok)) or _PREDICATES.get(tok.lower_)
    if own is None:
        return None
    for conj in tok.children:
        if conj.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in conj.children):
            other = _PREDICATES.get(_lemma(conj)) or _PREDICATES.get(conj.lower_)
            if {own, other} == {"killed", "injured"}:
                return "killed_or_injured"
            if {own, other} == {"killed", "missing"}:
                return "dead_or_missing"
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "ADJ") and tok.head.i < tok.i:
        head = _PREDICATES.get(_lemma(tok.head)) or _PREDICATES.get(tok.head.lower_)
        cc = next((c for c in tok.head.children if c.dep_ == "cc"), None)
        shared = not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children)
        if shared and cc is not None and cc.lower_ == "or" and {own, head} == {"killed", "injured"}:
            return "killed_or_injured"
    return own


def _complement(verb: Token, noun: Token) -> Token | None:
    """ "left 12 dead", "left 3,000 people homeless": the predicative complement of "leave"/"render"."""
    for c in (*noun.children, *verb.children):
        if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "amod") and c.i > noun.i:
            if _PREDICATES.get(_lemma(c)) or _PREDICATES.get(c.lower_):
                return c
    return None


def _counted(span: Span) -> Token:
    """The token the figure counts: the noun a number modifies ("12 people"), the last noun of an
    "of" chain ("dozens of civilians"), or the number itself ("30 wounded", "killed 12")."""
    root = span.root
    tok = root
    head = root.head
    if not (span.start <= head.i < span.end) and root.dep_ in _NOUN_DEPS and head.pos_ in ("NOUN", "PROPN", "ADJ"):
        tok = head
    for _ in range(3):  # "dozens of civilians", "the number of injured", "hundreds of thousands of people"
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None or pobj.i < tok.i:
            break
        if tok is root or tok.lower_ in _PARTITIVE or tok.like_num or tok.tag_ == "CD" or tok.lemma_ in _PARTITIVE:
            tok = pobj
            continue
        break
    return tok


def _anchor(tok: Token) -> Token:
    """Climb from a noun to the phrase that takes part in the clause: through "including"/"among"
    (a part shares its whole's measure), appositions and conjoined nouns."""
    for _ in range(4):
        head = tok.head
        if head is tok:
            break
        if tok.dep_ in ("appos", "conj") and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
            tok = head
        elif tok.dep_ == "pobj" and head.lower_ in ("including", "among", "of") and head.head.pos_ in ("NOUN", "PROPN"):
            tok = head.head  # "22 civilians, including eight women" / "the deaths of 12 people"
        else:
            break
    return tok


def _to_hospital(verb: Token) -> bool:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "into"):
            if any(_lemma(p) in ("hospital", "clinic") for p in prep.children if p.dep_ == "pobj"):
                return True
    return False


def _predicate_of(tok: Token) -> tuple[str | None, str | None]:
    """(victim measure, other measure) from the clause ``tok`` takes part in."""
    dep, head = tok.dep_, tok.head
    # participles and adjectives on the noun itself: "12 wounded soldiers", "the 300 people arrested"
    for c in tok.children:
        if c.dep_ in ("amod", "acl", "relcl") and (victim := _victim(c)):
            return victim, None
    objectlike = dep in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod")
    if objectlike or dep == "pobj" and head.dep_ == "agent":
        verb = head.head if head.dep_ == "agent" else head
        if _lemma(verb) in ("leave", "render") and dep == "dobj":
            comp = _complement(verb, tok)
            if comp is not None:
                return _victim(comp), None
        victim = _victim(verb)
        if victim is not None:
            return victim, None
        if _lemma(verb) in ("take", "rush", "bring", "admit", "airlift") and _to_hospital(verb):
            return "hospitalised", None  # "14 people were taken to hospital"
        if dep == "dobj" and _lemma(verb) in ("force", "drive", "compel", "order"):
            for c in verb.children:  # "forced 120,000 people to flee"
                if c.dep_ in ("xcomp", "ccomp", "advcl") and (victim := _victim(c)):
                    return victim, None
        if _lemma(verb) in ("hold", "jail", "imprison", "keep") and dep in ("nsubjpass", "dobj"):
            return "arrested", None  # "130 supporters were being held" (a hostage noun makes it prisoners)
        if _lemma(verb) == "lose" and any(_lemma(c) in ("home", "house") for c in verb.children if c.dep_ == "dobj"):
            return "displaced", None  # "9,000 families lost their homes"
        if dep == "dobj" and _lemma(verb) in ("include", "comprise"):  # "casualties included 14 officers"
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (m := measure_of_words(subj.lower_)):
                return (m, None) if m in VICTIM_MEASURES or m == "killed_or_injured" else (None, m)
        if _lemma(verb) == "be" or verb.pos_ == "AUX" or _lemma(verb) in ("remain", "lie"):
            for c in verb.children:
                if c.dep_ in ("acomp", "attr", "oprd") and c is not tok and (victim := _victim(c)):
                    return victim, None
                if c.dep_ == "prep" and c.lower_ == "among":  # "five children were among the dead"
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and (m := measure_of_words(pobj.lower_)):
                        return (m, None) if m in VICTIM_MEASURES else (None, m)
        if dep in ("nsubjpass", "nsubj"):  # "were reported missing", "were found dead"
            for c in verb.children:
                if c.dep_ in ("oprd", "xcomp", "acomp", "advcl") and (victim := _victim(c)):
                    return victim, None
        for c in verb.children:  # "12,000 people have crossed the border as refugees"
            if c.dep_ == "prep" and c.lower_ == "as":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and (m := measure_of_words(pobj.lower_)):
                    return (m, None) if m in VICTIM_MEASURES else (None, m)
        other = _OTHER_PREDICATES.get(_lemma(verb))
        return None, other
    if dep == "pobj" and head.lower_ in ("at", "to") and head.head.pos_ == "VERB":
        return _level_of(head.head)  # "put the number of injured at 350", "the toll rose to 35"
    return None, None


def _modifiers(noun: Token) -> list[Token]:
    """The participles and adjectives on a noun ("people killed", "injured civilians")."""
    return [c for c in noun.children if c.dep_ in ("amod", "acl", "relcl")]


def _level_of(verb: Token) -> tuple[str | None, str | None]:
    """The measure of the quantity a verb sets or moves ("the number of injured", "the death toll")."""
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        words = c.lower_
        if c.lower_ in _PARTITIVE or c.lemma_ in _PARTITIVE:
            prep = next((p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
            pobj = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep is not None else None
            words = pobj.lower_ if pobj is not None else words
            # "the number of people killed", "the number of injured civilians"
            if pobj is not None and (victim := next(filter(None, map(_victim, _modifiers(pobj))), None)):
                return victim, None
        compounds = " ".join(t.lower_ for t in c.lefts if t.dep_ == "compound")
        m = measure_of_words(f"{compounds} {words}".strip())
        if m is not None:
            return (m, None) if m in VICTIM_MEASURES or m == "killed_or_injured" else (None, m)
    return None, None


def measure_from_parse(doc: Doc, num_start: int, num_end: int, counts: str | None) -> tuple[str | None, str | None]:
    """(measure, subject) of the figure whose number is ``doc.text[num_start:num_end]``.

    Args:
        doc: a parsed Doc.
        num_start: start of the number (without bound cues such as "more than").
        num_end: end of the number and its unit.
        counts: the counted noun or predicate the figures component found (``Figure.counts``).
    """
    span = doc.char_span(num_start, num_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return measure_from_text(doc.text, num_start, num_end, counts)
    tok = _counted(span)
    anchor = _anchor(tok)
    subject = subject_of_noun(counts) or subject_of_noun(tok.lower_)
    if tok is not span.root and tok.pos_ in ("ADJ", "VERB") and (own := _victim(tok)):
        return own, subject  # "40 dead", "30 wounded" as the counted word
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and (nominal := _NOMINALS.get(_lemma(tok.head.head))):
        return nominal, subject  # "the evacuation of 2,300 residents": what happened to them, said by the noun
    victim, other = _predicate_of(anchor)
    for alt in (tok, span.root):  # "46 of their supporters had been detained": the number is the subject
        if victim is None and alt is not anchor:
            victim, other2 = _predicate_of(alt)
            other = other or other2
    if victim == "arrested" and measure_of_words(tok.lower_) == "prisoners":
        return "prisoners", subject  # "holding 130 hostages"
    if victim is not None:
        return victim, subject
    if tok is not span.root or tok.pos_ in ("NOUN", "ADJ"):
        noun = measure_of_words(tok.lower_) or measure_of_words(_lemma(tok))
        noun = noun or measure_of_words(anchor.lower_ if anchor.pos_ in ("NOUN", "ADJ") else None)
    else:
        noun = None
    noun = noun or measure_of_words(counts)
    if noun == "troops" and other is not None and other != "troops":
        return other, subject  # "captured 40 soldiers" counts prisoners, not troops
    if noun is not None:
        return noun, None if noun == "troops" else subject
    if other is not None and (other != "troops" or subject == "soldiers"):
        return other, None if other == "troops" else subject
    return None, subject


# -- without a parse ----------------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[.;!?\n]")
_BEFORE_VERB = re.compile(
    r"\b(killing|killed|wounding|wounded|injuring|injured|arresting|arrested|detaining|detained|displacing|"
    r"displaced|rescuing|rescued|hospitali[sz]ing|leaving)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?\Z",
    re.IGNORECASE,
)
_AFTER_VERB = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,3}?(?:were|was|have\s+been|had\s+been|are|is|remain|remained)?\s*"
    r"(?:reported\s+|found\s+|confirmed\s+)?(killed|dead|died|wounded|injured|hurt|missing|arrested|detained|"
    r"displaced|rescued|hospitali[sz]ed|evacuated)\b(?:\s+(or|and)\s+(wounded|injured|hurt|missing|killed))?",
    re.IGNORECASE,
)


def measure_from_text(text: str, start: int, end: int, counts: str | None) -> tuple[str | None, str | None]:
    """(measure, subject) from the words around a figure, for text without a parse.

    Args:
        text: the text the offsets point into.
        start: start of the number.
        end: end of the number and its unit.
        counts: the counted noun (``Figure.counts``) or None.
    """
    subject = subject_of_noun(counts)
    before = _SENTENCE_END.split(text[max(0, start - 40) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + 80])[0]
    m = _BEFORE_VERB.search(before)
    if m is not None:
        word = m.group(1).lower()
        if word != "leaving":
            return _PREDICATES.get(word) or measure_of_words(word), subject
    m = _AFTER_VERB.match(after)
    if m is not None:
        first = _PREDICATES.get(m.group(1).lower())
        second = _PREDICATES.get((m.group(3) or "").lower())
        if {first, second} == {"killed", "injured"}:
            return "killed_or_injured", subject
        if {first, second} == {"killed", "missing"}:
            return "dead_or_missing", subject
        return first, subject
    noun = measure_of_words(counts)
    return (noun, None if noun == "troops" else subject) if noun else (None, subject)
