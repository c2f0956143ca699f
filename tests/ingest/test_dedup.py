"""Near duplicates: wire copies with small edits are linked to the first copy; other stories are not."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.ingest.dedup import NUM_PERM, NearDuplicateIndex, shingles, signature, similarity

WIRE = """WESTHAVEN (Wire) — Dock workers at the port of Westhaven walked off the job on Tuesday, halting the
loading of grain ships for the second time this month, union officials said.

The Harbour Workers Union said about 1,200 of its members had joined the stoppage, which it described
as a response to unpaid overtime that has accumulated since the spring. The union has demanded that
operators settle the arrears before new shift rotas are introduced next month.

"We have asked for talks three times and received no answer," said Marta Lindqvist, a spokeswoman for
the union. "This is the only language the operators seem to understand."

The port authority disputed the union's figures, saying fewer than 700 workers had failed to report for
the morning shift and that two of the five grain terminals were still operating normally.

Shipping agents estimated that at least 14 vessels were waiting at anchor outside the harbour by Tuesday
evening, according to a statement from the regional chamber of commerce, which warned that exporters
could face penalties if cargoes were delayed beyond the end of the week.

The regional transport minister, Olof Brenner, urged both sides to return to negotiations and said the
government was prepared to appoint a mediator if the strike continued beyond Friday. A previous stoppage
in early March lasted two days and ended without an agreement."""

# an outlet's copy: its own dateline, a trimmed last sentence, a credit line and a footer added
COPY_OUTLET = (
    WIRE.replace("WESTHAVEN (Wire) —", "WESTHAVEN, March 12 (Harbour Gazette) —").replace(
        " A previous stoppage\nin early March lasted two days and ended without an agreement.", ""
    )
    + "\n\nAdditional reporting by Jonas Ekberg. Editing by Sara Holm."
    + "\n\nRead more about the port dispute on our website."
)

# a lightly edited copy: a few words changed, a sentence rephrased
COPY_EDITED = (
    WIRE.replace("walked off the job", "went on strike")
    .replace("union officials said", "according to union officials")
    .replace("seem to understand", "appear to understand")
    .replace("fewer than 700", "fewer than 750")
    .replace("urged both sides", "called on both sides")
)

# another story on the same strike, with the same people and figures, written independently
OTHER_STORY = """Grain exports from Westhaven ground to a halt on Tuesday as the port's dock workers staged their
second strike in a month over what their union calls years of unpaid overtime.

Marta Lindqvist, who speaks for the Harbour Workers Union, told reporters that 1,200 members had stayed
away and that the union's repeated requests for talks had gone unanswered. Port managers put the number
of absent workers closer to 700 and insisted that part of the grain terminal network kept running.

By nightfall, 14 ships were anchored offshore. Exporters, who face contractual penalties for late
deliveries, urged the government to intervene. Transport minister Olof Brenner said a mediator could be
appointed if the dispute was not resolved by Friday, but stopped short of ordering workers back.

