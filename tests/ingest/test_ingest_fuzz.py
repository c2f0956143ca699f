"""Fuzzing read_path: random bytes, broken encodings, cut gzip streams never crash, errors name the input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import InputError
from claimledger.ingest.reader import read_path
from claimledger.models import Article

SUFFIXES = [".txt", ".jsonl", ".csv", ".tsv", ".json", ".txt.gz", ".jsonl.gz", ".csv.gz", "", ".bin"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(items: list[Article | InputError], path: Path) -> None:
    for item in items:
        if isinstance(item, InputError):
            assert item.input is not None and item.input.startswith(str(path)), item
            assert str(item).startswith("[CL0")
        else:
            assert isinstance(item, Article)
            assert item.text.strip() and "\x00" not in item.text
            item.text.encode("utf-8")  # storable: no lone surrogates
            assert item.input is not None and item.input.startswith(str(path))


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_random_bytes_never_crash(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    _check(list(read_path(path, max_bytes=2048)), path)


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
_records = st.dictionaries(
    st.sampled_from(["text", "body", "id", "date", "published", "source", "title", "url", "authors", "x"]),
    _values,
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(st.one_of(_records.map(json.dumps), st.text(max_size=40)), max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
)
def test_fuzz_jsonl_with_wild_records_and_encodings(tmp_path: Path, records: list[str], encoding: str) -> None:
    path = tmp_path / "wild.jsonl"
    path.write_bytes("\n".join(records).encode(encoding, errors="replace"))
    _check(list(read_path(path)), path)


@FUZZ
@given(
    rows=st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=4), max_size=10),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_fuzz_csv_with_ragged_rows(tmp_path: Path, rows: list[list[str]], sep: str) -> None:
    path = tmp_path / "wild.csv"
    body = "\n".join(sep.join(r) for r in rows)
    path.write_text("id" + sep + "text\n" + body, encoding="utf-8", errors="surrogatepass")
    _check(list(read_path(path)), path)


_CORPUS = "\n".join(
    json.dumps({"id": i, "text": f"Record {i}: the harbour master said {i * 7} ships waited."}) for i in range(400)
)
_GZ = gzip.compress(_CORPUS.encode())


@FUZZ
@given(cut=st.integers(0, len(_GZ)))
def test_fuzz_cut_gzip_yields_a_clean_prefix_then_an_error(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(_GZ[:cut])
    items = list(read_path(path))
    _check(items, path)
    ids = [a.external_id for a in items if isinstance(a, Article)]
    assert ids == [str(i) for i in range(len(ids))]
    if cut < len(_GZ) - 8:  # the gzip trailer holds only the checksum and size
        assert isinstance(items[-1], InputError)
