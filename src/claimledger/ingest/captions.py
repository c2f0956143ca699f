"""Lines of scraped news text that are not part of the article: captions, credits, bylines, chrome.

:func:`non_article_line` looks at one line (already stripped) and returns why it is not article
text, or None.  Only short lines are judged (a caption is a line or two; a 60-word paragraph that
mentions a photo is article text), and patterns are the generic furniture of news pages — photo
credits, "Also read:", "Click here", bylines and time stamps — never outlet- or story-specific.
"""

from __future__ import annotations

import re

MAX_CAPTION_WORDS = 40  # a line with a credit marker and more words than this is kept
MAX_CHROME_WORDS = 25
MAX_BYLINE_WORDS = 12

_MEDIA = r"(?:photo(?:graph)?|picture|pic|image|img|video|graphic|illustration|footage|screen ?(?:grab|shot))s?"
_AGENCY = r"(?:AP|AFP|Reuters|EPA|Getty|UPI|Xinhua|TASS|ANI|PTI|IANS|Sputnik|Anadolu|DPA|Bloomberg|Shutterstock|Alamy)"

# A credit anywhere in a short line makes the line a caption.
_CREDIT = re.compile(
    "|".join(
        (
            rf"\(\s*{_MEDIA}\s*(?:credits?|courtesy)?\s*[:/-]",  # (Picture credit: X) (Photo: X) (Image/AFP)
            rf"\b{_MEDIA}\s+(?:credits?|courtesy)\b",  # Photo credit X, image courtesy of X
            rf"\(\s*{_AGENCY}(?:\s+{_MEDIA})?\s*/",  # (AP Photo/Name) (Reuters/Name)
            rf"\b{_AGENCY}\s+{_MEDIA}\s*/",  # AP Photo/Name
            r"\bvia\s+Getty\b|\bGetty\s+Images\b|\bShutterstock\b|\bAlamy\s+(?:Stock|Live)\b",
            r"©|\(c\)\s*\d{4}|\ball rights reserved\b",
            rf"^(?:an?\s+)?(?:file|representative|representational|stock)\s+{_MEDIA}\b",  # FILE PHOTO: ...
            rf"\b(?:file|representative|representational|stock)\s+{_MEDIA}\s*[:|)]",
            r"^FILE\s*[-–—]\s",  # AP: "FILE - Soldiers walk ..."
            rf"\b{_MEDIA}\s+(?:for\s+)?(?:representation|representational purposes?|used for representation)\b",
            rf"[|/]\s*{_MEDIA}\s*:",  # "... | Photo: X"
        )
    ),
    re.IGNORECASE,
)

# Page furniture, at the start of a short line.
_CHROME = re.compile(
    r"^(?:"
    rf"{_MEDIA}\s*(?:credits?|courtesy)?\s*[:|]"  # Photo: X   Image credit: X
    r"|credits?\s*:|caption\s*:|source\s*:\s*\S+$"
    r"|(?:also|read|must|see)\s+(?:read|also|more|see)\b"  # Also read, Read more, Must read, See also
    r"|more\s*:|related(?:\s+(?:stories|articles|news|coverage))?\s*:"
    r"|(?:recommended|trending|sponsored|promoted)(?:\s+(?:for\s+you|now|stories|articles|reading|news|content|links))?"
    r"\s*(?::|$)"
    r"|click\s+(?:here|to)\b|tap\s+here\b|watch(?:\s+(?:video|live|now|here))?\s*[:|]|listen\s*[:|]"
    r"|advertisements?$|advertisment$|ad\s*$"
    r"|subscribe\b|sign\s+up\b|follow\s+(?:us|@)|join\s+(?:us|our)\b|share\s+(?:this|on|via)\b"
    r"|(?:the\s+)?story\s+continues\b|continue\s+reading\b|scroll\s+(?:down|to)\b|download\s+the\b"
    r"|don[’']t\s+miss\b|get\s+the\s+latest\b|(?:first|last)\s+(?:published|updated|modified)\b|(?:published|updated|posted)\s*(?:on|at)?\s*:?\s*\d"
    r"|(?:published|updated|posted)\s*(?:on|at)?\s*:?\s*(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r")",
    re.IGNORECASE,
)

# Bylines: "By Jane Doe", "By Jane Doe and Omar Said, Reuters", "Reporting by ...; Editing by ...".
_BYLINE = re.compile(
    r"^(?:(?:written|reported|compiled|edited|additional\s+reporting|reporting|writing|editing)\s+)?by\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|and|&|in|for|with|\||;|,|[A-Z]\.)$")
_FOOTER = re.compile(r"^(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


# Every _CREDIT alternative contains one of these: a cheap test before the big regex
# (a plain loop of substring tests is ~10x faster than an IGNORECASE regex alternation here).
_CREDIT_HINTS = (
    "photo", "pictur", "pic", "image", "img", "video", "graphic", "illustration", "footage", "screen",
    "getty", "shutterstock", "alamy", "©", "(c)", "rights reserved", "/", "file",
)  # fmt: skip


def _has_credit_hint(line: str) -> bool:
    low = line.lower()
    for hint in _CREDIT_HINTS:
        if hint in low:
            return True
    return False


def _is_byline(line: str, words: list[str]) -> bool:
    if len(words) > MAX_BYLINE_WORDS:
        return False
    if _FOOTER.match(line):  # Reuters-style footer: "Reporting by X; Editing by Y"
        return True
    m = _BYLINE.match(line)
    if not m or _TERMINAL.search(line):
        return False
    names = m["names"].replace(",", " , ").replace(";", " ; ").split()
    return bool(names) and names[0][:1].isupper() and all(_NAME_WORD.match(w) for w in names)


def non_article_line(line: str) -> str | None:
    """Why ``line`` (one stripped line) is not article text: "caption", "chrome", "byline"; or None."""
    if len(line) > 12 * MAX_CAPTION_WORDS:
        return None
    words = line.split()
    n = len(words)
    if n <= MAX_CAPTION_WORDS and _has_credit_hint(line) and _CREDIT.search(line):
        return "caption"
    if n <= MAX_CHROME_WORDS and _CHROME.match(line):
        return "chrome"
    if _is_byline(line, words):
        return "byline"
    return None


__all__ = ["non_article_line"]
