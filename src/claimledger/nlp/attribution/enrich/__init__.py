"""``claimledger_attribution_enrich`` (:mod:`.component`): what a reader needs beyond the spans.

:mod:`.channels` builds the reporting chain, :mod:`.sources` fills who the source is (name, kind,
role, affiliation), :mod:`.coref` resolves pronouns and descriptions to their entity.
"""

from __future__ import annotations

from claimledger.nlp.attribution.enrich.component import AttributionEnricher, make_attribution_enrich

__all__ = ["AttributionEnricher", "make_attribution_enrich"]
