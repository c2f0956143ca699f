"""The web app's pages: each route reads the ledger and renders one Jinja template (autoescape on).

Pages: ``/`` (overview), ``/documents/{doc_id}`` (the article with its claims highlighted),
``/claims`` (the explorer: facets, search, sorting, keyset pages, exports; every filter state is the
query string, so a permalink), ``/sources`` and ``/sources/{entity_id}`` (every claim of one source over
time), ``/stories`` and ``/stories/{story_id}`` (articles beside their independent origins, events,
claims), ``/events/{event_id}`` (supporting, contesting and refusing claims side by side), ``/conflicts``
(figures that disagree, side by side with their sources and chains), ``/figures`` (one chart per measure,
one series per source, conflicts marked) and ``/map`` (places and events on bundled boundaries).

All script is in ``static/`` (the server's Content-Security-Policy allows no inline script); data a
chart needs is embedded as JSON (``<script type="application/json">``, never executed) by ``tojson``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimledger.errors import ClaimledgerError, NotFound, QueryError
from claimledger.ledger.base import Ledger
from claimledger.ledger.pages import MAX_PAGE, ClaimFilter, ClaimRow, Page
from claimledger.models import STANCES, Comparison
from claimledger.web.markup import notes_of, segments, tooltip

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
PAGE = 50
# The claim filters of the explorer, in the order the form shows them (the query-string names).
FILTERS: tuple[str, ...] = (
    "q",
    "source",
    "entity",
    "stance",
    "channel",
    "outlet",
    "story",
    "place",
    "since",
    "until",
    "min_confidence",
)


def _reader(request: Request) -> Ledger:
    reader: Ledger = request.app.state.ledger.thread_reader()
    return reader


LedgerDep = Annotated[Ledger, Depends(_reader)]
router = APIRouter()


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a web address (http/https), else None: an article's URL comes from the page it
    was read from, and a ``javascript:`` URL must never become a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response: HTMLResponse = TEMPLATES.TemplateResponse(request, name, context, status_code=status)
    return response


def _searched_list(
    request: Request, name: str, load: Callable[..., Page[Any]], q: str | None, cursor: str | None
) -> HTMLResponse:
    """A list page (sources, stories): ``load(q=…, cursor=…, limit=PAGE)``'s page rendered by template
    ``name``, or an empty list with the problem when the cursor is bad."""
    problems: list[str] = []
    items: tuple[Any, ...] = ()
    next_cursor = None
    try:
        page = load(q=q or None, cursor=cursor, limit=PAGE)
        items, next_cursor = page.items, page.next_cursor
    except QueryError as exc:
        problems.append(exc.message)
    return _render(request, name, items=items, q=q or "", next_cursor=next_cursor, problems=problems)


def _filters(params: dict[str, str]) -> tuple[ClaimFilter, dict[str, str], list[str]]:
    """The :class:`ClaimFilter` of the explorer's query string, the kept values, and the problems."""
    kept = {k: params[k].strip() for k in FILTERS if params.get(k, "").strip()}
    problems: list[str] = []
    if "stance" in kept and kept["stance"] not in STANCES:
        problems.append(f"unknown stance {kept.pop('stance')!r}; one of {', '.join(STANCES)}")
    confidence = None
    if "min_confidence" in kept:
        try:
            confidence = float(kept["min_confidence"])
            if not 0.0 <= confidence <= 1.0:
                raise ValueError
        except ValueError:
            problems.append(f"min_confidence must be a number from 0 to 1, not {kept.pop('min_confidence')!r}")
            confidence = None
    for key, value in list(kept.items()):
        if len(value) > 200 or any(ord(ch) < 32 for ch in value):
            problems.append(f"{key} is too long or holds control characters")
            kept.pop(key)
    f = ClaimFilter(
        q=kept.get("q"),
        source=kept.get("source"),
        entity_id=kept.get("entity"),
        stance=kept.get("stance"),
        channel=kept.get("channel"),
        outlet=kept.get("outlet"),
        story_id=kept.get("story"),
        place=kept.get("place"),
        since=kept.get("since"),
        until=kept.get("until"),
        min_confidence=confidence,
    )
    return f, kept, problems


