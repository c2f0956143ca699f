"""``claimledger.read``: one text in, one :class:`Reading` out (chains ingest -> nlp -> extract)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from claimledger.models import Article, Reading

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=2)
def default_nlp(attribution: str | None = None) -> Language:
    """The full pipeline, built once per process."""
    from claimledger.nlp.pipeline import build_nlp

    return build_nlp(attribution=attribution)


def read(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    nlp: Language | None = None,
) -> Reading:
    """Read one article: its claims, figures, times, places, actors and events.

    Args:
        text: the article text as you have it (offsets in the result point into it).
        published: publication date (``date`` or ISO string); relative dates resolve against it.
        outlet, url, title: metadata kept with the article.
        nlp: a pipeline from :func:`claimledger.nlp.pipeline.build_nlp` (default: built once).
    """
    from claimledger.engine import read_one
    from claimledger.ingest.metadata import parse_date

    pub = parse_date(published, input="published") if isinstance(published, str) else published
    article = Article(text=text, url=url, title=title, outlet=outlet, published=pub, input="<text>")
    return read_one(nlp or default_nlp(), article)
