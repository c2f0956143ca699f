"""Read a PolNeAR split (brat standoff) into plain records for training.

Multi-annotated articles: the annotator whose id sorts first is gold (as the reference scorer does).
Never point this at the test split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_T = re.compile(r"^(T\d+)\t(\S+) ([0-9 ;]+)\t?")
_E = re.compile(r"^(E\d+)\t(.*)$")
_ROLE = re.compile(r"^(source|cue|content)\d*$", re.IGNORECASE)
ROLE_CODE = {"Source": "SRC", "Cue": "CUE", "Content": "CON"}


@dataclass
class GoldArticle:
    name: str
    text: str
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = field(default_factory=dict)  # tid -> role, frags
    attributions: list[dict[str, list[str]]] = field(default_factory=list)           # role -> [tid]


def parse_ann(content: str) -> tuple[dict, list]:
    spans: dict = {}
    attrs: list = []
    for line in content.splitlines():
        m = _T.match(line)
        if m:
            tid, typ, offs = m.groups()
            rm = _ROLE.match(typ)
            if not rm:
                continue
            frags = []
            for frag in offs.split(";"):
                p = frag.split()
                if len(p) == 2 and int(p[1]) > int(p[0]):
                    frags.append((int(p[0]), int(p[1])))
            if frags:
                spans[tid] = (ROLE_CODE[rm.group(1).capitalize()], frags)
            continue
        m = _E.match(line)
        if m:
            args: dict = {}
            for arg in m.group(2).split():
                if ":" not in arg:
                    continue
                name, ref = arg.split(":", 1)
                rm = _ROLE.match(name)
                if rm and ref in spans:
                    args.setdefault(ROLE_CODE[rm.group(1).capitalize()], []).append(ref)
            if args.get("CUE") or args.get("CON"):
                attrs.append(args)
    return spans, attrs


def load_split(folder: Path) -> list[GoldArticle]:
    """All articles of a split folder with ``text/`` and ``attributions/``."""
    if folder.name == "test":
        raise SystemExit("the PolNeAR test split is held out")
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article, _, _annotator = ann.stem.rpartition("_")
        by_article.setdefault(article, []).append(ann)
    out = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted(by_article.get(txt.stem, []))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        spans, attrs = parse_ann(anns[0].read_text(encoding="utf-8"))
        out.append(GoldArticle(txt.stem, text, spans, attrs))
    return out
