"""Screenshots of every page of the web app, for the README.

    claimledger demo --db claimledger-demo.duckdb --no-serve      # the bundled samples + the seed article
    python docs/screenshots/take.py claimledger-demo.duckdb       # writes docs/screenshots/*.png

Serves the ledger with the real app (``claimledger.server.build_app``) on a loopback port and drives
Debian's Chromium with Playwright (1440 x 900, a laptop screen).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from claimledger.ledger import open_ledger
from claimledger.server import build_app

OUT = Path(__file__).parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def pages(ledger: object) -> list[tuple[str, str]]:
    """(file name, path) of each page, on the ledger's richest article, source, story and event."""
    docs = sorted(ledger.documents_page(limit=500).items, key=lambda d: -d.claim_count)  # type: ignore[attr-defined]
    source = ledger.source_entities(limit=1).items[0]  # type: ignore[attr-defined]
    stories = sorted(ledger.stories_page(limit=500).items, key=lambda s: -len(s.doc_ids))  # type: ignore[attr-defined]
    events = sorted(
        ledger.events_page(limit=500).items, key=lambda e: -len(e.supporting_claims) - len(e.contesting_claims)
    )  # type: ignore[attr-defined]  # noqa: E501
    out = [("overview", "/"), ("article", f"/documents/{docs[0].doc_id}"), ("claims", "/claims"),
           ("claims-filtered", "/claims?stance=deny"), ("source", f"/sources/{source.entity_id}")]  # fmt: skip
    if stories:
        out.append(("story", f"/stories/{stories[0].story_id}"))
    if events:
        out.append(("event", f"/events/{events[0].event_id}"))
    # the demo ledger may hold no conflicting figures: then the page of different measures side by side
    conflicts = "/conflicts" if ledger.conflicts() else "/conflicts?relation=different_measure"  # type: ignore[attr-defined]
    out += [("conflicts", conflicts), ("figures", "/figures"), ("map", "/map")]
    return out


def main(db: str) -> None:
    ledger = open_ledger(db, read_only=True)
    server = uvicorn.Server(uvicorn.Config(build_app(ledger), host="127.0.0.1", port=8766, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        for name, path in pages(ledger):
            page.goto("http://127.0.0.1:8766" + path)
            page.wait_for_load_state("networkidle")
            if name == "article":  # show a claim selected, as a reader would after a click
                page.locator("#article-text [data-claim]").nth(3).click()
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"{name}: {path}")
        browser.close()
    server.should_exit = True
    thread.join(10)
    ledger.close_readers()
    ledger.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "claimledger-demo.duckdb")
