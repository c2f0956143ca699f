"""Rule-based attribution span finder: who (Source) says (Cue) what (Content).

Rules over the spaCy dependency parse, in the spirit of PARC/PolNeAR attribution relations
(Pareti 2016; Newell et al. 2018, LREC) and textacy's ``direct_quotations``:

* **verb cues** — a verb whose lemma and complement frame (quote, that-clause, object, ``to``
  clause, prepositional object; :func:`claimledger.nlp.attribution.lexicon.frame_of`) is a cue often enough in the
  PolNeAR train statistics, or a hand-listed reporting verb with a clause or a quote;
* **direct quotes** before or after the cue ("“…,” X said", "X said: “…”"), quotes spanning
  several sentences or paragraphs, and quoted sentences that continue an attribution without a
  new cue;
* **"according to X"**, "as reported by X", "as per X", "X told Y (that) …";
* **noun cues** ("the allegations that …", "Moscow's claims", "reports of …");
* **headlines** "Source: content" on the first line.

Spans follow PolNeAR conventions (each token has at most one role in one attribution, except that
one Source may serve several cues): the Cue includes auxiliaries, negation, particles and adverbs
inside the verb group ("has not yet said"), the Content includes the complementiser ("that …")
and the quotation marks, the Source is the whole subject phrase.

Output (ARCHITECTURE.md §4): span groups ``cl_source``/``cl_cue``/``cl_content`` and
``doc._.cl_attributions``, a list of plain dicts with character offsets into ``doc.text``.
Enrichment (stance, channel, hedges …) is a separate component (:mod:`claimledger.nlp.attribution.enrich.component`).

    >>> nlp.add_pipe("claimledger_attributions")          # doctest: +SKIP
    >>> doc = nlp("“We will hold,” the commander said.")  # doctest: +SKIP
    >>> doc._.cl_attributions[0]["cue"]                    # doctest: +SKIP
    [[23, 27]]
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.nlp.attribution.lexicon import CueLexicon, default_lexicon
from claimledger.nlp.attribution.rules.finder import Candidate, candidate_at, extract

SPAN_GROUPS: tuple[str, str, str] = ("cl_source", "cl_cue", "cl_content")

DEFAULT_CONFIG: dict[str, Any] = {
    "lexicon_dir": None,
    "min_prob": 0.3,
    "min_count": 2,
    "nouns": True,
    "headlines": True,
    "continuations": True,
    "stance_objects": True,
    "version": "claimledger.attributions.v1",
}


class AttributionFinder:
    """spaCy component writing attribution spans (see module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        lexicon_dir: str | None,
        min_prob: float,
        min_count: int,
        nouns: bool,
        headlines: bool,
        continuations: bool,
        stance_objects: bool = True,
        version: str = "claimledger.attributions.v1",
    ) -> None:
        """``min_prob``/``min_count``: how often (smoothed share, and times) a lemma in a frame must
        head a PolNeAR train cue to count as one; ``nouns``/``headlines``: noun and "Source: …"
        cues; ``continuations``: quoted sentences that continue a quote; ``stance_objects``:
        accuse/deny/confirm/estimate/praise verbs with a plain object ("denied the report")."""
        self.name = name
        self.version = version
        self.lexicon = CueLexicon(lexicon_dir) if lexicon_dir else default_lexicon()
        self.cfg = {
            "min_prob": min_prob,
            "min_count": min_count,
            "nouns": nouns,
            "headlines": headlines,
            "continuations": continuations,
            "stance_objects": stance_objects,
        }

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Load the cue lexicon now rather than on the first document."""
        self.lexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        cands = extract(doc, self.lexicon, self.cfg)
        write_attributions(doc, cands, origin="rules")
        return doc


def _runs(doc: Doc, idx: list[int]) -> list[tuple[int, int]]:
    """Token indices -> character fragments of contiguous runs (whitespace tokens bridged)."""
    frags: list[tuple[int, int]] = []
    start = prev = None
    for i in sorted(set(idx)):
        if start is None:
            start = prev = i
            continue
        assert prev is not None
        gap = doc[prev + 1 : i]
        if i == prev + 1 or all(t.is_space for t in gap):
            prev = i
            continue
        frags.append((doc[start].idx, doc[prev].idx + len(doc[prev])))
        start = prev = i
    if start is not None and prev is not None:
        frags.append((doc[start].idx, doc[prev].idx + len(doc[prev])))
    return frags


def candidate_record(doc: Doc, c: Candidate, origin: str) -> dict[str, Any]:
    """The contract record of one candidate (character offsets into ``doc.text``)."""
    src = _runs(doc, c.source)
    return {
        "cue": [list(f) for f in _runs(doc, c.cue)],
        "source": [src[0][0], src[-1][1]] if src else None,
        "content": [list(f) for f in _runs(doc, c.content)],
        "direct": c.direct,
        "confidence": round(c.score, 3),
        "origin": origin,
        "kind": c.kind,
    }


def write_span_groups(doc: Doc, records: list[dict[str, Any]]) -> None:
    """(Re)build the ``cl_source``/``cl_cue``/``cl_content`` span groups from the records."""
    for group, spans in span_groups(doc, records).items():
        doc.spans[group] = spans


def span_groups(doc: Doc, records: list[dict[str, Any]]) -> dict[str, list[Span]]:
    """The ``cl_source``/``cl_cue``/``cl_content`` spans of ``records`` (character offsets expanded to tokens)."""
    groups: dict[str, list[Span]] = {g: [] for g in SPAN_GROUPS}
    for rec in records:
        src = [rec["source"]] if rec.get("source") else []
        for group, frags in (
            ("cl_source", src),
            ("cl_cue", rec.get("cue") or []),
            ("cl_content", rec.get("content") or []),
        ):
            for s, e in frags:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    groups[group].append(span)
    return groups


def write_attributions(doc: Doc, cands: list[Candidate], origin: str) -> None:
    """Store candidates as ``doc._.cl_attributions`` records (document order) and span groups."""
    records = [candidate_record(doc, c, origin) for c in sorted(cands, key=lambda c: min(c.cue or c.content))]
    doc._.cl_attributions = records
    write_span_groups(doc, records)


def spans_for_cue(doc: Doc, start: int, end: int, lexicon: CueLexicon | None = None) -> dict[str, Any] | None:
    """The rules' Source and Content for a cue found by someone else (e.g. the learned model).

    ``start``/``end`` are character offsets of the cue in ``doc.text``; its syntactic head is
    given the frame-based content and the subject-based source whatever its cue statistics.  The
    record keeps the given cue.  None when the head has no complement the rules can read.  With
    PolNeAR dev's gold cues this yields Source exact F1 0.83 and Content exact F1 0.55.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct and not t.is_space] or list(span)
    ids = {t.i for t in words}
    head = next((t for t in words if t.head.i not in ids or t.head.i == t.i), words[0])
    cand = candidate_at(doc, head.i, lexicon or default_lexicon(), dict(DEFAULT_CONFIG))
    if cand is None:
        return None
    rec = candidate_record(doc, cand, "rules")
    rec["cue"] = [[start, end]]
    return rec


@Language.factory(
    "claimledger_attributions",
    default_config=DEFAULT_CONFIG,
    assigns=["doc._.cl_attributions", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_attributions(
    nlp: Language,
    name: str,
    lexicon_dir: str | None,
    min_prob: float,
    min_count: int,
    nouns: bool,
    headlines: bool,
    continuations: bool,
    stance_objects: bool,
    version: str,
) -> AttributionFinder:
    """Factory of the rule-based attribution finder (``claimledger.attributions.v1`` rules)."""
    return AttributionFinder(
        nlp,
        name,
        lexicon_dir=lexicon_dir,
        min_prob=min_prob,
        min_count=min_count,
        nouns=nouns,
        headlines=headlines,
        continuations=continuations,
        stance_objects=stance_objects,
        version=version,
    )


__all__ = [
    "DEFAULT_CONFIG",
    "SPAN_GROUPS",
    "AttributionFinder",
    "candidate_record",
    "make_attributions",
    "span_groups",
    "spans_for_cue",
    "write_attributions",
    "write_span_groups",
]
