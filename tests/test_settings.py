"""Settings live in one place: each has a default and a variable, the CLI lists them, the README's
table is written from them, and no other module reads our environment variables."""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger import settings
from claimledger.cli import cli
from claimledger.errors import InputTooLarge, SettingError
from claimledger.ingest import read_path
from claimledger.settings import ATTRIBUTION, MAX_ARTICLE_BYTES, SETTINGS, SHARED

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "claimledger"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for s in SETTINGS:
        monkeypatch.delenv(s.env, raising=False)


def test_settings_default_when_the_variable_is_unset_or_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_ARTICLE_BYTES.get() == 20 * 1024 * 1024
    monkeypatch.setenv(MAX_ARTICLE_BYTES.env, "  ")
    assert MAX_ARTICLE_BYTES.get() == MAX_ARTICLE_BYTES.default
    assert settings.get("attribution") is None


def test_settings_variable_sets_the_ingest_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("The minister said the bridge was closed. " * 10, encoding="utf-8")
    [ok] = read_path(article)
    assert not isinstance(ok, Exception)
    monkeypatch.setenv("CLAIMLEDGER_MAX_ARTICLE_BYTES", "100")
    [refused] = read_path(article)
    assert isinstance(refused, InputTooLarge) and "100 bytes" in refused.message


def test_settings_shared_folder_from_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from claimledger.paths import shared_dir

    monkeypatch.setenv(SHARED.env, str(tmp_path))
    assert shared_dir() == tmp_path


@pytest.mark.parametrize(
    ("env", "raw"),
    [
        ("CLAIMLEDGER_MAX_ARTICLE_BYTES", "20MB"),
        ("CLAIMLEDGER_MAX_ARTICLE_BYTES", "0"),
        ("CLAIMLEDGER_ATTRIBUTION", "llm"),
    ],
)
def test_settings_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch, env: str, raw: str) -> None:
    monkeypatch.setenv(env, raw)
    setting = next(s for s in SETTINGS if s.env == env)
    with pytest.raises(SettingError) as err:
        setting.get()
    assert err.value.input == env and err.value.code == "CL060" and repr(raw) in err.value.message


def test_settings_attribution_choices_are_the_pipelines_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimledger.nlp.pipeline import ATTRIBUTION_FINDERS, default_attribution

    assert set(ATTRIBUTION.choices) == set(ATTRIBUTION_FINDERS)
    monkeypatch.setenv(ATTRIBUTION.env, "rules")
    assert default_attribution() == "rules"
    monkeypatch.setenv(ATTRIBUTION.env, "regex")
    with pytest.raises(SettingError, match="not one of rules, model, combined"):
        default_attribution()


def test_settings_unknown_name_is_an_error() -> None:
    with pytest.raises(SettingError, match="no such setting"):
        settings.get("max_bytes")


def test_settings_readme_table_is_written_from_the_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings.markdown_table() in readme, "README's settings table is stale: python -m claimledger.settings"
    for s in SETTINGS:
        assert f"| `{s.name}` | `{s.env}` |" in readme


def test_settings_cli_lists_every_setting_with_its_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_MAX_ARTICLE_BYTES", "4096")
    result = CliRunner().invoke(cli, ["settings", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["name"] for r in rows] == [s.name for s in SETTINGS]
    size = next(r for r in rows if r["name"] == "max_article_bytes")
    assert size["value"] == 4096 and size["set"] is True and size["default"] == 20 * 1024 * 1024
    table = CliRunner().invoke(cli, ["settings"])
    assert "max_article_bytes = 4096  ($CLAIMLEDGER_MAX_ARTICLE_BYTES)" in table.output
    assert CliRunner().invoke(cli, ["settings", "--format", "markdown"]).output == settings.markdown_table()


def test_settings_options_that_mirror_a_setting_say_so() -> None:
    for command in (["ingest"], ["annotate"], ["eval", "seed"], ["eval", "polnear"]):
        result = CliRunner().invoke(cli, [*command, "--help"], terminal_width=400)
        assert result.exit_code == 0, result.output
        assert "$CLAIMLEDGER_ATTRIBUTION" in result.output, command
    assert "$CLAIMLEDGER_DB" in CliRunner().invoke(cli, ["claims", "--help"], terminal_width=400).output


def test_settings_no_module_reads_our_variables_itself() -> None:
    """Every CLAIMLEDGER_* variable named in src/ is a setting, and only settings.py reads the
    environment (the attribution model only *sets* variables that torch and Hugging Face read)."""
    envs = {s.env for s in SETTINGS}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"CLAIMLEDGER_[A-Z_]+", text):
            assert name in envs, f"{path.relative_to(ROOT)} names {name}, which is not a setting"
        if path.name == "settings.py":
            continue
        reads = re.findall(r"os\.environ(?:\.get|\[)|os\.getenv", text)
        assert not reads, f"{path.relative_to(ROOT)} reads the environment: use claimledger.settings"


def test_settings_import_stays_light() -> None:
    """ingest and nlp import settings at start-up: it imports only the standard library and errors."""
    tree = ast.parse((SRC / "settings.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    ours = {m for m in imported if m.startswith("claimledger")}
    assert ours == {"claimledger.errors"}
    assert all(m.split(".")[0] in sys.stdlib_module_names for m in imported - ours - {"__future__"}), imported
