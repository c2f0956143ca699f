"""One key for one person's names across articles: titles, diacritics and transliterations folded.

News spells one person many ways: "Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodimir Zelenskiy",
"President Zelensky"; "Muammar Gaddafi", "Moammar Qaddafi", "Muammar al-Gaddafi"; "Recep Tayyip
Erdoğan", "Recep Erdogan".  :func:`person_key` maps them to one key: the surname folded by
romanisation rules (diacritics dropped, an Arabic article "al-"/"el-" dropped, y/i, kh/h, q/k, dh/d,
ou/u, doubled letters and the -y/-i/-iy/-yy endings of Slavic surnames made one), preceded by the
first name's initial when the name has one.  The initial keeps "Hillary Clinton" and "Bill Clinton"
apart; a surname written alone ("Zelensky") links to the full name inside its article
(:mod:`claimledger.nlp.actors.component`), but across articles only a full name has the full key.
"""

from __future__ import annotations

import re
import unicodedata

TITLES = frozenset(
    "mr mrs ms miss dr prof gen general col colonel lt lieutenant maj major capt captain sgt sergeant adm admiral "
    "sen senator rep gov governor pres president sir dame lord brig cmdr commander minister premier king queen "
    "prince sheikh pm mp".split()
)
_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "ibn", "bin", "ben", "von", "van", "de", "der", "da"})
# romanisation variants, applied in order to the lower-case ASCII surname
_FOLDS: tuple[tuple[str, str], ...] = (
    (r"^(al|el|ad|ash|as|at)-", ""),
    (r"kh", "h"),
    (r"dh", "d"),
    (r"zh", "j"),
    (r"q", "k"),
    (r"^g", "k"),  # Arabic qaf: Qaddafi, Gaddafi, Kadhafi
    (r"ck", "k"),
    (r"ph", "f"),
    (r"ou", "u"),
    (r"y", "i"),
    (r"(iy|ii|yi)$", "i"),
    (r"([a-z])\1+", r"\1"),
    (r"[^a-z]", ""),
)


def ascii_fold(text: str) -> str:
    """Lower-case ASCII: diacritics dropped ("Erdoğan" -> "erdogan")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def fold_surname(word: str) -> str:
    """A surname in its folded form ("Zelenskyy", "Zelenskiy", "Zelensky" -> "zelenski")."""
    out = ascii_fold(word)
    for pattern, repl in _FOLDS:
        out = re.sub(pattern, repl, out)
    return out


def person_key(name: str) -> str:
    """The cross-article key of a person's name: ``"v zelenski"``, or ``"zelenski"`` without a first name.

    Args:
        name: a person's name as written, with or without titles.
    """
    words = [w for w in re.split(r"[\s]+", name.strip()) if w]
    words = [w for w in words if ascii_fold(w).rstrip(".") not in TITLES]
    words = [w for w in words if not re.fullmatch(r"[A-Z]\.?", w) or w is words[0]]  # middle initials
    if not words:
        return ascii_fold(name)
    surname = words[-1]
    if surname.lower().rstrip(".") in ("jr", "sr", "ii", "iii") and len(words) > 1:
        words = words[:-1]
        surname = words[-1]
    given = [w for w in words[:-1] if ascii_fold(w).strip("-") not in _PARTICLES]
    key = fold_surname(surname)
    return f"{ascii_fold(given[0])[:1]} {key}" if given else key


__all__ = ["TITLES", "ascii_fold", "fold_surname", "person_key"]
