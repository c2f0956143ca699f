"""Time expressions: recognised, normalised against the publication date, with grain and relation.

``claimledger_times`` (:mod:`.component`) writes ``doc.spans["cl_time"]`` and ``doc._.cl_times``.
Inside: :mod:`.grammar` recognises expressions, :mod:`.timex` resolves them (value conventions in its
docstring) with :mod:`.calendar` (dates), :mod:`.spans` (durations, ranges), :mod:`.anaphora`
("that day", "the same month") and :mod:`.values` (the resolved value type).
"""

from __future__ import annotations

from claimledger.nlp.times.component import TimeTagger, make_times
from claimledger.nlp.times.timex import normalise

__all__ = ["TimeTagger", "make_times", "normalise"]
