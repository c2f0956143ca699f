"""One key for a person's names across articles (titles, diacritics, transliterations)."""

from __future__ import annotations

import pytest

from claimledger.nlp.actors.names import person_key


@pytest.mark.parametrize(
    "a, b",
    [
        ("Volodymyr Zelensky", "Volodimir Zelenskiy"),
        ("Muammar Gaddafi", "Moammar Qaddafi"),
        ("Recep Tayyip Erdoğan", "Recep Erdogan"),
        ("Bashar al-Assad", "Bashar Assad"),
        ("Sergei Shoigu", "Sergey Shoygu"),
        ("Gen. Mirek Sova", "Mirek Sova"),
    ],
)
def test_names_spellings_of_one_person_share_a_key(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


def test_names_first_initial_keeps_namesakes_apart() -> None:
    assert person_key("Hillary Clinton") != person_key("Bill Clinton")
