"""`checker --help` and `checker rules` start instantly: they must not import the model stacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ["torch", "spacy", "sentence_transformers", "transformers", "scipy", "fastapi", "uvicorn"]
PROBE = """
import json, sys
from typer.testing import CliRunner
from checker.cli import app
result = CliRunner().invoke(app, {args!r})
print(json.dumps({{"code": result.exit_code, "loaded": [m for m in {heavy!r} if m in sys.modules]}}))
"""


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["check", "--help"], ["schema"], ["serve", "--help"]])
def test_light_commands_import_no_model_stack(args: list[str]) -> None:
    probe = PROBE.format(args=args, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome == {"code": 0, "loaded": []}
