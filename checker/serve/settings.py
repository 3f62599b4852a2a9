"""How a server checks: the config file's defaults, the embedding cache, its limits and its token.

Light on purpose: `checker --help` shows these defaults without loading FastAPI or the models.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from checker.config import Options, resolve_options
from checker.errors import UsageError

DEFAULT_HOST = "127.0.0.1"  # loopback: other machines reach the server only when told to
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 1  # a check already embeds on every core; more workers overlap one's parse with another's embedding
DEFAULT_QUEUE = 8  # requests that may wait for a worker before the server answers 503
# A draft checks in under a second; a body at the size limit in about 15 s on two idle cores, so
# the time limit leaves room for a busy machine (docs/benchmarks.md, checker serve).
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_BYTES = 256 * 1024  # about 40,000 words (127 FNC-1 bodies): many times a long feature


@dataclass(frozen=True)
class Settings:
    options: Options = dataclasses.field(default_factory=Options)
    cache: Path | None = None
    workers: int = DEFAULT_WORKERS
    queue: int = DEFAULT_QUEUE
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_bytes: int = DEFAULT_MAX_BYTES
    token: str | None = None
    archive: Path | None = None  # every request's documents are drafts checked against this archive


def server_options(config: Path | None, directory: Path, embedder: str | None) -> Options:
    """The defaults of every request: the config file `checker check` would read in `directory`."""
    options = resolve_options({"embedder": embedder}, config, directory)
    if options.nli_model is not None:
        raise UsageError(
            f"checker serve does not run the nli rule (the config file sets nli_model = {options.nli_model}); "
            "give --config a file without it."
        )
    return options


def read_token(path: Path) -> str:
    """The bearer token: the file's content without surrounding whitespace (a final newline, say)."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such token file.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the token file ({error}).") from None
    if not token or any(c.isspace() for c in token):
        raise UsageError(f"{path}: the token file must hold one token, without spaces.")
    return token
