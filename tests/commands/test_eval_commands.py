"""``claimledger eval …``: each command prints exactly what its pure scorer's formatter returns."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import claimledger.evaluate.time as time_eval
from claimledger.cli import EVAL_COMMANDS, cli
from claimledger.commands import eval_html, eval_polnear, eval_time
from claimledger.errors import EvaluationError
from claimledger.evaluate import polnear
from claimledger.evaluate.html import evaluate_html, format_html

EVALUATE = Path(__file__).resolve().parents[2] / "src" / "claimledger" / "evaluate"


def test_eval_commands_live_with_the_other_commands() -> None:
    for name, module in EVAL_COMMANDS.items():
        assert module.startswith("claimledger.commands.eval_"), name
        command = importlib.import_module(module).command
        assert command.name == name


def test_eval_commands_scorers_are_pure_no_click_in_evaluate() -> None:
    for path in sorted(EVALUATE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m for m in imported if m == "click" or m.startswith("click.")}, path.name


def test_eval_commands_time_parts_are_the_scorer_parts() -> None:
    (part,) = [p for p in eval_time.command.params if p.name == "part"]
    assert isinstance(part.type, click.Choice)
    assert list(part.type.choices) == ["all", *time_eval.PARTS] == ["all", "seed", "meantime", "recognizers", "cases"]


def test_eval_commands_every_eval_command_has_help() -> None:
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0, result.output
    for name in EVAL_COMMANDS:
        assert name in result.output


def test_eval_commands_time_all_reports_missing_cases_and_prints_the_other_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time_eval, "cases_path", lambda: None)
    result = CliRunner().invoke(eval_time.command, ["--model", "blank", "--part", "all"])
    assert result.exit_code == 0, result.output
    assert "MEANTIME (component): 120 docs" in result.output
    assert "Recognizers-Text English date specs" in result.output
    assert "cases: not available" in result.output
    only = CliRunner().invoke(eval_time.command, ["--model", "blank", "--part", "cases"])
    assert only.exit_code != 0 and isinstance(only.exception, EvaluationError)


def test_eval_commands_time_cases_prints_the_formatter_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time_eval, "cases_path", lambda: None)
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"category": "weekday", "text": "Troops withdrew on Friday.", "published": "2025-02-01", '
        '"expr": "on Friday", "value": "2025-01-31", "grain": "day", "relation": "at"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(eval_time.command, ["--model", "blank", "--part", "cases", "--cases", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("our cases: 1/1")
    expected = time_eval.format_cases(time_eval.score_cases(time_eval.build_pipeline("blank"), path))
    assert result.output == expected + "\n"


def test_eval_commands_polnear_refuses_test_split() -> None:
    result = CliRunner().invoke(eval_polnear.command, ["--split", "test"])
    assert result.exit_code != 0
    assert "held out" in result.output


def test_eval_commands_polnear_scores_a_prediction_folder_with_errors(shared: Path, tmp_path: Path) -> None:
    gold = polnear.load_gold(shared / "data" / "polnear" / "data" / "dev")
    name, (text, by_annotator) = next(iter(gold.items()))
    (tmp_path / f"{name}.ann").write_text(by_annotator[polnear.gold_annotator(by_annotator)], encoding="utf-8")
    result = CliRunner().invoke(eval_polnear.command, ["--split", "dev", "--pred", str(tmp_path), "--errors"])
    assert result.exit_code == 0, result.output
    assert "Content" in result.output and "attr+src" in result.output
    assert "missed" in result.output and "cue missed" in result.output  # the 83 articles left empty
    table = polnear.format_table(polnear.run("dev", tmp_path)[0], f"PolNeAR dev  pred={tmp_path}")
    assert result.output.startswith(table + "\n")


@pytest.mark.parametrize("name", sorted(EVAL_COMMANDS))
def test_eval_commands_help_runs_without_the_data(name: str) -> None:
    result = CliRunner().invoke(cli, ["eval", name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.slow
def test_eval_commands_html_prints_the_table(shared: Path) -> None:
    result = CliRunner().invoke(
        eval_html.command, ["--bench", str(shared / "data" / "html-bench"), "--limit", "5", "--bootstrap", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "claimledger" in result.output and "trafilatura" in result.output and "F1" in result.output
    ev = evaluate_html(shared / "data" / "html-bench", limit=5, n_bootstrap=20)
    lines = result.output.splitlines()
    assert lines[0] == format_html(ev).splitlines()[0] == "html-bench: 5 pages"
