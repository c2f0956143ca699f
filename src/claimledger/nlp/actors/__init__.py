"""Actors: people and organisations canonicalised across mentions, with kind, role and affiliation.

``claimledger_actors`` (:mod:`.component`) writes ``doc.spans["cl_actor"]`` and ``doc._.cl_actors``;
metonymic capitals ("Moscow announced") become governments.
"""

from __future__ import annotations

from claimledger.nlp.actors.component import ActorsComponent, entity_id, make_actors

__all__ = ["ActorsComponent", "entity_id", "make_actors"]
