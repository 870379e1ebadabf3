"""``newsprism serve``: the REST API and web UI over a store."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from newsprism.config import db_path_from_env
from newsprism.errors import ConfigError
from newsprism.serve import console

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750
# A token shorter than this is too easy to guess for an endpoint that writes to the store.
MIN_TOKEN_CHARS = 16


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        db: console.DbOption = None,
        host: Annotated[str, typer.Option(help="Address to listen on. Keep the loopback "
                                               "default unless you mean to expose it.")
                        ] = DEFAULT_HOST,
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = DEFAULT_PORT,
        token: Annotated[str | None, typer.Option(
            "--token", envvar="NEWSPRISM_TOKEN", show_envvar=True,
            help="Enable POST /api/v1/ingest for clients sending 'Authorization: Bearer "
                 "TOKEN'. Without it the server only reads the store.")] = None,
    ) -> None:
        """Serve the REST API (/api/v1, schema at /openapi.json) and the web UI."""
        import uvicorn

        from newsprism.serve.app import create_app
        from newsprism.serve.security import is_loopback

        if token is not None and len(token) < MIN_TOKEN_CHARS:
            raise ConfigError(f"the ingest token must be at least {MIN_TOKEN_CHARS} "
                              "characters; generate one with `python -c \"import secrets; "
                              "print(secrets.token_urlsafe(32))\"`")
        path = db_path_from_env(db)
        app = create_app(path, token=token, host=host)
        if not is_loopback(host):
            console.err.print(f"warning: listening on {host}, not loopback: anyone who can "
                              "reach this address can read the store"
                              + (" and, with the token, write to it (no TLS)" if token
                                 else ""), markup=False)
        shown = f"[{host}]" if ":" in host else host
        console.err.print(f"newsprism: serving {path} on http://{shown}:{port}/ "
                          f"(ingest {'on' if token else 'off'}; Ctrl-C stops)", markup=False,
                          soft_wrap=True)
        uvicorn.run(app, host=host, port=port, log_level=os.environ.get(
            "NEWSPRISM_LOG_LEVEL", "warning"), server_header=False, proxy_headers=False)
