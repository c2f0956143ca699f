"""HTML pages -> :class:`~claimledger.models.Article`: main text and metadata (trafilatura inside).

:func:`read_html` decodes the page (BOM, UTF-8, the page's declared charset, then the project's
fallbacks), parses it once with lxml, and lets trafilatura (Barbaresi 2021, ACL demo) keep the main
text: navigation, menus, footers, cookie banners, comment threads, figure captions and related-link
boxes are dropped.  A small line filter (:func:`is_boilerplate`) then drops what trafilatura keeps
but is never article prose: photo credits, "Related:"/"Read more:" teasers, newsletter sign-ups,
share widgets, bare timestamps and copyright lines.  Paragraphs are separated by a blank line.

Metadata comes from the page (title without the site-name suffix, outlet = site name, author,
publication date, canonical URL, language).  **The page's values win over ``defaults``**: batch
defaults (``--outlet``, ``--published`` ...) only fill what the page does not say, because one
flag for a folder of pages is a guess while each page knows its own date.  Values in ``forced``
win over the page (a WARC record's fetched URL, or a user who insists).  The language is the one
detected in the extracted text (:mod:`claimledger.ingest.language`) when the detection is sure,
else the page's ``<html lang>``.

:func:`html_to_text` converts an HTML *fragment* that is already the article (a feed item's
``content:encoded``) without boilerplate removal, keeping paragraphs.

Errors (each names the input): :class:`EmptyInput` (blank, or no article text in the page),
:class:`BinaryInput`/:class:`EncodingError` (not text), :class:`InputTooLarge` (over
``max_article_bytes``, 20 MiB by default), :class:`MalformedRecord` (not parseable as HTML).

Usage::

    >>> from claimledger.ingest.html import html_to_text
    >>> html_to_text("<p>First paragraph.</p><p>Second <b>one</b>.</p>")
    'First paragraph.\\n\\nSecond one.'
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from claimledger.errors import BadMetadata, BinaryInput, EmptyInput, MalformedRecord
from claimledger.ingest.metadata import Metadata, parse_date
from claimledger.ingest.sniff import binary_kind, decode
from claimledger.ingest.text import max_article_bytes, too_large
from claimledger.models import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: how the main text is extracted: trafilatura's own algorithm without its readability/jusText
#: fallbacks (``fast``), leaning to recall.  On html-bench (``claimledger eval html``) this keeps all
#: the recall of trafilatura's default mode, gains precision (the fallbacks sometimes return a whole
#: page) and halves the time; the fallbacks still run when the fast pass finds almost nothing.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "fast": True,
    "favor_recall": True,
}
#: below this many characters of text, the extraction is retried with trafilatura's fallbacks
RETRY_BELOW_CHARS = 200
#: a page is refused as "no article text" unless some line of its text has this many words
MIN_PROSE_WORDS = 6

_HEAD_CHARS = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# WHATWG: these labels mean windows-1252 in browsers; Python's latin-1 would lose curly quotes.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "l1": "cp1252",
    "x-sjis": "shift_jis",
}
_UTF16_32 = ("utf-16", "utf-32", "utf_16", "utf_32", "utf16", "utf32")

# --- boilerplate lines trafilatura keeps (each pattern applies to a whole line under 300 chars) ---
_TEASER = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:related(?: posts?| stor(?:y|ies)| articles?| coverage| content| links?)?|read more|"
    r"read also|also read|see more|see also|more from [^:]{1,40}|also on \S+|recommended(?: for you| reading)?|"
    r"don'?t miss|must read|you (?:may|might) also like|popular on [^:]{1,40}|trending(?: now)?)\s*(?::|…|\.\.\.)",
    re.I,
)
_CREDIT = re.compile(
    r"^\s*[\[(]?\s*(?:(?:photo(?:graph)?|image|picture|pic|illustration|video)s?(?:\s+credits?)?|credits?)"
    r"\s*(?::|/|\bby\b)\s*\S[^.!?]{0,100}[\])]?\s*$"
    r"|^\s*\((?:[A-Z][\w.&' -]{0,40}\s)?(?:photo|foto|image)s?\s*/\s*[^)]{1,80}\)\s*$"
    r"|^[^.!?]{0,100}\b(?:getty images|shutterstock|afp via getty images|istock(?:photo)?)\s*\)?\s*$",
    re.I,
)
_NEWSLETTER = re.compile(
    r"^[^.!?]{0,60}\b(?:sign(?:ing)? up|subscribe)\b[^.!?]{0,80}\b(?:newsletters?|inbox|e-?mail alerts?)\b"
    r"|^\s*thanks? (?:you )?for (?:signing up|subscribing)|^\s*click here to (?:subscribe|sign up)",
    re.I,
)
_STAMP = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\s*$")
_COPYRIGHT = re.compile(r"^\s*(?:copyright\s*)?(?:©|\(c\)|copyright)\s*\d{4}\b.{0,120}$", re.I)
_WIDGET = re.compile(
    r"^\s*(?:\d+\s*)?(?:comments?|share(?: this(?: article| story| page)?)?(?: on \w+)?|print(?: this)?|"
    r"e-?mail(?: this)?|tweet|advertisement|skip (?:to )?(?:main )?content|cookie settings)\s*$",
    re.I,
)
_BOILERPLATE = (_TEASER, _CREDIT, _NEWSLETTER, _STAMP, _COPYRIGHT, _WIDGET)
_MAX_BOILERPLATE_LINE = 300

# --- fragment conversion (feed items) ---
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "figcaption",
    "iframe",
    "object",
    "embed",
    "svg",
    "button",
    "form",
    "nav",
    "aside",
)
_NOT_A_NAME = re.compile(r"^(?:https?://|copyright\b|©|\(c\)|\d)", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")

_log = logging.getLogger(__name__)


def is_boilerplate(line: str) -> bool:
    """Whether a line of extracted text is page furniture rather than article prose.

    Conservative by design (text lost is worse than text kept): only whole lines under 300
    characters that are a photo credit, a related-story teaser ("Related: ...", "Read more: ..."),
    a newsletter sign-up, a share/comment widget label, a bare timestamp or a copyright line.
    """
    if len(line) > _MAX_BOILERPLATE_LINE:
        return False
    return any(p.search(line) for p in _BOILERPLATE)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:_HEAD_CHARS]) or re.search(
        rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", data[:200]
    )
    if not m:
        return None
    label = m.group(1).decode("ascii", "ignore").strip().lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that declares UTF-16 but whose bytes are ASCII-compatible was re-encoded on the way.
    return None if name.startswith(_UTF16_32) else name


def decode_html(data: bytes, *, input: str | None) -> str:
    """The text of an HTML page: BOM, else valid UTF-8, else the declared charset, else the fallbacks.

    Raises:
        EmptyInput, BinaryInput, EncodingError (from :func:`claimledger.ingest.sniff.decode`).
    """
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        kind = binary_kind(data[:64])
        if kind is not None:
            raise BinaryInput(f"this is {kind}, not an HTML page", input=input)
        try:
            return _check(data.decode("utf-8"), input)
        except UnicodeDecodeError:
            pass
        charset = _declared_charset(data)
        if charset and charset != "utf-8":
            try:
                return _check(data.decode(charset), input)
            except (UnicodeDecodeError, LookupError):
                pass
    return decode(data, input=input)


def _check(text: str, input: str | None) -> str:
    if not text.strip():
        raise EmptyInput("the page is empty", input=input)
    if "\x00" in text:
        raise BinaryInput("the page contains NUL bytes: not an HTML text", input=input)
    return text


def parse_html(text: str, *, input: str | None) -> HtmlElement:
    """An lxml tree of the page; :class:`MalformedRecord` when it is not HTML at all."""
    from trafilatura.utils import load_html

    text = _XML_DECL.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if "<" not in text[:_HEAD_CHARS] and "<" not in text:
        raise MalformedRecord("no HTML markup in the page (is it a plain-text file?)", input=input)
    head = text[:_HEAD_CHARS].lower()
    if "<html" not in head and "<body" not in head and "<head" not in head:
        # a fragment: wrap it so the parser and the extractor see a document
        text = f"<html><body><article>{text}</article></body></html>"
    try:
        tree = load_html(text)
    except Exception as exc:  # lxml on hostile markup: ValueError, ParserError, AssertionError ...
        raise MalformedRecord(f"the page cannot be parsed as HTML ({type(exc).__name__})", input=input) from None
    if tree is None or len(tree) == 0:
        raise MalformedRecord("the page cannot be parsed as HTML", input=input)
    return tree


def _page_language(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in tree.iterfind(".//meta"):
            key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language", "dc.language"):
                lang = meta.get("content")
                break
    if not lang:
        return None
    code = re.split(r"[-_,;\s]", lang.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def clean_title(title: str | None, *site_names: str | None, headings: tuple[str, ...] = ()) -> str | None:
    """The headline without the decoration a ``<title>`` carries.

    Leading or trailing segments that name the site ("Headline | Site", "Site: Headline") are cut,
    keeping the headline's own separators.  When one of the page's ``<h1>`` ``headings`` is the title
    less a leading or trailing segment ("Opinion | Headline", "Headline - Section"), the heading is the
    headline.  ``site_names`` are the names the site goes by (site name, outlet, host).
    """
    if not title:
        return None
    title = " ".join(title.split())
    names = {" ".join(n.split()).lower() for n in site_names if n}
    names |= {label for n in site_names if n and "." in n and (label := _host_label(n))}
    names |= {p.lower() for n in site_names if n for p in _TITLE_SEPARATORS.split(" ".join(n.split())) if p}
    names.discard("")
    changed = True
    while changed:
        changed = False
        seps = list(_TITLE_SEPARATORS.finditer(title))
        if not seps:
            break
        head, tail = title[: seps[0].start()], title[seps[-1].end() :]
        if _names_site(tail, names) and seps[-1].start() >= 8:
            title, changed = title[: seps[-1].start()], True
        elif _names_site(head, names) and len(title[seps[0].end() :]) >= 8:
            title, changed = title[seps[0].end() :], True
    for name in sorted(names, key=len, reverse=True):
        for sep in (": ", " - "):
            if title.lower().startswith(name + sep) and len(title) > len(name) + 10:
                title = title[len(name) + len(sep) :]
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if seps:
        starts = [0] + [m.end() for m in seps]
        ends = [m.start() for m in seps] + [len(title)]
        segments = {title[a:b] for a in starts for b in ends if b > a} - {title}
        for heading in headings:
            heading = " ".join(heading.split())
            if len(heading) >= 8 and heading in segments:
                return heading
    return title.strip() or None


def _names_site(part: str, names: set[str]) -> bool:
    low = part.lower().strip().replace(" ", "")
    if not low:
        return False
    return any(low == n.replace(" ", "") or low == n.replace(".", "") for n in names)


def _host_label(host: str | None) -> str | None:
    """``www.example-news.co.uk`` -> ``example-news`` (the name part of a host)."""
    if not host:
        return None
    labels = [x for x in host.lower().split(".") if x and x not in ("www", "m", "amp", "mobile")]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ac", "gov"):
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    return labels[-1] if labels else None


def _declared_sitename(tree: HtmlElement) -> str | None:
    """The site name the page declares itself (``og:site_name``, ``application-name``), as written."""
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:site_name", "application-name") and (meta.get("content") or "").strip():
            return str(meta.get("content"))
    return None


def clean_outlet(sitename: str | None, host: str | None, *, declared: str | None = None) -> str | None:
    """The outlet's name: the site name trafilatura found, without a tagline, else the host name.

    trafilatura capitalises a lower-case name ("nj" from the handle "@nj" becomes "Nj"); when the
    page's own ``declared`` ``og:site_name`` shows that happened, the host ("nj.com") is the better name.
    """
    if sitename:
        name = _TITLE_SEPARATORS.split(" ".join(sitename.split()))[0].strip(" _@")
        if name and not _NOT_A_NAME.match(name):
            low = (declared or "").strip().lstrip("@")
            if not (host and low and low[0].islower() and "." not in low and name == low.title()):
                return name
    if host:
        host = host.lower()
        return host[4:] if host.startswith("www.") else host
    return None


def _external_id(input: str | None) -> str | None:
    """The file name without its extensions (``pages/story.html.gz`` -> ``story``)."""
    if not input or "#" in input or "://" in input:
        return None
    name = PurePosixPath(input.replace("\\", "/")).name
    for ext in (".gz", ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    return name or None


def _page_date(value: str | None, input: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_date(value, input=input)
    except BadMetadata:
        return None  # an implausible page date is not a reason to refuse the article


def _has_prose(text: str) -> bool:
    """Whether extracted text holds at least one sentence-long line (menus and link lists do not).

    Sentence-long: ``MIN_PROSE_WORDS`` words, or 40 characters for scripts written without spaces.
    """
    return any(len(line.split()) >= MIN_PROSE_WORDS or len(line.strip()) >= 40 for line in text.split("\n"))


def _text_of(doc: Any) -> str:
    lines = (" ".join(line.split()) for line in (doc.text or "").split("\n"))
    return "\n\n".join(line for line in lines if line and not is_boilerplate(line))


def read_html(
    data: bytes,
    *,
    input: str,
    defaults: Metadata | None = None,
    forced: Metadata | None = None,
    external_id: str | None = None,
    max_bytes: int | None = None,
) -> Article:
    """One article from the bytes of an HTML page.

    Args:
        data: the page as fetched or saved (any charset; gzip is the caller's to undo).
        input: the name used in errors and kept on the article (path, ``crawl.warc.gz#record-3``).
        defaults: metadata for what the page does not say (the page's own values win).
        forced: metadata that wins over the page's.
        external_id: the user's id for the page (default: the file name without extension).
        max_bytes: size limit (default :func:`claimledger.ingest.text.max_article_bytes`).

    Raises:
        EmptyInput, BinaryInput, EncodingError, InputTooLarge, MalformedRecord.
    """
    limit = max_article_bytes(max_bytes)
    if len(data) > limit:
        raise too_large(len(data), limit, input=input, what="HTML page")
    if not data.strip():
        raise EmptyInput("the page is empty", input=input)
    tree = parse_html(decode_html(data, input=input), input=input)
    declared_lang = _page_language(tree)
    declared_site = _declared_sitename(tree)
    headings = tuple(" ".join(h.text_content().split()) for h in tree.iter("h1"))[:5]
    base = defaults or Metadata()
    url = (forced.url if forced and forced.url else None) or base.url
    doc = _extract(tree, url=url, input=input)
    text = _text_of(doc) if doc is not None else ""
    if len(text) < RETRY_BELOW_CHARS:
        retry = _extract(tree, url=url, input=input, fast=False)
        if retry is not None and len(_text_of(retry)) > len(text):
            doc, text = retry, _text_of(retry)
    if not _has_prose(text):
        raise EmptyInput("no article text found in the page (only navigation or boilerplate?)", input=input)
    host = doc.hostname or (urlsplit(doc.url).hostname if doc.url else None)
    outlet = clean_outlet(doc.sitename, host, declared=declared_site)
    if base.outlet and (outlet or "").lower() == (host or "").lower().removeprefix("www."):
        outlet = None  # a name made from the host is a guess: the user's --outlet says more
    page = Metadata(
        published=_page_date(doc.date, input),
        outlet=outlet,
        url=doc.url,
        title=clean_title(doc.title, doc.sitename, outlet, host, headings=headings),
        language=text_language(text, declared_lang),
        author=doc.author,
    )
    meta = base.merged(page).merged(forced)
    return meta.article(text, external_id=external_id or _external_id(input), input=input)


def _extract(tree: HtmlElement, *, url: str | None, input: str, **overrides: Any) -> Any:
    import trafilatura
    from trafilatura.settings import set_date_params

    options = {**TRAFILATURA_OPTIONS, **overrides}
    # Only dates the page states (metadata, markup, URL): htmldate's "extensive" search turns a
    # footer's "(c) 2024" into 2024-01-01, and a made-up date misdates every relative time in the text.
    dates = set_date_params(extensive=False)
    try:
        return trafilatura.bare_extraction(tree, url=url, with_metadata=True, date_extraction_params=dates, **options)
    except (RecursionError, MemoryError) as exc:
        raise MalformedRecord(
            f"the page is too deeply nested or too large to extract ({type(exc).__name__})", input=input
        ) from None
    except Exception as exc:  # trafilatura/lxml/htmldate internals on hostile markup
        _log.debug("trafilatura failed on %s", input, exc_info=True)
        raise MalformedRecord(
            f"the HTML extractor failed on this page ({type(exc).__name__}: {exc})", input=input
        ) from None


def text_language(text: str, declared: str | None) -> str | None:
    """The language detected in ``text`` when the detection is sure, else the ``declared`` one."""
    from claimledger.ingest.language import MIN_CONFIDENCE, MIN_LETTERS, detect

    if sum(1 for ch in text[:4000] if ch.isalpha()) >= MIN_LETTERS:
        code, prob = detect(text)
        if prob >= MIN_CONFIDENCE:
            return code
    return declared


_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment that is the article itself (no boilerplate removal).

    Scripts, styles, captions and embedded widgets are dropped; block elements become paragraphs
    separated by a blank line; whitespace inside a paragraph is collapsed.  Unparseable markup
    gives its text with the tags stripped.
    """
    import lxml.etree
    import lxml.html

    # lxml refuses text with C0 control characters ("All strings must be XML compatible"): they are
    # never article text, so they go before parsing (hypothesis found '<nav></nav>\x08').
    fragment = _XML_INCOMPATIBLE.sub("", fragment)
    if "<" not in fragment:
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", fragment) if p.strip())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError, ValueError, even AssertionError ("<html>" alone)
        try:
            root = lxml.html.document_fromstring(fragment)
        except Exception:
            return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    chunks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        para = " ".join("".join(current).split())
        if para and not is_boilerplate(para):
            chunks.append(para)
        current.clear()

    # iterwalk, not recursion: a hostile fragment may nest thousands of elements deep
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if event == "end" and el.tail:
                current.append(el.tail)
            continue
        if el.tag.lower() in _BLOCK_TAGS:
            flush()
        if event == "start":
            if el.text:
                current.append(el.text)
        elif el.tail and el is not root:
            current.append(el.tail)
    flush()
    return "\n\n".join(chunks)


__all__ = [
    "TRAFILATURA_OPTIONS",
    "clean_outlet",
    "clean_title",
    "decode_html",
    "html_to_text",
    "is_boilerplate",
    "parse_html",
    "read_html",
    "text_language",
]
