"""Brat output of the head's raw prediction, for training experiments only.

Unlike the project's writer (``claimledger.formats.brat``, attributions only) this also writes the
spans the linker left unattached, which count in the span metrics.
"""

from __future__ import annotations


def to_brat(units: list[tuple[int, int, str, float]], attrs: list[dict], text: str) -> str:
    """Brat standoff of one prediction (experiments only; the project's writer is evaluate/brat.py)."""
    lines: list[str] = []
    ids: dict[tuple, str] = {}
    names = {"SRC": "Source", "CUE": "Cue", "CON": "Content"}

    def t(role: str, frags: list) -> str:
        key = (role, tuple(tuple(f) for f in frags))
        if key not in ids:
            ids[key] = f"T{len(ids) + 1}"
            offs = ";".join(f"{s} {e}" for s, e in frags)
            lines.append(f"{ids[key]}\t{role} {offs}\t{' '.join(text[s:e] for s, e in frags)}".replace("\n", " "))
        return ids[key]

    used: set[tuple[int, int]] = set()
    for k, a in enumerate(attrs, 1):
        args = [f"Cue:{t('Cue', a['cue'])}", f"Content:{t('Content', a['content'])}"]
        if a["source"]:
            args.append(f"Source:{t('Source', [a['source']])}")
        lines.append(f"E{k}\tAttribution:{args[0].split(':')[1]} " + " ".join(args))
        for f in a["cue"] + a["content"] + ([a["source"]] if a["source"] else []):
            used.add(tuple(f))
    for s, e, r, _ in units:
        if (s, e) not in used:
            t(names[r], [[s, e]])
    return "\n".join(lines) + "\n"
