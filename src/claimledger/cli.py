"""The ``claimledger`` command line: each command parses its arguments, calls one library
function and formats the result.  Nothing else lives here.
"""

from __future__ import annotations

import importlib
import sys

import click

from claimledger.errors import ClaimledgerError

# `claimledger eval NAME`: one command module per scorer, each defining a click command named
# `command` that prints what a pure scorer in claimledger.evaluate returns (imported lazily so
# `claimledger --help` stays fast).
EVAL_COMMANDS: dict[str, str] = {
    "polnear": "claimledger.commands.eval_polnear",
    "seed": "claimledger.commands.eval_seed",
    "figures": "claimledger.commands.eval_figures",
    "time": "claimledger.commands.eval_time",
    "places": "claimledger.commands.eval_places",
    "html": "claimledger.commands.eval_html",
    "stories": "claimledger.commands.eval_stories",
    "events": "claimledger.commands.eval_events",
}

# Top-level commands defined in their own modules (lazily imported).
COMMANDS: dict[str, str] = {
    "ingest": "claimledger.commands.ingest",
    "claims": "claimledger.commands.claims",
    "sources": "claimledger.commands.sources",
    "show": "claimledger.commands.show",
    "export": "claimledger.commands.export",
    "annotate": "claimledger.commands.annotate",
    "sql": "claimledger.commands.sql",
    "demo": "claimledger.commands.demo",
    "serve": "claimledger.commands.serve",
    "stories": "claimledger.commands.stories",
    "reconcile": "claimledger.commands.reconcile",
    "events": "claimledger.commands.events",
    "conflicts": "claimledger.commands.conflicts",
    "timeline": "claimledger.commands.timeline",
    "settings": "claimledger.commands.settings",
}


class LazyGroup(click.Group):
    """A click group whose subcommands live in modules imported on first use."""

    def __init__(self, *args: object, lazy: dict[str, str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            try:
                module = importlib.import_module(self.lazy[cmd_name])
            except ModuleNotFoundError as exc:
                if not (exc.name and exc.name.startswith("claimledger")):
                    raise
                return _unavailable(cmd_name)
            return module.command  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


def _unavailable(name: str) -> click.Command:
    def run() -> None:
        raise click.ClickException(f"'{name}' is not available in this build")

    return click.Command(name, callback=run, help="(not available in this build)")


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.version_option(package_name="claimledger")
def cli() -> None:
    """claimledger: read news and build a ledger of sourced claims."""


@cli.group(name="eval", cls=LazyGroup, lazy=EVAL_COMMANDS)
def eval_group() -> None:
    """Reproducible accuracy figures on public annotated data (../shared/data)."""


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: runs the CLI, turning our errors into clean messages."""
    try:
        rv = cli.main(args=argv, prog_name="claimledger", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except ClaimledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except BrokenPipeError:
        return 0
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
