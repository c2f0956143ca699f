"""Cue lexicons: which words introduce an attribution, in which syntactic frame.

The lexicon has two parts, both in ``nlp/resources/cues/``:

* ``frames.tsv`` — statistics mined from the PolNeAR *train* split (never dev/test): for each
  ``(lemma, pos, frame)`` how often a token of that kind heads a gold cue (``n_cue``) and how often
  it occurs at all (``n_all``).  The frame is :func:`frame_of` computed on the spaCy parse, so the
  extractor can ask "how often is *show* with a direct object a cue?" (often: polls show…) and
  "how often is *make* with a direct object a cue?" (rarely).
  Rebuild with ``python training/mine_cues.py PATH/TO/polnear/data/train`` (mining is training code).
* ``speech_verbs.txt`` / ``nouns.txt`` — hand-written lemmas of reporting verbs and nouns that
  count as cues with a clause or quote even where PolNeAR is silent (war and politics news:
  *estimate*, *deny*, *allege* …), one per line, ``#`` comments.

Nothing is read at import: :class:`CueLexicon` loads on first use.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from claimledger.errors import ModelError

_RESOURCE = "claimledger.nlp.resources"
VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN",)


def _quoted(tok: Any, quote_chars: set[int] | None) -> bool:
    if not quote_chars:
        return False
    inside = sum(1 for t in tok.subtree if t.idx in quote_chars)
    return inside * 2 > sum(1 for _ in tok.subtree)


def frame_of(tok: Any, quote_chars: set[int] | None = None) -> str:
    """The complement frame of a cue candidate, e.g. ``quote``, ``ccomp``, ``dobj``, ``prep:about``.

    ``quote_chars`` holds the character offsets of tokens inside quotation marks (optional).
    """
    kids = list(tok.children)
    if tok.lemma_ == "be":
        # attitude predicates: "X is confident that …", "X was critical of …", "it is clear that …"
        adj = next((k for k in kids if k.dep_ == "acomp" and k.pos_ == "ADJ"), None)
        if adj is not None:
            return f"acomp:{adj.lemma_.lower()}"
    for k in kids:
        if k.dep_ in ("ccomp", "parataxis") and _quoted(k, quote_chars):
            return "quote"
    if tok.dep_ == "parataxis" and _quoted(tok.head, quote_chars):
        return "quote"
    deps = {k.dep_ for k in kids}
    if "ccomp" in deps:
        return "ccomp"
    if any(k.dep_ == "punct" and k.text == ":" and k.i > tok.i for k in kids) or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":"
    ):
        return "colon"
    if tok.pos_ in NOUN_POS:
        for k in kids:
            if k.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children):
                return "that"
    if "xcomp" in deps:
        return "xcomp"
    if "dobj" in deps:
        dobj = next(k for k in kids if k.dep_ == "dobj")
        if any(k.dep_ == "prep" and k.lower_ == "as" and k.i > dobj.i for k in kids):
            return "dobj_as"  # "sees X as Y", "described them as fierce"
        return "dobj"
    for k in kids:
        objs = [c for c in k.children if c.dep_ in ("pobj", "pcomp")] if k.dep_ == "prep" else []
        if objs and k.i > tok.i and objs[0].ent_type_ not in ("DATE", "TIME"):  # "said on Monday": adjunct
            return f"prep:{k.lower_}"
    if tok.dep_ == "parataxis" or any(k.dep_ == "parataxis" for k in kids):
        return "parataxis"
    return "none"


@dataclass(frozen=True)
class FrameStat:
    n_cue: int
    n_all: int

    def prob(self, prior: float = 0.5, weight: float = 2.0) -> float:
        """Smoothed probability that a token of this kind is a cue."""
        return (self.n_cue + prior * weight) / (self.n_all + weight)


@dataclass
class CueLexicon:
    """Cue statistics and hand lists; loaded lazily from ``folder`` (default: package resources)."""

    folder: str | None = None
    _frames: dict[tuple[str, str, str], FrameStat] = field(default_factory=dict)
    _speech: frozenset[str] = frozenset()
    _nouns: frozenset[str] = frozenset()
    _loaded: bool = False

    def load(self) -> CueLexicon:
        """Read the files (idempotent); raises :class:`ModelError` when they are missing."""
        if self._loaded:
            return self
        try:
            frames_text = self._read("frames.tsv")
            self._speech = frozenset(_lines(self._read("speech_verbs.txt")))
            self._nouns = frozenset(_lines(self._read("nouns.txt")))
        except OSError as exc:
            raise ModelError(f"cue lexicon unreadable: {exc}", input=self.folder or _RESOURCE) from exc
        for row in csv.reader(frames_text.splitlines()[1:], delimiter="\t"):
            if len(row) != 5:
                continue
            lemma, pos, frame, n_cue, n_all = row
            self._frames[(lemma, pos, frame)] = FrameStat(int(n_cue), int(n_all))
        self._loaded = True
        return self

    def _read(self, name: str) -> str:
        if self.folder:
            return (Path(self.folder) / name).read_text(encoding="utf-8")
        return resources.files(_RESOURCE).joinpath("cues").joinpath(name).read_text(encoding="utf-8")

    def stat(self, lemma: str, pos: str, frame: str) -> FrameStat | None:
        """Train statistics of ``(lemma, pos, frame)``, or None when never seen."""
        return self.load()._frames.get((lemma, coarse_pos(pos), frame))

    def is_speech_verb(self, lemma: str) -> bool:
        """A hand-listed reporting verb (cue with a clause or a quote in any genre)."""
        return lemma in self.load()._speech

    def is_cue_noun(self, lemma: str) -> bool:
        """A hand-listed reporting noun (claim, allegation, report …)."""
        return lemma in self.load()._nouns


def coarse_pos(pos: str) -> str:
    return "VERB" if pos in VERB_POS else pos


def _lines(text: str) -> list[str]:
    return [ln.split("#", 1)[0].strip().lower() for ln in text.splitlines() if ln.split("#", 1)[0].strip()]


_DEFAULT: CueLexicon | None = None


def default_lexicon() -> CueLexicon:
    """The package's lexicon, shared by all components of a process (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = CueLexicon()
    return _DEFAULT


# --------------------------------------------------------------------------------------------
def quote_chars(doc: Any, quotes: list[Any]) -> set[int]:
    """Start offsets of the tokens lying inside any quotation."""
    out: set[int] = set()
    for q in quotes:
        for s, e in q.parts:
            span = doc.char_span(s, e, alignment_mode="contract")
            if span is not None:
                out.update(t.idx for t in span)
    return out


__all__ = ["CueLexicon", "FrameStat", "coarse_pos", "default_lexicon", "frame_of", "quote_chars"]
