"""The attribution model's own BERT (plain torch): the same hidden states as transformers, bf16 chosen by the CPU."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from claimledger.nlp.attribution.model import bert, net

# Written for these tests: wire-style sentences with quotes, numbers and a line break.
TEXTS = [
    '"We will rebuild every bridge before winter," the regional governor told reporters on Monday.\n\n'
    "The ministry said 14 people were injured and that the convoy had been delayed by heavy snow.",
    "Officials declined to comment. A spokesman for the port authority, Ana Ruiz, said on Friday that "
    "shipments of grain would resume once inspectors had checked the damaged cranes at berth 7.",
    "Protesters gathered outside parliament.",
]


def _batch(tokenizer: object, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    pieces = [net.tokenize(tokenizer, t).ids for t in texts]
    width = max(len(p) for p in pieces) + 2
    ids = torch.zeros((len(texts), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for r, p in enumerate(pieces):
        ids[r, 0], ids[r, len(p) + 1] = 101, 102
        ids[r, 1 : len(p) + 1] = torch.from_numpy(p)
        mask[r, : len(p) + 2] = 1
    return ids, mask


@torch.no_grad()
def test_attribution_model_bert_matches_transformers_within_1e5() -> None:
    transformers = pytest.importorskip("transformers")
    folder = net.base_model_dir()
    ref_model = transformers.BertModel.from_pretrained(str(folder), add_pooling_layer=False).eval()
    ours = bert.Bert.from_pretrained(folder)
    ids, mask = _batch(net.load_tokenizer(), TEXTS)  # padded rows: the mask must hide the padding
    ref = ref_model(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
    mine = ours(ids, mask)
    assert len(mine) == len(ref) == 7
    real = mask.bool()
    for layer in range(7):
        assert (mine[layer][real] - ref[layer][real]).abs().max().item() < 1e-5, layer


@torch.no_grad()
def test_attribution_model_bert_drops_the_layers_never_read() -> None:
    full = bert.Bert.from_pretrained(net.base_model_dir())
    short = bert.Bert.from_pretrained(net.base_model_dir(), n_layers=4)
    ids, mask = _batch(net.load_tokenizer(), TEXTS[:1])
    assert len(short.layers) == 4
    assert torch.equal(short(ids, mask)[4], full(ids, mask)[4])


@torch.no_grad()
def test_attribution_model_bert_bf16_stays_close_to_fp32() -> None:
    ids, mask = _batch(net.load_tokenizer(), TEXTS)
    fp32 = bert.Bert.from_pretrained(net.base_model_dir())(ids, mask)
    bf16 = bert.Bert.from_pretrained(net.base_model_dir(), precision="bf16")(ids, mask)
    real = mask.bool()
    for layer in net.LAYERS:
        a, b = fp32[layer][real], bf16[layer][real].float()
        assert bf16[layer].dtype == torch.bfloat16
        # bf16 keeps 8 bits of mantissa: close in direction, not to 1e-5
        assert torch.nn.functional.cosine_similarity(a, b, dim=-1).min().item() > 0.99


def test_attribution_model_bert_precision_follows_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bert, "bf16_native", lambda: True)
    assert bert.resolve_precision("auto") == "bf16"
    monkeypatch.setattr(bert, "bf16_native", lambda: False)
    assert bert.resolve_precision("auto") == "fp32"
    assert bert.resolve_precision("bf16") == "bf16"  # forced, whatever the CPU
    with pytest.raises(ValueError, match="precision"):
        bert.resolve_precision("int8")


def test_attribution_model_bert_reads_cpu_flags(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512bw\n")
    assert not bert.bf16_native(cpuinfo)  # AVX-512 without BF16 only emulates it
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_bf16\n")
    assert bert.bf16_native(cpuinfo)
    assert not bert.bf16_native(tmp_path / "missing")


def test_attribution_model_loads_without_transformers(tmp_path: Path) -> None:
    probe = (
        "import json, sys, spacy\n"
        "import claimledger.nlp.attribution.model.component\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('claimledger_attribution_model', config={'precision': 'fp32'})\n"
        "doc = nlp('The ministry said that the convoy had been delayed.')\n"
        "print(json.dumps({'n': len(doc._.cl_attributions), 'transformers': 'transformers' in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"n": 1, "transformers": False}
