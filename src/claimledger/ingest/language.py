"""Language identification for ingested articles (offline, py3langid behind a small interface).

claimledger reads English; other articles are recorded as skipped with a reason instead of being
mis-parsed.  :func:`detect` gives an ISO 639-1 code and a confidence, :func:`check_language` turns a
confident non-English detection into a :class:`~claimledger.errors.LanguageNotSupported` error.

Why py3langid: a maintained fork of langid.py (Lui & Baldwin 2012, a naive Bayes over byte n-grams,
97 languages), numpy only, a 4.5 MB package with its model inside (nothing downloaded at run time),
deterministic.  Measured against cld2, langdetect and lingua in ``bench/bench_html.py --language``:
all four are perfect on whole articles; py3langid is right on every non-English snippet down to
40 characters, its weakness being very short English strings, which :func:`check_language` never
judges (see ``MIN_LETTERS``).

Usage::

    >>> from claimledger.ingest.language import detect
    >>> detect("The ministry said on Friday that the talks would resume next week.")[0]
    'en'
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from claimledger.errors import LanguageNotSupported

if TYPE_CHECKING:
    from claimledger.models import Article

#: the languages claimledger analyses
SUPPORTED: frozenset[str] = frozenset({"en"})
#: texts with fewer letters than this are not judged (too short to tell reliably)
MIN_LETTERS = 120
#: a non-English detection below this confidence does not skip the article
MIN_CONFIDENCE = 0.90
#: characters of a long text that are classified (three windows: start, middle, end)
SAMPLE_CHARS = 3000
UNDETERMINED = "und"

_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    """The py3langid identifier with normalised probabilities, loaded once (about 0.6 s)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _sample(text: str) -> str:
    """At most ``SAMPLE_CHARS`` characters: the whole text, or its start, middle and end."""
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2
    return "\n".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def detect(text: str) -> tuple[str, float]:
    """The language of ``text`` as (ISO 639-1 code, confidence in [0, 1]).

    Texts without enough letters to judge (fewer than 3) give ``("und", 0.0)``.
    """
    sample = _sample(text)
    if _letters(sample) < 3:
        return UNDETERMINED, 0.0
    code, prob = _model().classify(sample)
    if code == "zxx":  # langid's "no linguistic content"
        return UNDETERMINED, 0.0
    return str(code), float(prob)


def supported_probability(text: str) -> float:
    """The probability py3langid gives to the supported languages (English) for ``text``."""
    sample = _sample(text)
    if _letters(sample) < 3:
        return 0.0
    return float(sum(p for code, p in _model().rank(sample) if code in SUPPORTED))


def check_language(article: Article) -> LanguageNotSupported | None:
    """A :class:`LanguageNotSupported` error when ``article`` is confidently not English, else None.

    "Confidently": the probability of English is below ``1 - MIN_CONFIDENCE`` (a page torn between
    Indonesian and Malay is still surely not English).  The text decides, not the page's declared
    language (templates often declare ``lang="en"`` on pages in other languages, and the reverse).
    Short texts (under ``MIN_LETTERS`` letters) are let through: a wrong skip loses an article
    silently, a wrong pass only costs a poor reading.
    """
    sample = _sample(article.text)
    if _letters(sample) < MIN_LETTERS:
        return None
    if supported_probability(article.text) >= 1.0 - MIN_CONFIDENCE:
        return None
    code, prob = detect(article.text)
    if code in SUPPORTED or code == UNDETERMINED:
        return None
    where = article.input or article.url or article.doc_id
    return LanguageNotSupported(
        f"article is in language '{code}' (confidence {prob:.2f}); claimledger reads English only",
        input=where,
    )


__all__ = ["MIN_CONFIDENCE", "MIN_LETTERS", "SUPPORTED", "check_language", "detect", "supported_probability"]
