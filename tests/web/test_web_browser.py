"""The web app in a real browser (Debian's Chromium driven by Playwright): every page loads without an
error and without a request beyond the app's origin; a reader clicks article -> claim -> source ->
story -> event; the keyboard works; a hostile article never runs script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger.ledger.base import Ledger
from ledger_samples import sample_readings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


class Watch:
    """Every request a page makes and every error it reports."""

    def __init__(self, page: Any, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def outside(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.origin + "/") or u.startswith("data:"))]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, live_server: str) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    watch = Watch(pg, live_server)
    yield pg, watch
    context.close()


def test_web_browser_every_page_loads_within_its_origin(
    page: tuple[Any, Watch], live_server: str, web_ledger: Ledger
) -> None:
    pg, watch = page
    readings = sample_readings()
    story = web_ledger.stories()[0].story_id
    paths = [
        "/",
        f"/documents/{readings[0].doc_id}",
        "/claims",
        f"/sources/{readings[0].claims[0].source.entity_id}",  # type: ignore[union-attr]
        "/stories",
        f"/stories/{story}",
        f"/events/{web_ledger.events(readings[0].doc_id)[0].event_id}",
        "/conflicts",
        "/figures",
        "/map",
    ]
    for path in paths:
        response = pg.goto(live_server + path)
        assert response.status == 200, path
        pg.wait_for_load_state("networkidle")
    assert watch.errors == []
    assert watch.outside() == []
    assert len(watch.requests) > len(paths)  # the pages' own scripts, styles and data were fetched
    # the charts and the map drew from the vendored libraries
    pg.goto(live_server + "/figures")
    pg.wait_for_selector(".figure-chart svg")
    pg.goto(live_server + "/map")
    pg.wait_for_function("document.querySelectorAll('#map .countries path').length > 200")
    assert pg.locator("#map .place circle").count() == 2  # Northford, Vienna
    assert pg.locator("#map .event path").count() >= 1
    assert watch.errors == [] and watch.outside() == []


# A point inside the first admin-1 unit whose title starts with the given text, where that unit (not a
# mark above it) is what the pointer meets; null when there is none.
_POINT_IN_UNIT = """(start) => {
  const unit = Array.from(document.querySelectorAll('#map .admin1 path'))
    .find(p => p.querySelector('title').textContent.startsWith(start));
  if (!unit) return null;
  const r = unit.getBoundingClientRect();
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
    if (document.elementFromPoint(x, y) === unit) return [x, y];
  }
  return null;
}"""


def test_web_browser_map_draws_admin1_units_by_date(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    pg.goto(live_server + "/map")
    pg.wait_for_selector("#map .admin1-labels text", state="attached")  # admin1.json loaded and drawn
    assert pg.locator("#map .admin1 path").count() > 4500
    assert len(pg.locator("#map path.admin1-borders").get_attribute("d") or "") > 10_000
    # the units holding the sample places are tinted and named: Northford in Dnipropetrovsk, and Vienna
    held = pg.locator("#map .admin1 path.held title").all_text_contents()
    assert sorted(t.split(" · ")[0] for t in held) == ["Dnipropetrovs'k (Dnipropetrovsk)", "Wien (Vienna)"]
    assert set(pg.locator("#map .admin1-labels text").all_text_contents()) == {"Dnipropetrovsk", "Vienna"}
    # hovering a unit names it (its title) and shades it
    point = pg.evaluate(_POINT_IN_UNIT, "Dnipropetrovs'k")
    assert point, "no free point inside Dnipropetrovsk"
    pg.mouse.move(*point)
    hovered = pg.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); return [e.matches(':hover'), "
                          "e.closest('.admin1 path').querySelector('title').textContent]; }", point)  # fmt: skip
    assert hovered[0] and hovered[1].startswith("Dnipropetrovs'k (Dnipropetrovsk) · UA-12 · Ukraine · ")
    # an unheld unit names itself too
    assert pg.locator("#map .admin1 path title", has_text="Kiev City (Kyiv) · UA-30 · Ukraine").count() == 1
    # the date filter: from April on only the Vienna article remains
    pg.goto(live_server + "/map?since=2025-04-01")
    pg.wait_for_selector("#map .admin1-labels text", state="attached")
    held = pg.locator("#map .admin1 path.held title").all_text_contents()
    assert [t.split(" · ")[0] for t in held] == ["Wien (Vienna)"]
    assert watch.errors == [] and watch.outside() == []


def test_web_browser_click_through_article_claim_source_story_event(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    reading = sample_readings()[0]
    told = reading.claims[1]
    pg.goto(f"{live_server}/documents/{reading.doc_id}")
    # a click on the highlighted content opens its claim card with the details
    pg.locator(f'#article-text [data-claim="{told.claim_id}"]').first.click()
    card = pg.locator(f"#claim-{told.claim_id}")
    assert "active" in (card.get_attribute("class") or "")
    assert card.locator(".details").is_visible()
    details = card.inner_text()
    assert "via AFP" in details and "At least 14 = 14 killed" in details and "2025-03-14" in details
    # -> the source
    card.locator("a.src-link").click()
    pg.wait_for_url(re.compile(r"/sources/"))
    assert pg.locator("h1").inner_text().startswith("Ivan Petrenko")
    assert "regional governor Ivan Petrenko" in pg.locator("main").inner_text()
    # -> back to the article through the claim's link, then its story
    pg.locator("table.claims td.content a").first.click()
    pg.wait_for_url(re.compile(r"/documents/.+#claim-"))
    pg.locator(".doc-head a.story-link").click()
    pg.wait_for_url(re.compile(r"/stories/"))
    body = pg.locator("main").inner_text()
    assert "Strike damages Northford dam" in body and "Dam toll rises to 20" in body
    # -> an event of the story, its claims side by side
    pg.locator("section a[href^='/events/']").first.click()
    pg.wait_for_url(re.compile(r"/events/"))
    sides = pg.locator(".sides").inner_text()
    assert "Supporting" in sides and "Contesting" in sides
    assert "At least 14 people were killed" in sides and "that its forces had struck the dam" in sides
    assert watch.errors == [] and watch.outside() == []


def test_web_browser_keyboard(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    pg.goto(f"{live_server}/claims?sort=-confidence")
    rows = pg.locator("tr[data-nav]")
    pg.keyboard.press("j")
    pg.keyboard.press("j")
    assert "selected" in (rows.nth(1).get_attribute("class") or "")
    pg.keyboard.press("k")
    assert "selected" in (rows.nth(0).get_attribute("class") or "")
    target = rows.nth(0).get_attribute("data-href")
    pg.keyboard.press("Enter")
    pg.wait_for_url(re.compile(re.escape(target or "?")))
    pg.keyboard.press("/")
    assert pg.evaluate("document.activeElement.id") == "search"
    pg.keyboard.type("dam")
    pg.keyboard.press("Enter")
    pg.wait_for_url(re.compile(r"/claims\?q=dam"))
    assert "4 found" in pg.locator("h1").inner_text()
    assert watch.errors == []


def test_web_browser_hostile_article_never_runs_script(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    reading = sample_readings()[-1]
    pg.goto(f"{live_server}/documents/{reading.doc_id}")
    pg.wait_for_load_state("networkidle")
    text = pg.locator("#article-text").inner_text()
    assert "<script>document.title='pwned';window.__ran=1</script>" in text
    assert '<img src=x onerror="window.__ran=2">' in text
    assert '<a href="javascript:window.__ran=3">click here</a>' in text
    assert "&amp; &lt;b&gt;bold&lt;/b&gt; &#x3C;script&#x3E;" in text
    assert "U+202E" in text and "\u202e" not in text
    assert pg.locator("h1").inner_text() == "<script>window.__ran=5</script>Hostile & <b>bold</b>"
    # hover and click everything a reader could, then check that nothing ran
    for el in pg.locator("#article-text [data-claim], .claim-card, a.src-link").all():
        el.hover()
    pg.locator("#article-text [data-claim]").first.click()
    assert pg.evaluate("window.__ran === undefined") is True
    assert pg.title() != "pwned"
    assert pg.locator("#article-text script, #article-text img, #article-text a").count() == 0
    assert pg.locator("a[href^='javascript:']").count() == 0
    assert watch.dialogs == [] and watch.outside() == []
    # the source page of the hostile source name
    pg.locator("a.src-link").first.click()
    pg.wait_for_url(re.compile(r"/sources/"))
    assert pg.locator("h1").inner_text().startswith('<b onmouseover="window.__ran=6">Officials</b>')
    pg.locator("h1").hover()
    assert pg.evaluate("window.__ran === undefined") is True


def test_web_browser_write_needs_the_token(page: tuple[Any, Watch], live_server: str) -> None:
    pg, _ = page
    pg.goto(live_server + "/")
    status = pg.evaluate(
        """async () => (await fetch('/api/v1/documents', {method: 'POST', headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({text: 'The minister said the bridge was closed.'})})).status"""
    )
    assert status == 401
