"""HTML pages -> Article: main text kept, page furniture dropped, metadata from the page, clear errors."""

from __future__ import annotations

import codecs
from datetime import date

import pytest
from html_pages import ARTICLE_PARAGRAPHS, FRENCH_PARAGRAPHS, FURNITURE, NAV_ONLY_PAGE, news_page

from claimledger.errors import BinaryInput, EmptyInput, InputTooLarge, MalformedRecord
from claimledger.ingest.html import clean_outlet, clean_title, decode_html, html_to_text, is_boilerplate, read_html
from claimledger.ingest.metadata import Metadata


@pytest.fixture(scope="module")
def article():
    return read_html(news_page().encode("utf-8"), input="pages/dock-strike.html", defaults=Metadata())


def test_html_keeps_every_paragraph_of_the_article(article):
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in article.text


def test_html_drops_menus_banners_captions_credits_and_related_links(article):
    for furniture in FURNITURE:
        assert furniture not in article.text, furniture


def test_html_separates_paragraphs_with_a_blank_line(article):
    assert article.text.split("\n\n") == list(ARTICLE_PARAGRAPHS)


def test_html_reads_metadata_from_the_page(article):
    assert article.title == "Dock workers strike at Westhaven port"
    assert article.outlet == "The Harbour Gazette"
    assert article.author == "Jonas Ekberg"
    assert article.published == date(2024, 3, 12)
    assert article.url == "https://harbourgazette.example/news/2024/03/12/dock-strike"
    assert article.language == "en"
    assert article.external_id == "dock-strike"
    assert article.input == "pages/dock-strike.html"


def test_html_page_values_win_over_defaults_which_fill_gaps():
    defaults = Metadata(published="2020-01-01", outlet="Batch Outlet", title="Batch title")
    art = read_html(news_page().encode(), input="p.html", defaults=defaults)
    assert art.published == date(2024, 3, 12) and art.outlet == "The Harbour Gazette"
    bare = news_page().replace('<meta property="article:published_time" content="2024-03-12T09:30:00+01:00">', "")
    bare = bare.replace("2024-03-12T09:30:00+01:00", "").replace("12 March 2024", "").replace("/2024/03/12/", "/")
    art = read_html(bare.encode(), input="p.html", defaults=defaults)
    assert art.published == date(2020, 1, 1)


def test_html_forced_metadata_wins_over_the_page():
    forced = Metadata(url="https://mirror.example/strike", outlet="Mirror")
    art = read_html(news_page().encode(), input="p.html", defaults=Metadata(), forced=forced)
    assert art.url == "https://mirror.example/strike" and art.outlet == "Mirror"


def test_html_drops_credit_and_teaser_lines_inside_the_body():
    extra = (
        "(Photo: Anna Berg/Harbour Gazette)",
        "Related: Ferry timetable changes announced for the summer season",
        "Read more: Bridge repairs to close the coastal road",
        "Sign up for our morning newsletter to get the top stories in your inbox.",
    )
    paragraphs = ARTICLE_PARAGRAPHS[:3] + extra + ARTICLE_PARAGRAPHS[3:]
    art = read_html(news_page(paragraphs=paragraphs).encode(), input="p.html", defaults=Metadata())
    assert art.text.split("\n\n") == list(ARTICLE_PARAGRAPHS)


def test_html_non_english_page_gets_its_language():
    art = read_html(news_page(lang="fr", paragraphs=FRENCH_PARAGRAPHS).encode(), input="fr.html", defaults=Metadata())
    assert art.language == "fr"


def test_html_language_is_detected_not_declared():
    # a template that declares English around French text
    art = read_html(news_page(lang="en", paragraphs=FRENCH_PARAGRAPHS).encode(), input="fr.html")
    assert art.language == "fr"


def test_html_declared_charset_is_honoured():
    page = news_page(charset_meta="windows-1252").replace("Lindqvist", "Lindqvíst")
    art = read_html(page.encode("cp1252"), input="cp.html", defaults=Metadata())
    assert "Lindqvíst" in art.text and "\u201cWe have asked" in art.text


def test_html_utf16_with_bom_is_decoded():
    data = codecs.BOM_UTF16_LE + news_page().encode("utf-16-le")
    assert "Westhaven" in read_html(data, input="u16.html").text


def test_html_xml_declaration_with_encoding_is_accepted():
    page = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + news_page(charset_meta="iso-8859-1")
    art = read_html(page.encode("latin-1", "replace"), input="x.html")
    assert ARTICLE_PARAGRAPHS[0] in art.text


