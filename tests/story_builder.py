"""Hand-built readings for the across-articles tests: texts we write, spans found by substring.

art = ArticleSpec("a1", "Drones struck Eastvale, killing 4 people, the governor said.", "2025-03-10", "Post")
art.claim("the governor", "said", "Drones struck Eastvale, killing 4 people")
art.figure("4", 4.0, counts="people")
art.place("Eastvale", lat=1.0, lon=1.0)
reading = art.reading()
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from claimledger.models import Article, ChannelHop, Claim, Figure, Place, Reading, Source, Span, TimeRef, stable_id


@dataclass
class ArticleSpec:
    """One article under construction (every span located by its first occurrence after ``after``)."""

    external_id: str
    text: str
    published: str
    outlet: str
    duplicate_of: str | None = None
    title: str | None = None
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.article().doc_id

    def article(self) -> Article:
        return Article(
            text=self.text,
            external_id=self.external_id,
            outlet=self.outlet,
            published=date.fromisoformat(self.published),
            url=f"https://{self.outlet.lower().replace(' ', '')}.example/{self.external_id}",
            duplicate_of=self.duplicate_of,
            title=self.title,
        )

    def span(self, text: str, after: int = 0) -> Span:
        i = self.text.index(text, after)
        return Span(i, i + len(text), text)

    def claim(
        self,
        source: str | None,
        cue: str,
        content: str,
        *,
        stance: str = "assert",
        name: str | None = None,
        kind: Any = None,
        affiliation: str | None = None,
        channel: tuple[str, ...] = (),
        day: str | None = None,
        direct: bool = False,
        responds_to: tuple[Claim, ...] = (),
    ) -> Claim:
        body = self.span(content)
        cue_span = self.span(cue, max(0, body.start - 80))
        src = None
        if source is not None:
            s = self.span(source, max(0, body.start - 200))
            src = Source(s.text, s.start, s.end, name=name or s.text, kind=kind, affiliation=affiliation)
        cid = stable_id("c", self.doc_id, cue_span.start, body.start)
        hops = tuple(ChannelHop(h, "media") for h in channel)
        c = Claim(
            cid,
            self.doc_id,
            src,
            cue_span,
            body,
            stance=stance,  # type: ignore[arg-type]
            channel=hops,
            date=day,
            direct=direct,
            responds_to=tuple(r.claim_id for r in responds_to),
        )
        self.claims.append(c)
        return c

    def _owner(self, start: int, end: int) -> str | None:
        return next((c.claim_id for c in self.claims if c.content.start <= start and end <= c.content.end), None)

    def figure(self, text: str, value: float, *, after: int = 0, **kw: Any) -> Figure:
        s = self.span(text, after)
        f = Figure(
            stable_id("f", self.doc_id, s.start),
            self.doc_id,
            self._owner(s.start, s.end),
            s.text,
            s.start,
            s.end,
            value,
            **kw,
        )
        self.figures.append(f)
        return f

    def place(
        self, text: str, *, lat: float, lon: float, country: str = "XX", feature: str = "PPL", name: str | None = None
    ) -> None:
        s = self.span(text)
        self.places.append(
            Place(
                self.doc_id,
                s.text,
                s.start,
                s.end,
                name or s.text,
                country,
                "Region",
                lat,
                lon,
                f"g:{name or s.text}",
                feature,
                self._owner(s.start, s.end),
            )
        )

    def time(
        self, text: str, value: str, *, grain: str = "day", relation: str = "at", claim: Claim | None = None
    ) -> None:
        s = self.span(text)
        owner = claim.claim_id if claim else self._owner(s.start, s.end)
        self.times.append(TimeRef(self.doc_id, s.text, s.start, s.end, value, grain, relation, owner))  # type: ignore[arg-type]

    def reading(self) -> Reading:
        claims = tuple(
            replace(c, figure_ids=tuple(f.figure_id for f in self.figures if f.claim_id == c.claim_id))
            for c in self.claims
        )
        return Reading(
            article=self.article(),
            claims=claims,
            figures=tuple(self.figures),
            times=tuple(self.times),
            places=tuple(self.places),
        )


A1 = (
    "EASTVALE (AFP) — Police fired live rounds at protesters in Eastvale on Wednesday, killing at least eight "
    "people, the Rights Commission said. Police spokeswoman Anna Berg said two people had died and denied that "
    "officers had used live ammunition. The interior minister declined to comment on the death toll."
)
A3 = (
    "Protesters marched again in Eastvale on Thursday. The number of people killed in Wednesday's protests has "
    "risen to dozens, the Rights Commission said. Police maintained that only two people had died."
)
A4 = "At least eight people were killed in Eastvale on Wednesday, the Rights Commission said."
A5 = "Dozens of people were killed when drones struck Northford on Tuesday, the mayor said."


def protest_story() -> list[ArticleSpec]:
    """Four articles on one protest (one a wire copy) with a denial, a refusal and conflicting tolls."""
    a1 = ArticleSpec("p1", A1, "2025-06-25", "Lakeside Post", title="Police fire on Eastvale protesters")
    c1 = a1.claim(
        "the Rights Commission",
        "said",
        "Police fired live rounds at protesters in Eastvale on Wednesday, killing at least eight people",
        name="Rights Commission",
        kind="organization",
    )
    a1.claim("Anna Berg", "said", "two people had died", name="Anna Berg", kind="person")
    a1.claim(
        "Anna Berg",
        "denied",
        "that officers had used live ammunition",
        stance="deny",
        name="Anna Berg",
        kind="person",
        responds_to=(c1,),
    )
    a1.claim("The interior minister", "declined to comment on", "the death toll", stance="no_comment", kind="person")
    a1.figure("at least eight", 8.0, bound="lower", counts="people")
    a1.figure("two", 2.0, counts="people")
    a1.place("Eastvale", lat=10.0, lon=20.0)
    a1.time("on Wednesday", "2025-06-25", claim=c1)
    a2 = ArticleSpec("p2", A1 + "\n\nWith AFP.", "2025-06-25", "River Times", duplicate_of=a1.doc_id)
    a3 = ArticleSpec("p3", A3, "2025-06-26", "Daily Ledger")
    a3.claim(
        "the Rights Commission",
        "said",
        "The number of people killed in Wednesday's protests has risen to dozens",
        name="Rights Commission",
        kind="organization",
    )
    a3.claim("Police", "maintained", "that only two people had died", name="Police", kind="government")
    a3.figure("dozens", 24.0, bound="lower", approx=True)
    a3.figure("two", 2.0, counts="people")
    a3.place("Eastvale", lat=10.0, lon=20.0)
    a3.time("Wednesday", "2025-06-25")
    a4 = ArticleSpec("p4", A4, "2025-06-26", "Harbour Daily")
    a4.claim(
        "the Rights Commission",
        "said",
        "At least eight people were killed in Eastvale on Wednesday",
        name="Rights Commission",
    )
    a4.figure("At least eight", 8.0, bound="lower", counts="people")
    a4.place("Eastvale", lat=10.0, lon=20.0)
    return [a1, a2, a3, a4]


def strike_story() -> list[ArticleSpec]:
    """One article: "dozens" killed by a drone strike (ACLED records 12)."""
    a5 = ArticleSpec("s1", A5, "2025-07-02", "Harbour Daily")
    c = a5.claim(
        "the mayor", "said", "Dozens of people were killed when drones struck Northford on Tuesday", kind="person"
    )
    a5.figure("Dozens", 24.0, bound="lower", approx=True, counts="people")
    a5.place("Northford", lat=11.0, lon=21.0)
    a5.time("on Tuesday", "2025-07-01", claim=c)
    return [a5]
