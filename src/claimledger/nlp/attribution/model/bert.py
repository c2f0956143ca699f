"""A BERT encoder in plain torch, for the frozen MiniLM of the attribution model (no ``transformers`` import).

Importing ``transformers`` costs ~3 s of start-up in every process that reads, and we use one class
of it, inference only.  This module reads the same ``model.safetensors`` and computes the same hidden
states as ``transformers.BertModel`` (absolute positions, token type 0, post-LayerNorm, exact GELU),
matched to within 1e-5 in ``tests/nlp/test_attribution_model_bert.py``; the three projections of
self-attention are fused into one matrix product.

Precision: ``"fp32"`` or ``"bf16"``.  bf16 keeps the weights and activations in bfloat16 (the
residual stream included, as ``model.to(torch.bfloat16)`` does); it is about twice as fast on CPUs
with native bf16 dot products (AVX-512 BF16 or AMX) and slower elsewhere, see :func:`bf16_native`.

Usage::

    bert = Bert.from_pretrained(folder, n_layers=6)
    states = bert(ids, mask)   # list: [embeddings, layer 1, ..., layer n_layers], each [B, T, 384]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

PRECISIONS = ("fp32", "bf16")


@dataclass(frozen=True)
class BertShape:
    """The part of a BERT ``config.json`` this encoder needs."""

    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int
    layer_norm_eps: float

    @classmethod
    def from_file(cls, path: Path) -> BertShape:
        cfg = json.loads(path.read_text())
        if cfg.get("hidden_act", "gelu") != "gelu" or cfg.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"unsupported BERT variant in {path}: only absolute positions and exact GELU")
        return cls(**{name: cfg[name] for name in cls.__dataclass_fields__})


class _Layer(nn.Module):
    def __init__(self, shape: BertShape) -> None:
        super().__init__()
        d = shape.hidden_size
        self.heads = shape.num_attention_heads
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.norm1 = nn.LayerNorm(d, eps=shape.layer_norm_eps)
        self.up = nn.Linear(d, shape.intermediate_size)
        self.down = nn.Linear(shape.intermediate_size, d)
        self.norm2 = nn.LayerNorm(d, eps=shape.layer_norm_eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        att = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        x = self.norm1(x + self.out(att.transpose(1, 2).reshape(b, t, d)))
        y: torch.Tensor = self.norm2(x + self.down(F.gelu(self.up(x))))
        return y


class Bert(nn.Module):
    """BERT embeddings + the first ``n_layers`` transformer layers; returns every hidden state."""

    def __init__(self, shape: BertShape, n_layers: int | None = None) -> None:
        super().__init__()
        d = shape.hidden_size
        self.shape = shape
        self.word = nn.Embedding(shape.vocab_size, d)
        self.position = nn.Embedding(shape.max_position_embeddings, d)
        self.token_type = nn.Embedding(shape.type_vocab_size, d)
        self.norm = nn.LayerNorm(d, eps=shape.layer_norm_eps)
        n = shape.num_hidden_layers if n_layers is None else n_layers
        self.layers = nn.ModuleList(_Layer(shape) for _ in range(n))

    @classmethod
    def from_pretrained(cls, folder: Path, n_layers: int | None = None, precision: str = "fp32") -> Bert:
        """Load ``folder/config.json`` + ``folder/model.safetensors`` (a Hugging Face BERT checkpoint).

        Args:
            folder: the checkpoint folder.
            n_layers: keep only the first layers (the later ones are never read).
            precision: ``"fp32"`` or ``"bf16"`` (see the module docstring).
        """
        from safetensors.torch import load_file

        if precision not in PRECISIONS:
            raise ValueError(f"unknown precision {precision!r}; use one of {PRECISIONS}")
        model = cls(BertShape.from_file(folder / "config.json"), n_layers)
        model.load_state_dict(_renamed(load_file(str(folder / "model.safetensors")), len(model.layers)))
        model.eval()
        if precision == "bf16":
            model.to(torch.bfloat16)
        return model

    @property
    def dtype(self) -> torch.dtype:
        return self.word.weight.dtype

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> list[torch.Tensor]:
        """Hidden states ``[embeddings, layer 1, ...]`` of ``ids [B, T]`` (``mask`` 1 = real piece)."""
        t = ids.shape[1]
        x = self.word(ids) + self.position.weight[:t] + self.token_type.weight[0]
        x = self.norm(x)
        # additive mask over keys, as BertModel: padded pieces get the dtype's lowest value
        bias = (1.0 - mask[:, None, None, :].to(self.dtype)) * torch.finfo(self.dtype).min
        states = [x]
        for layer in self.layers:
            x = layer(x, bias)
            states.append(x)
        return states


def _renamed(state: dict[str, torch.Tensor], n_layers: int) -> dict[str, torch.Tensor]:
    """Hugging Face parameter names -> ours (q, k and v stacked into one matrix)."""
    out = {
        "word.weight": state["embeddings.word_embeddings.weight"],
        "position.weight": state["embeddings.position_embeddings.weight"],
        "token_type.weight": state["embeddings.token_type_embeddings.weight"],
        "norm.weight": state["embeddings.LayerNorm.weight"],
        "norm.bias": state["embeddings.LayerNorm.bias"],
    }
    for i in range(n_layers):
        hf = f"encoder.layer.{i}."
        att = hf + "attention."
        for kind in ("weight", "bias"):
            out[f"layers.{i}.qkv.{kind}"] = torch.cat(
                [state[f"{att}self.{p}.{kind}"] for p in ("query", "key", "value")], dim=0
            )
            out[f"layers.{i}.out.{kind}"] = state[f"{att}output.dense.{kind}"]
            out[f"layers.{i}.norm1.{kind}"] = state[f"{att}output.LayerNorm.{kind}"]
            out[f"layers.{i}.up.{kind}"] = state[f"{hf}intermediate.dense.{kind}"]
            out[f"layers.{i}.down.{kind}"] = state[f"{hf}output.dense.{kind}"]
            out[f"layers.{i}.norm2.{kind}"] = state[f"{hf}output.LayerNorm.{kind}"]
    return out


def bf16_native(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """True when this CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX), where bf16 pays off.

    Args:
        cpuinfo: the file whose ``flags`` line is read (Linux; where it cannot be read: False).
            torch's own check (``mkldnn._is_mkldnn_bf16_supported``) also says yes on AVX-512 CPUs
            that only emulate bf16, where it is slower than fp32, so it is not used.
    """
    try:
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("flags"):
                return bool(set(line.split(":", 1)[1].split()) & {"avx512_bf16", "amx_bf16"})
    except OSError:
        pass
    return False


def resolve_precision(setting: str) -> str:
    """``"auto"`` -> ``"bf16"`` where the CPU has it, else ``"fp32"``; ``"fp32"``/``"bf16"`` force one."""
    if setting == "auto":
        return "bf16" if bf16_native() else "fp32"
    if setting not in PRECISIONS:
        raise ValueError(f"unknown encoder precision {setting!r}; use auto, fp32 or bf16")
    return setting
