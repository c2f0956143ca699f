"""Stance from an attribution's content, for cues that carry none ("said", "called", "told").

Speech-act classes after Searle & Vanderveken (1985, *Foundations of Illocutionary Logic*): a content
that dismisses a report or negates the speaker's involvement is a denial, one that predicates a
wrongdoing of a target, blames, or reports a wrongful act is an accusation, one that judges a target
positively is praise.  The evaluation words are those of appraisal theory's judgement and appreciation
(Martin & White 2005, *The Language of Evaluation*), listed by class in ``resources/stance_content.tsv``;
each class is read only in the syntactic position its speech act needs, in the content's main clause:

* ``deny`` — a report called untrue ("the reports were false", "called the allegations absurd",
  "described the report as propaganda"), a negated truth or involvement ("no truth in", "played no role
  in", "was not involved", "nothing to do with"), a negated past act of the speaker's side ("its forces
  had not targeted", "no ship had entered", "we have never used"; not "would not raise taxes", not
  "Smith had not paid");
* ``accuse`` — a wrongdoing predicated ("this was a war crime", "called the arrests illegal"), a blame
  frame ("was behind", "responsible for", "to blame", "carried out by"), a wrongful act ("had tortured
  detainees", "violated the ceasefire") or a violent one against protected targets ("shelled a
  maternity hospital", "opened fire on unarmed protesters");
* ``praise`` — a positive judgement ("called the rescuers heroes", "performed admirably", "showed
  courage", "did a remarkable job").

Negation cancels a judgement ("I don't think this is a ridiculous idea"); words inside relative,
adverbial and prepositional modifiers are not the speaker's predication ("a suspect with an outstanding
warrant").  :func:`content_stance` is called by :func:`claimledger.nlp.attribution.stance.stance_of`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

_RESOURCE = "claimledger.nlp.resources"
# cues whose object is the thing judged ("called the strike a massacre", "described X as Y")
_NAMING_CUES = frozenset({"call", "describe", "label", "brand", "term", "dub", "characterize", "characterise"})
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "shall", "must", "'ll", "wo"})
_NEG_QUANT = frozenset({"no", "none", "nobody", "nothing", "neither", "never"})


@lru_cache(maxsize=1)
def content_lexicon() -> dict[str, frozenset[str]]:
    """Evaluation words by class (``resources/stance_content.tsv``: wrong, blame, dismiss, praise …)."""
    text = resources.files(_RESOURCE).joinpath("stance_content.tsv").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "\t" in line:
            word, cls = line.split("\t")[:2]
            out.setdefault(cls.strip(), set()).add(word.strip())
    return {k: frozenset(v) for k, v in out.items()}


def _is_negated(tok: Token) -> bool:
    """A negation on the token, on its determiner, or on the verb it is the predicate of."""
    if any(k.dep_ == "neg" or (k.dep_ == "det" and k.lower_ in _NEG_QUANT) for k in tok.children):
        return True
    head = tok.head
    for _ in range(2):
        if head.i == tok.i:
            break
        if tok.dep_ in ("attr", "acomp", "oprd", "dobj", "xcomp") and any(k.dep_ == "neg" for k in head.children):
            return True
        if not (head.dep_ in ("conj",) or tok.dep_ == "conj"):
            break
        tok, head = head, head.head
    return False


def _negated_within(tok: Token, ids: set[int]) -> bool:
    """A negation on the token or on any word it depends on inside the content ("I don't think this
    is a ridiculous idea": ridiculous is under the negated "think")."""
    cur = tok
    for _ in range(8):
        if _is_negated(cur) or any(k.dep_ == "neg" for k in cur.children):
            return True
        if cur.head.i == cur.i or cur.head.i not in ids:
            return False
        cur = cur.head
    return False


def _subject(verb: Token) -> Token | None:
    return next((k for k in verb.children if k.dep_ in ("nsubj", "nsubjpass")), None)


def _predicates(content: list[Token], cue: Token | None) -> list[Token]:
    """Tokens of the content in a judging position: predicate nominals and adjectives ("was a war
    crime", "called X heroes"), "as"/"with" objects ("described X as a crime", "acted with bravery"),
    the modifiers of a predicate noun ("a cowardly attack"), verb-modifying adverbs ("performed
    admirably") and shown qualities ("showed courage", "did a remarkable job")."""
    ids = {t.i for t in content}
    naming = cue is not None and cue.lemma_.lower() in _NAMING_CUES
    out: list[Token] = []
    for t in content:
        dep, head = t.dep_, t.head
        pred = dep in ("attr", "acomp", "oprd")
        pred = pred or (dep in ("pobj", "amod") and head.lower_ == "as")
        pred = pred or (dep == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB")  # "acted with bravery"
        pred = pred or (naming and cue is not None and head.i == cue.i and dep in ("dobj", "npadvmod"))
        pred = pred or (dep == "advmod" and head.pos_ in ("VERB", "ADP") and t.lower_.endswith("ly"))
        pred = pred or (
            dep == "dobj"
            and head.lemma_.lower()
            in ("show", "display", "demonstrate", "do", "commit", "perpetrate", "deserve", "earn")
        )
        pred = pred or (dep == "ROOT" and t.pos_ in ("NOUN", "ADJ") and len(ids) <= 4)
        if pred:
            out.append(t)
    # conjuncts and adjectives of a predicate ("free, fair and exemplary", "a cowardly attack"); not the
    # noun modifiers ("a crime scene" is no crime) nor what hangs on "as"/"with" objects
    more = [
        k
        for t in out
        if t.dep_ != "pobj"
        for k in t.subtree
        if k.i in ids and k.i != t.i and (k.dep_ == "conj" or (k.dep_ == "amod" and k.head.i == t.i))
    ]
    return out + [k for k in more if k not in out]


_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "csubj", "pcomp", "prep"})


