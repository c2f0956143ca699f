"""The vendored front-end libraries are there and are the versions package-lock.json pins."""

from __future__ import annotations

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
}


def test_web_vendor_files_match_the_lock() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    wanted = {
        name: lock["packages"][f"node_modules/{name}"]["version"] for name in lock["packages"][""]["dependencies"]
    }
    assert VENDOR.is_dir(), "run scripts/vendor_assets.sh (scripts/setup.sh does)"
    assert json.loads((VENDOR / "versions.json").read_text()) == wanted
    for name, (package, banner) in FILES.items():
        path = VENDOR / name
        assert path.stat().st_size > 1000, name
        if banner:
            found = re.search(banner, path.read_text(encoding="utf-8")[:300])
            assert found and found.group(1) == wanted[package], name
    topo = json.loads((VENDOR / "countries-50m.json").read_text())
    assert topo["type"] == "Topology" and len(topo["objects"]["countries"]["geometries"]) > 200


def test_web_templates_load_only_vendored_or_own_scripts() -> None:
    templates = Path(claimledger.web.__file__).parent / "templates"
    for path in templates.glob("*.html"):
        for src in re.findall(r'<script[^>]*src="([^"]+)"', path.read_text()):
            assert src.startswith("/static/"), (path.name, src)
            assert (VENDOR.parent / src.removeprefix("/static/")).exists(), (path.name, src)
