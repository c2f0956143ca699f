"""/api/v1/figures, /times, /places: the records read in the articles, and the series a chart needs."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ledger_samples import sample_readings


def test_figures_filtered_by_what_they_count(client: TestClient) -> None:
    items = client.get("/api/v1/figures?counts=KILLED").json()["items"]
    assert sorted(f["value"] for f in items) == [6.0, 14.0, 20.0]
    assert client.get("/api/v1/figures/measures").json() == [{"counts": "killed", "figures": 3}]


def test_figures_series_has_source_and_date(client: TestClient) -> None:
    series = client.get("/api/v1/figures/series?counts=killed").json()
    got = [(p["source"], p["date"], p["figure"]["value"]) for p in series]
    assert got[0] == ("Ivan Petrenko", "2025-03-14", 14.0)  # oldest first; same-day figures in article order
    assert sorted(got[1:]) == [("Northford hospital", "2025-03-15", 6.0), ("Rescuers", "2025-03-15", 20.0)]


def test_times_of_one_document(client: TestClient) -> None:
    doc = sample_readings()[0].doc_id
    items = client.get(f"/api/v1/times?doc_id={doc}").json()["items"]
    assert [(t["text"], t["value"], t["grain"]) for t in items] == [("on Friday", "2025-03-14", "day")]


def test_places_by_country_and_counted_for_the_map(client: TestClient) -> None:
    assert [p["name"] for p in client.get("/api/v1/places?country=at").json()["items"]] == ["Vienna"]
    counts = {p["name"]: p for p in client.get("/api/v1/places/counts").json()}
    assert counts["Northford"]["mentions"] == 3 and counts["Northford"]["documents"] == 3
    later = {p["name"] for p in client.get("/api/v1/places/counts?since=2025-04").json()}
    assert later == {"Vienna"}


def test_info_counts_the_ledger(client: TestClient) -> None:
    info = client.get("/api/v1/").json()
    assert info["counts"]["documents"] == 5 and info["counts"]["claims"] == 11
    assert info["first_date"] == "2025-03-14"
