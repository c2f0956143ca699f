"""The web app: pages rendered from the ledger (see :mod:`claimledger.web.views`)."""

from __future__ import annotations

from claimledger.web.views import create_web

__all__ = ["create_web"]