def test_html_fragment_without_html_tag_is_read():
    frag = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    art = read_html(frag.encode(), input="frag.html")
    assert ARTICLE_PARAGRAPHS[-1] in art.text


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_html_empty_page_is_an_empty_input_error(data):
    with pytest.raises(EmptyInput, match=r"\[CL002\] empty\.html:"):
        read_html(data, input="empty.html")


def test_html_page_without_article_text_names_the_input():
    with pytest.raises(EmptyInput, match=r"nav\.html: no article text"):
        read_html(NAV_ONLY_PAGE.encode(), input="nav.html")


def test_html_binary_file_is_refused_by_kind():
    with pytest.raises(BinaryInput, match=r"photo\.html: this is a PNG image"):
        read_html(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, input="photo.html")


def test_html_plain_text_is_not_mistaken_for_a_page():
    with pytest.raises(MalformedRecord, match=r"notes\.html: no HTML markup"):
        read_html(b"Just a few words of plain text, with no markup at all.", input="notes.html")


def test_html_enormous_page_is_refused_before_parsing():
    with pytest.raises(InputTooLarge, match=r"big\.html: HTML page is"):
        read_html(news_page().encode(), input="big.html", max_bytes=1000)


def test_html_deeply_nested_markup_does_not_crash():
    page = "<html><body>" + "<div>" * 20000 + "<p>" + ARTICLE_PARAGRAPHS[0] + "</p>" + "</div>" * 20000
    try:
        art = read_html(page.encode(), input="deep.html")
    except (EmptyInput, MalformedRecord) as err:
        assert err.input == "deep.html"
    else:
        assert art.input == "deep.html"


def test_html_to_text_keeps_paragraphs_and_drops_scripts_and_captions():
    frag = (
        "<p>First <b>bold</b> point.</p><script>alert(1)</script><figure><img src=x>"
        "<figcaption>A caption</figcaption></figure><ul><li>One</li><li>Two</li></ul>tail"
    )
    assert html_to_text(frag) == "First bold point.\n\nOne\n\nTwo\n\ntail"


def test_html_to_text_survives_thousands_of_nested_elements():
    assert isinstance(html_to_text("<div>" * 5000 + "deep" + "</div>" * 5000), str)


@pytest.mark.parametrize(
    "line",
    [
        "(AP Photo/Jane Doe)",
        "Photo: Anna Berg",
        "Image credit: Getty Images",
        "Related: Ferry timetable changes",
        "READ MORE: Bridge repairs to close the road",
        "Sign up for our newsletter to get updates in your inbox",
        "2019-11-19T08:57:45+01:00",
        "© 2024 The Harbour Gazette. All rights reserved.",
        "Share this article",
        "12 Comments",
    ],
)
def test_html_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The photo showed the minister at the port, officials said.",
        "Related talks will resume on Friday.",
        "More than 1,200 workers joined the strike.",
        "Copyright disputes delayed the film's release until 2025.",
        "Readers can subscribe to the report, the union said, though few have.",
    ],
)
def test_html_article_sentences_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("title", "names", "headings", "expected"),
    [
        ("Storm hits coast | Example News", ("Example News", "example.com"), (), "Storm hits coast"),
        ("Example News: Storm hits the northern coast", ("Example News",), (), "Storm hits the northern coast"),
        (
            "Opinion | Storm lessons - The Example Times",
            ("ExampleTimes", "exampletimes.com"),
            ("Storm lessons",),
            "Storm lessons",
        ),
        ("Storm – a night of chaos | Example", ("Example", "example.org"), (), "Storm – a night of chaos"),
        ("Example News", ("Example News",), (), "Example News"),
    ],
)
def test_html_title_loses_site_decoration(title, names, headings, expected):
    assert clean_title(title, *names, headings=headings) == expected


def test_html_outlet_prefers_the_site_name_and_falls_back_to_the_host():
    assert clean_outlet("The Harbour Gazette | Local news since 1901", "www.harbourgazette.example") == (
        "The Harbour Gazette"
    )
    assert clean_outlet(None, "www.harbourgazette.example") == "harbourgazette.example"
    assert clean_outlet("Copyright 2014", "news.example") == "news.example"
    assert clean_outlet("Nj", "www.nj.example", declared="nj") == "nj.example"


def test_html_decode_prefers_utf8_then_the_declared_charset():
    assert decode_html("<p>café</p>".encode(), input="a") == "<p>café</p>"
    raw = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r")
    assert "Привет" in decode_html(raw, input="b")
