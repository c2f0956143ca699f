"""Options and helpers shared by the CLI commands.  An option that mirrors a setting takes its
default, variable and help from :mod:`claimledger.settings`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from claimledger.settings import ATTRIBUTION, DB, Setting

if TYPE_CHECKING:
    from claimledger.ledger import Ledger


def setting_help(setting: Setting[Any], extra: str = "") -> str:
    """An option's help text: the setting's help, what else the option does, and its variable.

    Args:
        setting: the setting the option mirrors.
        extra: more words for this option only.
    """
    return " ".join(p for p in (setting.help, extra, f"[setting {setting.name}, ${setting.env}]") if p)


db_option = click.option(
    "--db",
    "db",
    default=DB.default,
    show_default=True,
    envvar=DB.env,
    help=setting_help(DB),
)

# No envvar: the pipeline reads the setting itself when the option is not given (so the library
# and the CLI agree on what "automatic" means).
attribution_option = click.option(
    "--attribution",
    type=click.Choice(ATTRIBUTION.choices),
    default=None,
    help=setting_help(ATTRIBUTION),
)


def open_for_reading(db: str) -> Ledger:
    """Open the ledger read-only; a ledger from an older claimledger is upgraded first (once)."""
    from claimledger.errors import SchemaError
    from claimledger.ledger import open_ledger

    try:
        return open_ledger(db, read_only=True)
    except SchemaError as exc:
        if "newer claimledger" in exc.message:
            raise
    with open_ledger(db) as ledger:  # applies the pending migrations
        click.echo(f"upgraded {db} to ledger schema {ledger.schema_version}", err=True)
    return open_ledger(db, read_only=True)
