"""The public surface is small, sorted and complete (httpx tests/test_exported_members.py)."""

from __future__ import annotations

import claimledger
from claimledger import errors, models


def test_exported_members_sorted_and_importable() -> None:
    names = [n for n in claimledger.__all__ if n != "__version__"]
    assert names == sorted(names)
    for name in claimledger.__all__:
        assert hasattr(claimledger, name), name


def test_exported_members_cover_models_and_errors() -> None:
    public = set(claimledger.__all__)
    for module in (errors, models):
        for name in module.__all__:
            if name[0].isupper() and not name.isupper():
                assert name in public, f"{module.__name__}.{name} is not exported"
    assert "read" in public and "open_ledger" in public
