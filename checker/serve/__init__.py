"""`checker serve`: the check as an HTTP service (FastAPI on uvicorn), models loaded once per process.

`serve` is the command and `Settings` what it runs with; `create_app(settings)` builds the ASGI app.
FastAPI and the models load only when an app is created, so `checker --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.serve.command import serve
from checker.serve.settings import Settings

if TYPE_CHECKING:
    from checker.serve.app import create_app

__all__ = ["Settings", "create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from checker.serve.app import create_app

        return create_app
    raise AttributeError(f"module 'checker.serve' has no attribute {name!r}")
