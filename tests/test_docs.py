"""Every CLI command is documented in the README (sqlite-utils tests/test_docs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.cli import COMMANDS, EVAL_COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_every_command_in_readme(name: str) -> None:
    assert f"claimledger {name}" in README


@pytest.mark.parametrize("name", sorted(EVAL_COMMANDS))
def test_docs_every_eval_command_in_readme(name: str) -> None:
    assert f"claimledger eval {name}" in README


def test_docs_readme_has_the_two_commands() -> None:
    assert "bash scripts/demo.sh" in README and "bash scripts/test.sh" in README
    test_script = (Path(__file__).resolve().parents[1] / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "pytest" in test_script