def _main_clause(words: list[Token]) -> list[Token]:
    """The words of the content's first sentence outside relative, adverbial and prepositional
    clauses: the predication the speaker makes, not what its modifiers mention ("a suspect with an
    outstanding warrant", "the words 'Islamic terrorism'")."""
    if not words:
        return []
    sent = words[0].sent
    ids = {t.i for t in words if t.sent == sent}
    out = []
    for t in words:
        if t.i not in ids:
            continue
        cur, inside = t, True
        while cur.head.i != cur.i and cur.head.i in ids:
            if cur.dep_ in _SUBORDINATE and not (cur.dep_ == "prep" and cur.head.pos_ in ("ADJ", "AUX", "VERB")):
                inside = False
                break
            cur = cur.head
        if inside:
            out.append(t)
    return out


def _first_person(verb: Token) -> bool:
    subj = _subject(verb)
    return subj is not None and subj.lower_ in ("we", "i", "us")


def _denies(words: list[Token], preds: list[Token], lex: dict[str, frozenset[str]]) -> bool:
    ids = {t.i for t in words}
    low = " ".join(t.lower_ for t in words)
    dismiss, report = lex.get("dismiss", frozenset()), lex.get("report", frozenset())
    # a report called untrue: "the reports were false", "called the allegations absurd", "These are lies"
    for t in preds + [t for t in words if t.tag_ == "VBN" and any(k.dep_ == "auxpass" for k in t.children)]:
        if t.lemma_.lower() in dismiss | {"fabricate", "invent", "distort", "exaggerate"} and not _negated_within(
            t, ids
        ):
            head = t.head if t.dep_ in ("attr", "acomp", "conj") else t
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            targets = [k for k in head.children if k.dep_ in ("nsubj", "nsubjpass", "dobj")]
            if t.dep_ == "oprd":
                targets += [k for k in t.head.children if k.dep_ == "dobj"]
            if t.dep_ in ("pobj", "amod") and t.head.lower_ == "as":  # "described the report as propaganda"
                targets += [k for k in t.head.head.children if k.dep_ == "dobj"]
            if any(k.lemma_.lower() in report for k in targets) or len(words) <= 3:
                return True
    # a negated truth or involvement: "no truth in", "not true", "played no role", "was not involved"
    if "nothing to do with" in low:
        return True
    for t in words:
        lemma = t.lemma_.lower()
        if lemma not in lex.get("truth", frozenset()) | lex.get("involvement", frozenset()) or lemma == "do":
            continue
        verb = t if t.pos_ == "VERB" else t.head
        if any(k.dep_ == "aux" and k.lower_ in _MODALS for k in verb.children):
            continue  # "cannot be part of": a refusal, not a denial
        no_det = any(k.dep_ == "det" and k.lower_ in _NEG_QUANT for k in t.children)
        copular = t.dep_ in ("acomp", "attr") or (t.tag_ == "VBN" and verb is t)
        subj = _subject(verb)
        neg_subj = subj is not None and (subj.lower_ in _NEG_QUANT or any(d.lower_ == "no" for d in subj.children))
        if no_det or (copular and (any(k.dep_ == "neg" for k in verb.children) or neg_subj)):
            return True  # "no truth in", "played no role", "was not involved", "none … had been involved"
    # a negated past act of the kind one is accused of: "its forces had not targeted", "no ship had
    # entered", "we have never used" (not "would not raise taxes", "did not support", "doesn't make sense")
    acts = lex.get("wrong_verb", frozenset()) | lex.get("violent_verb", frozenset()) | lex.get("act", frozenset())
    for t in words:
        if t.pos_ != "VERB" or t.lemma_.lower() not in acts:
            continue
        kids = list(t.children)
        if any(k.dep_ == "auxpass" for k in kids) or any(k.lower_ in _MODALS for k in kids if k.dep_ == "aux"):
            continue
        past = t.tag_ in ("VBD", "VBN") or any(
            k.dep_ == "aux" and (k.lemma_.lower() == "have" or k.tag_ == "VBD") for k in kids
        )
        subj = _subject(t)
        neg_subj = subj is not None and (subj.lower_ in _NEG_QUANT or any(d.lower_ == "no" for d in subj.children))
        negated = any(k.dep_ == "neg" for k in kids) or neg_subj
        # the speaker's own side ("we", "its forces", "officers"), not a named third party ("Trump had not paid")
        if subj is not None and not neg_subj and any(k.pos_ == "PROPN" for k in subj.subtree):
            continue
        if past and negated and t.dep_ in ("ROOT", "ccomp", "conj", "parataxis", "xcomp"):
            return True
    return False