def _qs(kept: dict[str, str], **changes: str | None) -> str:
    """A query string: the kept filters with ``changes`` (None removes a key)."""
    merged = dict(kept)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return urlencode(merged)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, ledger: LedgerDep) -> HTMLResponse:
    """The overview: what the ledger holds, the latest articles, the most cited sources."""
    stats = ledger.stats()
    first, last = ledger.date_range()
    return _render(
        request,
        "index.html",
        stats=stats,
        first=first,
        last=last,
        documents=ledger.documents_page(limit=20).items,
        sources=ledger.source_entities(limit=12).items,
        measures=ledger.measures()[:12],
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, ledger: LedgerDep, doc_id: str) -> HTMLResponse:
    """One article, its claims highlighted, each claim's details in a card beside it."""
    row = ledger.document(doc_id[:64])
    reading = ledger.reading(doc_id[:64]) if row else None
    if row is None or reading is None:
        raise NotFound("no article with this doc_id", input=doc_id[:64])
    notes = notes_of(reading)
    events = ledger.events_page(doc_id=row.doc_id, limit=MAX_PAGE).items
    event_of: dict[str, list[str]] = {}
    for e in events:
        for cid in (*e.supporting_claims, *e.contesting_claims, *e.refusing_claims):
            event_of.setdefault(cid, []).append(e.event_id)
    return _render(
        request,
        "document.html",
        row=row,
        article=reading.article,
        url=safe_url(reading.article.url),
        segments=segments(reading, notes),
        claims=reading.claims,
        notes=notes,
        events=events,
        event_of=event_of,
        tooltip=tooltip,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    ledger: LedgerDep,
    sort: Annotated[str, Query(max_length=20)] = "date",
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
) -> HTMLResponse:
    """The claims explorer: facets, full-text search, sorting, keyset pages; the query string is the state."""
    f, kept, problems = _filters(dict(request.query_params))
    page_items: tuple[ClaimRow, ...] = ()
    next_cursor = None
    total = 0
    facets = None
    try:
        page = ledger.claims_page(f, sort=sort, cursor=cursor, limit=limit)
        page_items, next_cursor = page.items, page.next_cursor
        facets = ledger.claim_facets(f, top=8)
        total = facets.total
    except QueryError as exc:
        problems.append(exc.message)
    state = dict(kept, **({"sort": sort} if sort != "date" else {}))
    return _render(
        request,
        "claims.html",
        status=400 if problems else 200,
        rows=page_items,
        total=total,
        facets=facets,
        kept=kept,
        state=state,
        sort=sort,
        cursor=cursor,
        next_cursor=next_cursor,
        problems=problems,
        stances=STANCES,
        qs=_qs,
        export_qs=urlencode(state),
    )


