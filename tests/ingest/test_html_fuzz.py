"""Hostile HTML never crashes ingest: random bytes, tag soup, truncated pages and truncated gzip.

Every outcome is an Article or an InputError naming the input (the batch goes on).
"""

from __future__ import annotations

import gzip

from html_pages import news_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import InputError
from claimledger.ingest import read_path
from claimledger.ingest.html import html_to_text, read_html
from claimledger.ingest.metadata import Metadata
from claimledger.models import Article

PAGE = news_page().encode("utf-8")
TAGS = [
    "html",
    "head",
    "body",
    "p",
    "div",
    "article",
    "script",
    "style",
    "table",
    "td",
    "li",
    "a",
    "!--",
    "meta charset='utf-16'",
    "?xml version='1.0' encoding='koi8-r'?",
    "![CDATA[",
    "title",
    "nav",
    "svg",
]

tag_soup = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.text(max_size=60),
        st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&nbsp;", "\x00", "\ufeff", "<", ">", "\"'"]),
    ),
    max_size=80,
).map("".join)


def _check(outcome: object, name: str) -> None:
    assert isinstance(outcome, Article | InputError)
    if isinstance(outcome, InputError):
        assert outcome.input and outcome.input.startswith(name), outcome
        assert str(outcome).startswith("[CL0")
    else:
        assert outcome.text.strip() and outcome.input == name


def _read(data: bytes, name: str = "fuzz.html") -> object:
    try:
        return read_html(data, input=name, defaults=Metadata())
    except InputError as err:
        return err


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_html_fuzz_random_bytes(data):
    _check(_read(data), "fuzz.html")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag_soup, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_html_fuzz_broken_markup_in_any_encoding(soup, encoding):
    _check(_read(soup.encode(encoding, "replace")), "fuzz.html")
    assert isinstance(html_to_text(soup), str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(PAGE)), tag_soup)
def test_html_fuzz_truncated_page_with_junk_appended(cut, junk):
    _check(_read(PAGE[:cut] + junk.encode("utf-8", "replace")), "fuzz.html")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.floats(0.0, 1.0))
def test_html_fuzz_truncated_gzip_through_read_path(tmp_path, share):
    blob = gzip.compress(PAGE)
    path = tmp_path / "page.html.gz"
    path.write_bytes(blob[: int(len(blob) * share)])
    items = list(read_path(path))
    assert items
    for item in items:
        _check(item, str(path))


def test_html_read_path_routes_html_files_to_read_html(tmp_path):
    (tmp_path / "dock-strike.html").write_bytes(PAGE)
    (tmp_path / "copy.htm.gz").write_bytes(gzip.compress(PAGE))
    items = list(read_path(tmp_path))
    assert [type(i) for i in items] == [Article, Article]
    assert {i.external_id for i in items} == {"copy", "dock-strike"}
    assert all(i.title == "Dock workers strike at Westhaven port" for i in items)
