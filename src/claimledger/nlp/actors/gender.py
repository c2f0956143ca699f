"""What the text and the name say about a person's gender, for pronoun agreement ("she" is not Paul Benet).

* A title or a gendered role noun: Mr/Sir/spokesman -> ``m``; Mrs/Ms/Miss/spokeswoman -> ``f``.
* A first name: ``resources/actors/first_names.tsv`` (66,000 names), built by
  ``scripts/mine_coref_stats.py`` from the name data of nomquamgender (Van Buskirk, Clauset &
  Larremore 2023, "An open-source cultural consensus approach to name-based gender classification",
  ICWSM; MIT licence): names seen at least 50 times with p(female) <= 0.1 or >= 0.9.  A name
  used by both ("Kim", "Jordan", "Terry") tells nothing.

Speaker nouns (``resources/actors/speaker_nouns.tsv``, the same miner): common nouns that head a gold
Source span of PolNeAR train ("officials", "insiders", "campaign"): what "they said" can stand for.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from claimledger.nlp.actors.names import ascii_fold

RESOURCES = Path(__file__).parents[1] / "resources" / "actors"
MALE_WORDS = frozenset(
    "mr mr. sir lord king prince spokesman chairman congressman councilman businessman husband father "
    "son brother uncle".split()
)
FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss madam dame lady queen princess spokeswoman chairwoman congresswoman "
    "councilwoman businesswoman wife mother daughter sister aunt".split()
)


def _rows(name: str) -> list[list[str]]:
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name -> ``m`` or ``f`` (the mined table)."""
    return {row[0]: row[1] for row in _rows("first_names.tsv")}


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Common-noun lemmas seen heading a source in PolNeAR train."""
    return frozenset(row[0] for row in _rows("speaker_nouns.tsv") if row[0].isalpha() and len(row[0]) > 2)


def word_gender(word: str) -> str | None:
    """``m``/``f`` of a title or gendered role noun ("Mrs.", "spokesman"), else None."""
    low = word.lower()
    return "m" if low in MALE_WORDS else "f" if low in FEMALE_WORDS else None


def name_gender(name: str) -> str | None:
    """``m``/``f`` of a person's name from its title or its first name ("Mrs. Benet" -> f,
    "Laura Benet" -> f, "Benet" -> None).

    Args:
        name: a person's name as written or canonical.
    """
    words = name.split()
    if not words:
        return None
    titled = word_gender(words[0])
    if titled is not None or len(words) < 2:
        return titled
    return first_names().get(ascii_fold(words[0]))


__all__ = ["FEMALE_WORDS", "MALE_WORDS", "first_names", "name_gender", "speaker_nouns", "word_gender"]