Economists at the regional chamber of commerce said a week-long stoppage could cost exporters millions
and delay shipments bound for markets across the region."""


@pytest.fixture()
def index():
    idx = NearDuplicateIndex()
    assert idx.add("wire", signature(WIRE)) is None
    return idx


def test_dedup_wire_copies_are_linked_to_the_first_copy(index):
    assert index.add("outlet", signature(COPY_OUTLET)) == "wire"
    assert index.add("edited", signature(COPY_EDITED)) == "wire"


def test_dedup_other_story_on_the_same_topic_is_not_flagged(index):
    assert index.add("other", signature(OTHER_STORY)) is None
    assert similarity(signature(WIRE), signature(OTHER_STORY)) < 0.2


def test_dedup_copies_are_similar_but_not_identical():
    assert 0.8 <= similarity(signature(WIRE), signature(COPY_OUTLET)) < 1.0
    assert 0.8 <= similarity(signature(WIRE), signature(COPY_EDITED)) < 1.0


def test_dedup_threshold_is_configurable():
    strict = NearDuplicateIndex(threshold=0.99)
    strict.add("wire", signature(WIRE))
    assert strict.add("edited", signature(COPY_EDITED)) is None


def test_dedup_best_match_wins_and_ties_go_to_the_first_added():
    idx = NearDuplicateIndex()
    idx.add("a", signature(WIRE))
    idx.add("b", signature(WIRE))  # same text under another id: a duplicate of a
    assert idx.add("c", signature(COPY_EDITED)) == "a"


def test_dedup_signature_is_compact_bytes_and_deterministic():
    sig = signature(WIRE)
    assert isinstance(sig, bytes) and len(sig) == 4 + 4 * NUM_PERM
    assert sig == signature(WIRE)


def test_dedup_index_rebuilt_from_stored_signatures_finds_the_same_copies():
    stored = [("wire", signature(WIRE)), ("other", signature(OTHER_STORY))]
    idx = NearDuplicateIndex()
    idx.load(stored)
    assert len(idx) == 2 and "wire" in idx
    assert idx.add("outlet", signature(COPY_OUTLET)) == "wire"


def test_dedup_same_doc_id_twice_is_not_its_own_duplicate(index):
    assert index.add("wire", signature(WIRE)) is None
    assert len(index) == 1


def test_dedup_empty_texts_are_never_duplicates():
    idx = NearDuplicateIndex()
    assert idx.add("e1", signature("")) is None
    assert idx.add("e2", signature("")) is None
    assert similarity(signature(""), signature("")) == 0.0


def test_dedup_rejects_foreign_or_mismatched_signatures():
    idx = NearDuplicateIndex()
    with pytest.raises(ValueError, match="not a claimledger MinHash signature"):
        idx.add("x", b"\x00" * 516)
    with pytest.raises(ValueError, match="permutations"):
        idx.add("y", signature(WIRE, num_perm=64))
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=0)


def test_dedup_shingles_are_case_and_punctuation_insensitive_word_bigrams():
    assert shingles("The Port, the port.") == {b"the port", b"port the"}
    assert shingles("The Port, the port.", 3) == {b"the port the", b"port the port"}
    assert shingles("Word") == {b"word"}
    assert shingles("  ") == set()


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: any(ch.isalnum() for ch in t)))
def test_dedup_a_text_is_fully_similar_to_itself(text):
    assert similarity(signature(text), signature(text)) == 1.0


def _exact_lsh_answer(index: NearDuplicateIndex, earlier: list[tuple[str, bytes]], sig: bytes) -> str | None:
    """What the index must answer, computed naively: the best-scoring earlier signature that shares a
    whole band with ``sig`` and reaches the threshold (ties: the first added)."""
    values = np.frombuffer(sig, dtype="<u4", offset=4)
    if np.all(values == 0xFFFFFFFF):
        return None
    width = index.bands * index.rows
    best, best_score = None, -1.0
    for doc_id, other in earlier:
        theirs = np.frombuffer(other, dtype="<u4", offset=4)
        if np.all(theirs == 0xFFFFFFFF):
            continue
        shares_band = (values[:width].reshape(index.bands, -1) == theirs[:width].reshape(index.bands, -1)).all(1).any()
        score = float(np.count_nonzero(values == theirs)) / len(values)
        if shares_band and score >= index.threshold and score > best_score:
            best, best_score = doc_id, score
    return best


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 2), min_size=NUM_PERM, max_size=NUM_PERM), min_size=1, max_size=40),
    st.sampled_from([0.3, 0.5, 0.8]),
)
def test_dedup_index_answers_exactly_what_its_bands_imply(rows, threshold):
    """Whatever the order and however often the buffer is merged into sorted runs, every answer is
    the naive one: no candidate lost, none invented, ties to the first added."""

    class TinyBuffer(NearDuplicateIndex):
        BUFFER = 3  # many sorted runs and merges over a few dozen articles

    idx = TinyBuffer(threshold=threshold)
    earlier: list[tuple[str, bytes]] = []
    for i, values in enumerate(rows):
        # few distinct values, so that bands collide often
        sig = b"M1" + NUM_PERM.to_bytes(2, "little") + np.asarray(values, dtype="<u4").tobytes()
        assert idx.add(f"d{i}", sig) == _exact_lsh_answer(idx, earlier, sig)
        earlier.append((f"d{i}", sig))
    assert len(idx) == len(rows)


def test_dedup_index_stays_small():
    """The index lives for a whole ingest: well under 2 KB per article (datasketch's took ~8.7 KB)."""
    import tracemalloc

    sigs = [signature(f"story {i} " + " ".join(f"w{(i * 7 + k) % 997}" for k in range(200))) for i in range(600)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        idx = NearDuplicateIndex()
        idx.load((f"doc-{i:08d}", s) for i, s in enumerate(sigs))
        per_article = (tracemalloc.get_traced_memory()[0] - before) / len(sigs)
    finally:
        tracemalloc.stop()
    assert len(idx) == 600
    assert per_article < 2048 + (1 << 20) / 600  # + the first, preallocated block of signatures
