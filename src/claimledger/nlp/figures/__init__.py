"""Figures: numbers in digits and words, fractions, vague counts, ranges and bounds, units, what is counted.

``claimledger_figures`` (:mod:`.component`) writes ``doc.spans["cl_figure"]`` and ``doc._.cl_figures``.
Inside: :mod:`.numbers` (+ :mod:`.number_words`) finds numbers, :mod:`.units` their units and metric
values, :mod:`.fig` is the figure being assembled, :mod:`.context` reads bases and what is counted
from the parse.
"""

from __future__ import annotations

from claimledger.nlp.figures.component import FigureRecognizer, extract_figures, make_figures

__all__ = ["FigureRecognizer", "extract_figures", "make_figures"]
