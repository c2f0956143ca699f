"""Stance and hedging of an attribution, from its cue, its negation and its content.

* ``stance`` — one of :data:`claimledger.models.STANCES`.  The cue lemma decides first
  (``resources/cues/stance.tsv``: accuse, deny, estimate, confirm, praise, question; else assert);
  then the verb group around it: a refusal or a failure to speak ("has refused to comment on …",
  "declined to comment", "did not respond to requests for comment", "never officially confirming")
  is ``no_comment``; a negated deny/confirm ("did not deny", "did not confirm") is ``no_comment``;
  a participle that continues a verb ("accused X of Y, claiming that Z") inherits an accusation or
  a denial from it.
* stance from the content — under a neutral cue ("said", "called", "told") the content decides
  (:func:`content_stance`): a dismissed report or a negated involvement or act is ``deny`` ("the
  reports were false", "played no role in", "had not targeted"), a wrongdoing predicated of a target, a
  blame frame or a wrongful act is ``accuse`` ("this was a war crime", "was behind the attacks",
  "shelled a hospital"), a positive judgement is ``praise`` ("called the rescuers heroes", "performed
  admirably").  Evaluation words (``resources/stance_content.tsv``, after appraisal theory: Martin &
  White 2005, *The Language of Evaluation*) count only in the syntactic position their class needs;
* ``hedges`` — hedge words and phrases (``resources/hedges.txt``: believe, allegedly, reportedly,
  estimated, claimed, "it is understood" …) in the cue or the content; ``hedged`` when any.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.stance_content import content_stance

_RESOURCE = "claimledger.nlp.resources"
_REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "avoid", "reject", "rebuff"})
_SPEECH_OBJECTS = frozenset(
    {
        "comment",
        "respond",
        "say",
        "answer",
        "reply",
        "confirm",
        "discuss",
        "elaborate",
        "speak",
        "address",
        "talk",
        "draw",
    }
)
_NO_COMMENT_NOUNS = frozenset({"comment", "request", "question", "inquiry", "enquiry", "query"})
_WITHHELD = frozenset(
    {
        "say",
        "comment",
        "disclose",
        "reveal",
        "specify",
        "elaborate",
        "discuss",
        "give",
        "provide",
        "identify",
        "name",
        "detail",
        "explain",
    }
)
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# cues that introduce a content without a stance of their own: the content may carry one
_NEUTRAL_CUES = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "write",
        "note",
        "call",
        "describe",
        "label",
        "brand",
        "term",
        "dub",
        "insist",
        "claim",
        "argue",
        "declare",
        "tweet",
        "post",
        "explain",
        "stress",
        "remark",
        "according",
        "told",
        "statement",
        "reply",
        "respond",
        "answer",
        "see",
        "consider",
        "characterize",
        "characterise",
    }
)


@lru_cache(maxsize=1)
def stance_lexicon() -> dict[str, str]:
    """Cue lemma -> stance (loaded once)."""
    text = resources.files(_RESOURCE).joinpath("cues").joinpath("stance.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines()[1:]:
        line = line.split("#", 1)[0].strip()
        if "\t" in line:
            lemma, stance = line.split("\t")[:2]
            out[lemma.strip()] = stance.strip()
    return out


@lru_cache(maxsize=1)
def hedge_phrases() -> tuple[tuple[str, ...], ...]:
    """Hedge phrases as lower-case word tuples, longest first."""
    text = resources.files(_RESOURCE).joinpath("hedges.txt").read_text(encoding="utf-8")
    phrases = {tuple(ln.split("#", 1)[0].strip().lower().split()) for ln in text.splitlines()}
    return tuple(sorted((p for p in phrases if p), key=len, reverse=True))


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in hedge_phrases():
        out.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _negated(tok: Token) -> bool:
    if any(k.dep_ == "neg" or k.lower_ in _NEGATORS and k.dep_ in ("advmod", "neg") for k in tok.children):
        return True
    return tok.dep_ in ("pcomp",) and tok.head.lower_ == "without"


def cue_head(tokens: list[Token]) -> Token | None:
    """The syntactic head of a cue's tokens (the verb of "has refused to comment on")."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words:
        return None
    ids = {t.i for t in words}
    heads = [t for t in words if t.head.i not in ids or t.head.i == t.i]
    return heads[0] if heads else words[0]


