"""Every setting of claimledger in one place: its name, default, environment variable and help.

Like datasette's ``SETTINGS``, one tuple is the source of the CLI's ``claimledger settings``, the
help of the options that mirror a setting (``--db``, ``--attribution``), the README's table
(``python -m claimledger.settings`` prints it) and the tests that keep them in step.  Code reads a
setting through its typed accessor, never ``os.environ``::

    >>> from claimledger.settings import MAX_ARTICLE_BYTES
    >>> MAX_ARTICLE_BYTES.get()        # $CLAIMLEDGER_MAX_ARTICLE_BYTES, else the default
    20971520

A value that does not parse (or is not one of the setting's ``choices``) raises
:class:`~claimledger.errors.SettingError` naming the variable; an empty variable counts as unset.
This module imports only the standard library and ``errors`` (ingest and nlp import it at start-up).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from claimledger.errors import SettingError

T = TypeVar("T")


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError("must be a positive integer")
    return value


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One named setting.

    Args:
        name: the setting's name (``max_article_bytes``).
        default: the value when the variable is unset (None: decided at run time, as ``help`` says).
        env: the environment variable that sets it.
        help: one sentence for the CLI and the README.
        parse: text of the variable -> value (raises ValueError when it cannot).
        choices: the values allowed, when the setting is one of a few words.
        flag: the command-line option that sets it for one command, when there is one.
        shown: how the default is printed, when ``str(default)`` would not say it well.
    """

    name: str
    default: T
    env: str
    help: str
    parse: Callable[[str], Any] = field(default=str, kw_only=True)
    choices: tuple[str, ...] = field(default=(), kw_only=True)
    flag: str | None = field(default=None, kw_only=True)
    shown: str | None = field(default=None, kw_only=True)

    def get(self) -> T:
        """The value: the environment variable's when it is set (and not empty), else ``default``.

        Raises:
            SettingError: the variable holds a value that does not parse or is not a choice.
        """
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        if self.choices and raw not in self.choices:
            raise SettingError(f"{raw!r} is not one of {', '.join(self.choices)}", input=self.env)
        try:
            return cast(T, self.parse(raw))
        except ValueError as exc:
            raise SettingError(f"{raw!r} is not a valid {self.name} ({exc})", input=self.env) from exc

    @property
    def shown_default(self) -> str:
        """The default as the CLI and the README print it."""
        if self.shown is not None:
            return self.shown
        return "(automatic)" if self.default is None else str(self.default)


DB: Setting[str] = Setting(
    "db",
    "claimledger.duckdb",
    "CLAIMLEDGER_DB",
    "The ledger the commands read and write: a DuckDB file path, or a postgresql:// URL.",
    flag="--db",
)
ATTRIBUTION: Setting[str | None] = Setting(
    "attribution",
    None,
    "CLAIMLEDGER_ATTRIBUTION",
    "The attribution extractor: rules, model, or combined (the learned model with the rules filling its "
    "gaps); automatic = combined when the model ships, else rules.",
    choices=("rules", "model", "combined"),
    flag="--attribution",
)
ENCODER_PRECISION: Setting[str] = Setting(
    "encoder_precision",
    "auto",
    "CLAIMLEDGER_ENCODER_PRECISION",
    "Arithmetic of the attribution model's encoder: auto (bf16 where the CPU multiplies bfloat16 "
    "natively, else fp32), fp32 or bf16; a pipeline's own precision config wins.",
    choices=("auto", "fp32", "bf16"),
)
ATTRIBUTION_MODEL: Setting[Path | None] = Setting(
    "attribution_model",
    None,
    "CLAIMLEDGER_ATTRIBUTION_MODEL",
    "Folder of a trained attribution model (config.json + head.safetensors, from training/) to read with "
    "instead of the one shipped in the package; a pipeline's own model_dir config wins.",
    parse=Path,
    shown="(the shipped model)",
)
_MIB = 1024 * 1024
MAX_ARTICLE_BYTES: Setting[int] = Setting(
    "max_article_bytes",
    20 * _MIB,
    "CLAIMLEDGER_MAX_ARTICLE_BYTES",
    "Largest article accepted, in bytes (a whole .txt file, one JSONL line or CSV row, one HTML page); "
    "bigger inputs are refused and recorded as [CL005].",
    parse=_positive_int,
    shown=f"{20 * _MIB} (20 MiB)",
)
SHARED: Setting[Path | None] = Setting(
    "shared",
    None,
    "CLAIMLEDGER_SHARED",
    "Folder holding the public gold data (data/) that claimledger eval and the tests read; "
    "automatic = ../shared beside the checkout.",
    parse=Path,
)
API_TOKEN: Setting[str | None] = Setting(
    "api_token",
    None,
    "CLAIMLEDGER_API_TOKEN",
    "Token the REST API's write endpoints require (Authorization: Bearer ...); unset, writes are off.",
    shown="(unset)",
)


