"""MiniLM under ONNX Runtime (`--embedder onnx`): exported once from the torch encoder, then reused.

On one core ONNX Runtime embeds news sentences about 15 % faster than torch, with vectors within
4e-7 of torch's (docs/benchmarks.md, `benchmarks/onnx_backend.py`). Nothing is downloaded: the
export is made locally from the model package's weights on first use and kept in the checker's
cache folder, named by the digest of the weights, the torch version and the opset, so a new model
or exporter makes a new file. int8 quantization is faster still but moves vectors enough to
change topics, so it is not offered.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from checker.embed.base import Vectors
from checker.embed.minilm import MiniLM, in_batches
from checker.errors import ModelError

OPSET = 17
INPUTS = ("ids", "mask", "types")
DIGEST_CHARS = 16
ORT_QUIET = 3  # ONNX Runtime's log level "error": its optimisation notes would pollute stderr
TEMPORARY_PREFIX = ".minilm-"
ABANDONED_AFTER_S = 3600  # an export takes seconds
INSTALL = "pip install onnxruntime==1.32.0 onnx==1.23.2"


class OnnxMiniLM:
    """The same tokenizer and batches as `MiniLM`, the forward pass in ONNX Runtime on one thread."""

    def __init__(self, path: Path, model: MiniLM) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        # Chunks already run side by side, one per core (checker.embed.background).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = ORT_QUIET
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = model.tokenizer
        self.dimensions = model.dimensions

    def encode(self, texts: list[str]) -> Vectors:
        return in_batches(texts, self.dimensions, self._forward)

    def _forward(self, texts: list[str]) -> Vectors:
        encodings = self.tokenizer.encode_batch(texts)
        columns = ([e.ids for e in encodings], [e.attention_mask for e in encodings], [e.type_ids for e in encodings])
        feed = {name: np.array(column, dtype=np.int64) for name, column in zip(INPUTS, columns, strict=True)}
        return np.asarray(self.session.run(None, feed)[0], dtype=np.float32)


def load_onnx(model_dir: Path, folder: Path) -> OnnxMiniLM:
    """The ONNX encoder, exporting the model into `folder` first if no export of these weights is there."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        raise ModelError(f"--embedder onnx needs ONNX Runtime, which is not installed: {INSTALL}") from None
    model = MiniLM(model_dir)
    path = folder / f"minilm-{_digest(model_dir)}.onnx"
    if path.is_file():
        try:
            return OnnxMiniLM(path, model)
        except Exception:  # ONNX Runtime's load errors derive from Exception alone
            path.unlink(missing_ok=True)  # a damaged export (a full disk, a stray edit): make it again
    _export(model, path)
    try:
        return OnnxMiniLM(path, model)
    except Exception as error:  # as above
        raise ModelError(f"ONNX Runtime cannot load {path} ({error}); use --embedder torch.") from None


def _digest(model_dir: Path) -> str:
    import torch

    digest = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    digest.update(f"torch {torch.__version__} opset {OPSET}".encode())
    return digest.hexdigest()[:DIGEST_CHARS]


def _export(model: MiniLM, path: Path) -> None:
    """Write the export next to `path` and move it into place, so that a crash leaves no half file."""
    try:
        import onnx  # noqa: F401  (torch's exporter needs it)
    except ImportError:
        raise ModelError(f"--embedder onnx exports the model once and needs onnx for it: {INSTALL}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(path.parent)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY_PREFIX, suffix=".onnx")
        os.close(handle)
    except OSError as error:
        raise ModelError(f"cannot write the ONNX export to {path.parent} ({error.strerror}).") from None
    try:
        _run_exporter(model, Path(temporary))
        os.replace(temporary, path)
    except (RuntimeError, ValueError, OSError) as error:
        raise ModelError(f"exporting MiniLM to ONNX failed ({error}); use --embedder torch.") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _remove_abandoned(folder: Path) -> None:
    """Half-written exports of runs that were killed; one still being written is younger."""
    for stale in folder.glob(f"{TEMPORARY_PREFIX}*.onnx"):
        if time.time() - stale.stat().st_mtime > ABANDONED_AFTER_S:
            stale.unlink(missing_ok=True)


def _run_exporter(model: MiniLM, path: Path) -> None:
    import torch

    class Forward(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # Registered, the weights become initializers of the graph rather than inline constants.
            for number, weight in enumerate(model.weights.values()):
                self.register_buffer(f"weight_{number}", weight)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> Any:
            return model.pooled(ids, mask, types)

    example = tuple(torch.ones((2, 7), dtype=torch.int64) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's deprecation and tracer notes are not the user's concern
        torch.onnx.export(
            Forward(), example, str(path), input_names=list(INPUTS), output_names=["vectors"],
            dynamic_axes=axes, opset_version=OPSET, dynamo=False,
        )  # fmt: skip
