"""``claimledger serve``: the REST API and the web app over one ledger, in one process."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option, setting_help
from claimledger.settings import API_TOKEN


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token",
    envvar=API_TOKEN.env,
    default=None,
    help=setting_help(API_TOKEN),
)
def command(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the ledger DB: the REST API under /api/v1 (OpenAPI at /openapi.json) and the web app at /."""
    from claimledger.server import serve

    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    click.echo(f"claimledger: serving {db} at http://{shown}:{port}/  (API: http://{shown}:{port}/api/v1/)")
    if not token:
        click.echo("claimledger: no --token: the API is read-only (POST /api/v1/documents is refused)")
    serve(db, host=host, port=port, token=token or None)
