"""Learned model + rules: the rules fill the gaps the model leaves (factory ``claimledger_attribution_combine``).

Runs after ``claimledger_attribution_model``.  The rule finder reads the same Doc; every rule
attribution that touches nothing the model already claimed (no overlap with any model cue, source or
content) is added, and for a few constructions (``RULE_KINDS``, refusals) the rule record replaces the
model's overlapping one.  The model is better at PolNeAR's span edges; the rules know constructions the
model rarely sees in training — refusals ("has refused to comment on …"), "as per X reports",
headlines ("Kremlin: …"), noun cues — so together they find more without contradicting each other.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.nlp import extensions  # noqa: F401
from claimledger.nlp.attribution.component import DEFAULT_CONFIG, SPAN_GROUPS, AttributionFinder, span_groups
from claimledger.nlp.doctext import doc_text


def _intervals(rec: dict[str, Any], roles: tuple[str, ...]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for role in roles:
        value = rec.get(role)
        if not value:
            continue
        frags = [value] if role == "source" else value
        out.extend((int(s), int(e)) for s, e in frags)
    return out


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# Constructions the model sees too rarely in training to get the cue right: "according to X" / "as per X",
# headlines ("Kremlin: ..."), posts, and refusals ("has refused to comment on ...").
RULE_KINDS = frozenset({"according", "headline", "tweet", "signed"})
# Rule kinds that may fill the model's gaps (None = every kind).  Default: all of them.  On PolNeAR dev
# the rules' verb/noun gap fills have cue precision 0.29 (model records 0.81) and cost cue/attr F1.
FILL_KINDS: frozenset[str] | None = None
# PolNeAR-style annotation (``claimledger.engine.annotate.default_nlp``) lets only these kinds fill gaps.
POLNEAR_FILL_KINDS: frozenset[str] = RULE_KINDS
_REFUSAL = re.compile(r"\b(refus|declin)\w*\s+(to\s+)?comment", re.IGNORECASE)


def _rules_know_better(doc: Doc, rec: dict[str, Any]) -> bool:
    if rec.get("kind") in RULE_KINDS:
        return True
    cue = rec.get("cue") or []
    return bool(cue) and bool(_REFUSAL.search(doc_text(doc)[cue[0][0] : cue[-1][1]]))


class AttributionCombiner:
    """Adds the rule finder's attributions that do not overlap the model's."""

    def __init__(self, nlp: Language, name: str, fill_kinds: list[str] | None = None) -> None:
        cfg = {k: v for k, v in DEFAULT_CONFIG.items() if k != "version"}
        self.rules = AttributionFinder(nlp, f"{name}_rules", **cfg)
        self.fill_kinds = frozenset(fill_kinds) if fill_kinds is not None else FILL_KINDS

    def __call__(self, doc: Doc) -> Doc:
        model = list(doc._.cl_attributions or [])
        groups: dict[str, list[Span]] = {g: list(doc.spans[g]) if g in doc.spans else [] for g in SPAN_GROUPS}
        self.rules(doc)
        rules = list(doc._.cl_attributions or [])
        # Where the rules read a construction better, their record replaces the model's overlapping ones.
        preferred = [r for r in rules if _rules_know_better(doc, r)]
        roles = ("cue", "source", "content")
        for rec in preferred:  # drop the model's records that overlap the rule's
            whole = _intervals(rec, roles)
            model = [m for m in model if not _overlaps(_intervals(m, roles), whole)]
        taken = [iv for rec in model for iv in _intervals(rec, ("cue", "source", "content"))]
        added = [
            rec
            for rec in rules
            if not _overlaps(_intervals(rec, ("cue", "source", "content")), taken)
            and (self.fill_kinds is None or rec.get("kind") in self.fill_kinds or _rules_know_better(doc, rec))
        ]
        for group, spans in span_groups(doc, added).items():
            groups[group].extend(spans)
        records = model + added
        records.sort(key=lambda r: min(s for s, _ in _intervals(r, ("cue", "content")) or [(0, 0)]))
        doc._.cl_attributions = records
        for group, spans in groups.items():
            doc.spans[group] = spans
        return doc


@Language.factory(
    "claimledger_attribution_combine",
    assigns=["doc._.cl_attributions", "doc.spans"],
    requires=["doc._.cl_attributions", "token.dep"],
    default_config={"fill_kinds": None},
)
def make_attribution_combine(nlp: Language, name: str, fill_kinds: list[str] | None) -> AttributionCombiner:
    """Factory of :class:`AttributionCombiner` (runs after the learned model).

    Args:
        fill_kinds: rule kinds (``verb``, ``noun``, ``according``, ``headline``, ``tweet``, ``signed``)
            allowed to fill the model's gaps; None = :data:`FILL_KINDS`.
    """
    return AttributionCombiner(nlp, name, fill_kinds)
