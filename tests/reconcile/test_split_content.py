"""A split content's parts, not the span from its first to its last part, locate and date an event."""

from __future__ import annotations

from claimledger.models import Claim, Place, Source, Span
from claimledger.reconcile.events import _place_for, content_words, in_content

TEXT = (
    "More than 70 people died when the ferry sank near Goma, the Rutshuru civil society said, "
    "nearly double the official toll."
)


def _span(piece: str) -> Span:
    start = TEXT.index(piece)
    return Span(start, start + len(piece), piece)


def _place(piece: str, feature: str) -> Place:
    s = _span(piece)
    return Place("d1", piece, s.start, s.end, piece, country="CD", lat=-1.6, lon=29.2, feature=feature)


def _claim() -> Claim:
    first = _span("More than 70 people died when the ferry sank near Goma")
    second = _span("nearly double the official toll")
    src = _span("the Rutshuru civil society")
    return Claim(
        "c1",
        "d1",
        Source(src.text, src.start, src.end),
        _span("said"),
        Span(first.start, second.end, TEXT[first.start : second.end]),
        content_parts=(first, second),
    )


def test_the_source_between_two_content_parts_is_not_content() -> None:
    claim = _claim()
    assert in_content(claim, *_offsets("Goma"))
    assert in_content(claim, *_offsets("official toll"))
    assert not in_content(claim, *_offsets("Rutshuru"))  # inside the source, between the parts
    assert not in_content(claim, *_offsets("said"))


def test_a_place_in_the_source_name_never_locates_the_event() -> None:
    claim = _claim()
    goma, rutshuru = _place("Goma", "PPLA"), _place("Rutshuru", "PPLA2")
    assert _place_for(claim, [goma, rutshuru], TEXT) == goma
    assert _place_for(claim, [rutshuru], TEXT) is None


def test_an_unsplit_content_is_its_span() -> None:
    claim = _claim()
    whole = Claim("c2", "d1", claim.source, claim.cue, claim.content)
    assert in_content(whole, *_offsets("Rutshuru"))  # without parts the envelope is all we know


def _offsets(piece: str) -> tuple[int, int]:
    s = _span(piece)
    return s.start, s.end


def test_the_source_between_the_parts_gives_no_event_words() -> None:
    text = "Two people died, the flood victims' committee said, in the town."
    first, second = text.index("Two people died"), text.index("in the town")
    parts = (Span(first, first + 15, text[first : first + 15]), Span(second, second + 11, text[second : second + 11]))
    src = text.index("the flood victims' committee")
    claim = Claim(
        "c3",
        "d1",
        Source("the flood victims' committee", src, src + 28),
        Span(text.index("said"), text.index("said") + 4, "said"),
        Span(first, second + 11, text[first : second + 11]),
        content_parts=parts,
    )
    words = content_words(claim)
    assert len(words) == len(claim.content.text) and "flood" not in words and "died" in words
