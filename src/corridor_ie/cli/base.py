"""What every command shares: one-line errors (exit 2 for bad usage, never a traceback), the exit codes,
options used by several commands, and the app factory.

Example:
    >>> app = new_app()
    >>> app.info.name
    'corridor-ie'
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from typer import Abort
from typer.core import TyperGroup

try:  # typer >= 0.2x vendors click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer on real click
    from click.exceptions import ClickException, UsageError

from corridor_ie import __version__
from corridor_ie.errors import CorridorError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

PipelineOpt = Annotated[Path | None, typer.Option("--pipeline", "-p", help="Pipeline file (TOML).")]
GazetteersOpt = Annotated[list[Path] | None, typer.Option(
    "--gazetteers", "-g", help="Gazetteer folder or file to use instead of the pipeline's (repeatable).")]


def gazetteer_paths(paths: list[Path] | None) -> list[Path] | None:
    """The ``--gazetteers`` override (None when not given)."""
    return list(paths) if paths else None


class OneLineErrors(TyperGroup):
    """Usage errors as one line (``corridor-ie: error: …``, exit 2) instead of click's usage block;
    library errors that escape a command likewise, never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                              standalone_mode=False, **extra)
        except UsageError as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # bare command: show its help
                typer.echo(e.format_message())
                return self._finish(EXIT_OK, standalone_mode)
            where = e.ctx.command_path if e.ctx else "corridor-ie"
            typer.echo(f"corridor-ie: error: {e.format_message()} (see '{where} --help')", err=True)
            rv = EXIT_USAGE
        except CorridorError as e:
            typer.echo(f"corridor-ie: error: {e}", err=True)
            rv = EXIT_USAGE
        except Abort:
            typer.echo("corridor-ie: interrupted", err=True)
            rv = EXIT_INTERRUPTED
        except ClickException as e:
            typer.echo(f"corridor-ie: error: {e.format_message()}", err=True)
            rv = e.exit_code
        return self._finish(rv if isinstance(rv, int) else EXIT_OK, standalone_mode)

    @staticmethod
    def _finish(code: int, standalone_mode: bool) -> int:
        if standalone_mode:
            sys.exit(code)
        return code


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``corridor-ie: error: MESSAGE`` on stderr; return the ``typer.Exit`` to raise."""
    typer.echo(f"corridor-ie: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def one_line_warnings() -> Iterator[None]:
    """While the block runs, print corridor-ie's own warnings (an unknown ``schema_version``, …) as
    ``corridor-ie: warning: …`` lines on stderr; other libraries' warnings go where they went before."""
    previous = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if category.__module__.startswith("corridor_ie"):
            typer.echo(f"corridor-ie: warning: {message}", err=True)
        else:
            previous(message, category, filename, lineno, file, line)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield


def _version(value: bool) -> None:
    if value:
        typer.echo(f"corridor-ie {__version__}")
        raise typer.Exit()


def sub_app(name: str, help: str) -> typer.Typer:
    """A command group (``corridor-ie NAME …``) that shows its help when called bare."""
    return typer.Typer(name=name, help=help, no_args_is_help=True, add_completion=False, rich_markup_mode=None)


def new_app() -> typer.Typer:
    """The ``corridor-ie`` app with its global options and no commands yet."""
    app = typer.Typer(
        name="corridor-ie",
        cls=OneLineErrors,
        help="Evidence-backed records of Vietnam–China subnational cooperation from news articles.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    @app.callback()
    def main_callback(
        version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                              help="Print the version and exit.")] = False,
    ) -> None:
        """Evidence-backed records of Vietnam–China subnational cooperation from news articles."""

    return app
