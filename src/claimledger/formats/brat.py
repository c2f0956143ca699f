"""Brat standoff (``.ann``) reading and writing, PolNeAR style.

PolNeAR writes one attribution as a Source, a Cue and a Content text-bound span, a trigger span
(``Attribution``, or ``Attribution-no-source`` when there is no source) over the cue, and one
``E`` line linking them::

    T1\tSource 0 7\tClinton
    T2\tCue 8 12\tsaid
    T3\tContent 13 37\tthat the plan would fail
    T4\tAttribution 8 12\tsaid
    E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1

Discontinuous spans list their fragments separated by ``;``; the text field joins the fragments'
text with a space.  :func:`claimledger.engine.annotate.annotate_dir` runs the pipeline over a folder of
``.txt`` files and writes one ``.ann`` per text with :func:`write_ann` (``claimledger annotate --format brat``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROLES: tuple[str, ...] = ("Source", "Cue", "Content")

Frags = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([0-9 ;]+)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_ROLE_RE = re.compile(r"^(source|cue|content)\d*$", re.IGNORECASE)


@dataclass
class BratDoc:
    """Spans (``tid -> (role, fragments)``) and attributions (``[{role: [tid, ...]}]``) of one file."""

    spans: dict[str, tuple[str, Frags]] = field(default_factory=dict)
    attributions: list[dict[str, list[str]]] = field(default_factory=list)


def _role(name: str) -> str | None:
    m = _ROLE_RE.match(name)
    return m.group(1).capitalize() if m else None


def parse_ann(content: str) -> BratDoc:
    """Parse brat text, keeping Source/Cue/Content spans and the E lines that link them.

    Other span types (the ``Attribution`` trigger, ``Discard``, ``Discuss``), notes and
    continuation lines are ignored; an E line with neither cue nor content is dropped.
    """
    out = BratDoc()
    for line in content.splitlines():
        m = _T_LINE.match(line)
        if m:
            tid, typ, offsets = m.groups()
            role = _role(typ)
            if role is None:
                continue
            frags = []
            for frag in offsets.split(";"):
                parts = frag.split()
                if len(parts) == 2 and int(parts[1]) > int(parts[0]):
                    frags.append((int(parts[0]), int(parts[1])))
            if frags:
                out.spans[tid] = (role, tuple(frags))
            continue
        m = _E_LINE.match(line)
        if m:
            args: dict[str, list[str]] = {}
            for arg in m.group(2).split():
                name, sep, ref = arg.partition(":")
                role = _role(name) if sep else None
                if role is not None:
                    args.setdefault(role, []).append(ref)
            out.attributions.append(args)
    for args in out.attributions:
        for role in list(args):
            args[role] = [t for t in args[role] if t in out.spans and out.spans[t][0] == role]
    out.attributions = [a for a in out.attributions if a.get("Cue") or a.get("Content")]
    return out


def _frag_text(text: str, frags: Sequence[Sequence[int]]) -> str:
    return " ".join(text[s:e] for s, e in frags).replace("\r", " ").replace("\n", " ")


def _offsets(frags: Sequence[Sequence[int]]) -> str:
    return ";".join(f"{s} {e}" for s, e in frags)


def format_ann(text: str, attributions: Iterable[dict[str, Any]]) -> str:
    """Brat text for attribution records (``cue``/``content``: lists of ``[s, e]``, ``source``: ``[s, e]``).

    Records without a cue and without a content are skipped.  Offsets are into ``text``.
    """
    lines: list[str] = []
    t = e = 0
    for rec in attributions:
        cue = [tuple(f) for f in rec.get("cue") or [] if f[1] > f[0]]
        content = [tuple(f) for f in rec.get("content") or [] if f[1] > f[0]]
        source = rec.get("source")
        if not cue and not content:
            continue
        args: list[str] = []
        ids: dict[str, str] = {}
        for role, frags in (("Source", [tuple(source)] if source else []), ("Cue", cue), ("Content", content)):
            if frags:
                t += 1
                ids[role] = f"T{t}"
                lines.append(f"T{t}\t{role} {_offsets(frags)}\t{_frag_text(text, frags)}")
        trigger_frags = cue or content
        t += 1
        trigger = "Attribution" if "Source" in ids else "Attribution-no-source"
        lines.append(f"T{t}\t{trigger} {_offsets(trigger_frags)}\t{_frag_text(text, trigger_frags)}")
        args.append(f"{trigger}:T{t}")
        for role in ("Content", "Cue", "Source"):
            if role in ids:
                args.append(f"{role}:{ids[role]}")
        e += 1
        lines.append(f"E{e}\t{' '.join(args)}")
    return "".join(line + "\n" for line in lines)


def write_ann(path: str | Path, text: str, attributions: Iterable[dict[str, Any]]) -> None:
    """Write :func:`format_ann` output to ``path`` (UTF-8)."""
    Path(path).write_text(format_ann(text, attributions), encoding="utf-8")


__all__ = ["ROLES", "BratDoc", "format_ann", "parse_ann", "write_ann"]
