"""RSS 2.0 and Atom feeds -> one article per item; items without text are errors naming FEED#item-N."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import EmptyInput, InputError, InputTooLarge, MalformedRecord
from claimledger.ingest.feeds import read_feed
from claimledger.ingest.metadata import Metadata
from claimledger.models import Article

P1 = (
    "Dock workers at the port of Westhaven walked off the job on Tuesday, halting the loading of grain "
    "ships for the second time this month, union officials said."
)
P2 = (
    "The port authority disputed the union's figures, saying fewer than 700 workers had failed to report "
    "for the morning shift."
)
P3 = "Shipping agents estimated that at least 14 vessels were waiting at anchor outside the harbour by Tuesday evening."

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Harbour Gazette - Port news</title>
  <link>https://harbourgazette.example/</link>
  <language>en-gb</language>
  <item>
    <title>Dock workers strike at Westhaven port</title>
    <link>https://harbourgazette.example/news/dock-strike</link>
    <guid isPermaLink="false">hg-2024-0312-01</guid>
    <pubDate>Tue, 12 Mar 2024 23:30:00 -0500</pubDate>
    <dc:creator>Jonas Ekberg</dc:creator>
    <description>Dock workers walked off the job on Tuesday.</description>
    <content:encoded><![CDATA[<p>{P1}</p><figure><img src="c.jpg"><figcaption>Cranes stand idle.</figcaption>
      </figure><p>{P2}</p><script>track()</script><p>{P3}</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry &amp; bridge works: what changes</title>
    <link>https://harbourgazette.example/news/ferry</link>
    <pubDate>Mon, 11 Mar 2024 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;{P2}&lt;/p&gt;&lt;p&gt;{P3}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Video: the harbour at dawn</title>
    <link>https://harbourgazette.example/video/dawn</link>
  </item>
  <item>
    <title>Plain summary</title>
    <description>{P1}</description>
  </item>
</channel>
</rss>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Westhaven Wire</title>
  <link href="https://wire.example/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-03-12T18:30:02Z</updated>
  <entry>
    <title>Port strike enters second day</title>
    <link href="https://wire.example/2024/03/13/strike"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-03-13T06:00:00+01:00</published>
    <updated>2024-03-13T07:00:00+01:00</updated>
    <author><name>Sara Holm</name></author>
    <summary>Short teaser.</summary>
    <content type="html">&lt;p&gt;{P1}&lt;/p&gt;&lt;p&gt;{P2}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Talks <em>resume</em></div></title>
    <link href="https://wire.example/2024/03/14/talks"/>
    <id>tag:wire.example,2024:talks</id>
    <updated>2024-03-14T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{P3}</p><p>{P2}</p></div></content>
  </entry>
  <entry>
    <title>Plain text entry</title>
    <id>tag:wire.example,2024:plain</id>
    <updated>2024-03-15T10:00:00Z</updated>
    <content type="text">{P1}

{P3}</content>
  </entry>
</feed>""".encode()


def _items(data: bytes, **kw):
    return list(read_feed(data, input="port.xml", defaults=kw.pop("defaults", Metadata()), **kw))


def test_feeds_rss_items_become_articles_with_their_full_content():
    items = _items(RSS)
    first = items[0]
    assert isinstance(first, Article)
    assert first.text == f"{P1}\n\n{P2}\n\n{P3}"  # content:encoded, not the teaser description
    assert "Cranes stand idle" not in first.text and "track()" not in first.text


def test_feeds_rss_item_metadata():
    first, second = _items(RSS)[:2]
    assert first.title == "Dock workers strike at Westhaven port"
    assert first.url == "https://harbourgazette.example/news/dock-strike"
    assert first.external_id == "hg-2024-0312-01"
    assert first.author == "Jonas Ekberg"
    assert first.published == date(2024, 3, 12)  # the date as written at its own offset
    assert first.outlet == "The Harbour Gazette"
    assert first.language == "en"
    assert first.input == "port.xml#item-1"
    assert second.title == "Ferry & bridge works: what changes"
    assert second.text == f"{P2}\n\n{P3}"  # HTML escaped in <description>
    assert second.external_id == "https://harbourgazette.example/news/ferry"


