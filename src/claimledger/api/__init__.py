"""The REST API (``/api/v1``): see :func:`create_app`."""

from __future__ import annotations

from claimledger.api.app import create_app

__all__ = ["create_app"]
