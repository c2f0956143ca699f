"""Every spaCy component we define is registered as a ``spacy_factories`` entry point, so
``spacy.load`` of a saved pipeline finds it without importing claimledger first."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_entry_points_register_every_component_factory() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    points = declared["project"]["entry-points"]["spacy_factories"]
    found: dict[str, str] = {}
    for path in sorted((ROOT / "src" / "claimledger").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for literal, constant in re.findall(r"Language\.factory\(\s*(?:\"(\w+)\"|([A-Z_]+)\b)", text):
            name = literal
            if constant:  # the name is a module constant: FACTORY = "claimledger_..."
                m = re.search(rf"^{constant}\s*(?::[^=\n]+)?=\s*\"(\w+)\"", text, re.M)
                assert m, f"{path}: cannot resolve the factory name {constant}"
                name = m.group(1)
            found[name] = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts)
    assert found, "no component factories found"
    assert set(points) == set(found)
    for name, module in found.items():
        target, func = points[name].split(":")
        assert target == module, name
        source = (ROOT / "src" / Path(*module.split("."))).with_suffix(".py").read_text(encoding="utf-8")
        assert f"def {func}(" in source, f"{name}: {module} defines no {func}"
