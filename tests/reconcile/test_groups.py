"""The same statement by the same source in several articles is one claim group, with its origins."""

from __future__ import annotations

from claimledger.models import Reading
from claimledger.reconcile.across import reconcile_story
from story_builder import ArticleSpec

STATEMENT = "Seven people were killed in the strike on Westfield, the governor said on Monday."


def _story() -> list[Reading]:
    out = []
    for ext, outlet, extra in (
        ("g1", "Post", ""),
        ("g2", "Courier", " Schools stay closed."),
        ("g3", "Herald", " (AFP)"),
    ):
        a = ArticleSpec(ext, STATEMENT + extra, "2025-03-10", outlet)
        a.claim("the governor", "said", "Seven people were killed in the strike on Westfield", name="Oleh Marko")
        out.append(a.reading())
    other = ArticleSpec(
        "g4", "Five people were killed in the strike on Westfield, the army said.", "2025-03-10", "Post"
    )
    other.claim("the army", "said", "Five people were killed in the strike on Westfield", name="Army")
    out.append(other.reading())
    return out


def test_groups_one_statement_carried_by_three_outlets() -> None:
    result = reconcile_story(_story(), "s1")
    by_source: dict[str | None, list[int]] = {}
    for g in result.claim_groups:
        by_source.setdefault(g.source, []).append(g.articles)
    assert by_source["Oleh Marko"] == [3]  # one statement in three articles: one group
    widest = max(result.claim_groups, key=lambda g: g.articles)
    assert widest.articles == 3 and widest.origins == 3 and len(widest.claim_ids) == 3
    assert by_source["Army"] == [1]  # another source: another group


def test_groups_agency_copies_count_as_one_origin() -> None:
    readings = _story()[:3]

    def origin(r: Reading) -> str:
        return "agency:afp"  # all three ran the same agency report

    widest = max(reconcile_story(readings, "s1", origin_of=origin).claim_groups, key=lambda g: g.articles)
    assert (widest.articles, widest.origins) == (3, 1)


def test_groups_every_claim_gets_its_group_and_story() -> None:
    result = reconcile_story(_story(), "s1")
    claims = {c.claim_id for r in _story() for c in r.claims}
    assert {link.claim_id for link in result.claim_links} == claims
    assert all(link.claim_group and link.story_id == "s1" for link in result.claim_links)
