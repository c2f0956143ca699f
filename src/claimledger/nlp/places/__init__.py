"""Places: toponyms recognised and geocoded offline against the shipped gazetteer; metonymy told apart.

``claimledger_places`` (:mod:`.component`) writes ``doc.spans["cl_place"]`` and ``doc._.cl_places``.
Inside: :mod:`.mentions` (recognition), :mod:`.context` (candidates scored in context), :mod:`.resolve`
(one pick per mention), :mod:`.records` (the dicts), :mod:`.gazetteer` (the offline index),
:mod:`.metonymy` ("Moscow announced" is an actor).
"""

from __future__ import annotations

from claimledger.nlp.places.component import PlacesComponent, make_places

__all__ = ["PlacesComponent", "make_places"]