@router.get("/sources", response_class=HTMLResponse)
def sources(
    request: Request,
    ledger: LedgerDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> HTMLResponse:
    """Every canonical source, most claims first."""
    return _searched_list(request, "sources.html", ledger.source_entities, q, cursor)


@router.get("/sources/{entity_id}", response_class=HTMLResponse)
def source(
    request: Request,
    ledger: LedgerDep,
    entity_id: str,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> HTMLResponse:
    """One source: all its names, and every claim it made, over time."""
    entity = ledger.source_entity(entity_id[:200])
    if entity is None:
        raise NotFound("no source with this entity id", input=entity_id[:200])
    f = ClaimFilter(entity_id=entity.entity_id)
    problems: list[str] = []
    try:
        page = ledger.claims_page(f, sort="date", cursor=cursor, limit=PAGE)
    except QueryError as exc:
        problems.append(exc.message)
        page = ledger.claims_page(f, sort="date", limit=PAGE)
    facets = ledger.claim_facets(f, top=8)
    return _render(
        request,
        "source.html",
        status=400 if problems else 200,
        entity=entity,
        rows=page.items,
        next_cursor=page.next_cursor,
        facets=facets,
        problems=problems,
        timeline=_per_month(ledger, f),
    )


def _per_month(ledger: Ledger, f: ClaimFilter) -> list[dict[str, Any]]:
    """Claims per month and stance (for the source page's chart), from every page of its claims."""
    counts: dict[tuple[str, str], int] = {}
    cursor: str | None = None
    for _ in range(40):  # at most 20 000 claims drawn; a source with more shows its first 20 000
        page = ledger.claims_page(f, sort="date", cursor=cursor, limit=MAX_PAGE)
        for row in page.items:
            when = row.claim.date or (row.published.isoformat() if isinstance(row.published, date) else None)
            if when and len(when) >= 7:
                key = (when[:7], row.claim.stance)
                counts[key] = counts.get(key, 0) + 1
        cursor = page.next_cursor
        if cursor is None:
            break
    return [{"month": m, "stance": s, "claims": n} for (m, s), n in sorted(counts.items())]


@router.get("/stories", response_class=HTMLResponse)
def stories(
    request: Request,
    ledger: LedgerDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> HTMLResponse:
    """Every story (the same happening across articles), latest first."""
    return _searched_list(request, "stories.html", ledger.stories_page, q, cursor)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, ledger: LedgerDep, story_id: str) -> HTMLResponse:
    """One story: its articles (raw count beside independent origins), its events and its claims."""
    found = ledger.story(story_id[:64])
    if found is None or found.story_id != story_id:
        raise NotFound("no story with this id", input=story_id[:64])
    docs = ledger.documents_page(story_id=found.story_id, limit=MAX_PAGE).items
    seen: dict[str, Any] = {e.event_id: e for e in ledger.events_page(story_id=found.story_id, limit=MAX_PAGE).items}
    if not seen:  # not reconciled yet: the events its articles report
        for d in docs:
            for e in ledger.events_page(doc_id=d.doc_id, limit=MAX_PAGE).items:
                seen.setdefault(e.event_id, e)
    f = ClaimFilter(story_id=found.story_id)
    page = ledger.claims_page(f, sort="date", limit=PAGE)
    return _render(
        request,
        "story.html",
        story=found,
        docs=docs,
        events=sorted(seen.values(), key=lambda e: (e.date or "9999", e.event_id)),
        rows=page.items,
        total=ledger.count_claims(f),
        more=page.next_cursor is not None,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, ledger: LedgerDep, event_id: str) -> HTMLResponse:
    """One event: what it is, where and when, and the claims supporting and contesting it, side by side."""
    found = ledger.event(event_id[:64])
    if found is None:
        raise NotFound("no event with this id", input=event_id[:64])
    sides: dict[str, list[ClaimRow]] = {}
    for name in ("supporting_claims", "contesting_claims", "refusing_claims"):
        rows = [ledger.claim(cid) for cid in getattr(found, name, ())]
        sides[name] = [r for r in rows if r is not None]
    docs = [d for d in (ledger.document(i) for i in found.doc_ids) if d is not None]
    comparisons = [_comparison_view(ledger, c) for c in ledger.comparisons(event=found.event_id)]
    return _render(request, "event.html", event=found, sides=sides, docs=docs, comparisons=comparisons)


def _comparison_view(ledger: Ledger, comparison: Comparison) -> dict[str, Any]:
    """A comparison with one column per figure: its source, text, range, date and claim (with its chain)."""

    def at(values: tuple[Any, ...], i: int, default: Any = None) -> Any:
        return values[i] if i < len(values) else default

    columns = []
    for i, figure_id in enumerate(comparison.figure_ids):
        claim_id = at(comparison.claim_ids, i)
        row = ledger.claim(claim_id) if claim_id else None
        columns.append(
            {
                "figure_id": figure_id,
                "source": at(comparison.sources, i, ""),
                "text": at(comparison.texts, i, ""),
                "range": at(comparison.intervals, i),
                "date": at(comparison.dates, i),
                "doc_id": at(comparison.doc_ids, i),
                "measure": at(comparison.measures, i, comparison.measure),
                "row": row,
            }
        )
    return {"comparison": comparison, "columns": columns}


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(
    request: Request,
    ledger: LedgerDep,
    relation: Annotated[str, Query(pattern=r"^(conflict|agree|different_measure)$")] = "conflict",
    measure: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    """The comparisons that disagree (or, by ``relation``, agree / compare different measures), side by side."""
    found = ledger.comparisons(relation=relation, measure=measure or None)
    stories = {c.story_id: ledger.story(c.story_id) for c in found[:300]}
    return _render(
        request,
        "conflicts.html",
        comparisons=[_comparison_view(ledger, c) for c in found[:300]],
        total=len(found),
        stories=stories,
        relation=relation,
        measure=measure or "",
    )


@router.get("/figures", response_class=HTMLResponse)
def figures(
    request: Request, ledger: LedgerDep, measure: Annotated[str | None, Query(max_length=200)] = None
) -> HTMLResponse:
    """Figures over time: one chart per measure, one series per source, the figures in conflict marked.

    The reconciled timeline (each source's figures for a measure, dated by the statement) is drawn
    when the ledger has one; before any reconciliation, the figures by what they count.
    """
    in_conflict = {f for c in ledger.conflicts() for f in c.figure_ids}
    measures = ledger.measures_over_time()
    reconciled = bool(measures)
    if not reconciled:
        measures = ledger.measures()
    shown = [m for m, _ in measures if m == measure] if measure else [m for m, _ in measures[:8]]
    charts = [{"measure": m, "points": _points(ledger, m, reconciled, in_conflict)} for m in shown]
    return _render(request, "figures.html", measures=measures, measure=measure, charts=charts, reconciled=reconciled)


def _points(ledger: Ledger, measure: str, reconciled: bool, in_conflict: set[str]) -> list[dict[str, Any]]:
    if reconciled:
        return [
            {
                "date": p.date[:10],
                "value": p.value,
                "low": p.low,
                "high": p.high,
                "source": p.source,
                "text": " ".join(p.text.split()),
                "bound": p.high is None or p.low != p.high,
                "doc_id": p.doc_id,
                "claim_id": p.claim_id,
                "conflict": p.figure_id in in_conflict,
            }
            for p in ledger.timeline(measure)
            if p.date and len(p.date) >= 7
        ]
    return [
        {
            "date": sf.date[:10],
            "value": sf.figure.value,
            "source": sf.source or "(the writer)",
            "text": " ".join(sf.figure.text.split()),
            "bound": sf.figure.bound is not None,
            "doc_id": sf.figure.doc_id,
            "claim_id": sf.figure.claim_id,
            "outlet": sf.outlet,
            "conflict": sf.figure.figure_id in in_conflict,
        }
        for sf in ledger.figure_series(measure)
        if sf.date and len(sf.date) >= 7
    ]


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    ledger: LedgerDep,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    """Places and events on a map of bundled country and admin-1 boundaries, filtered by date."""
    problems: list[str] = []
    places: list[Any] = []
    events: list[Any] = []
    try:
        places = ledger.place_counts(since=since or None, until=until or None)
        events = ledger.event_points(since=since or None, until=until or None)
    except QueryError as exc:
        problems.append(exc.message)
    data = {
        "places": [dataclasses.asdict(p) for p in places],
        "events": [dataclasses.asdict(e) for e in events],
    }
    first, last = ledger.date_range()
    return _render(
        request,
        "map.html",
        status=400 if problems else 200,
        data=data,
        since=since or "",
        until=until or "",
        first=first,
        last=last,
        problems=problems,
        places=places[:30],
    )


def _error_page(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ClaimledgerError):
        status = 404 if isinstance(exc, NotFound) else 400
        message, code = exc.message, exc.code
    elif isinstance(exc, StarletteHTTPException):
        status, message, code = exc.status_code, str(exc.detail), f"HTTP{exc.status_code}"
    else:
        status, message, code = 500, "internal error; the server log has the details", "CL000"
    return _render(request, "error.html", status=status, message=message, code=code, status_code=status)


def create_web(ledger: Ledger) -> FastAPI:
    """The web app over ``ledger`` (readers come from :meth:`~claimledger.ledger.base.Ledger.thread_reader`)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.ledger = ledger
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for cls in (ClaimledgerError, StarletteHTTPException, Exception):
        app.add_exception_handler(cls, _error_page)
    TEMPLATES.env.globals["safe_url"] = safe_url
    return app


__all__ = ["FILTERS", "create_web", "safe_url"]