def _unit_interval(raw: str) -> float:
    value = float(raw)
    if not 0.0 <= value <= 1.0:
        raise ValueError("must be between 0 and 1")
    return value


MIN_CONFIDENCE: Setting[float] = Setting(
    "min_confidence",
    0.35,
    "CLAIMLEDGER_MIN_CONFIDENCE",
    "Claims whose calibrated confidence is below this are not kept (0 keeps all); on PolNeAR dev 0.35 "
    "keeps precision 0.79 at recall 0.70 (0: 0.77 / 0.71).",
    parse=_unit_interval,
    flag="--min-confidence",
)

SETTINGS: tuple[Setting[Any], ...] = (
    DB,
    ATTRIBUTION,
    ENCODER_PRECISION,
    ATTRIBUTION_MODEL,
    MAX_ARTICLE_BYTES,
    SHARED,
    API_TOKEN,
    MIN_CONFIDENCE,
)
BY_NAME: dict[str, Setting[Any]] = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """The current value of the setting ``name`` (see :meth:`Setting.get`).

    Args:
        name: a setting's name, e.g. ``"max_article_bytes"``.

    Raises:
        SettingError: no such setting, or its variable holds a bad value.
    """
    if name not in BY_NAME:
        raise SettingError(f"no such setting; one of {', '.join(BY_NAME)}", input=name)
    return BY_NAME[name].get()


def describe() -> list[dict[str, Any]]:
    """Every setting with its current value: ``name``, ``env``, ``default``, ``value``, ``set``
    (whether the environment sets it), ``flag`` and ``help``, in ``SETTINGS`` order.

    Raises:
        SettingError: a variable holds a bad value.
    """
    return [
        {
            "name": s.name,
            "env": s.env,
            "default": s.default,
            "value": s.get(),
            "set": bool(os.environ.get(s.env, "").strip()),
            "flag": s.flag,
            "help": s.help,
        }
        for s in SETTINGS
    ]


def markdown_table() -> str:
    """The README's table of every setting (``python -m claimledger.settings`` prints it)."""
    lines = ["| setting | environment variable | option | default | what it does |", "|---|---|---|---|---|"]
    for s in SETTINGS:
        flag = f"`{s.flag}`" if s.flag else ""
        lines.append(f"| `{s.name}` | `{s.env}` | {flag} | {s.shown_default} | {s.help} |")
    return "\n".join(lines) + "\n"


__all__ = [
    "API_TOKEN",
    "ATTRIBUTION",
    "ATTRIBUTION_MODEL",
    "BY_NAME",
    "DB",
    "ENCODER_PRECISION",
    "MAX_ARTICLE_BYTES",
    "SETTINGS",
    "SHARED",
    "Setting",
    "describe",
    "get",
    "markdown_table",
]

if __name__ == "__main__":
    sys.stdout.write(markdown_table())