def test_feeds_item_without_text_is_an_error_naming_the_item_and_the_rest_goes_on():
    items = _items(RSS)
    assert len(items) == 4
    err = items[2]
    assert isinstance(err, EmptyInput)
    assert err.input == "port.xml#item-3"
    assert "https://harbourgazette.example/video/dawn" in str(err) and "not fetched" in str(err)
    assert isinstance(items[3], Article) and items[3].text == P1


def test_feeds_atom_entries_use_content_and_feed_title_as_outlet():
    items = _items(ATOM)
    assert [type(i) for i in items] == [Article, Article, Article]
    a, b, c = items
    assert a.text == f"{P1}\n\n{P2}" and a.author == "Sara Holm"
    assert a.published == date(2024, 3, 13) and a.outlet == "Westhaven Wire"
    assert a.url == "https://wire.example/2024/03/13/strike"
    assert b.title == "Talks resume" and b.text == f"{P3}\n\n{P2}"
    assert b.published == date(2024, 3, 14)
    assert c.text == f"{P1}\n\n{P3}" and c.input == "port.xml#item-3"


def test_feeds_item_values_win_over_defaults_which_fill_gaps():
    defaults = Metadata(outlet="Batch", published="2020-01-01", language="en")
    a = _items(RSS, defaults=defaults)[0]
    assert a.outlet == "The Harbour Gazette" and a.published == date(2024, 3, 12)
    plain = _items(RSS, defaults=defaults)[3]
    assert plain.published == date(2020, 1, 1)


def test_feeds_not_a_feed_is_one_malformed_error_naming_the_file():
    items = _items(b"<html><body><p>This is a web page, not a feed.</p></body></html>")
    assert len(items) == 1 and isinstance(items[0], InputError) and items[0].input == "port.xml"


def test_feeds_broken_xml_keeps_the_readable_items_and_reports_the_rest():
    data = (
        b"<?xml version='1.0'?><rss><channel><title>x</title><item><title>T</title>"
        b"<description>Some text here &amp; more</description></item><item><title>unclosed"
    )
    first, second = _items(data)
    assert isinstance(first, Article) and first.text == "Some text here & more"
    assert isinstance(second, EmptyInput) and second.input == "port.xml#item-2"


def test_feeds_empty_and_itemless_feeds():
    assert isinstance(_items(b"  ")[0], EmptyInput)
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    (err,) = _items(empty)
    assert isinstance(err, EmptyInput) and "no items" in str(err)


def test_feeds_size_limit():
    (err,) = _items(RSS, max_bytes=100)
    assert isinstance(err, InputTooLarge) and err.input == "port.xml"


def test_feeds_a_path_inside_the_data_is_never_opened(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("<rss version='2.0'><channel><item><description>LEAKED</description></item></channel></rss>")
    items = _items(str(secret).encode())
    assert not any(isinstance(i, Article) and "LEAKED" in i.text for i in items)
    assert all(isinstance(i, MalformedRecord | EmptyInput) for i in items)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.integers(0, len(RSS)).map(lambda n: RSS[:n]),
        st.integers(0, len(ATOM)).map(lambda n: ATOM[:n]),
    )
)
def test_feeds_fuzz_never_raises_and_errors_name_the_feed(data):
    for item in read_feed(data, input="fuzz.xml", defaults=Metadata()):
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert item.input and item.input.startswith("fuzz.xml")
        else:
            assert item.text.strip()


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_feeds_truncated_feed_keeps_the_complete_items(cut):
    items = _items(RSS[: int(len(RSS) * cut)])
    assert all(isinstance(i, Article | InputError) for i in items)