def _no_comment(head: Token, cue: list[Token], content: list[Token]) -> bool:
    lemma = head.lemma_.lower()
    words = {t.lemma_.lower() for t in cue} | {t.lemma_.lower() for t in content[:4]}
    if lemma in _REFUSAL_VERBS and (
        words & _SPEECH_OBJECTS
        or any(k.dep_ == "xcomp" and k.lemma_.lower() in _SPEECH_OBJECTS | _WITHHELD for k in head.children)
    ):
        return True  # "declined to comment", "refused to give a figure"
    if any(t.lower_ == "no" for t in cue) and words & (_NO_COMMENT_NOUNS | {"response", "reaction"}):
        return True  # "There was no comment from X", "X had no immediate comment"
    negated = any(t.lower_ in ("not", "n't", "never") for t in cue) or _negated(head) or _negated(head.head)
    if words & {"reach", "available"} and negated and "comment" in words:
        return True  # "could not be reached for comment", "was not available for comment"
    low = " ".join(t.lower_ for t in content[:8])
    if "no comment" in low or "not comment" in low or "declined to comment" in low:
        return True  # "said he had no comment"
    if lemma in ("respond", "reply", "answer", "return", "comment") and _negated(head):
        return True  # "did not respond to requests for comment", "would not comment"
    if lemma == "comment" and (head.dep_ == "xcomp" and head.head.lemma_.lower() in _REFUSAL_VERBS):
        return True
    if lemma in _REFUSAL_VERBS and {t.lemma_.lower() for t in content[:3]} & _NO_COMMENT_NOUNS:
        return True
    return False


def stance_of(doc: Doc, cue: list[Token], content: list[Token], previous: str | None = None) -> str:
    """The stance of one attribution (see module docstring).

    ``previous`` is the stance of the verb a participle cue hangs on, when there is one.
    """
    head = cue_head(cue)
    if head is None:
        return "assert"
    lemma = head.lemma_.lower()
    if _no_comment(head, cue, content):
        return "no_comment"
    stance = stance_lexicon().get(lemma)
    negated = _negated(head) or any(t.lower_ in ("never", "not", "n't") for t in cue)
    if stance is None:
        # "refused to confirm", "declined to deny": the embedded verb carries the stance
        xcomp = next((k for k in head.children if k.dep_ == "xcomp"), None)
        if xcomp is not None and xcomp in cue:
            inner = stance_lexicon().get(xcomp.lemma_.lower())
            if inner and lemma in _REFUSAL_VERBS:
                return "no_comment"
            stance = inner
    if negated and stance in ("confirm", "deny", None, "assert"):
        if stance in ("confirm", "deny") or lemma in _WITHHELD:
            return "no_comment"  # "did not confirm", "would not say how many …"
        return "assert"
    if stance is None and previous in ("accuse", "deny") and head.dep_ in ("advcl", "conj") and head.tag_ == "VBG":
        return previous
    if stance is None and not negated and (lemma in _NEUTRAL_CUES or head.pos_ not in ("VERB", "AUX")):
        return content_stance(content, head) or "assert"
    return stance or "assert"


def hedges_of(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of hedge words/phrases among ``tokens`` (in document order)."""
    words = [t for t in tokens if not t.is_space]
    low = [t.lower_ for t in words]
    out: list[tuple[int, int]] = []
    i = 0
    index = _phrases_by_first_word()
    while i < len(words):
        for phrase in index.get(low[i], ()):
            n = len(phrase)
            if n == 1 and words[i].pos_ in ("NOUN", "PROPN"):
                continue  # "Moscow's claims", "the estimates": a thing named, not a hedge
            if tuple(low[i : i + n]) == phrase and all(words[i + j].i == words[i].i + j for j in range(n)):
                out.append((words[i].idx, words[i + n - 1].idx + len(words[i + n - 1])))
                i += n - 1
                break
        i += 1
    return out


__all__ = ["content_stance", "cue_head", "hedge_phrases", "hedges_of", "stance_lexicon", "stance_of"]
