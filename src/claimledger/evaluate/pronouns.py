"""Pronoun sources on PolNeAR: who we say "he", "she", "they", "it", "I" and "we" are.

Every gold Source span of PolNeAR that is a bare personal pronoun is an *item*.  An item is
*matched* when one of our claims' source spans overlaps it; its *resolution* is that claim's
``source_name`` (``(writer)`` for a first person read as the article's writer, ``(none)`` when the
claim kept no name).  Coverage is matched / all.

The hand judgements (``tests/data/pronoun_judgements.tsv``, our own annotation: document id,
character offsets, the antecedent's name, other descriptions of the same referent and the sample;
no article text) score the resolutions of two fixed samples, one looked at while the resolver was
changed (``tuned``) and one judged only afterwards (``heldout``):

* **name** — the resolution is the antecedent's name (case folded; a surname alone or
  :func:`claimledger.nlp.actors.names.person_key` equal counts, "Bill Clinton" for "Hillary
  Clinton" does not);
* **description** — it is one of the referent's descriptions ("the GOP candidate");
* **wrong** — it is something else;
* **unresolved** — no name (or the pronoun itself), or no claim matched the item.

``claimledger eval polnear --pronouns`` prints the per-pronoun table and the judged items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimledger.nlp.actors.names import ascii_fold, person_key

PRONOUNS: tuple[str, ...] = ("he", "she", "they", "it", "i", "we")
WRITER = "(writer)"
OUTCOMES: tuple[str, ...] = ("name", "description", "wrong", "unresolved")


@dataclass(frozen=True)
class PronounItem:
    """One gold pronoun source and what we resolved it to (``ours`` None: no claim matched)."""

    doc: str
    start: int
    end: int
    pronoun: str
    ours: str | None = None


@dataclass(frozen=True)
class Judgement:
    """The referent of one item: its name and its other descriptions (lower case)."""

    name: str
    descriptions: tuple[str, ...] = ()
    sample: str = "tuned"  # "tuned": looked at while the resolver was changed; "heldout": judged after


Key = tuple[str, int, int]


def default_judgements_path() -> Path:
    """``tests/data/pronoun_judgements.tsv`` of the source checkout."""
    return Path(__file__).resolve().parents[3] / "tests" / "data" / "pronoun_judgements.tsv"


def load_judgements(path: str | Path | None = None) -> dict[Key, Judgement]:
    """``{(doc, start, end): Judgement}`` from a TSV ``doc, start, end, name, descriptions`` (``|``-separated)."""
    out: dict[Key, Judgement] = {}
    for line in Path(path or default_judgements_path()).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        doc, start, end, name, *rest = line.split("\t")
        descs = tuple(d.strip().lower() for d in (rest[0] if rest else "").split("|") if d.strip())
        sample = rest[1].strip() if len(rest) > 1 and rest[1].strip() else "tuned"
        out[(doc, int(start), int(end))] = Judgement(name.strip(), descs, sample)
    return out


def gold_items(gold: dict[str, tuple[str, dict[str, str]]]) -> list[PronounItem]:
    """The gold Source spans that are a bare pronoun, in article then annotation order."""
    from claimledger.evaluate.polnear import gold_annotator
    from claimledger.formats.brat import parse_ann

    items = []
    for article, (text, by_annotator) in gold.items():
        if not by_annotator:
            continue
        ann = parse_ann(by_annotator[gold_annotator(by_annotator)])
        for att in ann.attributions:
            for tid in att.get("Source", []):
                frags = ann.spans[tid][1]
                s, e = frags[0][0], frags[-1][1]
                if text[s:e].strip().lower() in PRONOUNS:
                    items.append(PronounItem(article, s, e, text[s:e].strip()))
    return items


def resolution(text: str, records: list[dict[str, Any]], start: int, end: int) -> str | None:
    """What the first record whose source overlaps ``[start, end)`` says the source is; None: no record."""
    for rec in records:
        src = rec.get("source")
        if src and src[0] < end and start < src[1]:
            if rec.get("source_writer"):
                return WRITER
            return str(rec.get("source_name") or "(none)")
    return None


def resolve_items(items: list[PronounItem], texts: dict[str, str], nlp: Any) -> list[PronounItem]:
    """``items`` with ``ours`` filled by running ``nlp`` on their articles."""
    from claimledger.nlp.pipeline import make_doc

    articles = sorted({i.doc for i in items})
    docs = nlp.pipe(make_doc(nlp, texts[a]) for a in articles)
    records = {a: list(doc._.cl_attributions or []) for a, doc in zip(articles, docs, strict=True)}
    return [
        PronounItem(i.doc, i.start, i.end, i.pronoun, resolution(texts[i.doc], records[i.doc], i.start, i.end))
        for i in items
    ]


def _norm(name: str) -> str:
    return " ".join(ascii_fold(name).replace(".", "").replace("\u2019", "'").split()).removeprefix("the ")


def _surname_of(short: str, full: str) -> bool:
    """ "Trump" for "Donald Trump"; "Bill Clinton" is not "Hillary Clinton" (:func:`person_key`)."""
    if " " not in full:
        return False
    return short == full.split()[-1] or (" " in short and person_key(short) == person_key(full))


def outcome(ours: str | None, judged: Judgement) -> str:
    """``name``, ``description``, ``wrong`` or ``unresolved`` (see the module docstring)."""
    if ours is None or ours == "(none)" or _norm(ours) in PRONOUNS:
        return "unresolved"
    if WRITER in (ours, judged.name):
        return "name" if ours == judged.name else "wrong"
    got, want = _norm(ours), _norm(judged.name)
    if got == want or _surname_of(got, want) or _surname_of(want, got):
        return "name"
    if got in {_norm(d) for d in judged.descriptions}:
        return "description"
    return "wrong"


def score(items: list[PronounItem], judgements: dict[Key, Judgement]) -> dict[str, Counter[str]]:
    """``{pronoun: Counter(outcome)}`` over the judged items, plus ``"all"`` and ``"sample:NAME"``."""
    out: dict[str, Counter[str]] = {"all": Counter()}
    seen: set[Key] = set()
    for item in items:  # a pronoun that is the source of two attributions is judged once
        key = (item.doc, item.start, item.end)
        judged = judgements.get(key)
        if judged is None or key in seen:
            continue
        seen.add(key)
        result = outcome(item.ours, judged)
        out.setdefault(item.pronoun.lower(), Counter())[result] += 1
        out.setdefault(f"sample:{judged.sample}", Counter())[result] += 1
        out["all"][result] += 1
    return out


def format_report(items: list[PronounItem], judgements: dict[Key, Judgement], verbose: bool = False) -> str:
    """Coverage per pronoun, the judged outcomes per pronoun and (``verbose``) every judged item."""
    n_all = Counter(i.pronoun.lower() for i in items)
    n_matched = Counter(i.pronoun.lower() for i in items if i.ours is not None)
    lines = [
        f"PolNeAR pronoun sources: {sum(n_matched.values())}/{len(items)} matched by a claim's source",
        f"{'pronoun':<8}{'gold':>6}{'matched':>9} | {'judged':>6}" + "".join(f"{o:>12}" for o in OUTCOMES),
    ]
    scores = score(items, judgements)
    for p in [*PRONOUNS, "all"]:
        c = scores.get(p, Counter())
        gold_n = len(items) if p == "all" else n_all[p]
        match_n = sum(n_matched.values()) if p == "all" else n_matched[p]
        lines.append(f"{p:<8}{gold_n:>6}{match_n:>9} | {sum(c.values()):>6}" + "".join(f"{c[o]:>12}" for o in OUTCOMES))
    for key in sorted(k for k in scores if k.startswith("sample:")):
        c = scores[key]
        lines.append(f"{key:<23} | {sum(c.values()):>6}" + "".join(f"{c[o]:>12}" for o in OUTCOMES))
    if verbose:
        seen: set[Key] = set()
        for item in items:
            judged = judgements.get((item.doc, item.start, item.end))
            if judged is not None and (item.doc, item.start, item.end) not in seen:
                seen.add((item.doc, item.start, item.end))
                mark = outcome(item.ours, judged)
                lines.append(
                    f"  {mark:<12} {item.doc} {item.start}-{item.end} {item.pronoun!r}: {item.ours} / {judged.name}"
                )
    return "\n".join(lines)


def run(split: str = "dev", nlp: Any = None) -> list[PronounItem]:
    """The pronoun items of ``split`` resolved by ``nlp`` (default: the full ``build_nlp()`` pipeline)."""
    from claimledger.evaluate.polnear import load_gold, split_dir

    gold = load_gold(split_dir(split))
    if nlp is None:
        from claimledger.nlp.pipeline import build_nlp

        nlp = build_nlp()
    items = gold_items(gold)
    return resolve_items(items, {a: t for a, (t, _) in gold.items()}, nlp)


__all__ = [
    "OUTCOMES",
    "PRONOUNS",
    "WRITER",
    "Judgement",
    "PronounItem",
    "default_judgements_path",
    "format_report",
    "gold_items",
    "load_judgements",
    "outcome",
    "resolution",
    "resolve_items",
    "run",
    "score",
]
