"""Where claimledger finds the shared development data (never copied into the package)."""

from __future__ import annotations

from pathlib import Path

from claimledger.errors import EvaluationError
from claimledger.settings import SHARED


def shared_dir() -> Path:
    """The ``shared`` folder: the ``shared`` setting (``$CLAIMLEDGER_SHARED``) or ``../shared``
    beside the project checkout."""
    configured = SHARED.get()
    if configured is not None:
        return configured
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared"
        if (cand / "data").is_dir():
            return cand
    cand = Path.cwd().parent / "shared"
    return cand


def shared_data(*parts: str) -> Path:
    """A path under ``shared/data``; raises :class:`EvaluationError` when it does not exist."""
    path = shared_dir().joinpath("data", *parts)
    if not path.exists():
        raise EvaluationError(
            f"development data not found; set {SHARED.env} to the folder holding data/",
            input=str(path),
        )
    return path
