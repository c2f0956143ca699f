"""Read a PolNeAR split (brat standoff) into plain records for training.

Multi-annotated articles: the annotator whose id sorts first is gold (as the reference scorer does).
Never point this at the test split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimledger.formats import brat

ROLE_CODE = {"Source": "SRC", "Cue": "CUE", "Content": "CON"}


@dataclass
class GoldArticle:
    name: str
    text: str
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = field(default_factory=dict)  # tid -> role, frags
    attributions: list[dict[str, list[str]]] = field(default_factory=list)  # role -> [tid]


def parse_ann(content: str) -> tuple[dict, list]:
    """Spans (tid -> role code, fragments) and attributions (role code -> [tid]) of one .ann file,
    read by the project's brat parser (``claimledger.formats.brat.parse_ann``)."""
    doc = brat.parse_ann(content)
    spans = {tid: (ROLE_CODE[role], list(frags)) for tid, (role, frags) in doc.spans.items()}
    attrs = [{ROLE_CODE[role]: refs for role, refs in args.items() if refs} for args in doc.attributions]
    return spans, [a for a in attrs if a.get("CUE") or a.get("CON")]


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
