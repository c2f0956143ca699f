"""Doc extensions used by the claimledger components.

All values are plain data (lists of dicts of str/int/float/bool/None) so they survive
``doc.to_bytes()`` and ``nlp.pipe(..., n_process=2)``.  Offsets are character offsets into
``doc.text``.  Record shapes are described in ``docs/ARCHITECTURE.md``.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: tuple[str, ...] = (
    "cl_published",  # ISO date of publication (str) or None, set before the pipeline runs
    "cl_attributions",  # list[dict]: cue/source/content offsets + stance, channel, ...
    "cl_figures",  # list[dict]
    "cl_times",  # list[dict]
    "cl_places",  # list[dict]
    "cl_actors",  # list[dict]
)


def register_extensions() -> None:
    """Register the ``doc._.cl_*`` attributes (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