def _accuses(words: list[Token], preds: list[Token], lex: dict[str, frozenset[str]]) -> bool:
    wrong, blame = lex.get("wrong", frozenset()), lex.get("blame", frozenset())
    ids = {t.i for t in words}
    if any(t.lemma_.lower() in wrong and not _negated_within(t, ids) and not _is_negated(t.head) for t in preds):
        return True  # "this was a war crime", "called the arrests illegal"
    for t in words:
        lemma = t.lemma_.lower()
        if lemma in blame and not _is_negated(t):
            if lemma in ("responsible", "guilty", "culpable") and any(
                k.dep_ == "prep" and k.lower_ in ("for", "of") for k in t.children
            ):
                return True
            if lemma == "behind" and t.dep_ == "prep" and t.head.lemma_ == "be" and not _is_negated(t.head):
                return True
            if lemma == "blame" and t.pos_ == "VERB" and not _first_person(t):
                return True  # "were to blame for", "blamed the rebels"
            if t.pos_ == "VERB" and any(k.dep_ == "agent" for k in t.children):
                return True  # "carried out by", "orchestrated by"
    protected = lex.get("protected", frozenset())
    for t in words:
        if t.pos_ != "VERB" or any(k.dep_ == "neg" for k in t.children) or _first_person(t):
            continue
        lemma = t.lemma_.lower()
        if lemma == "lie" and not (
            t.lower_.startswith(("ly", "lie"))
            and any(k.dep_ == "prep" and k.lower_ in ("to", "about") for k in t.children)
        ):
            continue  # "are lying to", "lied about"; not "low-lying", "the glasses lay"
        if lemma in lex.get("wrong_verb", frozenset()):
            return True  # "had tortured detainees", "violated the ceasefire"
        if lemma in lex.get("violent_verb", frozenset()) or (
            lemma == "open" and any(k.dep_ == "dobj" and k.lower_ == "fire" for k in t.children)
        ):
            objs = [k for k in t.subtree if k.i != t.i and k.dep_ not in ("nsubj", "nsubjpass")]
            subj = _subject(t)  # a passive subject is the target: "the hospital was shelled"
            targets = {k.lemma_.lower() for k in objs} | ({subj.lemma_.lower()} if subj is not None else set())
            if targets & protected or any(k.lower_ in ("deliberately", "indiscriminately") for k in t.children):
                return True  # "shelled a maternity hospital", "opened fire on unarmed protesters"
    return False


def _praises(words: list[Token], preds: list[Token], lex: dict[str, frozenset[str]]) -> bool:
    praise, mild, targets = (
        lex.get("praise", frozenset()),
        lex.get("praise_mild", frozenset()),
        lex.get("praise_target", frozenset()),
    )
    for t in preds:
        if _is_negated(t):
            continue
        lemma = t.lemma_.lower()
        if lemma in praise or t.lower_ in praise:
            return True
        if lemma in mild and (t.head.lemma_.lower() in targets or t.lemma_.lower() in targets):
            return True
    return any(
        t.lemma_.lower() in targets
        and not _is_negated(t)
        and any(k.dep_ == "amod" and k.lemma_.lower() in praise | mild for k in t.children)
        for t in preds
    )


def content_stance(content: list[Token], cue: Token | None = None) -> str | None:
    """The stance a content carries on its own (``deny``, ``accuse``, ``praise``), or None.

    A dismissed report, a negated truth or involvement, or a negated past act denies; a wrongdoing
    predicated of a target, a blame frame or a wrongful act (a violent one against protected targets)
    accuses; a positive judgement praises.  Checked in that order (a denial often names the wrongdoing it
    denies).

    Args:
        content: the content's tokens.
        cue: the cue's head token (naming cues such as "called" judge their object).
    """
    every = [t for t in content if not t.is_punct and not t.is_space]
    words = _main_clause(every)
    if not words:
        return None
    if "nothing to do with" in " ".join(t.lower_ for t in every[:12]):
        return "deny"
    lex = content_lexicon()
    preds = _predicates(words, cue)
    if _denies(words, preds, lex):
        return "deny"
    if _accuses(words, preds, lex):
        return "accuse"
    if _praises(words, preds, lex):
        return "praise"
    return None


__all__ = ["content_lexicon", "content_stance"]
