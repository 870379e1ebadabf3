"""The ``newsprism`` command line. Commands are thin wrappers over library functions; each
lives in ``newsprism.serve.commands`` and registers itself on ``app``."""

from __future__ import annotations

import sys

import typer

from newsprism.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsprismError,
    NotFound,
    StoreError,
)
from newsprism.serve import console
from newsprism.serve.commands import register_all

app = typer.Typer(
    name="newsprism",
    help="Line up what many outlets say about the same events: ingest reports, group them "
         "into stories, and see per claim who states it, attributes it, hedges it or omits it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
register_all(app)

_EXIT_FOR: tuple[tuple[type[NewsprismError], int], ...] = (
    (NotFound, console.EXIT_NOT_FOUND),
    (StoreError, console.EXIT_STORE),
    (ConfigError, console.EXIT_CONFIG),
    (ModelError, console.EXIT_MODEL),
    (InputError, console.EXIT_INPUT_FAILED),
)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning the project's errors into a message and exit code."""
    try:
        rc = app(args=argv, standalone_mode=False)
    except NewsprismError as exc:
        console.err.print(f"newsprism: {exc}", markup=False)
        return next((code for cls, code in _EXIT_FOR if isinstance(exc, cls)), 1)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except KeyboardInterrupt:
        console.err.print("newsprism: interrupted; everything stored so far is kept")
        return console.EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except typer.Abort:
        return console.EXIT_INTERRUPTED
    except typer.TyperException as exc:  # usage errors: bad option, missing argument, ...
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            console.err.print(f"newsprism: {exc}", markup=False)
        return int(getattr(exc, "exit_code", console.EXIT_USAGE))
    return rc if isinstance(rc, int) else 0


def run() -> None:
    sys.exit(main())
