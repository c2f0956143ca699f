"""Scraped-text repair: fragments rejoined, paragraphs kept, captions/credits/chrome dropped, offsets exact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.ingest.repair import Repaired, repair

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _nonspace(s: str) -> str:
    return "".join(s.split())


def _raw_minus_dropped(raw: str, r: Repaired, start: int, end: int) -> str:
    """raw[start:end] without the characters of dropped spans."""
    keep = []
    pos = start
    for d in sorted(r.dropped, key=lambda d: d.start):
        if d.end <= pos or d.start >= end:
            continue
        keep.append(raw[pos : max(pos, d.start)])
        pos = max(pos, d.end)
    keep.append(raw[pos:end])
    return "".join(keep)


def _assert_maps_back(raw: str, r: Repaired, start: int, end: int) -> None:
    rs, re_ = r.offsets.to_raw(start, end)
    assert 0 <= rs <= re_ <= len(raw)
    assert _nonspace(r.text[start:end]) == _nonspace(_raw_minus_dropped(raw, r, rs, re_))


def test_repair_rejoins_link_fragments_in_health_story() -> None:
    raw = _fixture("scraped_health.txt")
    r = repair(raw)
    assert (
        "The World Health Organization said on Monday that a cholera outbreak in southern Zambia had spread" in r.text
    )
    assert "Dr. Amara Nwosu, the agency’s regional emergency director, told reporters" in r.text
    assert "According to Médecins Sans Frontières, treatment centres in the Copperbelt Province were" in r.text


def test_repair_drops_captions_bylines_and_chrome() -> None:
    raw = _fixture("scraped_health.txt")
    r = repair(raw)
    reasons = {raw[d.start : d.end]: d.reason for d in r.dropped}
    assert reasons == {
        "By Maria Okafor and Tom Reyes": "byline",
        "Updated: March 4, 2025 08:15 GMT": "chrome",
        "A health worker prepares oral rehydration salts at a clinic in Lusaka. (Photo: Reuters)": "caption",
        "Also read: How cholera vaccines are rationed worldwide": "chrome",
    }
    for gone in ("Okafor", "Updated", "rehydration", "rationed"):
        assert gone not in r.text


def test_repair_keeps_sentence_final_line_breaks_as_paragraphs() -> None:
    r = repair(_fixture("scraped_health.txt"))
    lines = r.text.strip().split("\n")
    assert len(lines) == 5
    assert all(re.search(r"[.!?][”\"]?\.?$", line) for line in lines)


def test_repair_keeps_blank_line_paragraphs_and_heading() -> None:
    raw = _fixture("scraped_rates.txt")
    r = repair(raw)
    paragraphs = [p for p in r.text.split("\n\n") if p.strip()]
    assert paragraphs[0] == "Central bank holds rates as inflation cools"
    assert paragraphs[1].startswith("The Reserve Bank of Australia kept its cash rate at 4.35% on Tuesday")
    assert "growth in household spending and easing price pressures." in paragraphs[1]
    assert paragraphs[2].startswith("Governor Michele Bullock said the board")
    assert "watch the labour market closely. Economists at Westpac, however, said a cut" in paragraphs[2]
    assert paragraphs[3].startswith("Treasurer Jim Chalmers")
    assert len(paragraphs) == 4
    assert {d.reason for d in r.dropped} == {"caption", "chrome"}
    assert "Getty" not in r.text and "AP Photo" not in r.text and "subscribe" not in r.text


def test_repair_leaves_clean_wire_text_untouched() -> None:
    raw = _fixture("clean_wire.txt")
    r = repair(raw)
    assert r.text == raw
    assert r.offsets.is_identity and not r.dropped and not r.changed


def test_repair_handles_windows_line_endings_like_unix() -> None:
    raw = _fixture("scraped_flood.txt")
    crlf = raw.replace("\n", "\r\n")
    assert repair(crlf).text.replace("\r", "") == repair(raw).text
    r = repair(crlf)
    _assert_maps_back(crlf, r, 0, len(r.text))


def test_repair_drops_credit_line_of_flood_story_and_joins_names() -> None:
    raw = _fixture("scraped_flood.txt")
    r = repair(raw)
    assert r.text.startswith("Rescue teams in Assam evacuated more than 20,000 people")
    assert "as the Brahmaputra rose above the danger mark" in r.text
    assert "Chief Minister Himanta Biswa Sarma, who visited relief camps" in r.text
    assert "a charge the power utility denied." in r.text
    assert [d.reason for d in r.dropped] == ["caption", "chrome"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("He met President\nJane Roe\nin Geneva on Friday.", "He met President Jane Roe in Geneva on Friday."),
        ("Aid from the\nUnited Nations\nwas blocked.", "Aid from the United Nations was blocked."),
        ("The talks, which began in\nOman\n, ended on Sunday.", "The talks, which began in Oman, ended on Sunday."),
        ("Troops reached the U.S.\nborder post by noon.", "Troops reached the U.S. border post by noon."),
        ("A Chinese-\nbuilt dam was hit.", "A Chinese-built dam was hit."),
        ("Fighting in the east\nRussian troops took a town.", "Fighting in the east\nRussian troops took a town."),
        ("The army withdrew.\nThe mayor stayed.", "The army withdrew.\nThe mayor stayed."),
        ("The army withdrew.\n\nthen rain fell.", "The army withdrew.\n\nthen rain fell."),
    ],
)
def test_repair_join_decisions(raw: str, expected: str) -> None:
    assert repair(raw).text == expected


def test_repair_byline_like_fragment_continued_by_next_line_is_kept() -> None:
    raw = "By Monday\n, the army said, the town had fallen."
    assert repair(raw).text == "By Monday, the army said, the town had fallen."


def test_repair_seed_drops_photo_credit_and_rejoins(shared: Path) -> None:
    raw = (shared / "data" / "seed" / "kursk-article.txt").read_text(encoding="utf-8")
    r = repair(raw)
    assert [d.reason for d in r.dropped] == ["caption"]
    assert "credit" not in r.text.lower()
    first = r.text.split("\n")[0]
    assert first.endswith("casualties, Ukrainian officials claim.")
    assert "\n," not in r.text
    for m in re.finditer(r"\S+(?: \S+){0,5}", r.text):
        _assert_maps_back(raw, r, m.start(), m.end())


def test_repair_offsets_map_every_word_of_fixtures_back() -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        r = repair(raw)
        for m in re.finditer(r"\S+", r.text):
            rs, re_ = r.offsets.to_raw(m.start(), m.end())
            assert _nonspace(raw[rs:re_]) == m.group(), path.name  # "Sarma," <- "Sarma\n,"


def test_repair_is_idempotent_on_fixtures() -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        once = repair(path.read_text(encoding="utf-8"))
        twice = repair(once.text)
        assert twice.text == once.text, path.name
        assert not twice.dropped


# --- properties --------------------------------------------------------------------------------

_PIECES = [
    "The minister",
    "said on Friday that",
    "talks had failed.",
    "North Region",
    ", a spokesman for the army,",
    "told reporters",
    "“We will not retreat,” she said.",
    "(Photo: Reuters)",
    "Also read: ten facts",
    "By Jane Roe",
    "in the",
    "Western Province",
    "had been shelled",
    "U.S.",
    "officials",
    "claim.",
    "Getty Images",
    "’s forces",
    "—",
    "5%",
    "Click here to subscribe",
    "the",
    "Advertisement",
    "Updated: 3 March 2025",
]
_SEPS = ["\n", "\n\n", " \n", "\r\n", "\n \n", " ", "\n\n\n"]
realistic = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPS)), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts)
)
any_text = st.one_of(realistic, st.text(alphabet=st.characters(codec="utf-8"), max_size=300))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, data=st.data())
def test_repair_spans_map_back_to_the_same_characters(text: str, data: st.DataObject) -> None:
    r = repair(text)
    n = len(r.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    _assert_maps_back(text, r, start, end)
    _assert_maps_back(text, r, 0, n)


@settings(max_examples=200, deadline=None)
@given(text=any_text)
def test_repair_offsets_are_monotone_and_in_bounds(text: str) -> None:
    r = repair(text)
    prev = (0, 0)
    for i in range(0, len(r.text) + 1, max(1, len(r.text) // 25)):
        cur = r.offsets.to_raw(i, len(r.text))
        assert prev[0] <= cur[0] <= cur[1] <= len(text)
        assert r.offsets.to_raw(0, i)[1] >= r.offsets.to_raw(0, max(0, i - 1))[1]
        prev = cur
    for d in r.dropped:
        assert 0 <= d.start < d.end <= len(text)
        start, end = r.offsets.to_repaired(d.start, d.end)
        assert start == end  # nothing of a dropped line reaches the repaired text


@settings(max_examples=200, deadline=None)
@given(text=realistic)
def test_repair_is_idempotent_on_generated_scraped_text(text: str) -> None:
    once = repair(text)
    assert repair(once.text).text == once.text
