"""Claim groups: the same statement by the same source in several articles is one group.

Two claims of a story are the same statement when their sources are the same (canonical entity,
else canonical name, else the source text, compared case-insensitively; the writer's own claims
group only within one origin: the copies of one wire story) and their contents say the same: the
Jaccard overlap of their content words reaches :data:`SAME_STATEMENT`, or one content's words are
nearly all inside the other's (:data:`CONTAINED`: a shortened wire copy), and the numbers they state are the same.

Each group carries ``articles`` (the raw number of articles) beside ``origins`` (independent
origins: wire copies and outlets quoting one agency report count once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from claimledger.models import Claim, ClaimGroup, stable_id

SAME_STATEMENT = 0.6
CONTAINED = 0.9

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d[\d,.]*")
_STOP = frozenset(
    "a an the of to in on at for and or but that this these those it its is was were be been has have had "
    "will would said says say told by with from as their they them he she his her we our us".split()
)


def source_key(claim: Claim) -> str:
    """Who makes ``claim``: a person by surname ("Artiukh" = "Volodymyr Artiukh" = "Mayor Artem
    ... Artiukh" in one story: articles canonicalise a person only within themselves), else the
    source's entity id, canonical name or text (lower case)."""
    src = claim.source
    if src is None:
        return f"writer:{claim.doc_id}"
    name = src.name or src.text
    if src.kind == "person" and name[:1].isupper():
        return "person:" + name.split()[-1].lower().strip(".,'’")
    if src.entity_id:
        return f"entity:{src.entity_id}"
    return "name:" + " ".join(name.lower().split())


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP)


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(text))


def same_statement(a: Claim, b: Claim) -> bool:
    """True when the contents of ``a`` and ``b`` say the same (module docstring); the caller checks
    that their sources are the same."""
    wa, wb = _words(a.content.text), _words(b.content.text)
    if not wa or not wb:
        return a.content.text.strip().lower() == b.content.text.strip().lower()
    if _numbers(a.content.text) != _numbers(b.content.text):
        return False
    inter = len(wa & wb)
    return inter / len(wa | wb) >= SAME_STATEMENT or inter / min(len(wa), len(wb)) >= CONTAINED


def group_claims(
    story_id: str,
    claims: Sequence[Claim],
    origin_of: Callable[[Claim], str],
    doc_order: Mapping[str, int] | None = None,
) -> tuple[ClaimGroup, ...]:
    """The claim groups of one story (every claim in exactly one group, singletons included).

    Args:
        story_id: the story (part of each ``claim_group`` id).
        claims: the claims of the story's articles.
        origin_of: the independent origin of a claim.
        doc_order: rank of each doc_id (publication order); claims are grouped in that order so
            the first claim of a group is its earliest report.
    """
    rank = doc_order or {}
    ordered = sorted(claims, key=lambda c: (rank.get(c.doc_id, 1 << 30), c.doc_id, c.cue.start, c.claim_id))
    members: list[list[Claim]] = []
    by_source: dict[str, list[int]] = {}
    for claim in ordered:
        # the writer's own claims: the same statement only within one origin (a wire copy)
        key = source_key(claim) if claim.source else f"writer:{origin_of(claim)}"
        home = next((g for g in by_source.get(key, []) if same_statement(members[g][0], claim)), None)
        if home is None:
            by_source.setdefault(key, []).append(len(members))
            members.append([claim])
        else:
            members[home].append(claim)
    groups = []
    for found in members:
        first = found[0]
        docs = tuple(dict.fromkeys(c.doc_id for c in found))
        groups.append(
            ClaimGroup(
                claim_group=stable_id("g", story_id, first.claim_id),
                story_id=story_id,
                source=(first.source.name or first.source.text) if first.source else None,
                text=first.content.text,
                claim_ids=tuple(c.claim_id for c in found),
                doc_ids=docs,
                articles=len(docs),
                origins=len({origin_of(c) for c in found}),
            )
        )
    return tuple(groups)


__all__ = ["CONTAINED", "SAME_STATEMENT", "ClaimGroup", "group_claims", "same_statement", "source_key"]
